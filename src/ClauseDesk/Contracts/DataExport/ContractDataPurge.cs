using System.Text.Json;
using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Data.Audit;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk;

/// <summary>
/// Purges a customer's data once the 90 days after a contract's end have passed (seed 001 art. 29.2),
/// on the day <see cref="ContractTerm"/> derives and never before, once per contract (a unique record
/// says it ran). Several servers take turns through a lease. What goes and what stays, and why:
/// docs/decisions/0015-indexation-fees-and-data-purge.md.
/// </summary>
public sealed class ContractDataPurge(IServiceProvider services, TimeProvider clock, ILogger<ContractDataPurge> log) : BackgroundService
{
    public const string LeaseName = "contract-data-purge";
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private static readonly string Holder = JobLeases.NewHolder();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(services, clock.GetUtcNow(), Holder, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The data purge failed; it runs again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round, if this holder gets the lease. Returns the contracts purged.</summary>
    public static async Task<int> RunOnceAsync(IServiceProvider services, DateTimeOffset now, string holder, CancellationToken cancellation)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        db.Scope.Actor = Actor.System;
        db.Scope.Clock = new FixedClock(now);
        if (!await JobLeases.TakeAsync(db, LeaseName, holder, now, Interval * 2, cancellation))
        {
            return 0;
        }

        // Across tenants: only ended contracts can be due, and each is purged once.
        var purged = db.DataPurges.IgnoreQueryFilters().Select(p => p.ContractId);
        var candidates = await db.Contracts.IgnoreQueryFilters()
            .Where(c => c.RenewalStoppedOn != null && c.StartDate != null && !purged.Contains(c.Id))
            .Select(c => new { c.Id, c.TenantId })
            .ToListAsync(cancellation);
        var zones = await db.Tenants.Select(t => new { t.Id, t.TimeZone }).ToDictionaryAsync(t => t.Id, t => t.TimeZone, cancellation);

        var count = 0;
        foreach (var candidate in candidates)
        {
            db.ChangeTracker.Clear();
            db.Scope.TenantId = candidate.TenantId;
            var contract = await db.Contracts.FirstAsync(c => c.Id == candidate.Id, cancellation);
            var today = Instant.FromDateTimeOffset(now).InZone(Tenant.ZoneOf(zones.GetValueOrDefault(candidate.TenantId))).Date;
            if (DueOn(contract, today) is not { } due)
            {
                continue;
            }

            try
            {
                await PurgeAsync(db, contract, due, today, now, cancellation);
                count++;
            }
            catch (DbUpdateException)
            {
                // Another server recorded this purge first: nothing of this round was saved.
                db.ChangeTracker.Clear();
            }
        }

        return count;
    }

    /// <summary>The purge day when it has come on <paramref name="today"/>; null before it or while the contract renews.</summary>
    private static LocalDate? DueOn(ServiceContract contract, LocalDate today)
    {
        var term = contract.Term();
        var dates = term?.DatesOn(today);
        return dates is { Ended: true, DataPurge: { } purge } && purge.Value <= today ? purge.Value : null;
    }

    private static async Task PurgeAsync(DeskDbContext db, ServiceContract contract, LocalDate due, LocalDate today, DateTimeOffset now, CancellationToken cancellation)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var ticketIds = await db.Tickets.Where(t => t.ContractId == contract.Id).Select(t => t.Id).ToListAsync(cancellation);
        var messageIds = await db.Messages.Where(m => ticketIds.Contains(m.TicketId)).Select(m => m.Id).ToListAsync(cancellation);
        var attachmentIds = await db.Attachments.Where(a => ticketIds.Contains(a.TicketId)).Select(a => a.Id).ToListAsync(cancellation);
        var chains = new List<RemovedChain>();
        chains.AddRange(await ChainsAsync(db, nameof(Ticket), ticketIds, cancellation));
        chains.AddRange(await ChainsAsync(db, nameof(TicketMessage), messageIds, cancellation));
        chains.AddRange(await ChainsAsync(db, nameof(Attachment), attachmentIds, cancellation));

        var contractKey = $"contract:{contract.Id:N}:";
        var outbox = await db.Outbox.Where(o => (o.TicketId != null && ticketIds.Contains(o.TicketId.Value)) || o.DedupKey.StartsWith(contractKey)).ExecuteDeleteAsync(cancellation);
        var mails = await db.InboundMails.Where(m => m.TicketId != null && ticketIds.Contains(m.TicketId.Value)).ExecuteDeleteAsync(cancellation);
        await db.Attachments.Where(a => ticketIds.Contains(a.TicketId)).ExecuteDeleteAsync(cancellation);
        await db.Messages.Where(m => ticketIds.Contains(m.TicketId)).ExecuteDeleteAsync(cancellation);
        // Time logged on the tickets goes with them; what was invoiced stays in the issued invoices.
        await db.TimeEntries.Where(t => ticketIds.Contains(t.TicketId)).ExecuteDeleteAsync(cancellation);
        await db.Tickets.Where(t => ticketIds.Contains(t.Id)).ExecuteDeleteAsync(cancellation);

        // The people go with the organisation's last contract: while another contract runs, or its
        // tickets are still kept, they are still the customer's contacts.
        var people = new List<Guid>();
        var others = await db.Contracts.Where(c => c.OrganisationId == contract.OrganisationId && c.Id != contract.Id).ToListAsync(cancellation);
        if (others.All(c => DueOn(c, today) is not null) && !await db.Tickets.AnyAsync(t => t.OrganisationId == contract.OrganisationId, cancellation))
        {
            people = await db.People.Where(p => p.OrganisationId == contract.OrganisationId).Select(p => p.Id).ToListAsync(cancellation);
            chains.AddRange(await ChainsAsync(db, nameof(Person), people, cancellation));
            var tokens = await db.ApiTokens.Where(t => people.Contains(t.PersonId)).Select(t => t.Id).ToListAsync(cancellation);
            chains.AddRange(await ChainsAsync(db, nameof(ApiToken), tokens, cancellation));
            var rights = await db.ContractRights.Where(r => people.Contains(r.PersonId)).Select(r => r.Id).ToListAsync(cancellation);
            chains.AddRange(await ChainsAsync(db, nameof(ContractRight), rights, cancellation));
            await db.ContractRights.Where(r => people.Contains(r.PersonId)).ExecuteDeleteAsync(cancellation);
            await db.ApiTokens.Where(t => people.Contains(t.PersonId)).ExecuteDeleteAsync(cancellation);
            await db.IdempotencyRecords.Where(r => people.Contains(r.PersonId)).ExecuteDeleteAsync(cancellation);
            await db.People.Where(p => people.Contains(p.Id)).ExecuteDeleteAsync(cancellation);
        }

        // Whole chains go: every chain left still verifies, and the last hash of each removed one is kept
        // below, so a copy made before the purge can still be checked against it.
        foreach (var group in chains.GroupBy(c => c.Type))
        {
            var ids = group.Select(c => c.Id).ToList();
            await db.AuditEntries.Where(a => a.EntityType == group.Key && ids.Contains(a.EntityId)).ExecuteDeleteAsync(cancellation);
        }

        var removed = JsonSerializer.Serialize(new
        {
            tickets = ticketIds.Count,
            messages = messageIds.Count,
            attachments = attachmentIds.Count,
            people = people.Count,
            outboxMessages = outbox,
            inboundMails = mails,
            auditChains = chains,
        }, JsonSerializerOptions.Web);
        var record = new DataPurgeRecord(contract.TenantId, contract.Id, contract.OrganisationId, due, now, removed);
        db.DataPurges.Add(record);
        await AppendPurgedAsync(db, contract, record, cancellation);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
    }

    /// <summary>The purge, on the contract's own audit chain: who (the system), when, what was removed.</summary>
    private static async Task AppendPurgedAsync(DeskDbContext db, ServiceContract contract, DataPurgeRecord record, CancellationToken cancellation)
    {
        var last = await db.AuditEntries.Where(a => a.EntityType == nameof(ServiceContract) && a.EntityId == contract.Id)
            .OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellation);
        var entry = new AuditEntry
        {
            TenantId = contract.TenantId,
            EntityType = nameof(ServiceContract),
            EntityId = contract.Id,
            Sequence = (last?.Sequence ?? 0) + 1,
            Action = "purged",
            ActorId = Actor.System.Id,
            ActorName = Actor.System.Name,
            At = new DateTimeOffset(record.RanAt.UtcTicks - (record.RanAt.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
            After = JsonSerializer.Serialize(new SortedDictionary<string, string?>(StringComparer.Ordinal) { ["dataPurge"] = record.Id.ToString(), ["dueOn"] = $"{record.DueOn:yyyy-MM-dd}", ["removed"] = record.RemovedJson }),
            PreviousHash = last?.Hash ?? "",
        };
        entry.Hash = AuditTrail.HashOf(entry);
        db.AuditEntries.Add(entry);
    }

    private static async Task<List<RemovedChain>> ChainsAsync(DeskDbContext db, string type, List<Guid> ids, CancellationToken cancellation)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var entries = await db.AuditEntries.Where(a => a.EntityType == type && ids.Contains(a.EntityId))
            .Select(a => new { a.EntityId, a.Sequence, a.Hash }).ToListAsync(cancellation);
        return [.. entries.GroupBy(e => e.EntityId).Select(g => g.OrderByDescending(e => e.Sequence).First()).Select(e => new RemovedChain(type, e.EntityId, e.Sequence, e.Hash))];
    }

    public sealed record RemovedChain(string Type, Guid Id, int Entries, string LastHash);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

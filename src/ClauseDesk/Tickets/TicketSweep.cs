using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Maintenance;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Tickets;

/// <summary>
/// The desk's background round: escalates tickets at each breach (seed 001 art. 39.4.1) and closes
/// tickets whose question went unanswered for the contract's working days (seed 003, seed 004 §6).
/// Each ticket's change and its notifications are saved in one transaction, so a restart neither
/// repeats nor skips one; several servers take turns through a lease in the database.
/// </summary>
public sealed class TicketSweep(IServiceProvider services, TimeProvider clock, ILogger<TicketSweep> log) : BackgroundService
{
    public const string LeaseName = "ticket-sweep";
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
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
                log.LogError(e, "The ticket sweep failed; it runs again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round, if this holder gets the lease. Returns how many tickets changed.</summary>
    public static async Task<int> RunOnceAsync(IServiceProvider services, DateTimeOffset now, string holder, CancellationToken cancellation)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        db.Scope.Actor = Actor.System;
        if (!await JobLeases.TakeAsync(db, LeaseName, holder, now, Interval * 2, cancellation))
        {
            return 0;
        }

        // Across tenants: the one place the tenant filter is lifted, then set per ticket below.
        var candidates = await db.Tickets.IgnoreQueryFilters()
            .Where(t => t.IsOpen
                && ((t.NextDueAt != null && t.NextDueAt <= now && t.EscalationTier < 3) || t.Status == TicketStatus.WaitingOnCustomer))
            .Select(t => t.Id)
            .ToListAsync(cancellation);

        var changed = 0;
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var renewed = clock.GetUtcNow();
        foreach (var id in candidates)
        {
            db.ChangeTracker.Clear();
            if (clock.GetUtcNow() - renewed > Interval / 2)
            {
                // A long round keeps its lease, or stops as soon as another server holds it.
                renewed = clock.GetUtcNow();
                if (!await JobLeases.TakeAsync(db, LeaseName, holder, renewed, Interval * 2, cancellation))
                {
                    break;
                }
            }

            db.Scope.TenantId = await db.Tickets.IgnoreQueryFilters().Where(t => t.Id == id).Select(t => t.TenantId).FirstAsync(cancellation);
            var ticket = await db.Tickets.FirstAsync(t => t.Id == id, cancellation);
            var contract = await db.Contracts.FirstAsync(c => c.Id == ticket.ContractId, cancellation);
            if (!contract.Active)
            {
                // A deactivated or replaced contract stops escalating (Zammad #4353).
                continue;
            }

            await MaintenanceExclusions.ApplyAsync(db, [contract], cancellation);
            var policy = contract.Policy();
            var version = ticket.Version;
            var tier = ticket.EscalationTier;
            ticket.AutoCloseIfDue(policy.Calendar, policy.AutoCloseWorkingDays, now);
            ticket.Refresh(policy, contract.Fees(), now);
            if (ticket.Version == version && ticket.EscalationTier == tier)
            {
                continue;
            }

            await TicketAccess.QueueNoticesAsync(db, ticket, contract, now, cancellation);
            try
            {
                await db.SaveChangesAsync(cancellation);
                changed++;
            }
            catch (DbUpdateException)
            {
                // Someone changed the ticket meanwhile, or another server already queued the notice:
                // nothing of this ticket was saved; the next round looks again.
            }
        }

        await RemindOfClaimDeadlinesAsync(db, now, cancellation);

        // The contracts' reminders ride on the same lease: one server writes them, once.
        db.ChangeTracker.Clear();
        await ContractReminders.QueueDueAsync(db, now, cancellation);
        return changed;
    }

    /// <summary>
    /// Writes the reminder of the last day to claim a penalty (seed 001 art. 40.4) for the tickets told
    /// of a breach in the last <see cref="ClaimWindow"/> and not yet reminded; the ticket decides
    /// whether the day has come. The outbox's key keeps it to one per ticket.
    /// </summary>
    private static async Task RemindOfClaimDeadlinesAsync(DeskDbContext db, DateTimeOffset now, CancellationToken cancellation)
    {
        db.ChangeTracker.Clear();
        var since = now - ClaimWindow;
        var breached = await db.Outbox.IgnoreQueryFilters()
            .Where(o => o.Kind == "sla-breached" && o.TicketId != null && o.CreatedAt >= since
                && !db.Outbox.IgnoreQueryFilters().Any(r => r.TicketId == o.TicketId && r.Kind == "penalty-claim-deadline"))
            .Select(o => o.TicketId!.Value)
            .Distinct()
            .ToListAsync(cancellation);

        foreach (var id in breached)
        {
            db.ChangeTracker.Clear();
            db.Scope.TenantId = await db.Tickets.IgnoreQueryFilters().Where(t => t.Id == id).Select(t => t.TenantId).FirstAsync(cancellation);
            var ticket = await db.Tickets.FirstAsync(t => t.Id == id, cancellation);
            var contract = await db.Contracts.FirstAsync(c => c.Id == ticket.ContractId, cancellation);
            await MaintenanceExclusions.ApplyAsync(db, [contract], cancellation);
            if (!ticket.RemindOfClaimDeadline(contract.Policy(), contract.Fees(), now))
            {
                continue;
            }

            await TicketAccess.QueueNoticesAsync(db, ticket, contract, now, cancellation);
            try
            {
                await db.SaveChangesAsync(cancellation);
            }
            catch (DbUpdateException)
            {
                // Another server already wrote it.
            }
        }
    }

    /// <summary>
    /// How far back a breach mail can lead to a reminder: the claim deadline is 7 days after the local
    /// date of the first breach (art. 40.4), and the breach mail is written when the breach is seen;
    /// 9 days covers the day boundary and a sweep that was down for a while.
    /// </summary>
    private static readonly TimeSpan ClaimWindow = TimeSpan.FromDays(9);
}

using ClauseDesk.Access;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk.Billing;

/// <summary>
/// Invoices the overage of every finished contract year at its anniversary (seed 002 art. 4.3: "éénmaal
/// per jaar … n.a.v. de verjaring"), through the same settlement as
/// <c>POST /api/contracts/{id}/usage/{year}/invoice</c>: once per contract and year, whoever comes first,
/// across restarts and servers. Several servers take turns through a lease; a year is settled on the
/// first round on or after its anniversary in the provider's time zone.
/// </summary>
public sealed class OverageSweep(IServiceProvider services, TimeProvider clock, ILogger<OverageSweep> log) : BackgroundService
{
    public const string LeaseName = "usage-overage-invoices";
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Who the invoices issued by the sweep name as their issuer.</summary>
    public const string IssuedBy = "ClauseDesk (overage at the anniversary)";

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
                log.LogError(e, "The overage invoicing failed; it runs again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round, if this holder gets the lease. Returns the invoices it issued.</summary>
    public static async Task<int> RunOnceAsync(IServiceProvider services, DateTimeOffset now, string holder, CancellationToken cancellation)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var gate = scope.ServiceProvider.GetRequiredService<WriteGate>();
        var log = scope.ServiceProvider.GetRequiredService<ILogger<OverageSweep>>();
        db.Scope.Actor = Actor.System;
        db.Scope.Clock = new FixedClock(now);
        if (!await JobLeases.TakeAsync(db, LeaseName, holder, now, Interval * 2, cancellation))
        {
            return 0;
        }

        // Across tenants: the contract years that counted units and are not settled yet. A year without
        // overage stays a candidate (a unit reported late can still bring one) and costs one count a round.
        var counted = await db.UsageUnits.IgnoreQueryFilters()
            .GroupBy(u => new { u.TenantId, u.ContractId, u.ContractYear })
            .Select(g => new { g.Key.TenantId, g.Key.ContractId, g.Key.ContractYear, Count = g.Count() })
            .ToListAsync(cancellation);
        var settled = (await db.UsageSettlements.IgnoreQueryFilters().Select(s => new { s.ContractId, s.ContractYear }).ToListAsync(cancellation))
            .Select(s => (s.ContractId, s.ContractYear)).ToHashSet();
        var zones = await db.Tenants.IgnoreQueryFilters().Select(t => new { t.Id, t.TimeZone }).ToDictionaryAsync(t => t.Id, t => t.TimeZone, cancellation);

        var issued = 0;
        foreach (var year in counted.Where(c => !settled.Contains((c.ContractId, c.ContractYear))).OrderBy(c => c.ContractId).ThenBy(c => c.ContractYear))
        {
            db.ChangeTracker.Clear();
            db.Scope.TenantId = year.TenantId;
            var contract = await db.Contracts.FirstOrDefaultAsync(c => c.Id == year.ContractId, cancellation);
            var billing = await db.ContractBilling.AsNoTracking().FirstOrDefaultAsync(b => b.ContractId == year.ContractId, cancellation);
            if (contract is null || billing is null || await MeteredVolume.MeterAsync(db, contract, billing, cancellation) is not { } meter)
            {
                continue;
            }

            var today = Instant.FromDateTimeOffset(now).InZone(Tenant.ZoneOf(zones.GetValueOrDefault(year.TenantId))).Date;
            if (today < meter.YearStart(year.ContractYear + 1) || year.Count <= meter.VolumeFor(year.ContractYear))
            {
                continue;
            }

            try
            {
                var result = await OverageInvoice.SettleAsync(db, gate, contract, meter, year.ContractYear, today, IssuedBy, now, cancellation);
                if (!result.Replay)
                {
                    issued++;
                    log.LogInformation("Invoiced the overage of contract year {Year} of contract {Contract}: {Invoice}", year.ContractYear + 1, contract.Id, result.View.Invoice);
                }
            }
            catch (DbUpdateException)
            {
                // A request or another server settled this year at the same moment: nothing of ours was saved.
            }
            catch (RequestException e)
            {
                // The provider's or the customer's invoicing details are missing: the next round tries again.
                log.LogWarning("The overage of contract year {Year} of contract {Contract} is not invoiced yet: {Field}: {Reason}", year.ContractYear + 1, contract.Id, e.Field, e.Message);
            }
        }

        return issued;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

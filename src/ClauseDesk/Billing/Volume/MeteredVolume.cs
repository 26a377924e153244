using ClauseDesk.Billing.Volume;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk.Billing;

/// <summary>
/// The contracted volume: units a year, the price of a unit beyond it, and (the first time, or while
/// nothing is counted) what is counted — the unit, its states in order and the first state that counts.
/// </summary>
public sealed record VolumeRequest(int? Volume, decimal? PricePerExtraUnit, string? Unit, IReadOnlyList<string>? States, string? CountingState);

public sealed record VolumeChangeView(string Kind, int Volume, string AskedOn, string AppliesFrom, WorkingView Working);

public sealed record WarningView(int Count, int Volume, WorkingView Working);

public sealed record OverageView(int Units, decimal Amount, bool YearOver, string? Invoice, WorkingView Working);

public sealed record UsageView(
    Guid ContractId, string Unit, IReadOnlyList<string> States, string CountingState, decimal PricePerExtraUnit,
    int ContractYear, string YearStart, string YearLastDay, string Anniversary, int Volume, int Counted, int WarnsAt, WarningView? Warning,
    OverageView Overage, string LowerBy, IReadOnlyList<VolumeChangeView> Changes);

/// <summary>
/// Metered volume (seed 002 art. 4, SPEC §5): the yearly volume, raised at once (art. 6.4), lowered only
/// from a renewal asked at least one month before it (art. 4.6); the year's count, warning and overage.
/// </summary>
public static class MeteredVolume
{
    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        var contracts = endpoints.MapGroup("/api/contracts").WithTags("Billing").RequireAuthorization();
        contracts.MapPut("/{id:guid}/volume", Set).WithSummary("Set the yearly volume and the price per unit beyond it: a raise applies at once (seed 002 art. 6.4); a lowering applies from the next renewal and is refused within the month before it (art. 4.6) (provider admin)");
        contracts.MapGet("/{id:guid}/usage", Get).WithSummary("The contract year's count, volume, 85 % warning and overage (?on=YYYY-MM-DD picks the year, default today), each with its working (staff, customer admin, contact person)");
    }

    /// <summary>The meter of a contract with its volumes restored; null when no volume is set.</summary>
    internal static async Task<VolumeMeter?> MeterAsync(DeskDbContext db, ServiceContract contract, ContractBilling billing, CancellationToken cancellation)
    {
        var changes = await db.VolumeChanges.AsNoTracking().Where(c => c.ContractId == contract.Id).OrderBy(c => c.Sequence).ToListAsync(cancellation);
        if (changes.Count == 0 || billing.Rule() is not { } rule || contract.StartDate is not { } start)
        {
            return null;
        }

        var meter = new VolumeMeter(UsageBilling.Day(start), changes[0].Volume, Money.Euros(billing.PricePerExtraUnit ?? 0m), rule);
        foreach (var change in changes.Skip(1))
        {
            meter.RestoreVolume(change.FromYear, change.Volume);
        }

        return meter;
    }

    /// <summary>Restores a contract year's count and warning from the units kept.</summary>
    internal static async Task RestoreYearAsync(DeskDbContext db, VolumeMeter meter, Guid contractId, int year, CancellationToken cancellation)
    {
        var count = await db.UsageUnits.Where(u => u.ContractId == contractId && u.ContractYear == year).CountAsync(cancellation);
        var warned = await db.UsageUnits.AsNoTracking().Where(u => u.ContractId == contractId && u.ContractYear == year && u.WarnedVolume != null)
            .Select(u => new { u.Ordinal, u.WarnedVolume }).FirstOrDefaultAsync(cancellation);
        meter.RestoreYear(year, count, warned is null ? null : (warned.Ordinal, warned.WarnedVolume!.Value));
    }

    internal static async Task<(ServiceContract Contract, ContractBilling Billing, VolumeMeter Meter)> LoadAsync(DeskDbContext db, CurrentUser user, Guid id, CancellationToken cancellation)
    {
        var contract = await UsageBilling.ContractAsync(db, user, id, cancellation);
        var billing = await db.ContractBilling.FirstOrDefaultAsync(b => b.ContractId == contract.Id, cancellation);
        var meter = billing is null ? null : await MeterAsync(db, contract, billing, cancellation);
        return meter is null
            ? throw new RequestException(StatusCodes.Status422UnprocessableEntity, "No volume", "volume", $"the contract has no volume yet: PUT /api/contracts/{contract.Id}/volume")
            : (contract, billing!, meter);
    }

    private static async Task<UsageView> Set(HttpContext http, DeskDbContext db, TimeProvider clock, WriteGate gate, Guid id, VolumeRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var contract = await UsageBilling.ContractAsync(db, user, id, cancellation);
        var start = contract.StartDate is { } s ? UsageBilling.Day(s)
            : throw new RequestException(StatusCodes.Status422UnprocessableEntity, "No term", "term", $"the volume is counted per contract year: set the contract's term first, PUT /api/contracts/{contract.Id}/term");
        var volume = request.Volume ?? throw RequestException.Invalid("volume", "units a year");
        if (volume is < 1 or > VolumeMeter.MaxVolume)
        {
            throw RequestException.Invalid("volume", $"1 to {VolumeMeter.MaxVolume} units a year");
        }

        var now = clock.GetUtcNow();
        var today = UsageBilling.Today(clock, await UsageBilling.ZoneAsync(db, user, cancellation));
        using var passage = await gate.EnterAsync(db, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var billing = await db.ContractBilling.FirstOrDefaultAsync(b => b.ContractId == contract.Id, cancellation);
        if (billing is null)
        {
            billing = new ContractBilling(contract.TenantId, contract.Id);
            db.ContractBilling.Add(billing);
            await db.SaveChangesAsync(cancellation);
        }

        await UsageBilling.TakeTurnAsync(db, contract.Id, cancellation);
        var changes = await db.VolumeChanges.AsNoTracking().Where(c => c.ContractId == contract.Id).OrderBy(c => c.Sequence).ToListAsync(cancellation);
        var ruleChanges = request.Unit is not null || request.States is not null || request.CountingState is not null;
        if (ruleChanges && await db.UsageUnits.AnyAsync(u => u.ContractId == contract.Id, cancellation))
        {
            throw new DeskRuleException("states", "units are already counted under the contract's counting rule: it cannot change");
        }

        billing.SetMetering(request.Unit, request.States, request.CountingState, request.PricePerExtraUnit ?? billing.PricePerExtraUnit
            ?? throw RequestException.Invalid("pricePerExtraUnit", "the price of a unit beyond the volume excl. VAT"), now);
        var askedOn = today < start ? start : today;
        if (changes.Count == 0)
        {
            var set = new Working("seed 002 art. 4.2", Working.Literal, [("volume", $"{volume} a year"), ("contract start", UsageBilling.Iso(start))], [$"{volume} {billing.VolumeUnit}s a contract year, from the first contract year on."]);
            db.VolumeChanges.Add(new VolumeChange(contract.TenantId, contract.Id, 1, "set", volume, UsageBilling.Day(askedOn), 0, UsageBilling.Keep(set), now));
        }
        else
        {
            var meter = (await MeterAsync(db, contract, billing, cancellation))!;
            var year = meter.ContractYearOf(askedOn);
            var current = meter.VolumeFor(year);
            Computed<int>? decided = null;
            var kind = volume > current ? "raise" : "lower";
            if (volume > current)
            {
                decided = meter.Raise(volume, askedOn);
            }
            else if (volume < current)
            {
                var anniversary = meter.YearStart(year + 1);
                var deadline = anniversary.PlusMonths(-1);
                if (askedOn > deadline)
                {
                    throw new DeskRuleException("volume", $"a lower volume applies only from a renewal, asked at least one month before it: the next renewal is {UsageBilling.Iso(anniversary)} and the last day to ask for it was {UsageBilling.Iso(deadline)}; the contract renews with {current} a year", "seed 002 art. 4.6");
                }

                decided = Checked(() => meter.Lower(volume, askedOn));
            }

            if (decided is not null)
            {
                db.VolumeChanges.Add(new VolumeChange(contract.TenantId, contract.Id, changes[^1].Sequence + 1, kind, volume, UsageBilling.Day(askedOn), decided.Value, UsageBilling.Keep(decided.Working), now));
            }
        }

        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return await ViewAsync(db, contract, billing, askedOn, today, cancellation);
    }

    private static async Task<UsageView> Get(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, DateOnly? on, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        UsageBilling.RequireContractReader(user);
        var (contract, billing, _) = await LoadAsync(db, user, id, cancellation);
        var today = UsageBilling.Today(clock, await UsageBilling.ZoneAsync(db, user, cancellation));
        var start = UsageBilling.Day(contract.StartDate!.Value);
        var day = on is { } d ? UsageBilling.Day(d) : today;
        return await ViewAsync(db, contract, billing, day < start ? start : day, today, cancellation);
    }

    private static async Task<UsageView> ViewAsync(DeskDbContext db, ServiceContract contract, ContractBilling billing, LocalDate day, LocalDate today, CancellationToken cancellation)
    {
        var meter = (await MeterAsync(db, contract, billing, cancellation))!;
        var year = meter.ContractYearOf(day);
        await RestoreYearAsync(db, meter, contract.Id, year, cancellation);
        var anniversary = meter.YearStart(year + 1);
        var volume = meter.VolumeFor(year);
        // Before the anniversary the overage is what the count gives so far; it is settled at the anniversary.
        var overage = meter.Overage(year, today < anniversary ? anniversary : today);
        var settled = await db.UsageSettlements.AsNoTracking().Where(s => s.ContractId == contract.Id && s.ContractYear == year).Select(s => s.InvoiceNumber).FirstOrDefaultAsync(cancellation);
        var changes = await db.VolumeChanges.AsNoTracking().Where(c => c.ContractId == contract.Id).OrderBy(c => c.Sequence).ToListAsync(cancellation);
        var warning = meter.Warnings.FirstOrDefault(w => w.ContractYear == year);
        var rule = meter.Rule;
        return new UsageView(
            contract.Id, rule.Unit, rule.States, rule.CountingState, meter.PricePerExtraUnit.Amount,
            year + 1, UsageBilling.Iso(meter.YearStart(year)), UsageBilling.Iso(anniversary.PlusDays(-1)), UsageBilling.Iso(anniversary), volume, meter.CountIn(year),
            (int)Math.Ceiling(volume * VolumeMeter.WarningPercent / 100m),
            warning is null ? null : new WarningView(warning.Count, warning.Volume, WorkingView.Of(warning.Working)),
            new OverageView(Math.Max(0, meter.CountIn(year) - volume), overage.Value.Amount, today >= anniversary, settled, WorkingView.Of(overage.Working)),
            UsageBilling.Iso(anniversary.PlusMonths(-1)),
            [.. changes.Select(c => new VolumeChangeView(c.Kind, c.Volume, $"{c.AskedOn:yyyy-MM-dd}", UsageBilling.Iso(meter.YearStart(c.FromYear)), UsageBilling.Kept(c.WorkingJson)))]);
    }

    private static T Checked<T>(Func<T> decide)
    {
        try
        {
            return decide();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new DeskRuleException("volume", e.Message.Split(" (Parameter '")[0].Split('\n')[0].Trim(), "seed 002 art. 4.6");
        }
    }
}

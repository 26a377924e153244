using ClauseDesk.Access;
using ClauseDesk.Billing.Volume;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Data.Outbox;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Billing;

/// <summary>A unit's state since a day (default today): e.g. form <c>F-123</c> <c>GETEKEND</c>.</summary>
public sealed record UsageRequest(string? UnitId, string? State, DateOnly? On);

/// <summary>What a report of a unit did: <c>counted</c> (now or by an earlier report: the answer is the same) or <c>not-counting</c>.</summary>
public sealed record UnitView(string UnitId, string Outcome, string State, string? CountedOn, int ContractYear, string YearStart, int? Ordinal, WarningView? Warning);

/// <summary>
/// Usage reports (seed 002 art. 1, 4.5): a unit counts once, when it reaches the counting state, in the
/// contract year of that day. A report of a unit already counted answers what the first answered and
/// counts nothing; the reports of one contract take turns, so two at once cannot count a unit twice.
/// The report that reaches 85 % writes the warning to the outbox in the same transaction, once a year.
/// </summary>
public static class UsageReports
{
    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        var contracts = endpoints.MapGroup("/api/contracts").WithTags("Billing").RequireAuthorization();
        contracts.MapPost("/{id:guid}/usage", Report).WithSummary("Report a unit's state (unit id, state, day): counted once when it reaches the counting state; a repeated report answers the same and counts nothing (Idempotent-Replay: true); the report reaching 85 % of the volume mails the warning once a contract year (agent, provider admin)");
    }

    private static async Task<IResult> Report(HttpContext http, DeskDbContext db, TimeProvider clock, WriteGate gate, Guid id, UsageRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        if (!user.IsStaff)
        {
            throw RequestException.Forbidden("usage is reported by the provider's staff or its application's token");
        }

        var unitId = request.UnitId?.Trim() is { Length: > 0 and <= 200 } u ? u : throw RequestException.Invalid("unitId", "the unit's id, 1 to 200 characters");
        var state = request.State?.Trim() is { Length: > 0 } st ? st : throw RequestException.Invalid("state", "the unit's state");
        var (contract, billing, meter) = await MeteredVolume.LoadAsync(db, user, id, cancellation);
        var today = UsageBilling.Today(clock, await UsageBilling.ZoneAsync(db, user, cancellation));
        var on = request.On is { } d ? UsageBilling.Day(d) : today;
        if (!meter.Rule.States.Contains(state, StringComparer.OrdinalIgnoreCase))
        {
            throw new DeskRuleException("state", $"unknown state '{state}'; the states are {string.Join(", ", meter.Rule.States)}");
        }

        if (on < meter.ContractStart || on > today)
        {
            throw new DeskRuleException("on", $"a day from the contract's start {UsageBilling.Iso(meter.ContractStart)} to today {UsageBilling.Iso(today)}");
        }

        var now = clock.GetUtcNow();
        using var passage = await gate.EnterAsync(db, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await UsageBilling.TakeTurnAsync(db, contract.Id, cancellation);
        var kept = await db.UsageUnits.AsNoTracking().FirstOrDefaultAsync(x => x.ContractId == contract.Id && x.UnitId == unitId, cancellation);
        if (kept is not null)
        {
            await MeteredVolume.RestoreYearAsync(db, meter, contract.Id, kept.ContractYear, cancellation);
            http.Response.Headers["Idempotent-Replay"] = "true";
            return Results.Ok(View(meter, kept));
        }

        var year = meter.ContractYearOf(on);
        await MeteredVolume.RestoreYearAsync(db, meter, contract.Id, year, cancellation);
        var report = meter.Report(unitId, state, on);
        if (report.Outcome != UsageOutcome.Counted)
        {
            return Results.Ok(new UnitView(unitId, "not-counting", state, null, year + 1, UsageBilling.Iso(meter.YearStart(year)), null, null));
        }

        if (await db.UsageSettlements.AsNoTracking().Where(x => x.ContractId == contract.Id && x.ContractYear == year).Select(x => x.InvoiceNumber).FirstOrDefaultAsync(cancellation) is { } invoice)
        {
            // Counted now, the unit would be in the year's count but never on its invoice.
            throw new DeskRuleException("on", $"contract year {year + 1} ({UsageBilling.Iso(meter.YearStart(year))} to {UsageBilling.Iso(meter.YearStart(year + 1).PlusDays(-1))}) was settled with invoice {invoice}: a unit can no longer be counted in it", "seed 002 art. 4.3");
        }

        var unit = new UsageUnit(contract.TenantId, contract.Id, unitId, meter.Rule.States.First(s => s.Equals(state, StringComparison.OrdinalIgnoreCase)), UsageBilling.Day(on), year, report.CountInYear, report.Warning?.Volume, now);
        db.UsageUnits.Add(unit);
        if (report.Warning is { } warning)
        {
            await QueueWarningAsync(db, contract, meter, warning, now, cancellation);
        }

        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return Results.Ok(View(meter, unit));
    }

    /// <summary>The 85 % warning to the customer's admins and contact persons, as the contract reminders are written; the key makes it once per contract year.</summary>
    private static async Task QueueWarningAsync(DeskDbContext db, ServiceContract contract, VolumeMeter meter, VolumeWarning warning, DateTimeOffset now, CancellationToken cancellation)
    {
        var yearStart = UsageBilling.Iso(meter.YearStart(warning.ContractYear));
        var recipients = await db.People
            .Where(p => p.OrganisationId == contract.OrganisationId && p.Active && (p.Role == Role.CustomerAdmin || p.Role == Role.ContactPerson))
            .OrderBy(p => p.Email).Select(p => p.Email).ToListAsync(cancellation);
        db.Outbox.Add(new OutboxMessage
        {
            TenantId = contract.TenantId,
            DedupKey = $"contract:{contract.Id:N}:volume-warning/{yearStart}",
            Kind = "contract-volume-warning",
            Audience = "customer-admins",
            Recipients = string.Join(", ", recipients),
            Subject = $"[{contract.Name}] {warning.Count} of {warning.Volume} {meter.Rule.Unit}s used in the contract year from {yearStart}: {VolumeMeter.WarningPercent} % of the volume",
            Body = string.Join("\n", [warning.Working.Clause, .. warning.Working.Steps]),
            CreatedAt = now,
        });
    }

    private static UnitView View(VolumeMeter meter, UsageUnit unit)
    {
        var warning = unit.WarnedVolume is null ? null : meter.Warnings.FirstOrDefault(w => w.ContractYear == unit.ContractYear);
        return new UnitView(
            unit.UnitId, "counted", unit.State, $"{unit.CountedOn:yyyy-MM-dd}", unit.ContractYear + 1, UsageBilling.Iso(meter.YearStart(unit.ContractYear)), unit.Ordinal,
            warning is null ? null : new WarningView(warning.Count, warning.Volume, WorkingView.Of(warning.Working)));
    }
}

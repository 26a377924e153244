using ClauseDesk.Access;
using ClauseDesk.Billing.Credits;
using ClauseDesk.Billing.Time;
using ClauseDesk.Calendars;
using ClauseDesk.Data;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Billing;

/// <summary>
/// <c>reading</c>: on-top-of-rate (seed 001: "+150 %" costs 250 % of the rate) or of-rate (seed 004:
/// "150 % of the rate"); without it, the surcharge table's own literal reading.
/// </summary>
public sealed record RatesRequest(
    decimal? HourlyRate, string? Surcharges, string? Reading, string? WorkingHours, decimal? PerKm, int? OnSiteMinimumMinutes,
    bool? PaysFromCredits, decimal? CreditPrice, string? BeyondCredits);

public sealed record RatesView(
    Guid ContractId, decimal HourlyRate, string Surcharges, string SurchargeClause, string Reading, string ReadingText, string WorkingHours,
    decimal PerKm, int OnSiteMinimumMinutes, bool PaysFromCredits, decimal CreditPrice, string BeyondCredits,
    IReadOnlyDictionary<string, decimal> PercentOfRate);

/// <summary>A contract's rates for time (SPEC §5): hourly rate, surcharge preset and reading, working hours, travel, and whether remote time is paid from credits.</summary>
public static class ContractRates
{
    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        var contracts = endpoints.MapGroup("/api/contracts").WithTags("Billing").RequireAuthorization();
        contracts.MapPut("/{id:guid}/rates", Set).WithSummary("Set how the contract prices time: hourly rate, surcharge preset (seed-001, seed-004) and reading (on-top-of-rate, of-rate), working hours, price per km, on-site minimum, and whether remote time is paid from support credits (provider admin)");
        contracts.MapGet("/{id:guid}/rates", Get).WithSummary("The contract's rates for time, with the share of the rate charged per category under the reading used (staff, customer admin, contact person)");
    }

    private static async Task<RatesView> Set(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, RatesRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var contract = await UsageBilling.ContractAsync(db, user, id, cancellation);
        var billing = await db.ContractBilling.FirstOrDefaultAsync(b => b.ContractId == contract.Id, cancellation);
        if (billing is null)
        {
            billing = new ContractBilling(contract.TenantId, contract.Id);
            db.ContractBilling.Add(billing);
        }

        billing.SetRates(
            request.HourlyRate ?? throw RequestException.Invalid("hourlyRate", "the rate per hour in working hours excl. VAT"),
            request.Surcharges ?? throw RequestException.Invalid("surcharges", $"the surcharge preset: {string.Join(", ", SurchargeTable.Presets.Select(p => p.Name))}"),
            request.Reading is null ? null : OpenTicket.Parse<SurchargeReading>(request.Reading, "reading", required: true),
            request.WorkingHours,
            request.PerKm,
            request.OnSiteMinimumMinutes,
            request.PaysFromCredits ?? false,
            request.CreditPrice,
            request.BeyondCredits is null ? null : OpenTicket.Parse<OverdraftRule>(request.BeyondCredits, "beyondCredits", required: true),
            clock.GetUtcNow());
        await db.SaveChangesAsync(cancellation);
        return View(billing);
    }

    private static async Task<RatesView> Get(HttpContext http, DeskDbContext db, Guid id, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        UsageBilling.RequireContractReader(user);
        var contract = await UsageBilling.ContractAsync(db, user, id, cancellation);
        var billing = await db.ContractBilling.AsNoTracking().FirstOrDefaultAsync(b => b.ContractId == contract.Id && b.HourlyRate != null, cancellation)
            ?? throw RequestException.NotFound("rates", "the contract has no rates yet: PUT /api/contracts/{id}/rates");
        return View(billing);
    }

    internal static RatesView View(ContractBilling billing)
    {
        var tariff = billing.Tariff()!;
        return new RatesView(
            billing.ContractId, tariff.HourlyRate.Amount, tariff.Surcharges.Name, tariff.Surcharges.Clause, tariff.Reading.Code(), SurchargeTable.ReadingName(tariff.Reading),
            billing.WorkingHours + ": " + CalendarPresets.Clause(billing.WorkingHours), tariff.PerKm.Amount, tariff.OnSiteMinimumMinutes, billing.PaysFromCredits, billing.CreditPrice, billing.BeyondCredits.Code(),
            Enum.GetValues<TimeCategory>().ToDictionary(c => c.Code(), c => tariff.Surcharges.PercentOfRate(c, tariff.Reading)));
    }
}

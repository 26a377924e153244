using ClauseDesk.Billing;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Tickets;
using NodaTime;
using NodaTime.Text;

namespace ClauseDesk;

/// <summary>A new monthly service-level fee excl. VAT, from a day (default today), and why it changes.</summary>
public sealed record FeeChangeRequest(decimal? MonthlyFee, DateOnly? From, string? Reason);

public sealed record FeeChangeView(string? From, decimal Fee, string Reason);

/// <summary>The fee's dated history, and the fee of a month (?month=) with its working.</summary>
public sealed record FeeHistoryView(Guid ContractId, decimal? MonthlyFee, IReadOnlyList<FeeChangeView> History, string? Month, decimal? FeeOfMonth, WorkingView? Working);

/// <summary>
/// The monthly service-level fee kept with its dates (ADR 0020): set when the contract is made, changed by
/// an indexation applied or here; a month's penalty takes the fee in force on the month's first day.
/// </summary>
public static class ContractFee
{
    public static IEndpointRouteBuilder MapContractFee(this IEndpointRouteBuilder endpoints)
    {
        var contracts = endpoints.MapGroup("/api/contracts").WithTags("Contracts").RequireAuthorization();
        contracts.MapGet("/{id:guid}/fee", Get)
            .WithSummary("The monthly service-level fee and its dated history; ?month=YYYY-MM gives the fee penalties of that month take, with its working (staff, customer admin, contact person)");
        contracts.MapPut("/{id:guid}/fee", Change)
            .WithSummary("Change the monthly service-level fee from a day (default today), with the reason; months before keep their fee (provider admin)")
            .ProducesValidationProblem();
        return endpoints;
    }

    private static async Task<FeeHistoryView> Get(HttpContext http, DeskDbContext db, Guid id, string? month, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        UsageBilling.RequireContractReader(user);
        var contract = await ContractLookup.FindAsync(db, user, id, cancellation);
        YearMonth? chosen = null;
        if (month is not null)
        {
            var parsed = YearMonthPattern.Iso.Parse(month.Trim());
            chosen = parsed.Success && parsed.Value.Year is >= 2000 and <= 2999
                ? parsed.Value
                : throw RequestException.Invalid("month", $"'{month}' is not a month between 2000-01 and 2999-12 written as YYYY-MM");
        }

        return View(contract, chosen);
    }

    private static async Task<FeeHistoryView> Change(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, FeeChangeRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var fee = request.MonthlyFee ?? throw RequestException.Invalid("monthlyFee", "the new monthly service-level fee excl. VAT");
        if (fee is < 0 or > 100_000_000m || decimal.Round(fee, 2) != fee)
        {
            throw RequestException.Invalid("monthlyFee", "an amount in euros, 0 or more, in cents at most");
        }

        var reason = request.Reason?.Trim() is { Length: > 0 and <= 300 } r ? r : throw RequestException.Invalid("reason", "why the fee changes (a price change announced on …), 1 to 300 characters");
        var contract = await ContractLookup.FindAsync(db, user, id, cancellation, tracked: true);
        var from = request.From ?? UsageBilling.Day(await ContractLookup.TodayAsync(db, clock, user.TenantId, cancellation));
        if (from.Year is < 2000 or > 2999)
        {
            throw RequestException.Invalid("from", "a day between 2000-01-01 and 2999-12-31");
        }

        contract.ChangeFee(fee, from, reason);
        await db.SaveChangesAsync(cancellation);
        return View(contract, null);
    }

    /// <summary>The fee's dated changes as shown by the API and the export, oldest first.</summary>
    internal static IReadOnlyList<FeeChangeView> History(ServiceContract contract) =>
        [.. contract.FeeHistory().Select(c => new FeeChangeView(c.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), c.Fee, c.Reason))];

    private static FeeHistoryView View(ServiceContract contract, YearMonth? month)
    {
        var fee = month is { } m ? contract.FeeFor(m) : null;
        return new FeeHistoryView(
            contract.Id, contract.MonthlyFee,
            History(contract),
            month?.ToString("uuuu-MM", System.Globalization.CultureInfo.InvariantCulture), fee?.Value?.Amount, fee is null ? null : WorkingView.Of(fee.Working));
    }
}

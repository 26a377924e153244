using System.Globalization;
using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Contracts.Penalties;
using ClauseDesk.Data;
using ClauseDesk.Maintenance;
using ClauseDesk.Sla;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace ClauseDesk;

/// <summary>One breach of the month, as the SLA engine computed it for its ticket.</summary>
public sealed record PenaltyBreachView(
    string Ticket, string Clock, string Due, string Until, bool Ongoing, string LateBy, int DaysExceeded,
    decimal Penalty, decimal? Cap, bool Capped, string? ClaimDeadline, bool Lapsed, WorkingView Working);

/// <summary>A contract's service-level penalties in one month (seed 001 art. 40.3–40.4).</summary>
public sealed record PenaltiesView(
    Guid ContractId, string Contract, string Month, string TimeZone, IReadOnlyList<PenaltyBreachView> Breaches,
    decimal Total, WorkingView TotalWorking, decimal? Cap, WorkingView CapWorking,
    decimal Claimable, WorkingView ClaimableWorking, string? ClaimDeadline, WorkingView ClaimDeadlineWorking, string ClaimLetter,
    decimal? MonthlyFee, WorkingView MonthlyFeeWorking);

/// <summary>
/// The penalties of a contract's month: every breach of its tickets whose due lies in the month, from the
/// SLA engine, with the total, the cap and the claim deadline. Customer admins and contact persons see
/// their organisation's contracts, provider staff all; anyone else gets 404, as for the contract itself.
/// </summary>
public static class MonthPenalties
{
    public static IEndpointRouteBuilder MapPenalties(this IEndpointRouteBuilder endpoints)
    {
        var contracts = endpoints.MapGroup("/api/contracts").WithTags("Contracts").RequireAuthorization();
        contracts.MapGet("/{id:guid}/penalties", Get)
            .WithSummary("The service-level penalties of a month (?month=YYYY-MM): each breach with its penalty and working, the total, the cap and the claim deadline (staff, customer admin, contact person)");
        contracts.MapGet("/{id:guid}/penalties/claim.pdf", ClaimLetter.Get)
            .WithSummary("The customer's claim letter for a month's penalties as PDF, to send by registered mail (?month=YYYY-MM&language=nl|fr|en)");
        return endpoints;
    }

    private static async Task<PenaltiesView> Get(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, string? month, CancellationToken cancellation)
    {
        var (contract, statement) = await LoadAsync(http, db, clock, id, month, cancellation);
        return View(contract, statement);
    }

    /// <summary>The contract (404 unless the user may see its penalties) and the month's statement at the clock's now.</summary>
    internal static async Task<(ServiceContract Contract, PenaltyStatement Statement)> LoadAsync(
        HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, string? month, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        // Penalties are the contract's commercial side: not for customer users, whatever their ticket rights.
        var mayOwn = user.Role is Role.CustomerAdmin or Role.ContactPerson;
        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.Id == id && (user.IsStaff || (mayOwn && c.OrganisationId == user.OrganisationId)), cancellation)
            ?? throw RequestException.NotFound("id", "no such contract");
        var yearMonth = ParseMonth(month);

        await MaintenanceExclusions.ApplyAsync(db, [contract], cancellation);
        var policy = contract.Policy();
        var calendar = policy.Calendar;
        var fees = contract.Fees();
        var now = clock.GetUtcNow();
        // A breach lies after its ticket's submission, so tickets submitted after the month cannot have one in it.
        var end = yearMonth.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(calendar.TimeZone).ToDateTimeOffset();
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.ContractId == contract.Id && t.SubmittedAt < end).ToListAsync(cancellation);
        var today = Instant.FromDateTimeOffset(now).InZone(calendar.TimeZone).Date;
        // A query returns a ticket's clock entries in no promised order; the engine needs them in sequence.
        var statement = PenaltyStatement.Of(yearMonth, calendar, fees, tickets.Select(t => (t.Number, SlaEngine.Evaluate(
            policy, [.. t.Clock.OrderBy(c => c.Sequence).Select(c => c.ToEvent())], now < t.UpdatedAt ? t.UpdatedAt : now, fees))), today);
        return (contract, statement);
    }

    private static YearMonth ParseMonth(string? month)
    {
        if (string.IsNullOrWhiteSpace(month))
        {
            throw RequestException.Invalid("month", "which month? give it as YYYY-MM, e.g. 2026-11");
        }

        var parsed = YearMonthPattern.Iso.Parse(month.Trim());
        return parsed.Success && parsed.Value.Year is >= 2000 and <= 2999
            ? parsed.Value
            : throw RequestException.Invalid("month", $"'{month}' is not a month between 2000-01 and 2999-12 written as YYYY-MM");
    }

    private static PenaltiesView View(ServiceContract contract, PenaltyStatement s)
    {
        var calendar = contract.Policy().Calendar;
        string Local(DateTimeOffset t) => TicketViewMapping.Iso(calendar.InZone(t));
        static string? Date(LocalDate? d) => d?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
        var month = s.Month.ToString("uuuu-MM", CultureInfo.InvariantCulture);
        // The fee of the month claimed, from the dated history: an indexation after the month does not change it.
        var fee = contract.FeeFor(s.Month);
        return new PenaltiesView(
            contract.Id, contract.Name, month, calendar.TimeZone.Id,
            [.. s.Breaches.Select(b => new PenaltyBreachView(
                b.Ticket, b.Breach.Kind.Code(), Local(b.Breach.Due), Local(b.Breach.Until), b.Breach.Ongoing, Calendars.BusinessDuration.Format(b.Breach.LateBy),
                b.Breach.DaysExceeded, b.Breach.Penalty.Amount, b.Breach.Cap?.Amount, b.Breach.Capped, Date(b.ClaimDeadline.Value), b.Lapsed, WorkingView.Of(b.Breach.Working)))],
            s.Total.Value.Amount, WorkingView.Of(s.Total.Working),
            s.Cap.Value?.Amount, WorkingView.Of(s.Cap.Working),
            s.Claimable.Value.Amount, WorkingView.Of(s.Claimable.Working),
            Date(s.ClaimDeadline.Value), WorkingView.Of(s.ClaimDeadline.Working),
            $"/api/contracts/{contract.Id}/penalties/claim.pdf?month={month}",
            fee.Value?.Amount, WorkingView.Of(fee.Working));
    }
}

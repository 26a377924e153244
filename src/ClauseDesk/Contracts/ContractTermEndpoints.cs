using System.Globalization;
using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk;

public sealed record TermRequest(DateOnly? Start, int? Months, string? Renewal, string? Indexation);

public sealed record StopRenewalRequest(DateOnly? On);

public sealed record DateView(string Date, WorkingView Working);

public sealed record ReminderView(string Key, string Kind, string DueOn, string About, WorkingView Working);

public sealed record ContractDatesView(
    string On, string Renewal, string TermStart, string TermLastDay, bool Renews, bool Ended, DateView End, DateView? RenewalDate,
    DateView? NoticeDeadline, DateView? NoticeReminder, DateView? EndReminder, DateView? NextIndexation, DateView? DataPurge,
    IReadOnlyList<ReminderView> RemindersDue);

/// <summary>A contract's term (SPEC §4): start, tacit renewal and notice, the dates they give with their working, and the reminders due.</summary>
public static class ContractTermEndpoints
{
    public static IEndpointRouteBuilder MapContractTerms(this IEndpointRouteBuilder endpoints)
    {
        var contracts = endpoints.MapGroup("/api/contracts").WithTags("Contracts").RequireAuthorization();
        contracts.MapPut("/{id:guid}/term", SetTerm).WithSummary("Set the contract's start, initial term in months, renewal clause (notice-4-months, switch-off) and indexation day (anniversary, first-of-january) (provider admin)");
        contracts.MapPost("/{id:guid}/stop-renewal", StopRenewal).WithSummary("Give notice, or switch renewal off: the term ends without renewal if it is in time (provider admin, customer admin)");
        contracts.MapGet("/{id:guid}/dates", Dates).WithSummary("End of term, renewal, notice deadline, reminders, next indexation and data purge on a day (?on=YYYY-MM-DD, default today), each with its working");
        return endpoints;
    }

    private static async Task<ContractDatesView> SetTerm(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, TermRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.Id == id, cancellation) ?? throw RequestException.NotFound("id", "no such contract");
        var indexation = request.Indexation is null ? IndexationDay.Anniversary : OpenTicket.Parse<IndexationDay>(request.Indexation, "indexation", required: true);
        contract.SetTerm(
            request.Start ?? throw RequestException.Invalid("start", "the contract's first day, YYYY-MM-DD"),
            request.Months ?? throw RequestException.Invalid("months", "the initial term in months"),
            request.Renewal ?? RenewalClause.NoticeFourMonths.Name,
            indexation);
        await db.SaveChangesAsync(cancellation);
        return View(contract, Today(clock, await ZoneAsync(db, user, cancellation)));
    }

    private static async Task<ContractDatesView> StopRenewal(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, StopRenewalRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        if (user.Role is not (Role.ProviderAdmin or Role.CustomerAdmin))
        {
            throw RequestException.Forbidden("notice is given by the provider's or the customer's admin");
        }

        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.Id == id && (user.IsStaff || c.OrganisationId == user.OrganisationId), cancellation)
            ?? throw RequestException.NotFound("id", "no such contract");
        var today = Today(clock, await ZoneAsync(db, user, cancellation));
        contract.StopRenewal(request.On ?? new DateOnly(today.Year, today.Month, today.Day));
        await db.SaveChangesAsync(cancellation);
        return View(contract, today);
    }

    private static async Task<ContractDatesView> Dates(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, DateOnly? on, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && (user.IsStaff || c.OrganisationId == user.OrganisationId), cancellation)
            ?? throw RequestException.NotFound("id", "no such contract");
        var day = on is { } d ? new LocalDate(d.Year, d.Month, d.Day) : Today(clock, await ZoneAsync(db, user, cancellation));
        return View(contract, day);
    }

    private static ContractDatesView View(ServiceContract contract, LocalDate on)
    {
        var term = contract.Term() ?? throw new RequestException(StatusCodes.Status422UnprocessableEntity, "No term", "term", "the contract has no term yet: PUT /api/contracts/{id}/term");
        var dates = term.DatesOn(on);
        static string Iso(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
        static DateView? View(Computed<LocalDate>? c) => c is null ? null : new DateView(Iso(c.Value), WorkingView.Of(c.Working));
        return new ContractDatesView(
            Iso(on), term.Renewal.Name, Iso(dates.Term.Start), Iso(dates.Term.LastDay), dates.Renews, dates.Ended, View(dates.End)!, View(dates.RenewalDate),
            View(dates.NoticeDeadline), View(dates.NoticeReminder), View(dates.EndReminder), View(dates.NextIndexation), View(dates.DataPurge),
            [.. term.DueOn(on).Select(r => new ReminderView(r.Key, r.Kind.Code(), Iso(r.DueOn), Iso(r.About), WorkingView.Of(r.Working)))]);
    }

    private static async Task<DateTimeZone> ZoneAsync(DeskDbContext db, CurrentUser user, CancellationToken cancellation)
    {
        var zone = await db.Tenants.Where(t => t.Id == user.TenantId).Select(t => t.TimeZone).FirstAsync(cancellation);
        return Tenant.ZoneOf(zone);
    }

    private static LocalDate Today(TimeProvider clock, DateTimeZone zone) => Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date;
}

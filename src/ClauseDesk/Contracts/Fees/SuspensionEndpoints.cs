using ClauseDesk.Billing;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk;

public sealed record FormalNoticeRequest(DateOnly? SentOn);

public sealed record SuspensionDayRequest(DateOnly? On);

public sealed record SuspensionView(
    Guid Id, Guid ContractId, string NoticeSentOn, DateView SuspensionAllowedFrom, string? SuspendedOn, string? ReactivatedOn, AmountView? ReactivationFee);

/// <summary>
/// Suspension after a registered formal notice and 15 days (seed 001 art. 17.2), and reactivation
/// against the fee of €250 excl. VAT, indexed with the contract's clause (art. 17.4, 20.5).
/// </summary>
public static class SuspensionEndpoints
{
    public static IEndpointRouteBuilder MapSuspension(this IEndpointRouteBuilder endpoints)
    {
        var contracts = endpoints.MapGroup("/api/contracts").WithTags("Contracts").RequireAuthorization();
        contracts.MapPost("/{id:guid}/formal-notice", RecordNotice).Produces<SuspensionView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Record the registered formal notice sent to the customer (sentOn, default today); answers the first day suspension is allowed, with its working (provider admin)");
        contracts.MapPost("/{id:guid}/suspend", Suspend)
            .WithSummary("Suspend the services from a day (on, default today): refused before the formal notice + 15 days, naming the first allowed day (provider admin)");
        contracts.MapPost("/{id:guid}/reactivate", Reactivate)
            .WithSummary("Reactivate suspended services (on, default today): answers the reactivation fee, €250 excl. VAT indexed, with its working, to invoice (provider admin)");
        contracts.MapGet("/{id:guid}/suspension", Current)
            .WithSummary("The latest formal notice and suspension of the contract (staff, customer admin)");
        return endpoints;
    }

    private static async Task<IResult> RecordNotice(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, FormalNoticeRequest? request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var contract = await ContractLookup.FindAsync(db, user, id, cancellation);
        var today = await ContractLookup.TodayAsync(db, clock, user.TenantId, cancellation);
        var sent = request?.SentOn is { } s ? ContractLookup.Day(s) : today;
        if (sent > today)
        {
            throw RequestException.Invalid("sentOn", $"a notice is recorded once sent: {ContractLookup.Iso(sent)} is after today, {ContractLookup.Iso(today)}");
        }

        if (sent.Year < 1900)
        {
            throw RequestException.Invalid("sentOn", "a date in 1900–2999");
        }

        var suspension = new ContractSuspension(user.TenantId, contract.Id, sent, user.Name, clock.GetUtcNow());
        db.Suspensions.Add(suspension);
        await db.SaveChangesAsync(cancellation);
        return Results.Created($"/api/contracts/{contract.Id}/suspension", View(suspension));
    }

    private static async Task<SuspensionView> Suspend(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, SuspensionDayRequest? request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var contract = await ContractLookup.FindAsync(db, user, id, cancellation);
        var suspension = await LatestAsync(db, contract.Id, tracked: true, cancellation)
            ?? throw new DeskRuleException("formalNotice", "no registered formal notice was recorded: suspension comes only after one and 15 days", "seed 001 art. 17.2");
        var on = request?.On is { } d ? ContractLookup.Day(d) : await ContractLookup.TodayAsync(db, clock, user.TenantId, cancellation);
        suspension.Suspend(on);
        await db.SaveChangesAsync(cancellation);
        return View(suspension);
    }

    private static async Task<SuspensionView> Reactivate(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, SuspensionDayRequest? request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var contract = await ContractLookup.FindAsync(db, user, id, cancellation);
        var suspension = await LatestAsync(db, contract.Id, tracked: true, cancellation)
            ?? throw new DeskRuleException("contract", "the services are not suspended", "seed 001 art. 17.4");
        var on = request?.On is { } d ? ContractLookup.Day(d) : await ContractLookup.TodayAsync(db, clock, user.TenantId, cancellation);
        var fee = await FeeAsync(db, contract, on, cancellation);
        suspension.Reactivate(on, fee.Value);
        await db.SaveChangesAsync(cancellation);
        return View(suspension) with { ReactivationFee = AmountView.Of(fee) };
    }

    private static async Task<SuspensionView> Current(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        ContractLookup.RequireStaffOrCustomerAdmin(user);
        var contract = await ContractLookup.FindAsync(db, user, id, cancellation);
        var suspension = await LatestAsync(db, contract.Id, tracked: false, cancellation) ?? throw RequestException.NotFound("id", "no formal notice recorded for this contract");
        return View(suspension);
    }

    /// <summary>
    /// The reactivation fee on <paramref name="on"/>: indexed from the clause's base index to the index of
    /// the month before <paramref name="on"/>'s month; without a clause, €250.00 as the seed writes it.
    /// </summary>
    private static async Task<Computed<Money>> FeeAsync(DeskDbContext db, ServiceContract contract, LocalDate on, CancellationToken cancellation)
    {
        var clause = await db.IndexationClauses.AsNoTracking().FirstOrDefaultAsync(c => c.ContractId == contract.Id, cancellation);
        if (clause is null)
        {
            return Suspension.ReactivationFee();
        }

        var month = IndexationClause.IndexMonthFor(on);
        var current = (await IndexSeriesEndpoints.LookupAsync(db, clause.Series, cancellation))(month)
            ?? throw new DeskRuleException("index", $"the series '{clause.Series}' has no value for {IndexSeries.Month(month)}, the month before the reactivation: import it with PUT /api/index-series/{clause.Series}");
        var fee = Suspension.ReactivationFee(clause.Formula, IndexSeries.Normal(clause.BaseIndex), current);
        return fee with
        {
            Working = fee.Working with
            {
                Inputs = [("reactivated on", ContractLookup.Iso(on)), ("series", clause.Series), ("base month", $"{clause.BaseMonth:yyyy-MM}"), ("index month", IndexSeries.Month(month)), .. fee.Working.Inputs],
            },
        };
    }

    private static async Task<ContractSuspension?> LatestAsync(DeskDbContext db, Guid contractId, bool tracked, CancellationToken cancellation)
    {
        var suspensions = tracked ? db.Suspensions : db.Suspensions.AsNoTracking();
        return await suspensions.Where(s => s.ContractId == contractId).OrderByDescending(s => s.NoticeSentOn).ThenByDescending(s => s.RecordedAt).FirstOrDefaultAsync(cancellation);
    }

    private static SuspensionView View(ContractSuspension s)
    {
        var from = Suspension.EarliestStart(s.Sent);
        return new SuspensionView(
            s.Id, s.ContractId, $"{s.NoticeSentOn:yyyy-MM-dd}", new DateView(ContractLookup.Iso(from.Value), WorkingView.Of(from.Working)),
            s.SuspendedOn?.ToString("yyyy-MM-dd"), s.ReactivatedOn?.ToString("yyyy-MM-dd"),
            s.ReactivationFee is { } fee ? new AmountView(fee, "EUR", WorkingView.Of(new Working("seed 001 art. 17.4", Working.Literal, [("charged at reactivation", Money.Euros(fee).ToString())], ["As computed when the services were reactivated."]))) : null);
    }
}

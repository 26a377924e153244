using ClauseDesk.Access;
using ClauseDesk.Billing;
using ClauseDesk.Billing.Invoices;
using ClauseDesk.Billing.Invoicing;
using ClauseDesk.Billing.Payments;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk;

public sealed record FormalNoticeRequest(DateOnly? SentOn);

public sealed record SuspensionDayRequest(DateOnly? On);

/// <summary>
/// A formal notice and what followed. <c>reactivatedOn</c> is the day reactivation was asked and the fee
/// invoiced (<c>feeInvoice</c>); the services resume only once that invoice is paid (<c>resumesWhenPaid</c>,
/// seed 001 art. 17.4), which <c>feePaid</c> reads from the account statement today; <c>state</c> is
/// <c>notified</c>, <c>suspended</c>, <c>awaiting-payment</c> or <c>resumed</c>.
/// </summary>
public sealed record SuspensionView(
    Guid Id, Guid ContractId, string NoticeSentOn, DateView SuspensionAllowedFrom, string? SuspendedOn, string? ReactivatedOn, AmountView? ReactivationFee,
    string State = "notified", string? FeeInvoice = null, bool ResumesWhenPaid = true, bool? FeePaid = null, InvoiceView? Invoice = null);

/// <summary>
/// Suspension after a registered formal notice and 15 days (seed 001 art. 17.2), and reactivation
/// against the fee of €250 excl. VAT, indexed with the contract's clause (art. 17.4, 20.5), invoiced once
/// per suspension. Art. 17.4 reads "De Diensten worden pas terug in werking gesteld wanneer deze
/// vergoeding door de Klant betaald wordt": reactivating invoices the fee, and the services resume once
/// the account statement shows that invoice's principal paid.
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
            .WithSummary("Reactivate suspended services (on, default today): invoices the reactivation fee, €250 excl. VAT indexed, once per suspension (asked again, it answers the same invoice, Idempotent-Replay: true); the services resume once it is paid (provider admin)");
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

    private static async Task<SuspensionView> Reactivate(HttpContext http, DeskDbContext db, TimeProvider clock, WriteGate gate, Guid id, SuspensionDayRequest? request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var contract = await ContractLookup.FindAsync(db, user, id, cancellation);
        var tenant = await db.Tenants.FirstAsync(t => t.Id == user.TenantId, cancellation);
        var organisation = await db.Organisations.FirstAsync(o => o.Id == contract.OrganisationId, cancellation);
        using var passage = await gate.EnterAsync(db, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var suspension = await LatestAsync(db, contract.Id, tracked: true, cancellation)
            ?? throw new DeskRuleException("contract", "the services are not suspended", "seed 001 art. 17.4");
        if (suspension.ReactivatedOn is not null)
        {
            // Once per suspension: asked again, the answer is the invoice already issued.
            http.Response.Headers["Idempotent-Replay"] = "true";
            return await ViewAsync(db, clock, user.TenantId, organisation, suspension, null, cancellation);
        }

        var on = request?.On is { } d ? ContractLookup.Day(d) : await ContractLookup.TodayAsync(db, clock, user.TenantId, cancellation);
        var fee = await FeeAsync(db, contract, on, cancellation);
        suspension.Reactivate(on, fee.Value);
        var (supplier, customer) = InvoiceEndpoints.Parties(tenant, organisation);
        LineRequest line = new(FeeLine(suspension, fee), 1, Units.Piece, fee.Value.Amount, "21");
        var (invoice, _) = await InvoiceEndpoints.AddAsync(db, tenant.Id, organisation.Id, supplier, customer, [line], suspension.ReactivatedOn!.Value, contract.Name, user.Name, clock.GetUtcNow(), cancellation);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return await ViewAsync(db, clock, user.TenantId, organisation, suspension, fee, cancellation) with { FeeInvoice = invoice.Number };
    }

    /// <summary>
    /// The invoice line of the fee, with its working; it names the suspension, which is how a retried
    /// reactivation finds the invoice already issued without a column of its own.
    /// </summary>
    private static string FeeLine(ContractSuspension suspension, Computed<Money> fee)
    {
        var inputs = string.Join("; ", fee.Working.Inputs.Select(i => $"{i.Name} {i.Value}"));
        var text = $"Reactivation fee after the suspension from {suspension.SuspendedOn:yyyy-MM-dd} (formal notice of {suspension.NoticeSentOn:yyyy-MM-dd}), seed 001 art. 17.4 and 20.5: {inputs}. The services resume once paid.";
        var marker = $" {Marker(suspension)}";
        return (text.Length + marker.Length > 500 ? text[..(500 - marker.Length)] : text) + marker;
    }

    private static string Marker(ContractSuspension suspension) => $"[suspension {suspension.Id:N}]";

    private static async Task<SuspensionView> Current(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        ContractLookup.RequireStaffOrCustomerAdmin(user);
        var contract = await ContractLookup.FindAsync(db, user, id, cancellation);
        var suspension = await LatestAsync(db, contract.Id, tracked: false, cancellation) ?? throw RequestException.NotFound("id", "no formal notice recorded for this contract");
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == contract.OrganisationId, cancellation);
        return await ViewAsync(db, clock, user.TenantId, organisation, suspension, null, cancellation);
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

    /// <summary>The view with the fee's invoice and whether the account statement of today shows it paid.</summary>
    private static async Task<SuspensionView> ViewAsync(
        DeskDbContext db, TimeProvider clock, Guid tenantId, Organisation organisation, ContractSuspension s, Computed<Money>? fee, CancellationToken cancellation)
    {
        var view = View(s);
        if (fee is not null)
        {
            view = view with { ReactivationFee = AmountView.Of(fee) };
        }

        if (s.ReactivatedOn is null)
        {
            return view with { State = s.SuspendedOn is null ? "notified" : "suspended" };
        }

        var marker = Marker(s);
        var issued = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.OrganisationId == organisation.Id && i.DocumentJson.Contains(marker), cancellation);
        if (issued is null)
        {
            // Reactivated before the fee was invoiced here: nothing to read the payment from.
            return view with { State = "resumed" };
        }

        var today = await ContractLookup.TodayAsync(db, clock, tenantId, cancellation);
        var (_, statement) = await AccountEndpoints.StatementAsync(db, organisation, today < ContractLookup.Day(issued.IssueDate) ? ContractLookup.Day(issued.IssueDate) : today, cancellation);
        var paid = statement.Invoices.FirstOrDefault(b => b.Invoice.Number == issued.Number) is { } balance && balance.PrincipalOpen == Money.Zero;
        return view with
        {
            State = paid ? "resumed" : "awaiting-payment",
            FeeInvoice = issued.Number,
            FeePaid = paid,
            Invoice = InvoiceEndpoints.View(issued, InvoiceEndpoints.Document(issued).ToInvoice()),
        };
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

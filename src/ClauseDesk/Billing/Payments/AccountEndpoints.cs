using System.Globalization;
using System.Text.Json;
using ClauseDesk.Access;
using ClauseDesk.Billing.Invoices;
using ClauseDesk.Billing.Invoicing;
using ClauseDesk.Data;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk.Billing.Payments;

public sealed record TermsView(string LatePaymentPolicy, string InterestClause, string LumpSumClause, string PaymentAllocation, string AllocationClause, string Source);

public sealed record CreditNoteLineView(string Number, string IssueDate, decimal Amount, string? Reason, string Pdf, string Ubl);

public sealed record AccountInvoiceView(
    string Number, string IssueDate, string DueDate, string PaymentReference, decimal Amount,
    IReadOnlyList<CreditNoteLineView> CreditNotes, decimal Credited, decimal Corrected, decimal PrincipalPaid, decimal PrincipalOpen,
    int DaysLate, decimal Interest, decimal InterestPaid, decimal InterestOpen, WorkingView InterestWorking,
    decimal LumpSum, decimal LumpSumPaid, decimal LumpSumOpen, WorkingView LumpSumWorking, decimal Open, bool Settled);

public sealed record AllocationView(string Invoice, string Kind, decimal Amount, string On);

public sealed record AccountPaymentView(
    Guid Id, string Received, decimal Amount, string? Reference, string? DesignatedInvoice,
    IReadOnlyList<AllocationView> Allocations, decimal Allocated, decimal Unallocated, WorkingView Working);

/// <summary>
/// The statement: <c>onAccount</c> is paid and not allocated (an overpayment, or a payment for an invoice
/// later credited); <c>balance</c> is what the customer owes on <c>on</c>, negative when the provider owes.
/// </summary>
public sealed record AccountView(
    Guid OrganisationId, string Organisation, string On, TermsView Terms, IReadOnlyList<AccountInvoiceView> Invoices, IReadOnlyList<AccountPaymentView> Payments,
    decimal OnAccount, decimal Balance, WorkingView Working);

/// <summary>
/// A customer's account on a day (SPEC §5, decision 0012): its invoices and credit notes, the interest and
/// lump sums accrued to that day with their working, every payment and how it was allocated, the balance.
/// Provider staff see every organisation's; a customer's admin sees their own.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>Credit notes, payments and the account.</summary>
    public static IEndpointRouteBuilder MapLedger(this IEndpointRouteBuilder endpoints) => endpoints.MapCreditNotes().MapPayments().MapAccounts();

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/organisations/{id:guid}/account", Get).WithTags("Payments").RequireAuthorization()
            .WithSummary("A customer's account on a day (?on=YYYY-MM-DD, default today): invoices and credit notes, interest and lump sums with their working, payments and their allocation, balance (provider staff; the customer's admin)");
        return endpoints;
    }

    private static async Task<AccountView> Get(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, DateOnly? on, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        if (!user.IsStaff && user.Role != Role.CustomerAdmin)
        {
            throw RequestException.Forbidden("an organisation's account is for the provider's staff and the customer's admin");
        }

        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellation);
        if (organisation is null || (!user.IsStaff && user.OrganisationId != id))
        {
            throw RequestException.NotFound("id", "no such organisation");
        }

        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, cancellation);
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(tenant.Zone()).Date;
        var day = on is { } d ? new LocalDate(d.Year, d.Month, d.Day) : today;
        if (day.Year > 9998)
        {
            throw RequestException.Invalid("on", "a day before the year 9999");
        }

        var (terms, statement) = await StatementAsync(db, organisation, day, cancellation);
        return View(organisation, terms, statement);
    }

    /// <summary>
    /// The statement of <paramref name="organisation"/>'s account on <paramref name="day"/>, from its
    /// invoices, credit notes and payments: also how other areas read what was paid.
    /// </summary>
    internal static async Task<(AccountTerms Terms, AccountStatement Statement)> StatementAsync(DeskDbContext db, Organisation organisation, LocalDate day, CancellationToken cancellation)
    {
        var id = organisation.Id;
        var details = organisation.BillingJson is { } json ? JsonSerializer.Deserialize<BillingDetails>(json, InvoiceEndpoints.Json) : null;
        var terms = AccountTerms.Of(details);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.OrganisationId == id).ToListAsync(cancellation);
        var notes = await db.CreditNotes.AsNoTracking().Where(c => c.OrganisationId == id).ToListAsync(cancellation);
        var payments = await db.Payments.AsNoTracking().Where(p => p.OrganisationId == id).ToListAsync(cancellation);
        payments = [.. payments.OrderBy(p => p.RecordedAt).ThenBy(p => p.Id)];

        var statement = AccountStatement.Compute(
            terms.Policy,
            terms.Rule,
            invoices.Select(i => new AccountInvoice(i.Number, Local(i.IssueDate), Local(i.DueDate), Money.Euros(i.Payable), StructuredCommunication.Parse(i.PaymentReference))),
            notes.Select(c => new AccountCreditNote(c.Number, c.InvoiceNumber, Local(c.IssueDate), Money.Euros(c.TaxInclusive), c.Reason)),
            payments.Select(p => p.ToReceived()),
            day);
        return (terms, statement);
    }

    private static LocalDate Local(DateOnly date) => new(date.Year, date.Month, date.Day);

    private static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private static string Kind(AllocationKind kind) => kind switch
    {
        AllocationKind.Interest => "interest",
        AllocationKind.LumpSum => "lump-sum",
        _ => "principal",
    };

    private static AccountView View(Organisation organisation, AccountTerms terms, AccountStatement statement) => new(
        organisation.Id,
        organisation.Name,
        Date(statement.On),
        new TermsView(terms.Policy.Name, terms.Policy.Clause, terms.Policy.LumpSum.Clause, terms.Rule.Code(), terms.Rule.Clause(), terms.Source),
        [.. statement.Invoices.Select(i => new AccountInvoiceView(
            i.Invoice.Number, Date(i.Invoice.IssueDate), Date(i.Invoice.DueDate), i.Invoice.PaymentReference?.ToString() ?? "", i.Invoice.Amount.Amount,
            [.. i.CreditNotes.Select(c => new CreditNoteLineView(c.Number, Date(c.IssueDate), c.Amount.Amount, c.Reason, $"/api/credit-notes/{c.Number}/pdf", $"/api/credit-notes/{c.Number}/ubl"))],
            i.Credited.Amount, i.Corrected.Amount, i.PrincipalPaid.Amount, i.PrincipalOpen.Amount,
            i.DaysLate, i.Interest.Interest.Amount, i.InterestPaid.Amount, i.InterestOpen.Amount, WorkingView.Of(i.Interest.Working),
            i.LumpSum.Amount, i.LumpSumPaid.Amount, i.LumpSumOpen.Amount, WorkingView.Of(i.LumpSumWorking), i.Open.Amount, i.Open == Money.Zero))],
        [.. statement.Payments.Select(p => new AccountPaymentView(
            Guid.Parse(p.Payment.Id), Date(p.Payment.Received), p.Payment.Amount.Amount, p.Payment.Reference, p.DesignatedInvoice,
            [.. p.Allocations.Select(a => new AllocationView(a.InvoiceNumber, Kind(a.Kind), a.Amount.Amount, Date(a.On)))],
            p.Allocated.Amount, p.Unallocated.Amount, WorkingView.Of(p.Working)))],
        statement.OnAccount.Amount,
        statement.Balance.Amount,
        WorkingView.Of(statement.Working));
}

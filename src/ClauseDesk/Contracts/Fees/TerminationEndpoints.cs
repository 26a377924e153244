using System.Text.Json;
using ClauseDesk.Billing.Invoicing;
using ClauseDesk.Billing.Payments;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk;

public sealed record InvoicedView(string From, string Until, int Invoices, decimal TaxExclusive, WorkingView Working);

public sealed record TerminationView(Guid ContractId, string On, decimal MonthlyFee, AmountView EarlyTermination, AmountView Dissolution, InvoicedView InvoicedLast12Months);

public sealed record LiabilityCapView(Guid ContractId, string On, AmountView Cap, InvoicedView InvoicedLast12Months);

/// <summary>
/// What ending a contract costs the customer (seed 001 art. 18.1, 19.2) and how far the provider's
/// liability goes (art. 16.3–16.4), on a day, from the contract's fee and the invoices issued.
/// </summary>
public static class TerminationEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapTermination(this IEndpointRouteBuilder endpoints)
    {
        var contracts = endpoints.MapGroup("/api/contracts").WithTags("Contracts").RequireAuthorization();
        contracts.MapGet("/{id:guid}/termination", Termination)
            .WithSummary("The early-termination fee (40 % of what could still be invoiced) and the dissolution fee (at least a quarter of the last 12 months' invoices) if the contract ended on a day (?on=YYYY-MM-DD, default today), with their working (staff, customer admin)");
        contracts.MapGet("/{id:guid}/liability-cap", LiabilityCap)
            .WithSummary("The liability cap for an event on a day (?on=, ?projectPrice=, ?alreadyPaid= this year): the least of 20 % of the last 12 months invoiced and received (principal the payments settled), the project price and €5,000, with its working (staff, customer admin)");
        return endpoints;
    }

    private static async Task<TerminationView> Termination(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, DateOnly? on, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        ContractLookup.RequireStaffOrCustomerAdmin(user);
        var contract = await ContractLookup.FindAsync(db, user, id, cancellation);
        var term = ContractLookup.TermOf(contract);
        var day = on is { } d ? ContractLookup.Day(d) : await ContractLookup.TodayAsync(db, clock, user.TenantId, cancellation);
        if (day < term.Start)
        {
            throw RequestException.Invalid("on", $"the contract starts on {ContractLookup.Iso(term.Start)}");
        }

        var fee = Money.Euros(contract.MonthlyFee ?? throw new DeskRuleException("monthlyFee", "the contract has no monthly fee: nothing could still be invoiced"));
        var invoiced = await InvoicedAsync(db, contract.OrganisationId, day, received: false, cancellation);
        return new TerminationView(
            contract.Id, ContractLookup.Iso(day), fee.Amount,
            AmountView.Of(TerminationFees.EarlyTermination(term, day, fee)),
            AmountView.Of(TerminationFees.Dissolution(term, day, fee, Money.Euros(invoiced.TaxExclusive))),
            invoiced);
    }

    private static async Task<LiabilityCapView> LiabilityCap(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, DateOnly? on, decimal? projectPrice, decimal? alreadyPaid, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        ContractLookup.RequireStaffOrCustomerAdmin(user);
        var contract = await ContractLookup.FindAsync(db, user, id, cancellation);
        var day = on is { } d ? ContractLookup.Day(d) : await ContractLookup.TodayAsync(db, clock, user.TenantId, cancellation);
        if (projectPrice is < 0 || projectPrice > TerminationFees.MaxAmount.Amount)
        {
            throw RequestException.Invalid("projectPrice", $"an amount from 0 to {TerminationFees.MaxAmount.Amount}");
        }

        if (alreadyPaid is < 0 || alreadyPaid > TerminationFees.MaxAmount.Amount)
        {
            throw RequestException.Invalid("alreadyPaid", $"an amount from 0 to {TerminationFees.MaxAmount.Amount}");
        }

        var invoiced = await InvoicedAsync(db, contract.OrganisationId, day, received: true, cancellation);
        var cap = TerminationFees.LiabilityCap(Money.Euros(invoiced.TaxExclusive), projectPrice is { } p ? Money.Euros(p) : null, Money.Euros(alreadyPaid ?? 0m));
        return new LiabilityCapView(contract.Id, ContractLookup.Iso(day), AmountView.Of(cap with { Working = cap.Working with { Inputs = [("event on", ContractLookup.Iso(day)), .. cap.Working.Inputs] } }), invoiced);
    }

    /// <summary>
    /// The customer's issued invoices with an issue date in the 12 months before <paramref name="on"/>,
    /// [on − 12 months, on), excl. VAT, recomputed from each invoice as issued. With
    /// <paramref name="received"/> (art. 16.3, "gefactureerd en ontvangen") each counts only for what the
    /// payments received before <paramref name="on"/> settled of its principal on the account statement
    /// (interest and lump sums left out), in proportion excl. VAT.
    /// </summary>
    private static async Task<InvoicedView> InvoicedAsync(DeskDbContext db, Guid organisationId, LocalDate on, bool received, CancellationToken cancellation)
    {
        var from = on.PlusMonths(-12);
        var fromDate = new DateOnly(from.Year, from.Month, from.Day);
        var until = new DateOnly(on.Year, on.Month, on.Day);
        var issued = await db.Invoices.AsNoTracking()
            .Where(i => i.OrganisationId == organisationId && i.IssueDate >= fromDate && i.IssueDate < until)
            .ToListAsync(cancellation);
        var lines = issued.OrderBy(i => i.IssueDate).ThenBy(i => i.Number)
            .Select(i => (i.Number, i.IssueDate, i.Payable, JsonSerializer.Deserialize<InvoiceDocument>(i.DocumentJson, Json)!.ToInvoice().Totals.TaxExclusive))
            .ToList();
        var steps = new List<string>();
        var total = Money.Zero;
        if (received)
        {
            var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == organisationId, cancellation);
            var (_, statement) = await AccountEndpoints.StatementAsync(db, organisation, on.PlusDays(-1), cancellation);
            foreach (var (number, date, payable, taxExclusive) in lines)
            {
                var paid = statement.Invoices.FirstOrDefault(b => b.Invoice.Number == number)?.PrincipalPaid ?? Money.Zero;
                var counted = payable == 0m
                    ? Money.Zero
                    : Money.Euros(Math.Round(taxExclusive.Amount * paid.Amount / payable, 2, MidpointRounding.AwayFromZero));
                total += counted;
                steps.Add(paid.Amount == payable
                    ? $"Invoice {number} of {date:yyyy-MM-dd}: {Money.Euros(payable)} payable, all received: {counted} excl. VAT."
                    : $"Invoice {number} of {date:yyyy-MM-dd}: {paid} of {Money.Euros(payable)} payable received: {taxExclusive} × {paid.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} / {payable.ToString(System.Globalization.CultureInfo.InvariantCulture)} = {counted} excl. VAT, rounded to the cent.");
            }

            steps.Add($"Invoiced and received excl. VAT: {total}.");
        }
        else
        {
            total = lines.Aggregate(Money.Zero, (sum, l) => sum + l.TaxExclusive);
            steps.AddRange(lines.Select(l => $"Invoice {l.Number} of {l.IssueDate:yyyy-MM-dd}: {l.TaxExclusive} excl. VAT."));
            steps.Add($"Total excl. VAT: {total}.");
        }

        var reading = received
            ? "invoiced and received = the customer's invoices issued in the 12 months before the event, each for the part of its principal the payments received before the event settled on the account statement (interest and lump sums first, as allocated, not counted), excl. VAT in proportion"
            : "the customer's invoices issued in the 12 months before the day, excl. VAT, paid or not";
        return new InvoicedView(
            ContractLookup.Iso(from), ContractLookup.Iso(on.PlusDays(-1)), lines.Count, total.Amount,
            WorkingView.Of(new Working(received ? "seed 001 art. 16.3" : "seed 001 art. 19.2", reading, [("from", ContractLookup.Iso(from)), ("until", ContractLookup.Iso(on.PlusDays(-1))), ("invoices", lines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))], steps)));
    }
}

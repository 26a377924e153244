using ClauseDesk.Billing.Invoices;
using ClauseDesk.Billing.Invoicing;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk.Billing.Payments;

/// <summary>
/// A payment as the API takes it: the amount in euro, the day received (default today), the reference
/// the customer wrote, and the organisation that paid, which may be left out when the reference is an
/// invoice's structured communication or number.
/// </summary>
public sealed record PaymentRequest(Guid? OrganisationId, decimal? Amount, DateOnly? Received, string? Reference);

/// <summary>A payment as recorded: <c>invoice</c> is the invoice its reference names, if any; <c>account</c> where its allocation is shown.</summary>
public sealed record PaymentView(Guid Id, Guid OrganisationId, string Received, decimal Amount, string? Reference, string? Invoice, string RecordedBy, string Account);

/// <summary>A customer's late-payment clause and payment allocation, read from its invoicing details (decision 0012).</summary>
/// <param name="Policy">The clause applied.</param>
/// <param name="Rule">How payments are allocated.</param>
/// <param name="Source">Where they come from, in words.</param>
public sealed record AccountTerms(LatePaymentPolicy Policy, AllocationRule Rule, string Source)
{
    /// <summary>
    /// The terms of <paramref name="details"/>: its <c>latePaymentPolicy</c> (none is the law alone: the
    /// statutory rate and a flat €40), <c>lumpSumClause</c> (false: the law's €40 instead of the clause's lump
    /// sum) and <c>paymentAllocation</c> (default oldest-first, seed 001 art. 6.10).
    /// </summary>
    /// <exception cref="RequestException">An unknown policy or allocation (422, naming the field).</exception>
    public static AccountTerms Of(BillingDetails? details)
    {
        var rule = details?.PaymentAllocation is { } allocation
            ? AllocationRules.Find(allocation) ?? throw Refused("paymentAllocation", $"'{allocation}' is not oldest-first or as-designated")
            : AllocationRule.OldestFirst;
        if (details?.LatePaymentPolicy is not { } name)
        {
            return new AccountTerms(LatePaymentPolicy.Statutory.WithStatutoryFlatLumpSum(), rule,
                "no late-payment clause set for this customer: the law of 2 August 2002 (statutory rate, flat €40)");
        }

        var policy = LatePaymentPolicy.Find(name) ?? throw Refused("latePaymentPolicy", $"'{name}' is not one of {string.Join(", ", LatePaymentPolicy.Presets.Select(p => p.Name))}");
        return details.LumpSumClause == false
            ? new AccountTerms(policy.WithStatutoryFlatLumpSum(), rule, $"the customer's clause {policy.Name}, without a lump-sum clause (the law's flat €40)")
            : new AccountTerms(policy, rule, $"the customer's clause {policy.Name}");
    }

    private static RequestException Refused(string field, string message) =>
        new(StatusCodes.Status422UnprocessableEntity, "Not valid invoicing details", field, message);
}

/// <summary>
/// Payments received (SPEC §5): recorded by the provider's admin with the amount, the day and the
/// reference; matched to the customer by the invoice's structured communication. Their allocation is
/// computed on the account (<see cref="AccountEndpoints"/>), never stored.
/// </summary>
public static class PaymentEndpoints
{
    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/payments", Record).WithTags("Payments").RequireAuthorization()
            .WithSummary("Record a payment received: amount, day, reference; the organisation from the structured communication when not given (provider admin)")
            .Produces<PaymentView>(StatusCodes.Status201Created).ProducesValidationProblem();
        return endpoints;
    }

    private static async Task<IResult> Record(HttpContext http, DeskDbContext db, TimeProvider clock, WriteGate gate, PaymentRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        if (request.Amount is not { } amount || amount <= 0m || decimal.Round(amount, 2) != amount || amount > LatePayment.MaxAmount.Amount)
        {
            throw RequestException.Invalid("amount", $"the amount received in euro: more than zero, at most two decimals, at most {LatePayment.MaxAmount}");
        }

        var reference = string.IsNullOrWhiteSpace(request.Reference) ? null : request.Reference.Trim();
        if (reference is { Length: > RecordedPayment.MaxReferenceLength })
        {
            throw RequestException.Invalid("reference", $"at most {RecordedPayment.MaxReferenceLength} characters");
        }

        var tenant = await db.Tenants.FirstAsync(t => t.Id == user.TenantId, cancellation);
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(tenant.Zone()).Date;
        var received = request.Received is { } r ? new LocalDate(r.Year, r.Month, r.Day) : today;
        if (received > today)
        {
            throw RequestException.Invalid("received", $"a payment is received today ({today.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}) at the latest");
        }

        var named = await NamedInvoiceAsync(db, reference, cancellation);
        var organisationId = request.OrganisationId ?? named?.OrganisationId
            ?? throw new RequestException(StatusCodes.Status422UnprocessableEntity, "Not a valid payment", "organisationId",
                "which customer paid? The reference names no invoice: give the organisationId");
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellation))
        {
            throw RequestException.NotFound("organisationId", "no such organisation");
        }

        if (named is not null && named.OrganisationId != organisationId)
        {
            throw new RequestException(StatusCodes.Status422UnprocessableEntity, "Not a valid payment", "reference",
                $"the reference names invoice {named.Number}, which is another customer's");
        }

        using var passage = await gate.EnterAsync(db, cancellation);
        var payment = new RecordedPayment(tenant.Id, organisationId, received, Money.Euros(amount), reference, user.Name, clock.GetUtcNow());
        db.Payments.Add(payment);
        await db.SaveChangesAsync(cancellation);
        return Results.Created($"/api/organisations/{organisationId}/account", View(payment, named?.Number));
    }

    /// <summary>The invoice a reference names: its structured communication in any usual form, or its number.</summary>
    internal static async Task<IssuedInvoice?> NamedInvoiceAsync(DeskDbContext db, string? reference, CancellationToken cancellation)
    {
        if (reference is null)
        {
            return null;
        }

        if (StructuredCommunication.TryParse(reference, out var communication))
        {
            var printed = communication.ToString();
            if (await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.PaymentReference == printed, cancellation) is { } byCommunication)
            {
                return byCommunication;
            }
        }

        return await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Number == reference, cancellation);
    }

    internal static PaymentView View(RecordedPayment payment, string? invoice) => new(
        payment.Id, payment.OrganisationId, $"{payment.Received:yyyy-MM-dd}", payment.Amount, payment.Reference, invoice, payment.RecordedBy,
        $"/api/organisations/{payment.OrganisationId}/account");
}

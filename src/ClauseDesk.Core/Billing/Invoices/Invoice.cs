using NodaTime;

namespace ClauseDesk.Billing.Invoices;

/// <summary>
/// An invoice (UNCL1001 code 380). Its due date is the issue date plus the payment term, and it is
/// paid by credit transfer to the supplier's account with a structured communication.
/// </summary>
/// <remarks>
/// A line may have a negative quantity, as a correction within the same invoice (e.g. unused
/// support credits deducted from a month's fee); the total excl. VAT never goes below zero. An
/// amount owed back to the customer is a <see cref="CreditNote"/>.
/// </remarks>
public sealed class Invoice : BillingDocument
{
    /// <summary>The longest payment term accepted, in days.</summary>
    public const int MaxPaymentTermDays = 365;

    /// <param name="number">Unique and sequential per supplier; 1–30 letters, digits and . / _ -.</param>
    /// <param name="issueDate">The invoice date.</param>
    /// <param name="paymentTermDays">0 to <see cref="MaxPaymentTermDays"/>; the contracts' default is 30.</param>
    /// <param name="supplier">The provider; needs an enterprise number, a VAT number (unless all is category O) and a bank account.</param>
    /// <param name="customer">The customer.</param>
    /// <param name="lines">1 to <see cref="BillingDocument.MaxLines"/> lines.</param>
    /// <param name="paymentReference">The structured communication the customer pays with.</param>
    /// <param name="buyerReference">BT-10; this or <paramref name="orderReference"/> is required.</param>
    /// <param name="orderReference">BT-13, the purchase order.</param>
    /// <param name="prepaid">Already paid (e.g. an advance); zero or more, at most the total incl. VAT. Default zero.</param>
    /// <param name="allowancesCharges">Document-level allowances and charges; default none.</param>
    /// <param name="period">The period invoiced; required when a line is category K.</param>
    /// <exception cref="ArgumentException">A rule of <see cref="BillingDocument"/> or of this type is broken; the message names the rule.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The payment term or the prepaid amount is out of bounds.</exception>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    public Invoice(
        string number,
        LocalDate issueDate,
        int paymentTermDays,
        Party supplier,
        Party customer,
        IEnumerable<InvoiceLine> lines,
        StructuredCommunication paymentReference,
        string? buyerReference = null,
        string? orderReference = null,
        Money prepaid = default,
        IEnumerable<AllowanceCharge>? allowancesCharges = null,
        DateInterval? period = null)
        : base(number, issueDate, supplier, customer, lines, buyerReference, orderReference, prepaid, allowancesCharges, period)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(paymentTermDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(paymentTermDays, MaxPaymentTermDays);
        if (supplier.BankAccount is null)
        {
            throw new ArgumentException("The supplier needs a bank account to be paid on.", nameof(supplier));
        }

        PaymentTermDays = paymentTermDays;
        DueDate = issueDate.PlusDays(paymentTermDays);
        PaymentReference = paymentReference ?? throw new ArgumentNullException(nameof(paymentReference));
    }

    public int PaymentTermDays { get; }

    /// <summary>Issue date + payment term.</summary>
    public LocalDate DueDate { get; }

    /// <summary>The structured communication, e.g. <c>+++123/4567/89002+++</c>.</summary>
    public StructuredCommunication PaymentReference { get; }

    /// <summary>The supplier's account (never null on an invoice).</summary>
    public BankAccount PayTo => Supplier.BankAccount!;
}

/// <summary>The invoice a credit note corrects (BG-3): its number and issue date.</summary>
public sealed record InvoiceReference
{
    /// <param name="number">The invoice number.</param>
    /// <param name="issueDate">The invoice's issue date.</param>
    /// <exception cref="ArgumentException">A blank or too long number.</exception>
    public InvoiceReference(string number, LocalDate issueDate)
    {
        Number = Text.Required(number, 30, nameof(number));
        IssueDate = issueDate;
    }

    public string Number { get; }
    public LocalDate IssueDate { get; }

    /// <summary>The reference to <paramref name="invoice"/>.</summary>
    public static InvoiceReference To(Invoice invoice) => new((invoice ?? throw new ArgumentNullException(nameof(invoice))).Number, invoice.IssueDate);
}

/// <summary>
/// A credit note (UNCL1001 code 381) that corrects an earlier invoice. It carries positive amounts:
/// every line has a positive quantity, and the total is what is credited to the customer.
/// </summary>
public sealed class CreditNote : BillingDocument
{
    /// <param name="number">Unique and sequential per supplier, in the same rules as an invoice number.</param>
    /// <param name="issueDate">On or after the corrected invoice's issue date.</param>
    /// <param name="corrects">The invoice corrected.</param>
    /// <param name="supplier">The provider, as on the invoice.</param>
    /// <param name="customer">The customer, as on the invoice.</param>
    /// <param name="lines">What is credited; positive quantities only.</param>
    /// <param name="buyerReference">BT-10; this or <paramref name="orderReference"/> is required.</param>
    /// <param name="orderReference">BT-13.</param>
    /// <param name="allowancesCharges">Document-level allowances and charges; default none.</param>
    /// <param name="period">The period credited, if any; required when a line is category K.</param>
    /// <param name="reason">Why the invoice is credited, up to 500 characters; printed on the PDF and sent as the UBL note (BT-22). Default none.</param>
    /// <exception cref="ArgumentException">A rule is broken: a negative quantity, an issue date before the invoice's, a reason too long, or a rule of <see cref="BillingDocument"/>.</exception>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    public CreditNote(
        string number,
        LocalDate issueDate,
        InvoiceReference corrects,
        Party supplier,
        Party customer,
        IEnumerable<InvoiceLine> lines,
        string? buyerReference = null,
        string? orderReference = null,
        IEnumerable<AllowanceCharge>? allowancesCharges = null,
        DateInterval? period = null,
        string? reason = null)
        : base(number, issueDate, supplier, customer, lines, buyerReference, orderReference, Money.Zero, allowancesCharges, period)
    {
        Corrects = corrects ?? throw new ArgumentNullException(nameof(corrects));
        Reason = Text.Optional(reason, 500, nameof(reason));
        if (Lines.Any(l => l.Quantity < 0m))
        {
            throw new ArgumentException("A credit note carries positive quantities; the credit is implied by the document type.", nameof(lines));
        }

        if (issueDate < corrects.IssueDate)
        {
            throw new ArgumentException($"A credit note is issued on or after the invoice it corrects ({Shown.Date(corrects.IssueDate)}).", nameof(issueDate));
        }
    }

    /// <summary>A credit note for (part of) <paramref name="invoice"/>, with its parties and references.</summary>
    /// <exception cref="ArgumentException">See the main constructor.</exception>
    public static CreditNote For(Invoice invoice, string number, LocalDate issueDate, IEnumerable<InvoiceLine> lines, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return new CreditNote(number, issueDate, InvoiceReference.To(invoice), invoice.Supplier, invoice.Customer, lines, invoice.BuyerReference, invoice.OrderReference, period: invoice.Period, reason: reason);
    }

    public InvoiceReference Corrects { get; }

    /// <summary>Why the invoice is credited; null when not given.</summary>
    public string? Reason { get; }
}

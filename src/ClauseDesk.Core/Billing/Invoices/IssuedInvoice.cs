namespace ClauseDesk.Billing.Invoices;

/// <summary>
/// An invoice as issued and kept: its number, the figures lists and reminders need, and the whole
/// document as it was issued (JSON), from which its PDF and Peppol UBL are rendered again identically.
/// An issued invoice never changes; a correction is a credit note.
/// </summary>
public sealed class IssuedInvoice
{
    private IssuedInvoice()
    {
    }

    public IssuedInvoice(Guid tenantId, Guid organisationId, Invoice invoice, string documentJson, string issuedBy, DateTimeOffset issuedAt)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        OrganisationId = organisationId;
        Number = invoice.Number;
        IssueDate = new DateOnly(invoice.IssueDate.Year, invoice.IssueDate.Month, invoice.IssueDate.Day);
        DueDate = new DateOnly(invoice.DueDate.Year, invoice.DueDate.Month, invoice.DueDate.Day);
        TaxInclusive = invoice.Totals.TaxInclusive.Amount;
        Payable = invoice.Totals.Payable.Amount;
        PaymentReference = invoice.PaymentReference.ToString();
        DocumentJson = documentJson;
        IssuedBy = issuedBy;
        IssuedAt = issuedAt;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Number { get; private set; } = "";
    public DateOnly IssueDate { get; private set; }
    public DateOnly DueDate { get; private set; }
    public decimal TaxInclusive { get; private set; }
    public decimal Payable { get; private set; }
    public string PaymentReference { get; private set; } = "";
    public string DocumentJson { get; private set; } = "";
    public string IssuedBy { get; private set; } = "";
    public DateTimeOffset IssuedAt { get; private set; }
}

namespace ClauseDesk.Billing.Invoices;

/// <summary>
/// A credit note as issued and kept, like <see cref="IssuedInvoice"/>: the figures the account needs,
/// the invoice it corrects, and the whole document as JSON, from which its PDF and Peppol UBL are
/// rendered again identically. It never changes.
/// </summary>
public sealed class IssuedCreditNote
{
    private IssuedCreditNote()
    {
    }

    /// <param name="tenantId">The provider.</param>
    /// <param name="invoice">The invoice corrected: the organisation is its customer.</param>
    /// <param name="creditNote">The document, already checked by its constructor.</param>
    /// <param name="documentJson">The document as kept.</param>
    /// <param name="issuedBy">Who issued it.</param>
    /// <param name="issuedAt">When.</param>
    /// <exception cref="ArgumentException">The credit note corrects another invoice than <paramref name="invoice"/>.</exception>
    public IssuedCreditNote(Guid tenantId, IssuedInvoice invoice, CreditNote creditNote, string documentJson, string issuedBy, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(creditNote);
        if (creditNote.Corrects.Number != invoice.Number)
        {
            throw new ArgumentException($"Credit note {creditNote.Number} corrects {creditNote.Corrects.Number}, not {invoice.Number}.", nameof(creditNote));
        }

        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        OrganisationId = invoice.OrganisationId;
        InvoiceId = invoice.Id;
        InvoiceNumber = invoice.Number;
        Number = creditNote.Number;
        IssueDate = new DateOnly(creditNote.IssueDate.Year, creditNote.IssueDate.Month, creditNote.IssueDate.Day);
        TaxInclusive = creditNote.Totals.TaxInclusive.Amount;
        Reason = creditNote.Reason ?? "";
        DocumentJson = documentJson;
        IssuedBy = issuedBy;
        IssuedAt = issuedAt;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid InvoiceId { get; private set; }
    public string InvoiceNumber { get; private set; } = "";
    public string Number { get; private set; } = "";
    public DateOnly IssueDate { get; private set; }

    /// <summary>What it credits, incl. VAT.</summary>
    public decimal TaxInclusive { get; private set; }

    public string Reason { get; private set; } = "";
    public string DocumentJson { get; private set; } = "";
    public string IssuedBy { get; private set; } = "";
    public DateTimeOffset IssuedAt { get; private set; }
}

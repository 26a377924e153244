namespace ClauseDesk.Billing.Credits;

/// <summary>
/// A line of a contract's support-credit ledger as kept (a <see cref="CreditEntry"/> with its working as
/// JSON). <see cref="Sequence"/> is unique per contract, so two writers can never both append line n.
/// </summary>
public sealed class CreditLine
{
    private CreditLine()
    {
    }

    public CreditLine(Guid tenantId, Guid contractId, int sequence, CreditEntry entry, Guid? timeEntryId, string workingJson)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        ContractId = contractId;
        Sequence = sequence;
        Kind = entry.Kind;
        At = entry.At.ToDateTimeOffset();
        QuarterHours = entry.QuarterHours;
        Amount = entry.Amount.Amount;
        Reference = entry.Reference;
        BalanceAfter = entry.BalanceAfter;
        TimeEntryId = timeEntryId;
        WorkingJson = workingJson;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ContractId { get; private set; }
    public int Sequence { get; private set; }
    public CreditEntryKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public int QuarterHours { get; private set; }
    public decimal Amount { get; private set; }
    public string Reference { get; private set; } = "";
    public int BalanceAfter { get; private set; }

    /// <summary>The time entry a consumption or overage belongs to.</summary>
    public Guid? TimeEntryId { get; private set; }

    public string WorkingJson { get; private set; } = "";

    /// <summary>The invoice an overage line was invoiced on; null until then, and for other lines.</summary>
    public string? InvoiceNumber { get; private set; }

    /// <summary>Records the invoice this overage line is on.</summary>
    /// <exception cref="InvalidOperationException">Not an overage line, or already invoiced.</exception>
    public void MarkInvoiced(string invoiceNumber)
    {
        if (Kind != CreditEntryKind.Overage || InvoiceNumber is not null)
        {
            throw new InvalidOperationException($"credit line {Sequence} is not an overage line still to invoice");
        }

        InvoiceNumber = invoiceNumber;
    }
}

namespace ClauseDesk.Billing.Time;

/// <summary>How a time entry is paid.</summary>
public enum TimePayment
{
    /// <summary>Priced with the contract's tariff: hourly rate, surcharges, on-site minimum, travel.</summary>
    Hourly,

    /// <summary>Paid from the customer's support credits per started quarter hour (seed 002 art. 4.7).</summary>
    Credits,
}

/// <summary>
/// A time entry recorded on a ticket, with its pricing as computed when it was recorded: the lines
/// and their working are kept as issued, so a later change of the contract's rates does not rewrite it.
/// </summary>
public sealed class LoggedTime
{
    /// <summary>The longest note kept.</summary>
    public const int MaxNoteLength = 2000;

    private LoggedTime()
    {
    }

    public LoggedTime(Guid tenantId, Guid ticketId, Guid contractId, TimeEntry entry, string note, TimePayment payment, decimal total, string pricingJson, string recordedBy, DateTimeOffset recordedAt)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        TicketId = ticketId;
        ContractId = contractId;
        Start = entry.Start.ToDateTimeOffset();
        End = entry.End.ToDateTimeOffset();
        Place = entry.Place;
        TravelKm = entry.TravelKm;
        Minutes = (int)entry.Minutes;
        Note = note.Trim();
        Payment = payment;
        Total = total;
        PricingJson = pricingJson;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid TicketId { get; private set; }
    public Guid ContractId { get; private set; }
    public DateTimeOffset Start { get; private set; }
    public DateTimeOffset End { get; private set; }
    public WorkPlace Place { get; private set; }
    public decimal TravelKm { get; private set; }
    public int Minutes { get; private set; }
    public string Note { get; private set; } = "";
    public TimePayment Payment { get; private set; }

    /// <summary>What the tariff charges for the entry excl. VAT; 0 when it is paid from credits (the credit lines say what it used).</summary>
    public decimal Total { get; private set; }

    /// <summary>The priced lines with their working, as JSON.</summary>
    public string PricingJson { get; private set; } = "";

    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
}

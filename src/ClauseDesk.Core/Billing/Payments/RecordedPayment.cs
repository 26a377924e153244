using NodaTime;

namespace ClauseDesk.Billing.Payments;

/// <summary>
/// A payment received from a customer, as recorded by the provider: the amount, the day it was received
/// and what the customer wrote with it. How it is allocated is never stored: <see cref="AccountStatement"/>
/// computes it from the entries, so a statement is always the same for the same day.
/// </summary>
public sealed class RecordedPayment
{
    /// <summary>The longest reference kept, in characters (a bank's remittance field holds 140).</summary>
    public const int MaxReferenceLength = 140;

    private RecordedPayment()
    {
    }

    /// <param name="tenantId">The provider.</param>
    /// <param name="organisationId">The customer who paid.</param>
    /// <param name="received">The day the money was received.</param>
    /// <param name="amount">More than zero, whole cents, at most <see cref="LatePayment.MaxAmount"/>.</param>
    /// <param name="reference">What the customer wrote, e.g. the structured communication; at most <see cref="MaxReferenceLength"/> characters, null if nothing.</param>
    /// <param name="recordedBy">Who recorded it.</param>
    /// <param name="recordedAt">When.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is out of bounds or not in whole cents.</exception>
    /// <exception cref="ArgumentException">The reference is too long.</exception>
    public RecordedPayment(Guid tenantId, Guid organisationId, LocalDate received, Money amount, string? reference, string recordedBy, DateTimeOffset recordedAt)
    {
        Accounts.RequireCents(amount, nameof(amount), allowZero: false);
        var text = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        if (text is { Length: > MaxReferenceLength })
        {
            throw new ArgumentException($"A reference is at most {MaxReferenceLength} characters ({text.Length} given).", nameof(reference));
        }

        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        OrganisationId = organisationId;
        Received = new DateOnly(received.Year, received.Month, received.Day);
        Amount = amount.Amount;
        Reference = text;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public DateOnly Received { get; private set; }
    public decimal Amount { get; private set; }
    public string? Reference { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The payment as the ledger takes it.</summary>
    public ReceivedPayment ToReceived() => new(Id.ToString(), new LocalDate(Received.Year, Received.Month, Received.Day), Money.Euros(Amount), Reference);
}

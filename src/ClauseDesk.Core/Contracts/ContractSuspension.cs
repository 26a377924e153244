using NodaTime;

namespace ClauseDesk.Contracts;

/// <summary>
/// A registered formal notice to a customer and what followed it (seed 001 art. 17): the suspension,
/// allowed from the day after the 15 days, and the reactivation against the fee.
/// </summary>
public sealed class ContractSuspension
{
    private ContractSuspension()
    {
    }

    public ContractSuspension(Guid tenantId, Guid contractId, LocalDate noticeSentOn, string recordedBy, DateTimeOffset recordedAt)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        ContractId = contractId;
        NoticeSentOn = Day(noticeSentOn);
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ContractId { get; private set; }

    /// <summary>The day the registered letter was sent.</summary>
    public DateOnly NoticeSentOn { get; private set; }

    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The first day of the suspension; null while the services run.</summary>
    public DateOnly? SuspendedOn { get; private set; }

    /// <summary>The day the services were reactivated; null while suspended or never suspended.</summary>
    public DateOnly? ReactivatedOn { get; private set; }

    /// <summary>The reactivation fee excl. VAT charged; null until reactivated.</summary>
    public decimal? ReactivationFee { get; private set; }

    /// <summary>Whether the services are suspended now.</summary>
    public bool IsSuspended => SuspendedOn is not null && ReactivatedOn is null;

    /// <summary>Suspends from <paramref name="on"/>, only from the day after the 15 days (seed 001 art. 17.2).</summary>
    /// <exception cref="DeskRuleException">Too early (field <c>on</c>, naming the first allowed day), or already suspended.</exception>
    public void Suspend(LocalDate on)
    {
        if (SuspendedOn is not null)
        {
            throw new DeskRuleException("on", $"already suspended since {SuspendedOn:yyyy-MM-dd}", "seed 001 art. 17.2");
        }

        var earliest = Suspension.EarliestStart(Sent);
        if (!Suspension.Allowed(Sent, on))
        {
            throw new DeskRuleException("on", $"suspension is allowed from {earliest.Value:uuuu-MM-dd}: the formal notice of {NoticeSentOn:yyyy-MM-dd} gives the customer {Suspension.CureDays} days", "seed 001 art. 17.2");
        }

        SuspendedOn = Day(on);
    }

    /// <summary>Reactivates on <paramref name="on"/> against the fee (seed 001 art. 17.4).</summary>
    /// <exception cref="DeskRuleException">Not suspended, or <paramref name="on"/> before the suspension.</exception>
    public void Reactivate(LocalDate on, Money fee)
    {
        if (!IsSuspended)
        {
            throw new DeskRuleException("contract", "the services are not suspended", "seed 001 art. 17.4");
        }

        if (Day(on) < SuspendedOn)
        {
            throw new DeskRuleException("on", $"the suspension started on {SuspendedOn:yyyy-MM-dd}", "seed 001 art. 17.4");
        }

        ReactivatedOn = Day(on);
        ReactivationFee = fee.Amount;
    }

    /// <summary>The day the notice was sent, as a date.</summary>
    public LocalDate Sent => new(NoticeSentOn.Year, NoticeSentOn.Month, NoticeSentOn.Day);

    private static DateOnly Day(LocalDate d) => new(d.Year, d.Month, d.Day);
}

/// <summary>
/// That a contract's data was purged after the 90 days (seed 001 art. 29.2): when it was due, when it
/// ran, and what was removed (counts and the last hash of every audit chain removed). One a contract.
/// </summary>
public sealed class DataPurgeRecord
{
    private DataPurgeRecord()
    {
    }

    public DataPurgeRecord(Guid tenantId, Guid contractId, Guid organisationId, LocalDate dueOn, DateTimeOffset ranAt, string removedJson)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        ContractId = contractId;
        OrganisationId = organisationId;
        DueOn = new DateOnly(dueOn.Year, dueOn.Month, dueOn.Day);
        RanAt = ranAt;
        RemovedJson = removedJson;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ContractId { get; private set; }
    public Guid OrganisationId { get; private set; }

    /// <summary>The purge day ContractTerm derives: the day after the 90th day after the end.</summary>
    public DateOnly DueOn { get; private set; }

    public DateTimeOffset RanAt { get; private set; }

    /// <summary>What was removed, as JSON: counts per kind and the audit chains removed with their last hash.</summary>
    public string RemovedJson { get; private set; } = "";
}

namespace ClauseDesk.Billing.Volume;

/// <summary>
/// A volume in force from a contract year on, as <see cref="VolumeMeter.Raise"/> or
/// <see cref="VolumeMeter.Lower"/> decided when asked (or the first volume set): replayed in
/// <see cref="Sequence"/> order with <see cref="VolumeMeter.RestoreVolume"/>.
/// </summary>
public sealed class VolumeChange
{
    private VolumeChange()
    {
    }

    public VolumeChange(Guid tenantId, Guid contractId, int sequence, string kind, int volume, DateOnly askedOn, int fromYear, string workingJson, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        ContractId = contractId;
        Sequence = sequence;
        Kind = kind;
        Volume = volume;
        AskedOn = askedOn;
        FromYear = fromYear;
        WorkingJson = workingJson;
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ContractId { get; private set; }
    public int Sequence { get; private set; }

    /// <summary>set, raise or lower.</summary>
    public string Kind { get; private set; } = "";

    public int Volume { get; private set; }
    public DateOnly AskedOn { get; private set; }

    /// <summary>The first contract year it applies to, 0 for the first.</summary>
    public int FromYear { get; private set; }

    public string WorkingJson { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}

/// <summary>
/// A unit counted once (seed 002 art. 1): unique per contract by <see cref="UnitId"/>, and numbered in
/// its contract year by <see cref="Ordinal"/> (also unique), so neither a retry nor two requests at
/// once can count a unit twice or give two units the same place.
/// </summary>
public sealed class UsageUnit
{
    private UsageUnit()
    {
    }

    public UsageUnit(Guid tenantId, Guid contractId, string unitId, string state, DateOnly countedOn, int contractYear, int ordinal, int? warnedVolume, DateTimeOffset recordedAt)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        ContractId = contractId;
        UnitId = unitId;
        State = state;
        CountedOn = countedOn;
        ContractYear = contractYear;
        Ordinal = ordinal;
        WarnedVolume = warnedVolume;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ContractId { get; private set; }
    public string UnitId { get; private set; } = "";

    /// <summary>The state it was in when it was counted.</summary>
    public string State { get; private set; } = "";

    public DateOnly CountedOn { get; private set; }
    public int ContractYear { get; private set; }

    /// <summary>Its place among the units of its contract year: 1 for the first.</summary>
    public int Ordinal { get; private set; }

    /// <summary>The volume in force when this unit raised the 85 % warning; null for every other unit.</summary>
    public int? WarnedVolume { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }
}

/// <summary>The overage of a finished contract year, invoiced once (seed 002 art. 4.3): unique per contract and year.</summary>
public sealed class UsageSettlement
{
    private UsageSettlement()
    {
    }

    public UsageSettlement(Guid tenantId, Guid contractId, int contractYear, int units, decimal amount, string invoiceNumber, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        ContractId = contractId;
        ContractYear = contractYear;
        Units = units;
        Amount = amount;
        InvoiceNumber = invoiceNumber;
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ContractId { get; private set; }
    public int ContractYear { get; private set; }
    public int Units { get; private set; }
    public decimal Amount { get; private set; }
    public string InvoiceNumber { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}

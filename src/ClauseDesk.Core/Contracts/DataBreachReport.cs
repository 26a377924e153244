using NodaTime;

namespace ClauseDesk.Contracts;

/// <summary>
/// An entry of the provider's data-breach register (SPEC §7): what happened, which data and people,
/// which customers it affects and what was done. Append-only: once recorded it is not changed; each
/// affected customer's notification is recorded once on its <see cref="DataBreachNotice"/>.
/// </summary>
public sealed class DataBreachReport
{
    public const int MaxText = 4000;
    public const int MaxCategories = 1000;

    private DataBreachReport()
    {
    }

    /// <summary>Records a breach.</summary>
    /// <param name="tenantId">The provider.</param>
    /// <param name="discoveredAt">When it was discovered: not after <paramref name="now"/>.</param>
    /// <param name="nature">What happened; 1–4000 characters.</param>
    /// <param name="dataCategories">Which kinds of personal data; 1–1000 characters.</param>
    /// <param name="subjectCategories">Which kinds of people (staff, patients, …); at most 1000 characters, may be empty.</param>
    /// <param name="approximateSubjects">About how many people; null when not known yet; not negative.</param>
    /// <param name="approximateRecords">About how many records; null when not known yet; not negative.</param>
    /// <param name="measures">What was and will be done; 1–4000 characters.</param>
    /// <param name="recordedBy">Who records it.</param>
    /// <param name="now">The moment of recording.</param>
    /// <exception cref="DeskRuleException">A field is blank, too long or negative, or the discovery lies in the future; the field is named.</exception>
    public DataBreachReport(Guid tenantId, DateTimeOffset discoveredAt, string? nature, string? dataCategories, string? subjectCategories,
        int? approximateSubjects, int? approximateRecords, string? measures, string recordedBy, DateTimeOffset now)
    {
        if (discoveredAt > now)
        {
            throw new DeskRuleException("discoveredAt", "a breach is recorded after it was discovered, not before");
        }

        if (approximateSubjects < 0)
        {
            throw new DeskRuleException("approximateSubjects", "not negative; leave it out when not known yet");
        }

        if (approximateRecords < 0)
        {
            throw new DeskRuleException("approximateRecords", "not negative; leave it out when not known yet");
        }

        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        DiscoveredAt = discoveredAt;
        Nature = Required("nature", nature, MaxText);
        DataCategories = Required("dataCategories", dataCategories, MaxCategories);
        SubjectCategories = (subjectCategories ?? "").Trim();
        if (SubjectCategories.Length > MaxCategories)
        {
            throw new DeskRuleException("subjectCategories", $"at most {MaxCategories} characters");
        }

        ApproximateSubjects = approximateSubjects;
        ApproximateRecords = approximateRecords;
        Measures = Required("measures", measures, MaxText);
        RecordedBy = recordedBy;
        RecordedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public DateTimeOffset DiscoveredAt { get; private set; }
    public string Nature { get; private set; } = "";
    public string DataCategories { get; private set; } = "";
    public string SubjectCategories { get; private set; } = "";
    public int? ApproximateSubjects { get; private set; }
    public int? ApproximateRecords { get; private set; }
    public string Measures { get; private set; } = "";
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The 48-hour rule for one affected customer, in <paramref name="zone"/> (seed 004 §12.9).</summary>
    public DataBreach For(DataBreachNotice notice, DateTimeZone zone) =>
        new(Instant.FromDateTimeOffset(DiscoveredAt), Nature, zone, notice.NotifiedAt is { } at ? Instant.FromDateTimeOffset(at) : null);

    private static string Required(string field, string? text, int max)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new DeskRuleException(field, "required");
        }

        if (trimmed.Length > max)
        {
            throw new DeskRuleException(field, $"at most {max} characters ({trimmed.Length} given)");
        }

        return trimmed;
    }
}

/// <summary>One customer a data breach affects, and when and to whom it was notified in writing.</summary>
public sealed class DataBreachNotice
{
    public const int MaxRecipient = 1000;

    private DataBreachNotice()
    {
    }

    public DataBreachNotice(Guid tenantId, Guid breachId, Guid organisationId)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        BreachId = breachId;
        OrganisationId = organisationId;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid BreachId { get; private set; }
    public Guid OrganisationId { get; private set; }

    /// <summary>When the customer was informed in writing; null until then.</summary>
    public DateTimeOffset? NotifiedAt { get; private set; }

    /// <summary>To whom and how, e.g. <c>dpo@customer.example by e-mail</c>.</summary>
    public string? NotifiedTo { get; private set; }

    public string? NotifiedBy { get; private set; }

    /// <summary>Records the notification, once.</summary>
    /// <exception cref="DeskRuleException">Already notified, no recipient, a moment before the discovery or after <paramref name="now"/>.</exception>
    public void Notify(DateTimeOffset at, string? to, string by, DateTimeOffset discoveredAt, DateTimeOffset now)
    {
        if (NotifiedAt is { } earlier)
        {
            throw new DeskRuleException("organisationId", $"this customer's notification is already recorded ({earlier.ToUniversalTime():yyyy-MM-dd HH:mm} UTC); the register is append-only");
        }

        if (at < discoveredAt)
        {
            throw new DeskRuleException("notifiedAt", "the notification cannot come before the discovery");
        }

        if (at > now)
        {
            throw new DeskRuleException("notifiedAt", "record a notification once it was sent, not ahead");
        }

        var recipient = to?.Trim() ?? "";
        if (recipient.Length == 0)
        {
            throw new DeskRuleException("to", "to whom, and how, was the customer informed?");
        }

        if (recipient.Length > MaxRecipient)
        {
            throw new DeskRuleException("to", $"at most {MaxRecipient} characters");
        }

        NotifiedAt = at;
        NotifiedTo = recipient;
        NotifiedBy = by;
    }
}

namespace ClauseDesk.Data.Audit;

/// <summary>
/// One appended change: who, when, what, before and after. Entries of one entity form a chain:
/// each hash covers the entry and the previous hash, so changing or removing an entry shows.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string EntityType { get; set; } = "";
    public Guid EntityId { get; set; }

    /// <summary>1, 2, 3 … per entity.</summary>
    public int Sequence { get; set; }

    /// <summary><c>created</c>, <c>updated</c> or <c>deleted</c>.</summary>
    public string Action { get; set; } = "";

    public Guid ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary>The changed properties before the change, as a JSON object; null when created.</summary>
    public string? Before { get; set; }

    /// <summary>The changed properties after the change, as a JSON object; null when deleted.</summary>
    public string? After { get; set; }

    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

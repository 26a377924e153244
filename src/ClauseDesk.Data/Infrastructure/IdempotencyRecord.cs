namespace ClauseDesk.Data.Infrastructure;

/// <summary>
/// The answer given to a creating request with an <c>Idempotency-Key</c>: a retry with the same key
/// gets the same answer and creates nothing; the same key with another body is refused.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid TenantId { get; set; }
    public Guid PersonId { get; set; }
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int StatusCode { get; set; }
    public string Location { get; set; } = "";
    public string ResponseBody { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A lease that lets one of several servers run a background job at a time.</summary>
public sealed class JobLease
{
    public string Name { get; set; } = "";
    public string Holder { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>The last ticket number given per provider and year.</summary>
public sealed class TicketCounter
{
    public string TenantKey { get; set; } = "";
    public int Year { get; set; }
    public long LastValue { get; set; }
}

/// <summary>
/// The number the database raises with every write to API tokens, people, providers, contracts and
/// maintenance windows (triggers of migration 15): see <see cref="ReadCache"/>.
/// </summary>
public sealed class ReadStamp
{
    public int Id { get; set; }
    public long Value { get; set; }
}

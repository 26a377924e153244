namespace ClauseDesk.Sla;

/// <summary>
/// Something that happened to a ticket and matters to its service-level clocks. A history is a list
/// of these in time order, starting with exactly one <see cref="Submitted"/>;
/// <see cref="SlaEngine.Evaluate"/> validates it.
/// </summary>
/// <param name="At">When it happened (any offset; shown in the calendar's zone).</param>
/// <param name="Actor">Who recorded it: every suspension is recorded with its author (SPEC §2).</param>
/// <param name="Note">Free text, e.g. the supplier's case number.</param>
public abstract record TicketEvent(DateTimeOffset At, string Actor, string? Note)
{
    /// <summary>The event's name as shown in messages, e.g. <c>Paused</c>.</summary>
    public virtual string Kind => GetType().Name;
}

/// <summary>The customer submitted the ticket: the reaction clock starts (seed 001 art. 33.9).</summary>
public sealed record Submitted(DateTimeOffset At, string Actor, Priority Priority, string? Note = null) : TicketEvent(At, Actor, Note);

/// <summary>
/// The provider informed the customer that the ticket was received and is being handled: stops the
/// reaction clock (art. 33.9) and starts the resolution clock (art. 33.10). An explicit message, not
/// an automatic mail.
/// </summary>
public sealed record Acknowledged(DateTimeOffset At, string Actor, string? Note = null) : TicketEvent(At, Actor, Note);

/// <summary>The priority was changed; targets are recomputed from the original submission (SPEC §2).</summary>
public sealed record PriorityChanged(DateTimeOffset At, string Actor, Priority Priority, string? Note = null) : TicketEvent(At, Actor, Note);

/// <summary>An event excluded by contract began: both clocks are suspended until <see cref="Resumed"/>.</summary>
public sealed record Paused(DateTimeOffset At, string Actor, PauseReason Reason, string? Note = null) : TicketEvent(At, Actor, Note);

/// <summary>The excluded event ended: the clocks run again.</summary>
public sealed record Resumed(DateTimeOffset At, string Actor, string? Note = null) : TicketEvent(At, Actor, Note);

/// <summary>Handling needs a third-party supplier: the resolution clock is suspended (seed 001 art. 39.1.3).</summary>
public sealed record WaitingOnSupplier(DateTimeOffset At, string Actor, string? Note = null) : TicketEvent(At, Actor, Note);

/// <summary>
/// The supplier gave the cooperation needed and no more is required; the resolution clock resumes
/// per the policy's <see cref="SupplierResumeReading"/>.
/// </summary>
public sealed record SupplierDelivered(DateTimeOffset At, string Actor, string? Note = null) : TicketEvent(At, Actor, Note);

/// <summary>Provider and customer agreed an on-site intervention (art. 39.3.4): the resolution due moves by one business day (art. 39.1.3).</summary>
public sealed record OnSiteAgreed(DateTimeOffset At, string Actor, string? Note = null) : TicketEvent(At, Actor, Note);

/// <summary>
/// A workaround brought the infrastructure back to an operational level: stops the resolution clock,
/// and the ticket continues at P3 for the definitive fix (art. 39.3.1).
/// </summary>
public sealed record WorkaroundProvided(DateTimeOffset At, string Actor, string? Note = null) : TicketEvent(At, Actor, Note);

/// <summary>The service is operational again: stops the resolution clock (art. 33.10).</summary>
public sealed record Resolved(DateTimeOffset At, string Actor, string? Note = null) : TicketEvent(At, Actor, Note);

/// <summary>A resolved or worked-around ticket turned out not to be: the resolution clock runs again.</summary>
public sealed record Reopened(DateTimeOffset At, string Actor, string? Note = null) : TicketEvent(At, Actor, Note);

/// <summary>Why the clocks were suspended: the events the contract excludes.</summary>
public enum PauseReason
{
    /// <summary>Force majeure (seed 001 art. 15; not an incident per art. 38.3).</summary>
    ForceMajeure,

    /// <summary>The customer's own computer systems failed, through the customer or a third party (seed 001 art. 38.3).</summary>
    CustomerSystems,

    /// <summary>An intervention, update or maintenance by the provider (seed 001 art. 34.4, 38.3).</summary>
    AnnouncedMaintenance,

    /// <summary>
    /// Waiting for information or a decision of the customer (seed 001 art. 40.1; seed 004 §6: "zullen
    /// zij niet verder werken" until enough information is received).
    /// </summary>
    AwaitingCustomer,
}

/// <summary>The clause each <see cref="PauseReason"/> comes from.</summary>
public static class PauseReasons
{
    /// <summary>The clause that excludes the event from the service levels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An undefined reason.</exception>
    public static string Clause(this PauseReason reason) => reason switch
    {
        PauseReason.ForceMajeure => "seed 001 art. 15, 38.3",
        PauseReason.CustomerSystems => "seed 001 art. 38.3",
        PauseReason.AnnouncedMaintenance => "seed 001 art. 34.4, 38.3",
        PauseReason.AwaitingCustomer => "seed 001 art. 40.1; seed 004 §6",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "an undefined pause reason"),
    };

    /// <summary>E.g. <c>force majeure</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An undefined reason.</exception>
    public static string Describe(this PauseReason reason) => reason switch
    {
        PauseReason.ForceMajeure => "force majeure",
        PauseReason.CustomerSystems => "the customer's own systems",
        PauseReason.AnnouncedMaintenance => "announced maintenance",
        PauseReason.AwaitingCustomer => "awaiting the customer",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "an undefined pause reason"),
    };
}

using ClauseDesk.Sla;

namespace ClauseDesk.Tickets;

/// <summary>The kinds of <see cref="TicketEvent"/>, as stored.</summary>
public enum ClockEntryKind
{
    Submitted,
    Acknowledged,
    PriorityChanged,
    Paused,
    Resumed,
    WaitingOnSupplier,
    SupplierDelivered,
    OnSiteAgreed,
    WorkaroundProvided,
    Resolved,
    Reopened,
}

/// <summary>
/// One event of a ticket's SLA history in a flat, storable shape; <see cref="ToEvent"/> gives the
/// <see cref="TicketEvent"/> the engine reads. Append-only.
/// </summary>
public sealed class ClockEntry
{
    private ClockEntry()
    {
    }

    internal ClockEntry(int sequence, ClockEntryKind kind, DateTimeOffset at, string actor, Priority? priority = null, PauseReason? reason = null, string? note = null)
    {
        Sequence = sequence;
        Kind = kind;
        At = at;
        Actor = actor;
        Priority = priority;
        Reason = reason;
        Note = note;
    }

    public int Sequence { get; private set; }
    public ClockEntryKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public Priority? Priority { get; private set; }
    public PauseReason? Reason { get; private set; }
    public string? Note { get; private set; }

    public TicketEvent ToEvent() => Kind switch
    {
        ClockEntryKind.Submitted => new Submitted(At, Actor, Priority!.Value, Note),
        ClockEntryKind.Acknowledged => new Acknowledged(At, Actor, Note),
        ClockEntryKind.PriorityChanged => new PriorityChanged(At, Actor, Priority!.Value, Note),
        ClockEntryKind.Paused => new Paused(At, Actor, Reason!.Value, Note),
        ClockEntryKind.Resumed => new Resumed(At, Actor, Note),
        ClockEntryKind.WaitingOnSupplier => new WaitingOnSupplier(At, Actor, Note),
        ClockEntryKind.SupplierDelivered => new SupplierDelivered(At, Actor, Note),
        ClockEntryKind.OnSiteAgreed => new OnSiteAgreed(At, Actor, Note),
        ClockEntryKind.WorkaroundProvided => new WorkaroundProvided(At, Actor, Note),
        ClockEntryKind.Resolved => new Resolved(At, Actor, Note),
        ClockEntryKind.Reopened => new Reopened(At, Actor, Note),
        _ => throw new InvalidOperationException($"unknown clock entry kind {Kind}"),
    };
}

using NodaTime;

namespace ClauseDesk.Sla;

/// <summary>The two service-level clocks of a ticket (seed 001 art. 33.9–33.10).</summary>
public enum ClockKind
{
    /// <summary>From submission until the provider acknowledges the ticket.</summary>
    Reaction,

    /// <summary>From the acknowledgement until the service is operational again.</summary>
    Resolution,
}

/// <summary>
/// Where one clock stands at the evaluation's <c>now</c>. Instants are in the policy calendar's
/// zone; business times are on that calendar.
/// </summary>
public sealed record ClockStatus
{
    public required ClockKind Kind { get; init; }

    /// <summary>
    /// The priority the target and due were taken from: the last explicit priority in force while the
    /// clock ran, unless an earlier priority was already breached while in force, which stands (ADR 0004).
    /// A workaround's P3 does not count.
    /// </summary>
    public required Priority Priority { get; init; }

    /// <summary>The contract target; null when the policy has none for this clock and priority.</summary>
    public required SlaTarget? Target { get; init; }

    /// <summary>The target in business time, including one business day per agreed on-site intervention; null without a target.</summary>
    public required TimeSpan? TargetTime { get; init; }

    /// <summary>The first instant the clock counted (the next opening after its start); null when not started.</summary>
    public required DateTimeOffset? StartedAt { get; init; }

    /// <summary>
    /// The earliest instant at which the running business time reaches the target. Null when there is
    /// no target, the clock has not started, or a suspension with no end came first. For a stopped
    /// clock it is where the target would have been reached. After a priority raise it is never before
    /// the raise (nor in a period the ticket stood resolved or worked around); see ADR 0004.
    /// </summary>
    public required DateTimeOffset? Due { get; init; }

    /// <summary>When the clock stopped (and has not been restarted since); null while it runs or before it starts.</summary>
    public required DateTimeOffset? StoppedAt { get; init; }

    /// <summary><see cref="StoppedAt"/> when the clock stopped on or before its due (or has no due); otherwise null.</summary>
    public required DateTimeOffset? MetAt { get; init; }

    /// <summary>Running business time counted so far (suspensions and resolved periods excluded).</summary>
    public required TimeSpan Used { get; init; }

    /// <summary><see cref="TargetTime"/> − <see cref="Used"/>; negative once the target is exceeded; null without a target.</summary>
    public required TimeSpan? Left { get; init; }

    /// <summary>Started and not stopped.</summary>
    public required bool IsRunning { get; init; }

    /// <summary>Running but suspended at <c>now</c> (a pause, or waiting on a supplier for the resolution clock).</summary>
    public required bool IsPaused { get; init; }

    /// <summary>The reason of the pause in force at <c>now</c>, if the suspension is a pause.</summary>
    public required PauseReason? PauseReason { get; init; }

    /// <summary>Whether the suspension in force at <c>now</c> is a wait on a supplier (art. 39.1.3).</summary>
    public required bool WaitingOnSupplier { get; init; }

    /// <summary>Not stopped by its due: stopped after it, or still running after it.</summary>
    public required bool Breached { get; init; }

    /// <summary>The instant the target was exceeded (the due) when breached.</summary>
    public required DateTimeOffset? BreachedAt { get; init; }

    public required Working Working { get; init; }
}

/// <summary>A missed target and its penalty (seed 001 art. 40.3).</summary>
public sealed record Breach
{
    public required ClockKind Kind { get; init; }

    /// <summary>When the target was exceeded: the due.</summary>
    public required DateTimeOffset At { get; init; }

    public required DateTimeOffset Due { get; init; }

    /// <summary>When the clock stopped, or <c>now</c> while the breach goes on.</summary>
    public required DateTimeOffset Until { get; init; }

    /// <summary>The clock is still running: the penalty may still grow.</summary>
    public required bool Ongoing { get; init; }

    /// <summary>
    /// Real (wall-clock) time from the due to <see cref="Until"/> during which the clock ran: suspensions
    /// included, the time the ticket stood resolved or worked around before a reopening excluded.
    /// </summary>
    public required TimeSpan LateBy { get; init; }

    /// <summary>Started 24-hour periods in <see cref="LateBy"/>.</summary>
    public required int DaysExceeded { get; init; }

    /// <summary>The penalty for this breach, rounded to the cent; zero without a fee schedule.</summary>
    public required Money Penalty { get; init; }

    /// <summary>The cap the penalty was held to: 100 % of the fee of the month before the breach (art. 40.3); null without a fee schedule.</summary>
    public Money? Cap { get; init; }

    /// <summary>The per-day amount exceeded <see cref="Cap"/>, so the penalty is the cap.</summary>
    public bool Capped { get; init; }

    public required Working Working { get; init; }
}

/// <summary>The service-level state of a ticket at a moment: see <see cref="SlaEngine.Evaluate"/>.</summary>
public sealed record SlaStatus
{
    /// <summary>The ticket's priority now: P3 after a workaround (art. 39.3.1), else the last explicit one.</summary>
    public required Computed<Priority> Priority { get; init; }

    /// <summary>The last explicit priority (submitted or changed), which running clocks take their targets from.</summary>
    public required Priority TargetPriority { get; init; }

    public required ClockStatus Reaction { get; init; }

    public required ClockStatus Resolution { get; init; }

    /// <summary>Breaches in the order they happened.</summary>
    public required IReadOnlyList<Breach> Breaches { get; init; }

    /// <summary>1 (support team), 2 from the first breach, 3 from the second (seed 001 art. 39.4.1).</summary>
    public required Computed<int> EscalationTier { get; init; }

    /// <summary>The sum of the per-breach penalties, each rounded to the cent (seed 001 art. 40.3).</summary>
    public required Computed<Money> Penalty { get; init; }

    /// <summary>The last day to claim by registered letter: the local date of the first breach + 7 days (seed 001 art. 40.4); null without a breach.</summary>
    public required Computed<LocalDate?> ClaimDeadline { get; init; }
}

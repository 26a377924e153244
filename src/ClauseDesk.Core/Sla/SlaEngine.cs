using System.Globalization;
using ClauseDesk.Calendars;
using NodaTime;

namespace ClauseDesk.Sla;

/// <summary>
/// Computes a ticket's service-level state from its history (SPEC §2). Pure: the time <c>now</c> is
/// passed in, nothing is read or written.
/// </summary>
public static class SlaEngine
{
    private const string ReactionClause = "seed 001 art. 33.9";
    private const string ResolutionClause = "seed 001 art. 33.10, 39.1.3, 39.3.1";
    private const string PenaltyClause = "seed 001 art. 40.3";
    private const string ClaimClause = "seed 001 art. 40.4";
    private const string EscalationClause = "seed 001 art. 39.4.1";
    private const string WorkaroundClause = "seed 001 art. 39.3.1";

    // Art. 40.3: 10 % of the monthly fee per day exceeded, at most 100 % of it.
    private const decimal RatePerDay = 0.10m;
    private const decimal Cap = 1.00m;

    /// <summary>
    /// The state of both clocks, the breaches, escalation tier, penalty and claim deadline at
    /// <paramref name="now"/>.
    /// </summary>
    /// <remarks>
    /// <para>Reaction runs from submission until <see cref="Acknowledged"/>; resolution from the
    /// acknowledgement until <see cref="WorkaroundProvided"/> or <see cref="Resolved"/>, again after
    /// <see cref="Reopened"/>. Pauses suspend both clocks, supplier waits the resolution clock only
    /// (ending per <see cref="SlaPolicy.SupplierResume"/>); each agreed on-site intervention adds one
    /// business day to the resolution target.</para>
    /// <para>A priority change recomputes the targets from the clock's original start (SPEC §2) without
    /// rewriting the past (reading <c>priority-change</c>, ADR 0004): a breach that happened under the
    /// priority then in force stands, and a raise cannot date a breach before the change. Changes after
    /// a clock stopped do not touch it; on-site interventions agreed while a clock stood stopped do not
    /// move its due. The P3 a ticket continues at after a workaround does not change any target.</para>
    /// <para>Penalty per breach (art. 40.3): 10 % of the service-level fee of the month of the breach per
    /// started 24 hours of real time after the due during which the clock ran (suspensions included;
    /// the time a ticket stood resolved or worked around before a reopening is not), capped at
    /// 100 % of the fee of the calendar month before the month of the breach (months in the calendar's
    /// zone), rounded to the cent. The engine assumes the provider alone is at fault; events that
    /// excuse the provider are entered as pauses.</para>
    /// </remarks>
    /// <param name="policy">The targets and calendar.</param>
    /// <param name="history">The ticket's events in time order; see <see cref="TicketEvent"/>.</param>
    /// <param name="now">The moment of evaluation; no event may lie after it.</param>
    /// <param name="fees">The monthly service-level fee; null: every penalty is zero.</param>
    /// <param name="excluded">Windows excluded from both clocks (announced maintenance), past or ahead, besides the policy's own <see cref="SlaPolicy.Excluded"/>; null: none.</param>
    /// <exception cref="ArgumentNullException">The policy or history is null.</exception>
    /// <exception cref="ArgumentException">
    /// The history is invalid: it does not start with exactly one <see cref="Submitted"/>, events are
    /// out of time order or after <paramref name="now"/>, or an event is illegal in the state before it
    /// (a <see cref="Resumed"/> without a <see cref="Paused"/>, a <see cref="SupplierDelivered"/> without a
    /// <see cref="WaitingOnSupplier"/>, a second acknowledgement, resolving an unacknowledged or resolved
    /// ticket, …). The message names the offending event.
    /// </exception>
    public static SlaStatus Evaluate(SlaPolicy policy, IReadOnlyList<TicketEvent> history, DateTimeOffset now, FeeSchedule? fees = null, IReadOnlyList<ExcludedWindow>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(history);
        var calendar = policy.Calendar;
        now = calendar.InZone(now);
        var facts = Facts.Read(policy, history, now);

        // Excluded windows suspend both clocks like a pause nobody had to enter (seed 001 art. 38.3).
        List<Suspension> windows = [.. policy.Excluded.Concat(excluded ?? []).OrderBy(w => w.Start).Select(w =>
            new Suspension(calendar.InZone(w.Start), calendar.InZone(w.End), $"{w.Label}, excluded ({PauseReason.AnnouncedMaintenance.Clause()})", PauseReason.AnnouncedMaintenance, IsSupplier: false))];
        var reactionTiming = Measure(ClockKind.Reaction, policy, facts, [new(facts.Submitted.At, facts.Acknowledged?.At)], [.. facts.Pauses, .. windows], [], now);
        var resolutionTiming = Measure(ClockKind.Resolution, policy, facts, facts.ResolutionSpans, [.. facts.Pauses, .. windows, .. facts.SupplierWaits], facts.OnSite, now);
        var reaction = Describe(reactionTiming, policy, facts, now);
        var resolution = Describe(resolutionTiming, policy, facts, now);

        var breaches = new[] { (Status: reaction, Timing: reactionTiming), (Status: resolution, Timing: resolutionTiming) }
            .Where(c => c.Status.Breached)
            .OrderBy(c => c.Status.BreachedAt)
            .Select(c => BreachOf(c.Status, c.Timing, policy, fees))
            .ToList();

        return new SlaStatus
        {
            Priority = CurrentPriority(facts, calendar),
            TargetPriority = facts.Priorities[^1].Priority,
            Reaction = reaction,
            Resolution = resolution,
            Breaches = breaches,
            EscalationTier = Escalation(breaches, calendar),
            Penalty = TotalPenalty(breaches, fees),
            ClaimDeadline = ClaimDeadline(breaches, calendar),
        };
    }

    /// <summary>The arithmetic of one clock: spans, due, used time, breach and lateness; no words.</summary>
    private static Timing Measure(
        ClockKind kind,
        SlaPolicy policy,
        Facts facts,
        IReadOnlyList<Span> active,
        IReadOnlyList<Suspension> suspensions,
        IReadOnlyList<OnSiteAgreed> onSite,
        DateTimeOffset now)
    {
        var calendar = policy.Calendar;
        var stoppedAt = active.Count > 0 ? active[^1].End : null;

        // What happens while a clock stands stopped cannot move its due: suspensions that begin after
        // the final stop, on-site interventions agreed after a stop (until a reopening), priority
        // changes after the final stop.
        var relevant = suspensions.Where(s => stoppedAt is null || s.Start < stoppedAt).ToList();
        var counted = onSite.Where(o => active.Count == 0 || o.At < active[0].Start || active.Any(s => s.Contains(o.At))).ToList();
        var extension = calendar.DayLength * counted.Count;

        // The due is where the target would be reached if the clock kept running after its last stop.
        List<Span> open = active.Count == 0 ? [] : [.. active.Take(active.Count - 1), active[^1] with { End = null }];
        var countable = Subtract(open, relevant);

        var changes = facts.Priorities.Where(p => stoppedAt is null || p.At <= stoppedAt).ToList();
        var segments = new List<PrioritySegment>();
        for (var i = 0; i < changes.Count; i++)
        {
            var (from, priority, _) = changes[i];
            var target = kind == ClockKind.Reaction ? policy.ReactionTarget(priority) : policy.ResolutionTarget(priority);
            TimeSpan? targetTime = target is { } t ? t.On(calendar) + extension : null;
            var reached = targetTime is { } time ? Due(calendar, countable, time) : null;

            // Reading priority-change (ADR 0004): a priority is breached at the first moment its target
            // is reached while it is in force, so a raise cannot date a breach before the change, and a
            // breach under an earlier priority stands whatever comes after it.
            DateTimeOffset? due = reached is not { } r ? null : r >= from ? r : NextRunning(active, from);
            if (due is { } d && i + 1 < changes.Count && d >= changes[i + 1].At)
            {
                due = null;
            }

            segments.Add(new PrioritySegment(from, priority, target, targetTime, reached, due));
        }

        var binding = segments.Where(s => s.Due is not null).MinBy(s => s.Due) ?? segments[^1];
        var end = stoppedAt ?? now;
        var breached = binding.Due is { } due2 && end > due2;
        var ran = breached ? RanAfter(active, binding.Due!.Value, end) : TimeSpan.Zero;

        return new Timing
        {
            Kind = kind,
            Active = active,
            StoppedAt = stoppedAt,
            Suspensions = relevant,
            OnSite = counted,
            OnSiteWhileStopped = [.. onSite.Except(counted)],
            Priorities = segments,
            Binding = binding,
            Used = Used(calendar, Subtract(active, relevant), now),
            Current = stoppedAt is null ? relevant.FirstOrDefault(s => s.Start <= now && (s.End is null || now < s.End)) : null,
            Until = end,
            Breached = breached,
            LateBy = ran,
            StoodStopped = breached ? end - binding.Due!.Value - ran : TimeSpan.Zero,
        };
    }

    /// <summary>The clock's status and its working, in words, from its <see cref="Timing"/>.</summary>
    private static ClockStatus Describe(Timing timing, SlaPolicy policy, Facts facts, DateTimeOffset now)
    {
        var calendar = policy.Calendar;
        var kind = timing.Kind;
        var (_, priority, target, targetTime, reached, due) = timing.Binding;
        var active = timing.Active;
        var stoppedAt = timing.StoppedAt;

        var inputs = new List<(string, string)>
        {
            ("policy", policy.Name),
            ("calendar", $"{calendar.Name}, one business day = {Show.Span(calendar.DayLength)}"),
            ("priority", priority.Label()),
            ("target", target is { } tt ? tt.Describe(calendar) : "none"),
        };
        if (kind == ClockKind.Reaction)
        {
            inputs.Add(("submitted", Show.At(calendar, facts.Submitted.At)));
            inputs.Add(("acknowledged", facts.Acknowledged is { } ack ? Show.At(calendar, ack.At) : "not yet"));
        }
        else
        {
            inputs.Add(("acknowledged", facts.Acknowledged is { } ack ? Show.At(calendar, ack.At) : "not yet"));
            foreach (var e in facts.StopsAndReopenings)
            {
                inputs.Add((e switch { Reopened => "reopened", Resolved => "resolved", _ => "workaround" }, Show.At(calendar, e.At)));
            }
        }

        inputs.Add(("now", Show.At(calendar, now)));
        var readings = new List<string>();
        if (kind == ClockKind.Resolution && facts.SupplierWaits.Count > 0)
        {
            readings.Add(ReadingName(policy.SupplierResume));
        }

        if (timing.Priorities.Count > 1)
        {
            readings.Add(PriorityChangeReading);
        }

        var working = (List<string> steps) => new Working(
            $"{(kind == ClockKind.Reaction ? ReactionClause : ResolutionClause)}; targets: {policy.Clause}",
            readings.Count == 0 ? Working.Literal : string.Join("; ", readings),
            inputs,
            steps);
        var steps = new List<string>();

        if (active.Count == 0)
        {
            steps.Add("The resolution clock starts at the acknowledgement (art. 33.10), which has not happened: not started, no due.");
            return new ClockStatus
            {
                Kind = kind,
                Priority = priority,
                Target = target,
                TargetTime = targetTime,
                StartedAt = null,
                Due = null,
                StoppedAt = null,
                MetAt = null,
                Used = TimeSpan.Zero,
                Left = targetTime,
                IsRunning = false,
                IsPaused = false,
                PauseReason = null,
                WaitingOnSupplier = false,
                Breached = false,
                BreachedAt = null,
                Working = working(steps),
            };
        }

        var startedAt = calendar.NextOpening(active[0].Start);
        steps.Add(kind == ClockKind.Reaction
            ? $"The reaction clock runs from the submission (art. 33.9){Outside(calendar, active[0].Start, startedAt)}."
            : $"The resolution clock runs from the acknowledgement, not the submission (art. 33.10){Outside(calendar, active[0].Start, startedAt)}.");
        var origin = kind == ClockKind.Reaction ? "submission" : "acknowledgement";
        foreach (var (at, changed, actor) in facts.Priorities.Skip(1))
        {
            steps.Add(stoppedAt is { } stop && at > stop
                ? $"Priority changed to {changed.Label()} {Show.At(calendar, at)} by {actor}, after the clock stopped: it keeps the priority it stopped under."
                : $"Priority changed to {changed.Label()} {Show.At(calendar, at)} by {actor}: the target is recomputed from the original {origin}.");
        }

        foreach (var s in timing.Suspensions.Where(s => s.End is null || s.End > active[0].Start))
        {
            if (s.Start > now)
            {
                // Announced ahead: nothing is skipped yet, but the due above already lies past it.
                steps.Add($"{s.Label}: lies ahead; the due allows for it.");
                continue;
            }

            var suspended = Used(calendar, active, now) - Used(calendar, Subtract(active, [s]), now);
            steps.Add($"{s.Label}: {Show.Span(suspended)} of business time not counted{(s.End is null ? " so far; no end yet" : "")}.");
        }

        foreach (var o in timing.OnSite)
        {
            steps.Add($"On-site intervention agreed {Show.At(calendar, o.At)} by {o.Actor} (art. 39.3.4): the due moves by one business day ({Show.Span(calendar.DayLength)}) (art. 39.1.3).");
        }

        foreach (var o in timing.OnSiteWhileStopped)
        {
            steps.Add($"On-site intervention agreed {Show.At(calendar, o.At)} by {o.Actor} after the clock stopped: it does not move the due.");
        }

        if (kind == ClockKind.Resolution)
        {
            steps.AddRange(facts.StopsAndReopenings.Select(e => e switch
            {
                WorkaroundProvided => $"Workaround provided {Show.At(calendar, e.At)} by {e.Actor}: the clock stops; the ticket continues at P3 without changing the target ({WorkaroundClause}).",
                Resolved => $"Resolved {Show.At(calendar, e.At)} by {e.Actor}: the clock stops.",
                _ => $"Reopened {Show.At(calendar, e.At)} by {e.Actor}: the clock runs again; the time it stood resolved or worked around does not count.",
            }));
        }

        if (timing.Priorities.Count > 1)
        {
            steps.Add($"Reading priority-change: each target is recomputed from the original {origin} with the new priority, but a breach that happened under the priority then in force stands, and a raise cannot date a breach before the change.");
        }

        if (targetTime is not { } total)
        {
            steps.Add($"No {Lower(kind)} target for {priority} in {policy.Name}: no due.");
        }
        else if (due is not { } d)
        {
            steps.Add($"Target {Show.Span(total)} of running business time not yet reached when a suspension with no end began: no due until it ends.");
        }
        else if (!ReferenceEquals(timing.Binding, timing.Priorities[^1]))
        {
            steps.Add($"Target {Show.Span(total)} of running business time is reached {Show.At(calendar, d)}, while {priority.Label()} was in force: the due. Changing the priority afterwards does not erase that breach.");
        }
        else if (reached < timing.Binding.From)
        {
            steps.Add($"Target {Show.Span(total)} of running business time under {priority} would be reached {Show.At(calendar, reached.Value)}, before {priority} was set: a raise cannot date a breach before it, so the due is the change itself, {Show.At(calendar, timing.Binding.From)}"
                + (d == timing.Binding.From ? "." : $", or rather the moment the clock ran again after it, {Show.At(calendar, d)}."));
        }
        else
        {
            steps.Add($"Target {Show.Span(total)} of running business time is reached {Show.At(calendar, d)}: the due.");
        }

        var used = timing.Used;
        var state = stoppedAt is { } stopped
            ? $"Stopped {Show.At(calendar, stopped)} after {Show.Span(used)} of business time"
            : $"Running at {Show.At(calendar, now)}{(timing.Current is null ? "" : " (suspended)")} with {Show.Span(used)} of business time used";
        steps.Add(timing.Breached
            ? $"{state}: breached, {Show.Span(timing.LateBy)} of real time after the due while the clock ran{(timing.StoodStopped > TimeSpan.Zero ? $" (and {Show.Span(timing.StoodStopped)} while the ticket stood resolved or worked around)" : "")}."
            : targetTime is { } tt2 ? $"{state}: {(stoppedAt is null ? "" : "met, ")}{Show.Span(tt2 - used)} left." : $"{state}.");

        return new ClockStatus
        {
            Kind = kind,
            Priority = priority,
            Target = target,
            TargetTime = targetTime,
            StartedAt = startedAt,
            Due = due,
            StoppedAt = stoppedAt,
            MetAt = stoppedAt is not null && !timing.Breached ? stoppedAt : null,
            Used = used,
            Left = targetTime - used,
            IsRunning = stoppedAt is null,
            IsPaused = timing.Current is not null,
            PauseReason = timing.Current?.Reason,
            WaitingOnSupplier = timing.Current is { IsSupplier: true },
            Breached = timing.Breached,
            BreachedAt = timing.Breached ? due : null,
            Working = working(steps),
        };
    }

    /// <summary>The first moment at or after <paramref name="t"/> at which the clock runs; <paramref name="t"/> itself when it never runs again.</summary>
    private static DateTimeOffset NextRunning(IReadOnlyList<Span> active, DateTimeOffset t) =>
        active.Any(s => s.Contains(t)) ? t : active.Select(s => s.Start).Where(s => s > t).DefaultIfEmpty(t).Min();

    /// <summary>Real time in [due, until) during which the clock ran, suspensions included.</summary>
    private static TimeSpan RanAfter(IReadOnlyList<Span> active, DateTimeOffset due, DateTimeOffset until)
    {
        var ran = TimeSpan.Zero;
        foreach (var (start, end) in active)
        {
            var from = start > due ? start : due;
            var to = end is { } e && e < until ? e : until;
            if (to > from)
            {
                ran += to - from;
            }
        }

        return ran;
    }

    private static string Outside(BusinessCalendar calendar, DateTimeOffset start, DateTimeOffset startedAt) =>
        startedAt == start
            ? $", {Show.At(calendar, start)}"
            : $", {Show.At(calendar, start)}, outside the window: it counts from the next opening, {Show.At(calendar, startedAt)}";

    private static string Lower(ClockKind kind) => kind == ClockKind.Reaction ? "reaction" : "resolution";

    // Walks the running segments in order: no minute loops, one business-time query per segment.
    private static DateTimeOffset? Due(BusinessCalendar calendar, IReadOnlyList<Span> running, TimeSpan target)
    {
        var remaining = target;
        foreach (var (start, end) in running)
        {
            if (end is null)
            {
                return calendar.AddBusinessTime(start, remaining);
            }

            var available = calendar.BusinessTimeBetween(start, end.Value);
            if (available >= remaining)
            {
                return calendar.AddBusinessTime(start, remaining);
            }

            remaining -= available;
        }

        return null;
    }

    private static TimeSpan Used(BusinessCalendar calendar, IReadOnlyList<Span> running, DateTimeOffset now)
    {
        var used = TimeSpan.Zero;
        foreach (var (start, end) in running)
        {
            if (start < now)
            {
                used += calendar.BusinessTimeBetween(start, end is { } e && e < now ? e : now);
            }
        }

        return used;
    }

    /// <summary>The parts of the spans outside every suspension; ends are exclusive, a null end is open.</summary>
    private static List<Span> Subtract(IReadOnlyList<Span> spans, IReadOnlyList<Suspension> suspensions)
    {
        var cuts = suspensions.OrderBy(s => s.Start).ToList();
        var result = new List<Span>();
        foreach (var span in spans)
        {
            var from = span.Start;
            var done = false;
            foreach (var cut in cuts)
            {
                if (span.End is { } se && cut.Start >= se)
                {
                    break;
                }

                if (cut.End is { } ce && ce <= from)
                {
                    continue;
                }

                if (cut.Start > from)
                {
                    result.Add(new Span(from, cut.Start));
                }

                if (cut.End is null)
                {
                    done = true;
                    break;
                }

                if (cut.End > from)
                {
                    from = cut.End.Value;
                }
            }

            if (!done && (span.End is null || from < span.End))
            {
                result.Add(span with { Start = from });
            }
        }

        return result;
    }

    private static Breach BreachOf(ClockStatus clock, Timing timing, SlaPolicy policy, FeeSchedule? fees)
    {
        var calendar = policy.Calendar;
        var due = clock.Due!.Value;
        var until = timing.Until;
        var late = timing.LateBy;
        var days = (int)Math.Ceiling(late.Ticks / (double)TimeSpan.TicksPerDay);
        var month = LocalDateOf(calendar, due).ToYearMonth();
        var before = month.PlusMonths(-1);
        var inputs = new List<(string, string)>
        {
            ("breach", $"{Lower(clock.Kind)} target of {clock.Priority}"),
            ("due", Show.At(calendar, due)),
            (clock.StoppedAt is null ? "now (still running)" : "stopped", Show.At(calendar, until)),
            ("late by (real time)", Show.Span(late)),
        };
        var steps = new List<string>();
        if (timing.StoodStopped > TimeSpan.Zero)
        {
            inputs.Add(("not counted (resolved or worked around)", Show.Span(timing.StoodStopped)));
            steps.Add($"Of the {Show.Span(until - due)} from the due to {(clock.StoppedAt is null ? "now" : "the stop")}, {Show.Span(timing.StoodStopped)} passed while the ticket stood resolved or worked around: the provider had delivered then, so it is not lateness.");
        }

        steps.Add($"{Show.Span(late)} of real time after the due while the clock ran (suspensions included: the clause counts days) → {days} started 24-hour period{(days == 1 ? "" : "s")}, each a day exceeded.");

        Money penalty;
        Money? capOf = null;
        var wasCapped = false;
        if (fees is null)
        {
            steps.Add("No service-level fee is known for this contract: penalty €0.00.");
            penalty = Money.Zero;
        }
        else
        {
            var fee = fees.FeeFor(month);
            var capFee = fees.FeeFor(before);
            inputs.Add(($"monthly fee {Month(month)}", fee?.ToString() ?? "none"));
            inputs.Add(($"monthly fee {Month(before)} (cap)", capFee?.ToString() ?? "none"));
            var raw = (fee ?? Money.Zero) * (RatePerDay * days);
            var cap = (capFee ?? Money.Zero) * Cap;
            steps.Add(fee is null
                ? $"No service-level fee in {Month(month)}: nothing per day."
                : $"10 % of {fee} per day × {days} = {raw}.");
            var capped = Money.Min(raw, cap);
            steps.Add(capped < raw
                ? $"Capped at 100 % of the fee of {Month(before)}, the month before the breach: {cap}."
                : $"Within the cap of 100 % of the fee of {Month(before)} ({cap}).");
            penalty = capped.RoundToCents();
            (capOf, wasCapped) = (cap, capped < raw);
            steps.Add($"Rounded to the cent, half away from zero: {penalty}.");
        }

        steps.Add("Assumes the provider alone is at fault (art. 40.3); excused events are entered as pauses.");
        if (clock.StoppedAt is null)
        {
            steps.Add("The clock still runs: the penalty grows with every started 24 hours until it stops or reaches the cap.");
        }

        return new Breach
        {
            Kind = clock.Kind,
            At = due,
            Due = due,
            Until = until,
            Ongoing = clock.StoppedAt is null,
            LateBy = late,
            DaysExceeded = days,
            Penalty = penalty,
            Cap = capOf,
            Capped = wasCapped,
            Working = new Working(PenaltyClause, Working.Literal, inputs, steps),
        };
    }

    private static Computed<Money> TotalPenalty(IReadOnlyList<Breach> breaches, FeeSchedule? fees)
    {
        var total = breaches.Aggregate(Money.Zero, (sum, b) => sum + b.Penalty);
        var steps = breaches.Count == 0
            ? new List<string> { "No breach: no penalty." }
            : [.. breaches.Select(b => $"{Lower(b.Kind)} breach: {b.Penalty}"), $"Total: {total}."];
        if (fees is null)
        {
            steps.Insert(0, "No service-level fee is known for this contract: every penalty is €0.00.");
        }

        return new Computed<Money>(total, new Working(PenaltyClause, Working.Literal, [("breaches", breaches.Count.ToString(CultureInfo.InvariantCulture))], steps));
    }

    private static Computed<int> Escalation(IReadOnlyList<Breach> breaches, BusinessCalendar calendar)
    {
        var tier = 1 + Math.Min(breaches.Count, 2);
        var steps = new List<string> { "Tier 1: the support team handles the ticket." };
        if (breaches.Count > 0)
        {
            steps.Add($"Tier 2 from the first breach ({Lower(breaches[0].Kind)}, {Show.At(calendar, breaches[0].At)}).");
        }

        if (breaches.Count > 1)
        {
            steps.Add($"Tier 3 from the second breach ({Lower(breaches[1].Kind)}, {Show.At(calendar, breaches[1].At)}).");
        }

        return new Computed<int>(tier, new Working(EscalationClause, Working.Literal, [("breaches", breaches.Count.ToString(CultureInfo.InvariantCulture))], steps));
    }

    private static Computed<LocalDate?> ClaimDeadline(IReadOnlyList<Breach> breaches, BusinessCalendar calendar)
    {
        if (breaches.Count == 0)
        {
            return new Computed<LocalDate?>(null, new Working(ClaimClause, Working.Literal, [], ["No breach: nothing to claim."]));
        }

        var first = LocalDateOf(calendar, breaches[0].At);
        var deadline = first.PlusDays(7);
        return new Computed<LocalDate?>(deadline, new Working(ClaimClause, Working.Literal, [("first breach", Show.At(calendar, breaches[0].At))],
        [
            $"The customer must report the breach by registered letter within 7 days of the first breach: {Show.Date(first)} + 7 days = {Show.Date(deadline)}.",
            "After that day the right to the penalty is lost.",
        ]));
    }

    private static Computed<Priority> CurrentPriority(Facts facts, BusinessCalendar calendar)
    {
        var explicitPriority = facts.Priorities[^1];
        var priority = facts.WorkaroundInForce is null ? explicitPriority.Priority : Priority.P3;
        var steps = new List<string>
        {
            $"Submitted at {facts.Priorities[0].Priority.Label()} {Show.At(calendar, facts.Submitted.At)} by {facts.Submitted.Actor}.",
        };
        steps.AddRange(facts.Priorities.Skip(1).Select(p => $"Changed to {p.Priority.Label()} {Show.At(calendar, p.At)} by {p.Actor}."));
        if (facts.WorkaroundInForce is { } w)
        {
            steps.Add($"Workaround provided {Show.At(calendar, w.At)} by {w.Actor}: the ticket continues at P3 (Medium) for the definitive fix ({WorkaroundClause}); targets stay those of {explicitPriority.Priority}.");
        }

        return new Computed<Priority>(priority, new Working($"{PriorityMatrix.Clause}, 39.3.1", Working.Literal, [("explicit priority", explicitPriority.Priority.Label())], steps));
    }

    /// <summary>The reading of SPEC §2's "a priority change recomputes targets from the original submission" (ADR 0004).</summary>
    private const string PriorityChangeReading = "priority-change: no rewriting the past (ADR 0004)";

    private static string ReadingName(SupplierResumeReading reading) => reading switch
    {
        SupplierResumeReading.Literal => "supplier-resume: literal (art. 39.1.3 as written)",
        _ => "supplier-resume: next-working-day (SPEC §2 summary)",
    };

    private static string Month(YearMonth month) => month.ToString("MMMM uuuu", CultureInfo.InvariantCulture);

    private static LocalDate LocalDateOf(BusinessCalendar calendar, DateTimeOffset t) =>
        Instant.FromDateTimeOffset(t).InZone(calendar.TimeZone).Date;

    private static DateTimeOffset StartOfDay(BusinessCalendar calendar, LocalDate date) =>
        date.AtStartOfDayInZone(calendar.TimeZone).ToDateTimeOffset();

    /// <summary>
    /// When a supplier wait that ended with a delivery at <paramref name="delivered"/> stops
    /// suspending the resolution clock (art. 39.1.3), and why.
    /// </summary>
    private static (DateTimeOffset Resume, string Why) SupplierResume(BusinessCalendar calendar, SupplierResumeReading reading, DateTimeOffset delivered)
    {
        var day = LocalDateOf(calendar, delivered);
        var nextWorkingDay = day.PlusDays(1);
        while (!calendar.IsWorkingDay(nextWorkingDay))
        {
            nextWorkingDay = nextWorkingDay.PlusDays(1);
        }

        if (reading == SupplierResumeReading.NextWorkingDay)
        {
            var resume = calendar.NextOpening(StartOfDay(calendar, nextWorkingDay));
            return (resume, $"reading next-working-day: resumes at the first opening of the next working day after {Show.Date(day)}, {Show.At(calendar, resume)}");
        }

        if (calendar.IsWorkingDay(day))
        {
            var resume = calendar.NextOpening(StartOfDay(calendar, day.PlusDays(1)));
            return (resume, $"reading literal: suspended up to and including {Show.Date(day)}; resumes at the next opening, {Show.At(calendar, resume)}");
        }

        var after = calendar.NextOpening(StartOfDay(calendar, nextWorkingDay.PlusDays(1)));
        return (after, $"reading literal: {Show.Date(day)} is not a working day, so the suspension runs up to and including the next working day, {Show.Date(nextWorkingDay)}; resumes at {Show.At(calendar, after)}");
    }

    private readonly record struct Span(DateTimeOffset Start, DateTimeOffset? End)
    {
        public bool Contains(DateTimeOffset t) => Start <= t && (End is null || t < End);
    }

    /// <summary>An explicit priority in force from <paramref name="From"/> until the next change, and what its target gives.</summary>
    /// <param name="From">The submission or the change that set it.</param>
    /// <param name="Priority">The priority.</param>
    /// <param name="Target">Its target; null when the policy has none.</param>
    /// <param name="TargetTime">The target in business time, on-site extensions included.</param>
    /// <param name="Reached">Where its target is reached, counted from the clock's original start.</param>
    /// <param name="Due">When it is breached while in force: <paramref name="Reached"/>, but not before <paramref name="From"/>; null when never.</param>
    private sealed record PrioritySegment(DateTimeOffset From, Priority Priority, SlaTarget? Target, TimeSpan? TargetTime, DateTimeOffset? Reached, DateTimeOffset? Due);

    /// <summary>The arithmetic of one clock (<see cref="Measure"/>), put into words by <see cref="Describe"/>.</summary>
    private sealed record Timing
    {
        public required ClockKind Kind { get; init; }

        /// <summary>The spans the clock stood open: acknowledgement or reopening to the next stop.</summary>
        public required IReadOnlyList<Span> Active { get; init; }

        public required DateTimeOffset? StoppedAt { get; init; }

        /// <summary>The final stop, or now.</summary>
        public required DateTimeOffset Until { get; init; }

        /// <summary>The suspensions that can move the due (not begun after the final stop).</summary>
        public required IReadOnlyList<Suspension> Suspensions { get; init; }

        /// <summary>Agreed before a stop, or while a reopened clock ran: each adds a business day.</summary>
        public required IReadOnlyList<OnSiteAgreed> OnSite { get; init; }

        public required IReadOnlyList<OnSiteAgreed> OnSiteWhileStopped { get; init; }

        /// <summary>The priorities in force while the clock could still change, in order.</summary>
        public required IReadOnlyList<PrioritySegment> Priorities { get; init; }

        /// <summary>The priority whose target gives the due: the first one breached while in force, else the last.</summary>
        public required PrioritySegment Binding { get; init; }

        public required TimeSpan Used { get; init; }

        /// <summary>The suspension in force at now while the clock runs.</summary>
        public required Suspension? Current { get; init; }

        public required bool Breached { get; init; }

        /// <summary>Real time after the due during which the clock ran (suspensions included).</summary>
        public required TimeSpan LateBy { get; init; }

        /// <summary>Real time after the due during which the ticket stood resolved or worked around.</summary>
        public required TimeSpan StoodStopped { get; init; }
    }

    private sealed record Suspension(DateTimeOffset Start, DateTimeOffset? End, string Label, PauseReason? Reason, bool IsSupplier);

    /// <summary>The history, validated and folded into what the clocks need.</summary>
    private sealed class Facts
    {
        public required Submitted Submitted { get; init; }
        public Acknowledged? Acknowledged { get; private set; }
        public List<(DateTimeOffset At, Priority Priority, string Actor)> Priorities { get; } = [];
        public List<Suspension> Pauses { get; } = [];
        public List<Suspension> SupplierWaits { get; } = [];
        public List<OnSiteAgreed> OnSite { get; } = [];
        public List<Span> ResolutionSpans { get; } = [];
        /// <summary>The workarounds, resolutions and reopenings, in order.</summary>
        public List<TicketEvent> StopsAndReopenings { get; } = [];
        public WorkaroundProvided? WorkaroundInForce { get; private set; }

        public static Facts Read(SlaPolicy policy, IReadOnlyList<TicketEvent> history, DateTimeOffset now)
        {
            var calendar = policy.Calendar;
            if (history.Count == 0)
            {
                throw new ArgumentException("the history is empty: it starts with Submitted", nameof(history));
            }

            if (history[0] is not ClauseDesk.Sla.Submitted submitted)
            {
                throw Invalid(history, 0, "the history must start with Submitted");
            }

            var facts = new Facts { Submitted = submitted };
            Paused? pause = null;
            WaitingOnSupplier? waiting = null;
            var state = Resolution.NotStarted;

            for (var i = 0; i < history.Count; i++)
            {
                var e = history[i] ?? throw new ArgumentException($"history[{i}] is null", nameof(history));
                if (string.IsNullOrWhiteSpace(e.Actor))
                {
                    throw Invalid(history, i, "every event names its actor");
                }

                if (i > 0 && e.At < history[i - 1].At)
                {
                    throw Invalid(history, i, $"it is earlier than the event before it ({history[i - 1].Kind} at {history[i - 1].At:yyyy-MM-dd HH:mm zzz})");
                }

                if (e.At > now)
                {
                    throw Invalid(history, i, $"it lies after now ({now:yyyy-MM-dd HH:mm zzz})");
                }

                if (state == Resolution.Resolved && e is not (Reopened or Resumed or SupplierDelivered))
                {
                    throw Invalid(history, i, "the ticket is resolved; reopen it first");
                }

                switch (e)
                {
                    case ClauseDesk.Sla.Submitted s when i == 0:
                        CheckPriority(history, i, s.Priority);
                        facts.Priorities.Add((s.At, s.Priority, s.Actor));
                        break;
                    case ClauseDesk.Sla.Submitted:
                        throw Invalid(history, i, "a ticket is submitted once");
                    case Acknowledged a:
                        if (facts.Acknowledged is not null)
                        {
                            throw Invalid(history, i, $"already acknowledged at {facts.Acknowledged.At:yyyy-MM-dd HH:mm zzz}");
                        }

                        facts.Acknowledged = a;
                        facts.ResolutionSpans.Add(new Span(a.At, null));
                        state = Resolution.Open;
                        break;
                    case PriorityChanged p:
                        CheckPriority(history, i, p.Priority);
                        facts.Priorities.Add((p.At, p.Priority, p.Actor));
                        facts.WorkaroundInForce = null;
                        break;
                    case Paused p:
                        if (pause is not null)
                        {
                            throw Invalid(history, i, $"already paused since {pause.At:yyyy-MM-dd HH:mm zzz}");
                        }

                        if (!Enum.IsDefined(p.Reason))
                        {
                            throw Invalid(history, i, $"undefined pause reason {p.Reason}");
                        }

                        pause = p;
                        break;
                    case Resumed r:
                        if (pause is null)
                        {
                            throw Invalid(history, i, "Resumed without a Paused before it");
                        }

                        facts.Pauses.Add(PauseOf(calendar, pause, r));
                        pause = null;
                        break;
                    case WaitingOnSupplier w:
                        if (waiting is not null)
                        {
                            throw Invalid(history, i, $"already waiting on the supplier since {waiting.At:yyyy-MM-dd HH:mm zzz}");
                        }

                        waiting = w;
                        break;
                    case SupplierDelivered d:
                        if (waiting is null)
                        {
                            throw Invalid(history, i, "SupplierDelivered without a WaitingOnSupplier before it");
                        }

                        var (resume, why) = SupplierResume(calendar, policy.SupplierResume, d.At);
                        facts.SupplierWaits.Add(new Suspension(
                            waiting.At,
                            resume,
                            $"Waiting on supplier from {Show.At(calendar, waiting.At)} (by {waiting.Actor}), delivered {Show.At(calendar, d.At)} (by {d.Actor}); {why} (art. 39.1.3)",
                            null,
                            true));
                        waiting = null;
                        break;
                    case OnSiteAgreed o:
                        facts.OnSite.Add(o);
                        break;
                    case WorkaroundProvided w:
                        if (state != Resolution.Open)
                        {
                            throw Invalid(history, i, state == Resolution.NotStarted
                                ? "the ticket is not acknowledged yet (art. 33.9): acknowledge it first"
                                : "a workaround is already in place");
                        }

                        Stop(facts, w);
                        facts.WorkaroundInForce = w;
                        state = Resolution.WorkedAround;
                        break;
                    case Resolved r:
                        if (state == Resolution.NotStarted)
                        {
                            throw Invalid(history, i, "the ticket is not acknowledged yet (art. 33.9): acknowledge it first");
                        }

                        if (state == Resolution.Open)
                        {
                            Stop(facts, r);
                        }
                        else
                        {
                            // The clock already stopped at the workaround; the definitive fix is recorded, not timed.
                            facts.StopsAndReopenings.Add(r);
                        }

                        state = Resolution.Resolved;
                        break;
                    case Reopened r:
                        if (state is not (Resolution.Resolved or Resolution.WorkedAround))
                        {
                            throw Invalid(history, i, "only a resolved or worked-around ticket can be reopened");
                        }

                        facts.ResolutionSpans.Add(new Span(r.At, null));
                        facts.StopsAndReopenings.Add(r);
                        facts.WorkaroundInForce = null;
                        state = Resolution.Open;
                        break;
                    default:
                        throw Invalid(history, i, $"unknown event type {e.GetType().Name}");
                }
            }

            if (pause is not null)
            {
                facts.Pauses.Add(PauseOf(calendar, pause, null));
            }

            if (waiting is not null)
            {
                facts.SupplierWaits.Add(new Suspension(
                    waiting.At,
                    null,
                    $"Waiting on supplier since {Show.At(calendar, waiting.At)} (by {waiting.Actor}), not delivered yet (art. 39.1.3)",
                    null,
                    true));
            }

            return facts;
        }

        private static void Stop(Facts facts, TicketEvent e)
        {
            facts.ResolutionSpans[^1] = facts.ResolutionSpans[^1] with { End = e.At };
            facts.StopsAndReopenings.Add(e);
        }

        private static Suspension PauseOf(BusinessCalendar calendar, Paused p, Resumed? r) => new(
            p.At,
            r?.At,
            $"Paused {Show.At(calendar, p.At)} by {p.Actor} for {p.Reason.Describe()} ({p.Reason.Clause()})"
                + (r is null ? ", not resumed" : $", resumed {Show.At(calendar, r.At)} by {r.Actor}"),
            p.Reason,
            false);

        private static void CheckPriority(IReadOnlyList<TicketEvent> history, int i, Priority priority)
        {
            if (!Enum.IsDefined(priority))
            {
                throw Invalid(history, i, $"undefined priority {priority}");
            }
        }

        private static ArgumentException Invalid(IReadOnlyList<TicketEvent> history, int i, string problem)
        {
            var e = history[i];
            return new ArgumentException($"history[{i}] {e.Kind} at {e.At:yyyy-MM-dd HH:mm zzz} by {e.Actor}: {problem}", nameof(history));
        }

        private enum Resolution
        {
            NotStarted,
            Open,
            WorkedAround,
            Resolved,
        }
    }
}

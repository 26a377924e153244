using ClauseDesk.Calendars;
using NodaTime;

namespace ClauseDesk.Sla;

/// <summary>
/// The engine's segment walk against an independent minute-by-minute oracle, over random histories
/// with pauses, supplier waits, on-site agreements, priority changes, workarounds and reopenings
/// (seeded loops: no property-testing library is served to us). The oracle takes each target from
/// the policy, the priority in force and the on-site agreements, never from the engine, and checks
/// the breaches' lateness, days exceeded and penalty too. A failure prints the seed and the history.
/// </summary>
/// <remarks>
/// Priority changes are generated only while the resolution clock runs or before the
/// acknowledgement, where the reading of ADR 0004 is one line in the oracle ("a priority is breached
/// at the first moment its target is reached while it is in force"). A raise while the ticket stands
/// worked around (breached from the reopening) is left to <see cref="BreachHistoryTests"/>.
/// </remarks>
public class SlaOracleTests
{
    private static readonly DateTimeOffset Origin = new(2026, 10, 26, 0, 0, 0, TimeSpan.FromHours(1));

    private static readonly FeeSchedule Fees = new(
    [
        (new YearMonth(2026, 9), Money.Euros(900m)),
        (new YearMonth(2026, 10), Money.Euros(1000m)),
        (new YearMonth(2026, 11), Money.Euros(1200m)),
        (new YearMonth(2026, 12), Money.Euros(1234.55m)),
    ]);

    [Theory]
    [InlineData(SupplierResumeReading.Literal, 1)]
    [InlineData(SupplierResumeReading.NextWorkingDay, 2)]
    [InlineData(SupplierResumeReading.Literal, 3)]
    [InlineData(SupplierResumeReading.Literal, 4)]
    public void Clocks_and_breaches_match_a_minute_walk(SupplierResumeReading reading, int seed)
    {
        var random = new Random(seed);
        var policy = SlaPolicy.Preset("managed-type4").WithSupplierResume(reading);
        for (var run = 0; run < 60; run++)
        {
            var (history, now) = RandomHistory(random);
            var status = SlaEngine.Evaluate(policy, history, now, Fees);
            var oracle = new Oracle(policy, history, now);
            var label = $"seed {seed} run {run}: " + string.Join("; ", history.Select(e => $"{e.Kind}{(e is PriorityChanged p ? " " + p.Priority : "")} {e.At:MM-dd HH:mm}")) + $"; now {now:MM-dd HH:mm}";

            foreach (var (clock, kind) in new[] { (status.Reaction, ClockKind.Reaction), (status.Resolution, ClockKind.Resolution) })
            {
                var expected = oracle.Clock(kind);
                clock.TargetTime.ShouldBe(expected.Target, $"{kind} target, {label}");
                clock.Priority.ShouldBe(expected.Priority, $"{kind} priority, {label}");
                clock.Used.ShouldBe(expected.Used, $"{kind} used, {label}");
                clock.Due.ShouldBe(expected.Due, $"{kind} due, {label}");
                clock.Breached.ShouldBe(expected.Breach is not null, $"{kind} breach, {label}");

                var breach = status.Breaches.SingleOrDefault(b => b.Kind == kind);
                if (expected.Breach is { } late)
                {
                    breach.ShouldNotBeNull($"{kind} breach, {label}");
                    breach.LateBy.ShouldBe(late.LateBy, $"{kind} late by, {label}");
                    breach.DaysExceeded.ShouldBe(late.Days, $"{kind} days exceeded, {label}");
                    breach.Penalty.ShouldBe(late.Penalty, $"{kind} penalty, {label}");
                }
                else
                {
                    breach.ShouldBeNull($"{kind} breach, {label}");
                }
            }
        }
    }

    private static (TicketEvent[] History, DateTimeOffset Now) RandomHistory(Random random)
    {
        var t = Origin.AddMinutes(random.Next(0, 14 * 24 * 60));
        var history = new List<TicketEvent> { new Submitted(t, "customer", (Priority)random.Next(1, 5)) };
        bool acked = false, paused = false, waiting = false, open = false, resolved = false;
        for (var n = random.Next(0, 11); n > 0; n--)
        {
            t = t.AddMinutes(random.Next(1, 40 * 60));
            TicketEvent? e = random.Next(8) switch
            {
                0 when !acked => new Acknowledged(t, "desk"),
                1 when !resolved => paused ? new Resumed(t, "desk") : new Paused(t, "desk", (PauseReason)random.Next(4)),
                2 when !resolved => waiting ? new SupplierDelivered(t, "desk") : new WaitingOnSupplier(t, "desk"),
                3 when open => random.Next(2) == 0 ? new WorkaroundProvided(t, "desk") : new Resolved(t, "desk"),
                4 when acked && !open => new Reopened(t, "customer"),
                5 when !resolved => new OnSiteAgreed(t, "desk"),
                6 when !acked || open => new PriorityChanged(t, "desk", (Priority)random.Next(1, 5)),
                _ => null,
            };
            switch (e)
            {
                case Acknowledged: acked = open = true; break;
                case Paused: paused = true; break;
                case Resumed: paused = false; break;
                case WaitingOnSupplier: waiting = true; break;
                case SupplierDelivered: waiting = false; break;
                case WorkaroundProvided or Resolved: open = false; resolved = e is Resolved; break;
                case Reopened: open = true; resolved = false; break;
            }

            if (e is not null)
            {
                history.Add(e);
            }
        }

        return ([.. history], t.AddMinutes(random.Next(0, 5 * 24 * 60)));
    }

    public sealed record Late(TimeSpan LateBy, int Days, Money Penalty);

    public sealed record Expected(DateTimeOffset? Due, TimeSpan Used, Priority Priority, TimeSpan? Target, Late? Breach);

    /// <summary>Counts open minutes one by one; knows the rules, not the engine's segments.</summary>
    private sealed class Oracle(SlaPolicy policy, IReadOnlyList<TicketEvent> history, DateTimeOffset now)
    {
        private readonly BusinessCalendar _calendar = policy.Calendar;

        public Expected Clock(ClockKind kind)
        {
            var start = kind == ClockKind.Reaction ? history[0].At : history.OfType<Acknowledged>().FirstOrDefault()?.At;
            var stop = StoppedAt(kind);
            var extension = kind == ClockKind.Resolution ? _calendar.DayLength * OnSiteWhileRunning() : TimeSpan.Zero;
            if (start is null)
            {
                var last = PriorityAt(DateTimeOffset.MaxValue, stop);
                return new Expected(null, TimeSpan.Zero, last, Target(kind, last, extension), null);
            }

            // Reading priority-change (ADR 0004): breached at the first moment the business time
            // counted so far reaches the target of the priority in force at that moment.
            var used = 0;
            var counted = 0;
            DateTimeOffset? due = null;
            for (var m = start.Value; m < start.Value.AddDays(90); m = m.AddMinutes(1))
            {
                if (due is null && Target(kind, PriorityAt(m, stop), extension) is { } total && counted >= (int)total.TotalMinutes)
                {
                    due = _calendar.InZone(m);
                }

                if (m >= now && due is not null)
                {
                    break;
                }

                var counts = _calendar.IsOpen(m) && !Suspended(kind, m, stop);
                if (counts && Active(kind, m, actual: true) && m < now)
                {
                    used++;
                }

                if (counts && Active(kind, m, actual: false))
                {
                    counted++;
                }
            }

            var priority = PriorityAt(due ?? DateTimeOffset.MaxValue, stop);
            var until = stop ?? now;
            Late? breach = null;
            if (due is { } d && until > d)
            {
                // Real minutes after the due while the clock ran; the time it stood resolved or worked around is not late.
                var late = 0;
                for (var m = d; m < until; m = m.AddMinutes(1))
                {
                    if (Active(kind, m, actual: true))
                    {
                        late++;
                    }
                }

                var days = (late + (24 * 60) - 1) / (24 * 60);
                breach = new Late(TimeSpan.FromMinutes(late), days, Penalty(Date(d), days));
            }

            return new Expected(due, TimeSpan.FromMinutes(used), priority, Target(kind, priority, extension), breach);
        }

        private TimeSpan? Target(ClockKind kind, Priority priority, TimeSpan extension) =>
            (kind == ClockKind.Reaction ? policy.ReactionTarget(priority) : policy.ResolutionTarget(priority)) is { } target
                ? (target.IsDays ? _calendar.DayLength * target.Days : target.Time) + extension
                : null;

        // The explicit priority at t; a change after the clock stopped does not reach it.
        private Priority PriorityAt(DateTimeOffset t, DateTimeOffset? stop)
        {
            var priority = ((Submitted)history[0]).Priority;
            foreach (var e in history)
            {
                if (e is PriorityChanged p && p.At <= t && (stop is null || p.At <= stop))
                {
                    priority = p.Priority;
                }
            }

            return priority;
        }

        // Agreed while the resolution clock had not stopped (before any stop, or after a reopening).
        private int OnSiteWhileRunning()
        {
            var stopped = false;
            var count = 0;
            foreach (var e in history)
            {
                switch (e)
                {
                    case WorkaroundProvided or Resolved: stopped = true; break;
                    case Reopened: stopped = false; break;
                    case OnSiteAgreed when !stopped: count++; break;
                }
            }

            return count;
        }

        // 10 % of the fee of the due's month per day, at most the fee of the month before, to the cent.
        private static Money Penalty(LocalDate due, int days)
        {
            static decimal Fee(int year, int month) => (year, month) switch
            {
                (2026, < 10) => 900m,
                (2026, 10) => 1000m,
                (2026, 11) => 1200m,
                _ => 1234.55m,
            };

            var before = due.PlusMonths(-1);
            var amount = Math.Min(Fee(due.Year, due.Month) * 0.10m * days, Fee(before.Year, before.Month));
            return Money.Euros(Math.Round(amount, 2, MidpointRounding.AwayFromZero));
        }

        private DateTimeOffset? StoppedAt(ClockKind kind)
        {
            if (kind == ClockKind.Reaction)
            {
                return history.OfType<Acknowledged>().FirstOrDefault()?.At;
            }

            DateTimeOffset? stop = null;
            var open = false;
            foreach (var e in history)
            {
                switch (e)
                {
                    case Acknowledged or Reopened: open = true; stop = null; break;
                    case WorkaroundProvided or Resolved when open: open = false; stop = e.At; break;
                }
            }

            return stop;
        }

        // The due continues past the last stop, as if the clock had kept running.
        private bool Active(ClockKind kind, DateTimeOffset m, bool actual)
        {
            var running = false;
            foreach (var e in history.TakeWhile(e => e.At <= m))
            {
                running = (kind, e) switch
                {
                    (ClockKind.Reaction, Submitted) => true,
                    (ClockKind.Reaction, Acknowledged) => !actual && ReferenceEquals(e, LastStop(kind)) ? running : false,
                    (ClockKind.Resolution, Acknowledged or Reopened) => true,
                    (ClockKind.Resolution, WorkaroundProvided or Resolved) when running => !actual && ReferenceEquals(e, LastStop(kind)),
                    _ => running,
                };
            }

            return running;
        }

        private TicketEvent? LastStop(ClockKind kind) =>
            kind == ClockKind.Reaction
                ? history.OfType<Acknowledged>().FirstOrDefault()
                : StoppedAt(kind) is { } at ? history.Last(e => e is WorkaroundProvided or Resolved && e.At == at) : null;

        private bool Suspended(ClockKind kind, DateTimeOffset m, DateTimeOffset? stop)
        {
            DateTimeOffset? from = null;
            foreach (var e in history)
            {
                switch (e)
                {
                    case Paused p:
                        from = p.At;
                        break;
                    case Resumed r when from is { } f:
                        if (Covers(f, r.At, m, stop))
                        {
                            return true;
                        }

                        from = null;
                        break;
                }
            }

            if (from is { } open && Covers(open, null, m, stop))
            {
                return true;
            }

            return kind == ClockKind.Resolution && SupplierSuspended(m, stop);
        }

        private bool SupplierSuspended(DateTimeOffset m, DateTimeOffset? stop)
        {
            DateTimeOffset? from = null;
            foreach (var e in history)
            {
                switch (e)
                {
                    case WaitingOnSupplier w:
                        from = w.At;
                        break;
                    case SupplierDelivered d when from is { } f:
                        if (Covers(f, Resume(d.At), m, stop))
                        {
                            return true;
                        }

                        from = null;
                        break;
                }
            }

            return from is { } open && Covers(open, null, m, stop);
        }

        // A suspension that begins after a stopped clock stopped does not count.
        private static bool Covers(DateTimeOffset from, DateTimeOffset? to, DateTimeOffset m, DateTimeOffset? stop) =>
            (stop is null || from < stop) && from <= m && (to is null || m < to);

        // Art. 39.1.3 in its own words: the first open minute on a later date than the last suspended day.
        private DateTimeOffset Resume(DateTimeOffset delivered)
        {
            var day = Date(delivered);
            var hasOpenTime = _calendar.OpeningsOn(day).Any();
            var resume = FirstOpenMinuteAfter(day);
            if (policy.SupplierResume == SupplierResumeReading.Literal && !hasOpenTime)
            {
                resume = FirstOpenMinuteAfter(Date(resume));
            }

            return resume;
        }

        private DateTimeOffset FirstOpenMinuteAfter(LocalDate day)
        {
            var m = day.PlusDays(1).AtStartOfDayInZone(_calendar.TimeZone).ToDateTimeOffset();
            while (!_calendar.IsOpen(m))
            {
                m = m.AddMinutes(1);
            }

            return m;
        }

        private LocalDate Date(DateTimeOffset t) => Instant.FromDateTimeOffset(t).InZone(_calendar.TimeZone).Date;
    }
}

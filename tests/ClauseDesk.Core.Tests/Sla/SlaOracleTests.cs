using ClauseDesk.Calendars;
using NodaTime;

namespace ClauseDesk.Sla;

/// <summary>
/// The engine's segment walk against an independent minute-by-minute oracle, over random histories
/// with pauses, supplier waits, on-site agreements, workarounds and reopenings (seeded loops: no
/// property-testing library is served to us). A failure prints the seed and the history.
/// </summary>
public class SlaOracleTests
{
    private static readonly DateTimeOffset Origin = new(2026, 10, 26, 0, 0, 0, TimeSpan.FromHours(1));

    [Theory]
    [InlineData(SupplierResumeReading.Literal, 1)]
    [InlineData(SupplierResumeReading.NextWorkingDay, 2)]
    [InlineData(SupplierResumeReading.Literal, 3)]
    public void Due_used_and_breach_match_a_minute_walk(SupplierResumeReading reading, int seed)
    {
        var random = new Random(seed);
        var policy = SlaPolicy.Preset("managed-type4").WithSupplierResume(reading);
        for (var run = 0; run < 60; run++)
        {
            var (history, now) = RandomHistory(random);
            var status = SlaEngine.Evaluate(policy, history, now);
            var oracle = new Oracle(policy, history, now);
            var label = $"seed {seed} run {run}: " + string.Join("; ", history.Select(e => $"{e.Kind} {e.At:MM-dd HH:mm}")) + $"; now {now:MM-dd HH:mm}";

            foreach (var (clock, kind) in new[] { (status.Reaction, ClockKind.Reaction), (status.Resolution, ClockKind.Resolution) })
            {
                var (due, used) = oracle.Clock(kind, clock.TargetTime);
                clock.Used.ShouldBe(used, $"{kind} used, {label}");
                clock.Due.ShouldBe(due, $"{kind} due, {label}");
                clock.Breached.ShouldBe(due is { } d && (clock.StoppedAt ?? now) > d, $"{kind} breach, {label}");
            }
        }
    }

    private static (TicketEvent[] History, DateTimeOffset Now) RandomHistory(Random random)
    {
        var t = Origin.AddMinutes(random.Next(0, 14 * 24 * 60));
        var history = new List<TicketEvent> { new Submitted(t, "customer", (Priority)random.Next(1, 5)) };
        bool acked = false, paused = false, waiting = false, open = false, resolved = false;
        for (var n = random.Next(0, 9); n > 0; n--)
        {
            t = t.AddMinutes(random.Next(1, 40 * 60));
            TicketEvent? e = random.Next(7) switch
            {
                0 when !acked => new Acknowledged(t, "desk"),
                1 when !resolved => paused ? new Resumed(t, "desk") : new Paused(t, "desk", (PauseReason)random.Next(4)),
                2 when !resolved => waiting ? new SupplierDelivered(t, "desk") : new WaitingOnSupplier(t, "desk"),
                3 when open => random.Next(2) == 0 ? new WorkaroundProvided(t, "desk") : new Resolved(t, "desk"),
                4 when acked && !open => new Reopened(t, "customer"),
                5 when !resolved => new OnSiteAgreed(t, "desk"),
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

    /// <summary>Counts open minutes one by one; knows the rules, not the engine's segments.</summary>
    private sealed class Oracle(SlaPolicy policy, IReadOnlyList<TicketEvent> history, DateTimeOffset now)
    {
        private readonly BusinessCalendar _calendar = policy.Calendar;

        public (DateTimeOffset? Due, TimeSpan Used) Clock(ClockKind kind, TimeSpan? target)
        {
            var start = kind == ClockKind.Reaction ? history[0].At : history.OfType<Acknowledged>().FirstOrDefault()?.At;
            if (start is null)
            {
                return (null, TimeSpan.Zero);
            }

            var stop = StoppedAt(kind);
            var used = 0;
            DateTimeOffset? due = null;
            var counted = 0;
            for (var m = start.Value; m < start.Value.AddDays(90); m = m.AddMinutes(1))
            {
                var counts = _calendar.IsOpen(m) && !Suspended(kind, m, stop);
                if (counts && Active(kind, m, actual: true) && m < now)
                {
                    used++;
                }

                if (target is { } total && due is null && counts && Active(kind, m, actual: false) && ++counted == (int)total.TotalMinutes)
                {
                    due = _calendar.InZone(m.AddMinutes(1));
                }

                if (m >= now && (due is not null || target is null))
                {
                    break;
                }
            }

            return (due, TimeSpan.FromMinutes(used));
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

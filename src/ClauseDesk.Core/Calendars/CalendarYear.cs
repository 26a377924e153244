using NodaTime;

namespace ClauseDesk.Calendars;

/// <summary>
/// One local year of a calendar, precomputed: its open intervals as sorted UTC ticks with running
/// totals of open time, its working days, and the zone's offsets in force during the year.
/// Immutable once built.
/// </summary>
internal sealed class CalendarYear
{
    private CalendarYear(long[] opens, long[] closes, long[] lengths, long[] cumulativeEnds, bool[] workingDays, long[] offsetStarts, long[] offsets)
    {
        Opens = opens;
        Closes = closes;
        Lengths = lengths;
        CumulativeEnds = cumulativeEnds;
        WorkingDays = workingDays;
        _offsetStarts = offsetStarts;
        _offsets = offsets;
        Count = opens.Length;
        Total = Count == 0 ? 0 : cumulativeEnds[^1];
    }

    private readonly long[] _offsetStarts;
    private readonly long[] _offsets;

    public int Count { get; }
    public long[] Opens { get; }
    public long[] Closes { get; }
    public long[] Lengths { get; }

    /// <summary>Open time from the start of the year to the close of interval i.</summary>
    public long[] CumulativeEnds { get; }

    /// <summary>Open time in the whole year.</summary>
    public long Total { get; }

    /// <summary>Indexed by day of year − 1.</summary>
    public bool[] WorkingDays { get; }

    /// <summary>The first interval that closes after t (the one t is in, or the next); Count if none.</summary>
    public int FirstClosingAfter(long t)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Closes[mid] <= t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The first interval whose cumulative end reaches target.</summary>
    public int FirstCumulativeEndAtLeast(long target)
    {
        int lo = 0, hi = Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (CumulativeEnds[mid] < target)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Open time from the start of the year up to t.</summary>
    public long CumulativeAt(long t)
    {
        var i = FirstClosingAfter(t);
        if (i == Count)
        {
            return Total;
        }

        var before = CumulativeEnds[i] - Lengths[i];
        return t <= Opens[i] ? before : before + (t - Opens[i]);
    }

    /// <summary>The zone's offset at t, in ticks, truncated to whole minutes.</summary>
    public long OffsetAt(long t)
    {
        var i = _offsetStarts.Length - 1;
        while (i > 0 && _offsetStarts[i] > t)
        {
            i--;
        }

        return _offsets[i];
    }

    public static CalendarYear Build(BusinessCalendar calendar, int year, long yearStart, long nextYearStart)
    {
        var definition = calendar.Definition;
        var holidays = definition.Holidays.For(year).Select(h => h.Date).ToHashSet();
        var intervals = new List<(long Open, long Close)>(520);
        var first = new LocalDate(year, 1, 1);
        var days = first.Calendar.GetDaysInYear(year);
        var workingDays = new bool[days];

        for (var d = 0; d < days; d++)
        {
            var date = first.PlusDays(d);
            var windows = definition.WindowsOn(date, holidays);
            workingDays[d] = windows.Count > 0;
            foreach (var w in windows)
            {
                // Each end resolves on its own (SPEC §1): a skipped time moves forward by the gap, so a
                // window wholly inside a skipped hour moves by the gap and can land after, or overlap,
                // a later window of the day; one that opens in the gap and closes after it opens
                // gap-later and may be left with no time at all.
                var open = calendar.ResolveLocal(date.At(LocalTime.FromMinutesSinceMidnight(w.StartMinute)));
                var close = w.EndMinute == OpeningWindow.MinutesPerDay
                    ? calendar.ResolveLocal(date.PlusDays(1).AtMidnight())
                    : calendar.ResolveLocal(date.At(LocalTime.FromMinutesSinceMidnight(w.EndMinute)));
                if (close > open)
                {
                    intervals.Add((open, close));
                }
            }
        }

        // Shifted windows break wall-clock order, so the open time is the union of the intervals in time order.
        intervals.Sort((a, b) => a.Open.CompareTo(b.Open));
        var opens = new List<long>(intervals.Count);
        var closes = new List<long>(intervals.Count);
        foreach (var (open, close) in intervals)
        {
            if (closes.Count > 0 && open <= closes[^1])
            {
                // Touching windows (midnight in a 24/7 calendar, 12:00-13:00 after 08:00-12:00) are one opening.
                closes[^1] = Math.Max(closes[^1], close);
            }
            else
            {
                opens.Add(open);
                closes.Add(close);
            }
        }

        var lengths = new long[opens.Count];
        var cumulative = new long[opens.Count];
        long running = 0;
        for (var i = 0; i < opens.Count; i++)
        {
            lengths[i] = closes[i] - opens[i];
            running += lengths[i];
            cumulative[i] = running;
        }

        var (offsetStarts, offsets) = Offsets(definition.TimeZone, yearStart, nextYearStart);
        return new CalendarYear([.. opens], [.. closes], lengths, cumulative, workingDays, offsetStarts, offsets);
    }

    private static (long[] Starts, long[] Offsets) Offsets(DateTimeZone zone, long yearStart, long nextYearStart)
    {
        var unixEpoch = DateTime.UnixEpoch.Ticks;
        var from = Instant.FromUnixTimeTicks(yearStart - unixEpoch);
        var to = Instant.FromUnixTimeTicks(nextYearStart - unixEpoch + 1);
        var starts = new List<long>();
        var offsets = new List<long>();
        foreach (var zi in zone.GetZoneIntervals(from, to))
        {
            var start = zi.HasStart && zi.Start > from ? zi.Start.ToUnixTimeTicks() + unixEpoch : yearStart;
            starts.Add(start);
            // DateTimeOffset only carries whole minutes.
            offsets.Add(zi.WallOffset.Seconds / 60 * TimeSpan.TicksPerMinute);
        }

        return ([.. starts], [.. offsets]);
    }
}

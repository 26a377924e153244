using NodaTime;
using NodaTime.TimeZones;

namespace ClauseDesk.Calendars;

/// <summary>
/// Business-time arithmetic on a <see cref="CalendarDefinition"/> (SPEC §1). Every operation works
/// on instants; results carry the calendar zone's offset at that instant.
/// </summary>
/// <remarks>
/// <para>Instants from 1900-01-01 to the end of 2200 in the calendar's zone are supported; outside
/// that range a <see cref="CalendarRangeException"/> (an <see cref="ArgumentOutOfRangeException"/>) is thrown.</para>
/// <para>Each local year is turned, on first use, into its open intervals as sorted UTC ticks with
/// running totals, so an operation is a couple of binary searches and allocates nothing. Years are
/// built lazily and thread-safely: two threads may build the same year, one result wins.</para>
/// <para>Historic offsets with seconds (local mean time) are shown truncated to the minute, as
/// <see cref="DateTimeOffset"/> requires; the instant itself is exact.</para>
/// </remarks>
public sealed class BusinessCalendar
{
    private const int FirstYear = HolidaySet.FirstYear;
    private const int LastYear = HolidaySet.LastYear;
    private const int YearCount = LastYear - FirstYear + 1;

    // Local midnight of 1 January of FirstYear .. LastYear + 1, as UTC ticks.
    private readonly long[] _yearStarts;
    private readonly CalendarYear?[] _years = new CalendarYear?[YearCount];

    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public BusinessCalendar(CalendarDefinition definition)
    {
        Definition = definition ?? throw new ArgumentNullException(nameof(definition));
        _yearStarts = new long[YearCount + 1];
        for (var i = 0; i <= YearCount; i++)
        {
            _yearStarts[i] = ResolveLocal(new LocalDate(FirstYear + i, 1, 1).AtMidnight());
        }
    }

    public CalendarDefinition Definition { get; }

    public string Name => Definition.Name;

    public DateTimeZone TimeZone => Definition.TimeZone;

    /// <summary>The length of one business day: the open time of the longest weekday (SPEC §1).</summary>
    public TimeSpan DayLength => Definition.DayLength;

    /// <summary>A shipped calendar: see <see cref="CalendarPresets.Names"/>.</summary>
    /// <exception cref="ArgumentException">No preset has that name.</exception>
    public static BusinessCalendar Preset(string name) => CalendarPresets.Get(name);

    /// <summary>Reads a calendar file (SPEC §1 JSON shape).</summary>
    /// <exception cref="CalendarFormatException">The JSON is malformed or describes an invalid calendar; the message says where.</exception>
    public static BusinessCalendar FromJson(string json) => new(CalendarJson.Parse(json));

    /// <summary>Whether <paramref name="t"/> lies in an opening window (windows are half-open).</summary>
    public bool IsOpen(DateTimeOffset t)
    {
        var ticks = t.UtcTicks;
        var year = YearAt(ticks);
        var i = year.FirstClosingAfter(ticks);
        return i < year.Count && year.Opens[i] <= ticks;
    }

    /// <summary><paramref name="t"/> itself when open, else the start of the next opening window.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset t)
    {
        var ticks = t.UtcTicks;
        var index = YearIndex(ticks);
        var year = Year(index);
        var i = year.FirstClosingAfter(ticks);
        if (i < year.Count)
        {
            return Show(Math.Max(ticks, year.Opens[i]), year);
        }

        while (true)
        {
            year = Year(++index);
            if (year.Count > 0)
            {
                return Show(year.Opens[0], year);
            }
        }
    }

    /// <summary>
    /// The earliest instant at which the business time accumulated from <paramref name="start"/>
    /// reaches <paramref name="duration"/>; it can be a closing time. A start in closed time counts
    /// from the next opening. A zero duration gives the start.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative, or the result falls beyond 2200.</exception>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "business time cannot be negative");
        }

        var ticks = start.UtcTicks;
        var index = YearIndex(ticks);
        if (duration == TimeSpan.Zero)
        {
            return Show(ticks, Year(index));
        }

        var year = Year(index);
        var target = year.CumulativeAt(ticks) + duration.Ticks;
        while (target > year.Total)
        {
            target -= year.Total;
            year = Year(++index);
        }

        var j = year.FirstCumulativeEndAtLeast(target);
        return Show(year.Opens[j] + (target - year.CumulativeEnds[j] + year.Lengths[j]), year);
    }

    /// <summary>The business time in [from, to); negative if <paramref name="to"/> is before <paramref name="from"/>.</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        long a = from.UtcTicks, b = to.UtcTicks;
        if (b < a)
        {
            return -TimeSpan.FromTicks(Between(b, a));
        }

        return TimeSpan.FromTicks(Between(a, b));
    }

    /// <summary>
    /// The same local wall-clock time on the n-th working day after t's local date (t's own date is
    /// day 0, whatever it is); 0 gives t itself, in the calendar's zone. A negative n counts back.
    /// Working days are dates with at least one
    /// opening window that are not holidays or closing days.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset t, int n)
    {
        if (n == 0)
        {
            // Resolving the wall-clock time again would move the second of two ambiguous times to the first.
            return InZone(t);
        }

        var local = ToLocal(t.UtcTicks);
        var date = local.Date;
        var step = Math.Sign(n);
        for (var left = Math.Abs(n); left > 0;)
        {
            date = date.PlusDays(step);
            if (IsWorkingDay(date))
            {
                left--;
            }
        }

        var ticks = ResolveLocal(date + local.TimeOfDay);
        return Show(ticks, Year(YearIndex(ticks)));
    }

    /// <summary>Working days after a's local date up to and including b's; negative if b is before a.</summary>
    public int WorkingDaysBetween(DateTimeOffset a, DateTimeOffset b)
    {
        var from = ToLocal(a.UtcTicks).Date;
        var to = ToLocal(b.UtcTicks).Date;
        if (to < from)
        {
            return -WorkingDaysBetween(b, a);
        }

        var count = 0;
        for (var d = from.PlusDays(1); d <= to; d = d.PlusDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Whether a local date has at least one opening window and is no holiday or closing day.</summary>
    public bool IsWorkingDay(LocalDate date)
    {
        if (date.Year is < FirstYear or > LastYear)
        {
            throw new CalendarRangeException(nameof(date), date, $"calendars cover {FirstYear}–{LastYear}");
        }

        return Year(date.Year - FirstYear).WorkingDays[date.DayOfYear - 1];
    }

    /// <summary>The opening windows of a local date as instants, in order.</summary>
    public IEnumerable<(DateTimeOffset Open, DateTimeOffset Close)> OpeningsOn(LocalDate date)
    {
        var start = ResolveLocal(date.AtMidnight());
        var end = ResolveLocal(date.PlusDays(1).AtMidnight());
        var year = Year(date.Year - FirstYear);
        for (var i = year.FirstClosingAfter(start); i < year.Count && year.Opens[i] < end; i++)
        {
            yield return (Show(Math.Max(year.Opens[i], start), year), Show(Math.Min(year.Closes[i], end), year));
        }
    }

    /// <summary>Converts an instant to the calendar's zone.</summary>
    public DateTimeOffset InZone(DateTimeOffset t) => Show(t.UtcTicks, YearAt(t.UtcTicks));

    public override string ToString() => Name;

    private long Between(long a, long b)
    {
        var ia = YearIndex(a);
        var ib = YearIndex(b);
        var ya = Year(ia);
        if (ia == ib)
        {
            return ya.CumulativeAt(b) - ya.CumulativeAt(a);
        }

        var total = ya.Total - ya.CumulativeAt(a);
        for (var i = ia + 1; i < ib; i++)
        {
            total += Year(i).Total;
        }

        return total + Year(ib).CumulativeAt(b);
    }

    private CalendarYear YearAt(long utcTicks) => Year(YearIndex(utcTicks));

    private int YearIndex(long utcTicks)
    {
        if (utcTicks < _yearStarts[0] || utcTicks >= _yearStarts[YearCount])
        {
            throw new CalendarRangeException(nameof(utcTicks), new DateTime(utcTicks, DateTimeKind.Utc), $"calendars cover {FirstYear}–{LastYear}");
        }

        // The UTC year is at most one off the local one.
        var i = Math.Clamp(new DateTime(utcTicks).Year - FirstYear, 0, YearCount - 1);
        while (utcTicks < _yearStarts[i])
        {
            i--;
        }

        while (utcTicks >= _yearStarts[i + 1])
        {
            i++;
        }

        return i;
    }

    private CalendarYear Year(int index)
    {
        if ((uint)index >= YearCount)
        {
            throw new CalendarRangeException(nameof(index), FirstYear + index, $"the result falls outside {FirstYear}–{LastYear}");
        }

        var year = Volatile.Read(ref _years[index]);
        if (year is not null)
        {
            return year;
        }

        year = CalendarYear.Build(this, FirstYear + index, _yearStarts[index], _yearStarts[index + 1]);
        return Interlocked.CompareExchange(ref _years[index], year, null) ?? year;
    }

    private static DateTimeOffset Show(long utcTicks, CalendarYear year)
    {
        var offset = year.OffsetAt(utcTicks);
        return new DateTimeOffset(utcTicks + offset, new TimeSpan(offset));
    }

    private LocalDateTime ToLocal(long utcTicks) =>
        Instant.FromUnixTimeTicks(utcTicks - DateTime.UnixEpoch.Ticks).InZone(TimeZone).LocalDateTime;

    // SPEC §1: an ambiguous local time takes the earlier offset, a skipped one moves forward by the gap.
    internal long ResolveLocal(LocalDateTime local) =>
        TimeZone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant().ToUnixTimeTicks() + DateTime.UnixEpoch.Ticks;
}

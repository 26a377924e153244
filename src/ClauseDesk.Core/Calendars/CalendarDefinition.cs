using NodaTime;

namespace ClauseDesk.Calendars;

/// <summary>
/// What a business calendar is made of (SPEC §1): a time zone, weekly opening windows in local
/// wall-clock time, a holiday set, the provider's own closing days and dated exceptions.
/// Validated on construction; a <see cref="BusinessCalendar"/> is built from it.
/// </summary>
public sealed class CalendarDefinition
{
    /// <param name="name">A label shown in workings, e.g. <c>managed-type1</c>.</param>
    /// <param name="timeZone">The zone whose wall clock the windows are in.</param>
    /// <param name="weekly">Windows per ISO weekday (Monday first); a missing or empty day is closed.</param>
    /// <param name="holidays">The holiday set closing whole days.</param>
    /// <param name="closedDates">The provider's own closing days.</param>
    /// <param name="exceptions">Dates whose windows replace the weekly ones (an empty list closes the date; a holiday may be opened this way).</param>
    /// <exception cref="ArgumentException">
    /// Windows overlap, a date is both closed and an exception, or no weekday has a window (exceptions alone do not count).
    /// </exception>
    public CalendarDefinition(
        string name,
        DateTimeZone timeZone,
        IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<OpeningWindow>> weekly,
        HolidaySet holidays,
        IEnumerable<LocalDate>? closedDates = null,
        IReadOnlyDictionary<LocalDate, IReadOnlyList<OpeningWindow>>? exceptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        TimeZone = timeZone ?? throw new ArgumentNullException(nameof(timeZone));
        Holidays = holidays ?? throw new ArgumentNullException(nameof(holidays));

        var days = new OpeningWindow[7][];
        foreach (var day in Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None))
        {
            var list = weekly.TryGetValue(day, out var w) ? w : [];
            days[(int)day - 1] = Normalise(list, day.ToString().ToLowerInvariant());
        }

        Weekly = days;
        ClosedDates = (closedDates ?? []).ToHashSet();
        Exceptions = (exceptions ?? new Dictionary<LocalDate, IReadOnlyList<OpeningWindow>>())
            .ToDictionary(e => e.Key, e => (IReadOnlyList<OpeningWindow>)Normalise(e.Value, e.Key.ToString("uuuu-MM-dd", null)));

        foreach (var date in ClosedDates.Where(Exceptions.ContainsKey))
        {
            throw new ArgumentException($"{date:uuuu-MM-dd} is both a closed date and an exception", nameof(exceptions));
        }

        // Exceptions alone are not enough: beyond their last date the calendar would never open, and
        // its day length (which business days are measured in) would be zero.
        if (Weekly.All(d => d.Length == 0))
        {
            throw new ArgumentException("the calendar has no opening at all: give at least one weekly window", nameof(weekly));
        }

        DayLength = TimeSpan.FromTicks(Weekly.Max(d => d.Sum(w => w.Length.Ticks)));
    }

    public string Name { get; }
    public DateTimeZone TimeZone { get; }
    public HolidaySet Holidays { get; }
    public IReadOnlySet<LocalDate> ClosedDates { get; }
    public IReadOnlyDictionary<LocalDate, IReadOnlyList<OpeningWindow>> Exceptions { get; }

    /// <summary>Sorted, non-overlapping windows per ISO weekday, index 0 = Monday.</summary>
    internal OpeningWindow[][] Weekly { get; }

    /// <summary>The open time of the longest weekday in wall-clock time: the length of one business day.</summary>
    public TimeSpan DayLength { get; }

    /// <summary>The windows of a weekday, in order.</summary>
    public IReadOnlyList<OpeningWindow> WindowsOn(IsoDayOfWeek day) => Weekly[(int)day - 1];

    /// <summary>The windows that apply on a date once holidays, closing days and exceptions are taken into account.</summary>
    public IReadOnlyList<OpeningWindow> WindowsOn(LocalDate date, IReadOnlySet<LocalDate> holidaysOfYear)
    {
        if (ClosedDates.Contains(date))
        {
            return [];
        }

        if (Exceptions.TryGetValue(date, out var exception))
        {
            return exception;
        }

        return holidaysOfYear.Contains(date) ? [] : Weekly[(int)date.DayOfWeek - 1];
    }

    private static OpeningWindow[] Normalise(IReadOnlyList<OpeningWindow> windows, string where)
    {
        var sorted = windows.OrderBy(w => w.StartMinute).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].StartMinute < sorted[i - 1].EndMinute)
            {
                throw new ArgumentException($"{where}: windows {sorted[i - 1]} and {sorted[i]} overlap", nameof(windows));
            }
        }

        return sorted;
    }
}

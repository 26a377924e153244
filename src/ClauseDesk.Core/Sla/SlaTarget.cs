using ClauseDesk.Calendars;

namespace ClauseDesk.Sla;

/// <summary>
/// A reaction or resolution target as the contract writes it: either business time (hours and
/// minutes) or business days. Days are remembered as days so they can be shown as such
/// ("1 business day (18 h)"); against a calendar a day is its <see cref="BusinessCalendar.DayLength"/>
/// of business time (SPEC §1).
/// </summary>
/// <remarks>The <c>default</c> value is a zero target, which <see cref="SlaPolicy"/> refuses.</remarks>
public readonly record struct SlaTarget
{
    private SlaTarget(int days, TimeSpan time)
    {
        Days = days;
        Time = time;
    }

    /// <summary>The number of business days; 0 when the target is business time.</summary>
    public int Days { get; }

    /// <summary>The business time; <see cref="TimeSpan.Zero"/> when the target is in days.</summary>
    public TimeSpan Time { get; }

    /// <summary>Whether the target is given in business days.</summary>
    public bool IsDays => Days > 0;

    /// <summary>A target of whole business hours.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static SlaTarget BusinessHours(int hours) => BusinessTime(TimeSpan.FromHours(hours));

    /// <summary>A target of business minutes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static SlaTarget BusinessMinutes(int minutes) => BusinessTime(TimeSpan.FromMinutes(minutes));

    /// <summary>A target of business time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static SlaTarget BusinessTime(TimeSpan time) =>
        time > TimeSpan.Zero
            ? new SlaTarget(0, time)
            : throw new ArgumentOutOfRangeException(nameof(time), time, "a target is a positive amount of business time");

    /// <summary>A target of whole business days (n × the calendar's day length).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static SlaTarget BusinessDays(int days) =>
        days > 0
            ? new SlaTarget(days, TimeSpan.Zero)
            : throw new ArgumentOutOfRangeException(nameof(days), days, "a target is a positive number of business days");

    /// <summary>The business time the target stands for on a calendar.</summary>
    public TimeSpan On(BusinessCalendar calendar) => IsDays ? calendar.DayLength * Days : Time;

    /// <summary>E.g. <c>1 business day (18 h)</c> or <c>4 h</c>.</summary>
    public string Describe(BusinessCalendar calendar) => IsDays ? $"{this} ({Show.Span(On(calendar))})" : ToString();

    /// <summary>E.g. <c>2 business days</c> or <c>1 h 30 min</c>.</summary>
    public override string ToString() => IsDays ? $"{Days} business day{(Days == 1 ? "" : "s")}" : Show.Span(Time);
}

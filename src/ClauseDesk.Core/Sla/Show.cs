using System.Globalization;
using System.Text;
using ClauseDesk.Calendars;

namespace ClauseDesk.Sla;

/// <summary>How instants and spans read in workings: invariant, in the calendar's zone.</summary>
internal static class Show
{
    /// <summary><c>28 h 30 min</c>, <c>18 h</c>, <c>45 min</c>, <c>-2 h</c>, <c>0 min</c>; seconds only when present.</summary>
    public static string Span(TimeSpan span)
    {
        var text = new StringBuilder();
        if (span < TimeSpan.Zero)
        {
            text.Append('-');
            span = span.Negate();
        }

        var hours = (long)span.TotalHours;
        var parts = new List<string>();
        if (hours > 0)
        {
            parts.Add($"{hours} h");
        }

        if (span.Minutes > 0 || (hours == 0 && span.Seconds == 0))
        {
            parts.Add($"{span.Minutes} min");
        }

        if (span.Seconds > 0)
        {
            parts.Add($"{span.Seconds} s");
        }

        return text.Append(string.Join(' ', parts)).ToString();
    }

    /// <summary><c>Tue 2026-11-24 10:00 (+01:00)</c> in the calendar's zone.</summary>
    public static string At(BusinessCalendar calendar, DateTimeOffset t) =>
        calendar.InZone(t).ToString("ddd yyyy-MM-dd HH:mm (zzz)", CultureInfo.InvariantCulture);

    public static string Date(NodaTime.LocalDate date) =>
        date.ToString("ddd uuuu-MM-dd", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ClauseDesk.Calendars;

/// <summary>
/// A span of business time as people write it: <c>90m</c>, <c>4h</c>, <c>1h30m</c>, <c>2d</c>,
/// <c>1d4h</c>. Days are business days, n × the calendar's <see cref="BusinessCalendar.DayLength"/>
/// (SPEC §1), so a duration with days only becomes a time span against a calendar.
/// </summary>
public readonly partial record struct BusinessDuration(int Days, TimeSpan Time)
{
    [GeneratedRegex(@"^(?:(?<d>\d{1,5})d)?(?:(?<h>\d{1,6})h)?(?:(?<m>\d{1,8})m)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>Parses a duration.</summary>
    /// <exception cref="FormatException">Empty, negative or not of the shape <c>[Nd][Nh][Nm]</c>.</exception>
    public static BusinessDuration Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('-'))
        {
            throw new FormatException($"'{text}' is negative; a duration of business time is zero or more");
        }

        var match = Shape().Match(trimmed.ToLowerInvariant());
        if (trimmed.Length == 0 || !match.Success)
        {
            throw new FormatException($"'{text}' is not a duration; write e.g. 90m, 4h, 1h30m, 2d or 1d4h");
        }

        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        return new BusinessDuration(Part("d"), TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")));
    }

    /// <summary>The business time on a calendar: days × its day length, plus the hours and minutes.</summary>
    public TimeSpan On(BusinessCalendar calendar) => (calendar.DayLength * Days) + Time;

    /// <summary>Formats a span as <c>2h30m</c> (hours are not folded into days; seconds shown only when present).</summary>
    public static string Format(TimeSpan span)
    {
        var text = new StringBuilder();
        if (span < TimeSpan.Zero)
        {
            text.Append('-');
            span = span.Negate();
        }

        var hours = (long)span.TotalHours;
        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (span.Minutes > 0 || (hours == 0 && span.Seconds == 0))
        {
            text.Append(CultureInfo.InvariantCulture, $"{span.Minutes}m");
        }

        if (span.Seconds > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{span.Seconds}s");
        }

        return text.ToString();
    }

    public override string ToString()
    {
        var text = Days > 0 ? $"{Days}d" : "";
        return Time > TimeSpan.Zero || Days == 0 ? text + Format(Time) : text;
    }
}

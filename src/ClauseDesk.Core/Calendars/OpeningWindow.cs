using System.Globalization;

namespace ClauseDesk.Calendars;

/// <summary>
/// A half-open opening window [start, end) in local wall-clock time within one day.
/// Minutes run from 0 to 1440; an end of 1440 (<c>24:00</c>) means the end of the day.
/// </summary>
public readonly record struct OpeningWindow
{
    public const int MinutesPerDay = 24 * 60;

    /// <exception cref="ArgumentOutOfRangeException">
    /// The start is not in [0, 1440), the end not in (0, 1440], or the window ends before it starts.
    /// </exception>
    public OpeningWindow(int startMinute, int endMinute)
    {
        if (startMinute is < 0 or >= MinutesPerDay)
        {
            throw new ArgumentOutOfRangeException(nameof(startMinute), startMinute, "a window starts between 00:00 and 23:59");
        }

        if (endMinute is <= 0 or > MinutesPerDay)
        {
            throw new ArgumentOutOfRangeException(nameof(endMinute), endMinute, "a window ends between 00:01 and 24:00");
        }

        if (endMinute <= startMinute)
        {
            throw new ArgumentOutOfRangeException(nameof(endMinute), endMinute, $"the window {Format(startMinute)}-{Format(endMinute)} ends before it starts");
        }

        StartMinute = startMinute;
        EndMinute = endMinute;
    }

    public int StartMinute { get; }
    public int EndMinute { get; }

    /// <summary>Nominal length in wall-clock time (a daylight-saving change may make the real one differ).</summary>
    public TimeSpan Length => TimeSpan.FromMinutes(EndMinute - StartMinute);

    /// <summary>Parses <c>HH:mm-HH:mm</c>; <c>24:00</c> is accepted as an end.</summary>
    /// <exception cref="FormatException">The text is not of that shape or the window is empty or reversed.</exception>
    public static OpeningWindow Parse(string text)
    {
        var parts = text.Split('-');
        if (parts.Length != 2 || !TryParseTime(parts[0].Trim(), out var start) || !TryParseTime(parts[1].Trim(), out var end))
        {
            throw new FormatException($"'{text}' is not a window; write it as HH:mm-HH:mm, e.g. 08:30-17:00");
        }

        if (start == MinutesPerDay)
        {
            throw new FormatException($"'{text}': a window cannot start at 24:00");
        }

        if (end <= start)
        {
            throw new FormatException($"'{text}': the window ends before it starts");
        }

        return new OpeningWindow(start, end);
    }

    private static bool TryParseTime(string text, out int minutes)
    {
        minutes = 0;
        if (text.Length != 5 || text[2] != ':'
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m))
        {
            return false;
        }

        if (h == 24 && m == 0)
        {
            minutes = MinutesPerDay;
            return true;
        }

        if (h > 23 || m > 59)
        {
            return false;
        }

        minutes = (h * 60) + m;
        return true;
    }

    private static string Format(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";

    public override string ToString() => $"{Format(StartMinute)}-{Format(EndMinute)}";
}

using System.Globalization;
using System.Text;

namespace ClauseDesk.Maintenance;

/// <summary>
/// Writes maintenance windows as an iCalendar feed (RFC 5545): one VEVENT per window, times in UTC,
/// text escaped and lines folded at 75 octets, a cancelled window kept with STATUS:CANCELLED so
/// subscribed calendars remove it.
/// </summary>
public static class ICalendar
{
    public static string Write(string provider, IEnumerable<MaintenanceWindow> windows, DateTimeOffset now)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//ClauseDesk//Maintenance//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            $"X-WR-CALNAME:{Text($"{provider}: maintenance")}",
        };
        foreach (var w in windows)
        {
            lines.Add("BEGIN:VEVENT");
            lines.Add($"UID:{w.Id:N}@clausedesk");
            lines.Add($"DTSTAMP:{Utc(now)}");
            lines.Add($"DTSTART:{Utc(w.Start)}");
            lines.Add($"DTEND:{Utc(w.End)}");
            // Each change (an early end, a cancellation) is a new revision for calendars that follow the feed.
            lines.Add($"SEQUENCE:{(w.CancelledBy is null ? 0 : 1)}");
            lines.Add($"SUMMARY:{Text($"{w.Kind} maintenance: {w.Title}")}");
            lines.Add($"DESCRIPTION:{Text($"Services: {w.Services}{(w.Description.Length > 0 ? "\n" + w.Description : "")}")}");
            lines.Add($"STATUS:{(w.CancelledAt is null ? "CONFIRMED" : "CANCELLED")}");
            lines.Add("TRANSP:TRANSPARENT");
            lines.Add("END:VEVENT");
        }

        lines.Add("END:VCALENDAR");
        var feed = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(feed, line);
        }

        return feed.ToString();
    }

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11).</summary>
    private static string Text(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>Lines longer than 75 octets continue on lines that start with a space (§3.1), never inside a UTF-8 sequence.</summary>
    private static void Fold(StringBuilder feed, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var length = rune.Utf8SequenceLength;
            if (octets + length > limit)
            {
                feed.Append("\r\n ");
                octets = 1;
                limit = 75;
            }

            feed.Append(rune.ToString());
            octets += length;
        }

        feed.Append("\r\n");
    }
}

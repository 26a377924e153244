using System.Globalization;
using ClauseDesk.Calendars;
using ClauseDesk.Sla;
using NodaTime;

namespace ClauseDesk.Portal;

/// <summary>
/// How the portal writes time, durations and money in the reader's language: instants always in the
/// calendar's zone with the zone's abbreviation, never bare UTC.
/// </summary>
public static class PortalFormat
{
    /// <summary>E.g. <c>wo 25 nov, 11:00 CET</c>, <c>Wed 25 Nov, 11:00 CET</c>; the year only when it is not <paramref name="now"/>'s.</summary>
    public static string When(DateTimeOffset at, BusinessCalendar calendar, DateTimeOffset now)
    {
        var instant = Instant.FromDateTimeOffset(at);
        var zoned = instant.InZone(calendar.TimeZone);
        var local = zoned.ToDateTimeUnspecified();
        var year = local.Year == calendar.InZone(now).Year ? "" : " yyyy";
        return local.ToString($"ddd d MMM{year}, HH:mm", CultureInfo.CurrentCulture) + " " + calendar.TimeZone.GetZoneInterval(instant).Name;
    }

    /// <summary>The machine-readable instant for a <c>time</c> element.</summary>
    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A date in the calendar's zone, e.g. <c>di 1 dec 2026</c>.</summary>
    public static string Date(LocalDate date) => date.ToDateTimeUnspecified().ToString("ddd d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>"1 h 20 business minutes left", or over once the target is exceeded.</summary>
    public static string Countdown(PortalText text, long minutesLeft)
    {
        var over = minutesLeft < 0;
        var minutes = Math.Abs(minutesLeft);
        var template = (over, minutes >= 60) switch
        {
            (false, true) => text.LeftHoursMinutes,
            (false, false) => text.LeftMinutes,
            (true, true) => text.OverHoursMinutes,
            (true, false) => text.OverMinutes,
        };
        return string.Format(CultureInfo.CurrentCulture, template, minutes / 60, minutes % 60);
    }

    public static string Money(decimal amount) => amount.ToString("C", CultureInfo.CurrentCulture);

    /// <summary>A span of business time: <c>2 h 30</c>, <c>45 min</c>.</summary>
    public static string Span(TimeSpan span)
    {
        var minutes = (long)span.TotalMinutes;
        return minutes >= 60 ? $"{minutes / 60} h {minutes % 60:00}" : $"{minutes} min";
    }

    /// <summary>A contract target in words: "2 business hours", "1 business day".</summary>
    public static string Target(PortalText text, SlaTarget target) => target.IsDays
        ? target.Days == 1 ? text.BusinessDay : string.Format(CultureInfo.CurrentCulture, text.BusinessDays, target.Days)
        : string.Format(CultureInfo.CurrentCulture, text.BusinessHours, target.Time.TotalHours.ToString("0.##", CultureInfo.CurrentCulture));

    /// <summary>The opening hours in words: "ma–vr 08:30–17:00, gesloten op Belgische feestdagen".</summary>
    public static string Week(PortalText text, BusinessCalendar calendar)
    {
        var days = CultureInfo.CurrentCulture.DateTimeFormat.AbbreviatedDayNames;
        string Windows(IsoDayOfWeek day) => string.Join(", ", calendar.Definition.WindowsOn(day).Select(w =>
            $"{w.StartMinute / 60:00}:{w.StartMinute % 60:00}–{w.EndMinute / 60:00}:{w.EndMinute % 60:00}"));
        string Name(IsoDayOfWeek day) => days[(int)day % 7];

        var parts = new List<string>();
        var first = IsoDayOfWeek.Monday;
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            var last = day == IsoDayOfWeek.Sunday || Windows(day + 1) != Windows(day);
            if (!last)
            {
                continue;
            }

            if (Windows(day).Length > 0)
            {
                parts.Add($"{Name(first)}{(first == day ? "" : "–" + Name(day))} {Windows(day)}");
            }

            first = day + 1;
        }

        if (calendar.Definition.Holidays.Code != HolidaySet.None.Code)
        {
            parts.Add(text.HolidaysClosed);
        }

        return string.Join(", ", parts);
    }
}

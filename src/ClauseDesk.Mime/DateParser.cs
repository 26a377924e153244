using System.Globalization;

namespace ClauseDesk.Mime;

/// <summary>
/// Reads RFC 5322 dates and the broken forms mail carries: no weekday, full month and day names,
/// two- and three-digit years, dashes, zone names (GMT, CET, EST…), a missing zone, "+01:00",
/// asctime ("Mon Jan  2 15:04:05 2006") and ISO 8601.
/// </summary>
public static class DateParser
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    private static readonly Dictionary<string, int> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0,
        ["UTC"] = 0,
        ["GMT"] = 0,
        ["Z"] = 0,
        ["WET"] = 0,
        ["EST"] = -5 * 60,
        ["EDT"] = -4 * 60,
        ["CST"] = -6 * 60,
        ["CDT"] = -5 * 60,
        ["MST"] = -7 * 60,
        ["MDT"] = -6 * 60,
        ["PST"] = -8 * 60,
        ["PDT"] = -7 * 60,
        ["BST"] = 60,
        ["IST"] = 60,
        ["CET"] = 60,
        ["MET"] = 60,
        ["WEST"] = 60,
        ["CEST"] = 120,
        ["MEST"] = 120,
        ["EET"] = 120,
        ["EEST"] = 180,
        ["MSK"] = 180,
        ["JST"] = 9 * 60,
        ["KST"] = 9 * 60,
        ["HKT"] = 8 * 60,
        ["SGT"] = 8 * 60,
        ["AEST"] = 10 * 60,
        ["AEDT"] = 11 * 60,
        ["NZST"] = 12 * 60,
        ["NZDT"] = 13 * 60,
    };

    /// <summary>The date, or null when it cannot be read. Never throws.</summary>
    public static DateTimeOffset? Parse(string? text) => Parse(text, new DefectSink(), "Date");

    internal static DateTimeOffset? Parse(string? text, DefectSink defects, string where)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var value = RemoveComments(text).Trim();
        if (value.Length > 200)
        {
            defects.Add(MimeDefectKind.InvalidDate, $"{where} is too long to be a date");
            return null;
        }
        if (value.Length >= 10 && char.IsAsciiDigit(value[0]) && value[4] == '-' && value[7] == '-'
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
        {
            return iso;
        }

        int? day = null, month = null, year = null, hour = null, minute = null, second = null, offset = null;
        var tokens = value.Split([' ', '\t', ',', '-', '/'], StringSplitOptions.RemoveEmptyEntries);
        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];
            // "-0500" was split off at its '-': the zone sign is the character before the token.
            var signed = false;
            if (token.Length == 4 && token.All(char.IsAsciiDigit) && hour is not null && offset is null && year is not null)
            {
                var index = IndexOfToken(value, tokens, t);
                if (index > 0 && value[index - 1] is '-' or '+')
                {
                    var minutes = int.Parse(token.AsSpan(0, 2), CultureInfo.InvariantCulture) * 60 + int.Parse(token.AsSpan(2, 2), CultureInfo.InvariantCulture);
                    offset = value[index - 1] == '-' ? -minutes : minutes;
                    signed = true;
                }
            }
            if (signed)
            {
                continue;
            }
            if (token[0] is '+' && TryZoneNumber(token[1..].Replace(":", string.Empty, StringComparison.Ordinal), out var plus))
            {
                offset = plus;
            }
            else if (token.Contains(':', StringComparison.Ordinal))
            {
                var at = IndexOfToken(value, tokens, t);
                if (hour is not null && offset is null && at > 0 && value[at - 1] == '-'
                    && TryZoneNumber(token.Replace(":", string.Empty, StringComparison.Ordinal), out var minus))
                {
                    offset = -minus; // "-05:00" split off at its sign
                }
                else if (TryTime(token, out var h, out var m, out var s, out var trailingZone))
                {
                    hour = h;
                    minute = m;
                    second = s;
                    if (trailingZone is not null)
                    {
                        offset = trailingZone;
                    }
                }
            }
            else if (token.All(char.IsAsciiDigit))
            {
                if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    continue;
                }
                if (token.Length >= 3 || (day is not null && month is not null))
                {
                    year ??= token.Length switch
                    {
                        2 => number < 50 ? 2000 + number : 1900 + number,
                        3 => 1900 + number,
                        _ => number,
                    };
                }
                else if (day is null)
                {
                    day = number;
                }
                else if (month is null && number is >= 1 and <= 12)
                {
                    month = number; // 2006/01/02 or 02-01-2006 written with numbers
                }
            }
            else if (MonthOf(token) is { } m)
            {
                month = m;
            }
            else if (IsDayName(token))
            {
                // ignored
            }
            else if (Zones.TryGetValue(token.Trim('.'), out var named))
            {
                offset = named;
                // "GMT-5" was split at its '-': the hours follow as the next token.
                var at = IndexOfToken(value, tokens, t) + token.Length;
                if (at < value.Length && value[at] == '-' && t + 1 < tokens.Length
                    && TryZoneNumber(tokens[t + 1].Replace(":", string.Empty, StringComparison.Ordinal), out var behind))
                {
                    offset = named - behind;
                    t++;
                }
            }
            else if (token.IndexOf('+', StringComparison.Ordinal) is var plusAt and > 0
                && Zones.TryGetValue(token[..plusAt], out var baseZone)
                && TryZoneNumber(token[(plusAt + 1)..].Replace(":", string.Empty, StringComparison.Ordinal), out var ahead))
            {
                offset = baseZone + ahead; // "GMT+1", "UTC+01:00"
            }
            else if (token.Length == 1 && char.IsAsciiLetter(token[0]))
            {
                offset = 0; // military zones: RFC 5322 says treat as -0000
            }
            else if (token.Equals("am", StringComparison.OrdinalIgnoreCase) || token.Equals("pm", StringComparison.OrdinalIgnoreCase))
            {
                if (hour is { } h12 && token.Equals("pm", StringComparison.OrdinalIgnoreCase) && h12 < 12)
                {
                    hour = h12 + 12;
                }
                else if (hour == 12 && token.Equals("am", StringComparison.OrdinalIgnoreCase))
                {
                    hour = 0;
                }
            }
        }

        if (day is null || month is null || year is null)
        {
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var fallback))
            {
                return fallback;
            }
            defects.Add(MimeDefectKind.InvalidDate, $"{where} \"{Charsets.Shorten(text)}\" is no date");
            return null;
        }
        if (offset is null)
        {
            defects.Add(MimeDefectKind.InvalidDate, $"{where} \"{Charsets.Shorten(text)}\" has no time zone; read as UTC");
            offset = 0;
        }
        if (Math.Abs(offset.Value) > 14 * 60)
        {
            defects.Add(MimeDefectKind.InvalidDate, $"{where} \"{Charsets.Shorten(text)}\" has an impossible time zone; read as UTC");
            offset = 0;
        }
        if (second == 60)
        {
            second = 59; // a leap second
        }
        try
        {
            return new DateTimeOffset(year.Value, month.Value, day.Value, hour ?? 0, minute ?? 0, second ?? 0, TimeSpan.FromMinutes(offset.Value));
        }
        catch (ArgumentException)
        {
            defects.Add(MimeDefectKind.InvalidDate, $"{where} \"{Charsets.Shorten(text)}\" is no possible date");
            return null;
        }
    }

    private static int IndexOfToken(string value, string[] tokens, int t)
    {
        var index = 0;
        for (var k = 0; k <= t; k++)
        {
            index = value.IndexOf(tokens[k], index, StringComparison.Ordinal);
            if (index < 0)
            {
                return -1;
            }
            if (k < t)
            {
                index += tokens[k].Length;
            }
        }
        return index;
    }

    private static bool TryZoneNumber(string digits, out int minutes)
    {
        minutes = 0;
        if (digits.Length == 4 && digits.All(char.IsAsciiDigit))
        {
            minutes = int.Parse(digits.AsSpan(0, 2), CultureInfo.InvariantCulture) * 60 + int.Parse(digits.AsSpan(2, 2), CultureInfo.InvariantCulture);
            return true;
        }
        if (digits.Length is 1 or 2 && digits.All(char.IsAsciiDigit))
        {
            minutes = int.Parse(digits, CultureInfo.InvariantCulture) * 60;
            return true;
        }
        return false;
    }

    private static bool TryTime(string token, out int hour, out int minute, out int second, out int? zone)
    {
        hour = minute = second = 0;
        zone = null;
        var text = token;
        // "15:04:05+0100" or "15:04:05Z" glued together
        var sign = text.IndexOfAny(['+', '-'], 1);
        if (sign > 0 && TryZoneNumber(text[(sign + 1)..].Replace(":", string.Empty, StringComparison.Ordinal), out var glued))
        {
            zone = text[sign] == '-' ? -glued : glued;
            text = text[..sign];
        }
        else if (text.EndsWith('Z'))
        {
            zone = 0;
            text = text[..^1];
        }
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }
        var secondPart = parts.Length == 3 ? parts[2].Split('.')[0] : "0";
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out hour)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute)
            || !int.TryParse(secondPart, NumberStyles.None, CultureInfo.InvariantCulture, out second))
        {
            return false;
        }
        return hour is >= 0 and <= 24 && minute is >= 0 and <= 59 && second is >= 0 and <= 60 && parts[0].Length <= 2;
    }

    private static int? MonthOf(string token)
    {
        if (token.Length < 3)
        {
            return null;
        }
        var prefix = token[..3].ToLowerInvariant();
        var index = Array.IndexOf(Months, prefix);
        return index < 0 ? null : index + 1;
    }

    private static bool IsDayName(string token) =>
        token.Length >= 3 && Array.IndexOf(Days, token[..3].ToLowerInvariant()) >= 0;

    private static string RemoveComments(string text)
    {
        if (!text.Contains('(', StringComparison.Ordinal))
        {
            return text;
        }
        var builder = new System.Text.StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>The date as RFC 5322 writes it: "Mon, 2 Jan 2006 15:04:05 +0100".</summary>
    public static string Format(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return date.ToString("ddd, d MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture)
            + $"{sign}{abs.Hours:00}{abs.Minutes:00}";
    }
}

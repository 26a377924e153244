using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace ClauseDesk.Calendars;

/// <summary>
/// Reads and writes calendar files:
/// <code>
/// { "name": "office",                     // optional
///   "timeZone": "Europe/Brussels",        // IANA; default Europe/Brussels
///   "windows": { "monday": ["08:00-12:00", "13:00-17:30"], "saturday": ["09:00-12:00"] },
///   "holidays": "BE",                     // BE, BE-VLG, BE-FR, BE-DE or none; default BE
///   "closedDates": ["2026-12-24"],        // optional
///   "exceptions": { "2026-12-31": ["08:30-12:00"] } }  // optional: windows replacing the week's on a date
/// </code>
/// Comments and trailing commas are allowed; unknown properties and keys given twice (including
/// <c>"monday"</c> and <c>"Monday"</c>) are refused so a typo never silently opens or closes a calendar.
/// </summary>
public static class CalendarJson
{
    private static readonly string[] DayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private static readonly string[] Known = ["name", "timeZone", "windows", "holidays", "closedDates", "exceptions"];

    /// <exception cref="CalendarFormatException">The text is not valid JSON or not a valid calendar.</exception>
    public static CalendarDefinition Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new CalendarFormatException($"calendar JSON is malformed at line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error("$", "a calendar is a JSON object");
            }

            var seen = new HashSet<string>();
            foreach (var property in root.EnumerateObject())
            {
                if (!Known.Contains(property.Name))
                {
                    throw Error($"$.{property.Name}", $"unknown property; expected one of {string.Join(", ", Known)}");
                }

                // JSON readers keep the last of two equal keys; the writer of the file may have meant the first.
                if (!seen.Add(property.Name))
                {
                    throw Error($"$.{property.Name}", "given twice");
                }
            }

            var name = OptionalString(root, "name") ?? "custom";
            var zoneId = OptionalString(root, "timeZone") ?? "Europe/Brussels";
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
                ?? throw Error("$.timeZone", $"unknown time zone '{zoneId}'; use an IANA name such as Europe/Brussels");

            var holidayCode = OptionalString(root, "holidays") ?? "BE";
            if (!HolidaySet.Codes.Contains(holidayCode, StringComparer.OrdinalIgnoreCase))
            {
                throw Error("$.holidays", $"unknown holiday set '{holidayCode}'; use one of {string.Join(", ", HolidaySet.Codes)}");
            }

            var weekly = new Dictionary<IsoDayOfWeek, IReadOnlyList<OpeningWindow>>();
            if (!root.TryGetProperty("windows", out var windows) || windows.ValueKind != JsonValueKind.Object)
            {
                throw Error("$.windows", "required: an object of weekday names to lists of \"HH:mm-HH:mm\"");
            }

            foreach (var day in windows.EnumerateObject())
            {
                var index = Array.IndexOf(DayNames, day.Name.ToLowerInvariant());
                if (index < 0)
                {
                    throw Error($"$.windows.{day.Name}", $"not a weekday; use {string.Join(", ", DayNames)}");
                }

                if (!weekly.TryAdd((IsoDayOfWeek)(index + 1), Windows(day.Value, $"$.windows.{day.Name}")))
                {
                    throw Error($"$.windows.{day.Name}", $"{DayNames[index]} is given twice");
                }
            }

            var closed = new List<LocalDate>();
            if (root.TryGetProperty("closedDates", out var closedDates))
            {
                if (closedDates.ValueKind != JsonValueKind.Array)
                {
                    throw Error("$.closedDates", "a list of dates \"yyyy-MM-dd\"");
                }

                var i = 0;
                foreach (var date in closedDates.EnumerateArray())
                {
                    closed.Add(Date(date, $"$.closedDates[{i++}]"));
                }
            }

            var exceptions = new Dictionary<LocalDate, IReadOnlyList<OpeningWindow>>();
            if (root.TryGetProperty("exceptions", out var exceptionDates))
            {
                if (exceptionDates.ValueKind != JsonValueKind.Object)
                {
                    throw Error("$.exceptions", "an object of dates \"yyyy-MM-dd\" to lists of windows");
                }

                foreach (var exception in exceptionDates.EnumerateObject())
                {
                    var path = $"$.exceptions.{exception.Name}";
                    var parsed = LocalDatePattern.Iso.Parse(exception.Name);
                    var date = parsed.Success ? parsed.Value : throw Error(path, "not a date; write yyyy-MM-dd");
                    if (!exceptions.TryAdd(date, Windows(exception.Value, path)))
                    {
                        throw Error(path, $"{IsoDate(date)} is given twice");
                    }
                }
            }

            try
            {
                return new CalendarDefinition(name, zone, weekly, HolidaySet.FromCode(holidayCode), closed, exceptions);
            }
            catch (ArgumentException e)
            {
                throw new CalendarFormatException($"invalid calendar: {FirstSentence(e.Message)}", e);
            }
        }
    }

    /// <summary>Writes a definition in the shape <see cref="Parse"/> reads.</summary>
    public static string Write(CalendarDefinition definition)
    {
        var windows = new Dictionary<string, string[]>();
        for (var d = 0; d < 7; d++)
        {
            var list = definition.WindowsOn((IsoDayOfWeek)(d + 1));
            if (list.Count > 0)
            {
                windows[DayNames[d]] = [.. list.Select(w => w.ToString())];
            }
        }

        var model = new Dictionary<string, object>
        {
            ["name"] = definition.Name,
            ["timeZone"] = definition.TimeZone.Id,
            ["windows"] = windows,
            ["holidays"] = definition.Holidays.Code,
            ["closedDates"] = definition.ClosedDates.Order().Select(IsoDate).ToArray(),
            ["exceptions"] = definition.Exceptions.OrderBy(e => e.Key)
                .ToDictionary(e => IsoDate(e.Key), e => e.Value.Select(w => w.ToString()).ToArray()),
        };
        return JsonSerializer.Serialize(model, new JsonSerializerOptions { WriteIndented = true });
    }

    private static string IsoDate(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private static OpeningWindow[] Windows(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, "a list of windows \"HH:mm-HH:mm\"");
        }

        var result = new List<OpeningWindow>();
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var where = $"{path}[{i++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Error(where, "a window is a string \"HH:mm-HH:mm\"");
            }

            try
            {
                result.Add(OpeningWindow.Parse(item.GetString()!));
            }
            catch (FormatException e)
            {
                throw Error(where, e.Message);
            }
        }

        var sorted = result.OrderBy(w => w.StartMinute).ToArray();
        for (var k = 1; k < sorted.Length; k++)
        {
            if (sorted[k].StartMinute < sorted[k - 1].EndMinute)
            {
                throw Error(path, $"windows {sorted[k - 1]} and {sorted[k]} overlap");
            }
        }

        return sorted;
    }

    private static LocalDate Date(JsonElement element, string path)
    {
        var parsed = element.ValueKind == JsonValueKind.String ? LocalDatePattern.Iso.Parse(element.GetString()!) : null;
        return parsed is { Success: true } ? parsed.Value : throw Error(path, "not a date; write \"yyyy-MM-dd\"");
    }

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error($"$.{name}", "must be a string");
    }

    private static CalendarFormatException Error(string path, string reason) => new($"calendar {path}: {reason}");

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends its own position and path; ours is already in the message.
        foreach (var marker in new[] { " LineNumber:", " Path:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            message = cut > 0 ? message[..cut] : message;
        }

        return message.TrimEnd();
    }
}

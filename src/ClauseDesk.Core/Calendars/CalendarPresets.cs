using NodaTime;

namespace ClauseDesk.Calendars;

/// <summary>The calendars that ship with ClauseDesk (SPEC §2), each citing its clause.</summary>
public static class CalendarPresets
{
    private static readonly DateTimeZone Brussels = DateTimeZoneProviders.Tzdb["Europe/Brussels"];

    private static readonly (string Name, string Clause, Func<CalendarDefinition> Create)[] All =
    [
        ("managed-type1", "seed 001 art. 35.3, 39.2.1: type 1, Mon–Fri 08:45–17:00 (Brussels)", () => Weekdays("managed-type1", "08:45-17:00", HolidaySet.Belgium)),
        ("managed-type2", "seed 001 art. 35.3, 39.2.1: type 2, Mon–Fri 08:45–17:00 (Brussels)", () => Weekdays("managed-type2", "08:45-17:00", HolidaySet.Belgium)),
        ("managed-type3", "seed 001 art. 35.3, 39.2.1: type 3, Mon–Fri 06:00–18:00 (Brussels)", () => Weekdays("managed-type3", "06:00-18:00", HolidaySet.Belgium)),
        ("managed-type4", "seed 001 art. 35.3, 39.2.1: type 4, Mon–Fri 06:00–24:00 (Brussels)", () => Weekdays("managed-type4", "06:00-24:00", HolidaySet.Belgium)),
        ("managed-type5", "seed 001 art. 35.3, 39.2.1: type 5, Mon–Fri 06:00–24:00 (Brussels)", () => Weekdays("managed-type5", "06:00-24:00", HolidaySet.Belgium)),
        ("software-support", "seed 004 §6.2: office hours 8.30–17.00, Belgian official holidays excepted", () => Weekdays("software-support", "08:30-17:00", HolidaySet.Belgium)),
        ("public-desk", "seed 003: working days, 8u30–17u", () => Weekdays("public-desk", "08:30-17:00", HolidaySet.Belgium)),
        ("24x7", "always open, no holidays", () => new CalendarDefinition(
            "24x7",
            Brussels,
            Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)
                .ToDictionary(d => d, _ => (IReadOnlyList<OpeningWindow>)[OpeningWindow.Parse("00:00-24:00")]),
            HolidaySet.None)),
    ];

    private static readonly Dictionary<string, Lazy<BusinessCalendar>> Calendars =
        All.ToDictionary(p => p.Name, p => new Lazy<BusinessCalendar>(() => new BusinessCalendar(p.Create())), StringComparer.OrdinalIgnoreCase);

    /// <summary>The preset names, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    /// <summary>The clause a preset comes from.</summary>
    public static string Clause(string name) => All.First(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Clause;

    /// <summary>Whether a preset of that name exists.</summary>
    public static bool Exists(string name) => Calendars.ContainsKey(name);

    /// <summary>The shared, thread-safe instance of a preset.</summary>
    /// <exception cref="ArgumentException">No preset has that name.</exception>
    public static BusinessCalendar Get(string name) =>
        Calendars.TryGetValue(name, out var calendar)
            ? calendar.Value
            : throw new ArgumentException($"unknown calendar preset '{name}'; presets: {string.Join(", ", Names)}", nameof(name));

    private static CalendarDefinition Weekdays(string name, string window, HolidaySet holidays)
    {
        IReadOnlyList<OpeningWindow> windows = [OpeningWindow.Parse(window)];
        var weekly = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
            .ToDictionary(d => d, _ => windows);
        return new CalendarDefinition(name, Brussels, weekly, holidays);
    }
}

using NodaTime;

namespace ClauseDesk.Calendars;

/// <summary>A public holiday on a date, named in English, Dutch and French.</summary>
public sealed record Holiday(LocalDate Date, string Key, string English, string Dutch, string French);

/// <summary>
/// The Belgian legal holidays computed by rule (law of 4 January 1974, the ten days of SPEC §1),
/// optionally with one community's day. Valid for the years 1900–2200.
/// </summary>
/// <remarks>
/// A holiday that falls on a Sunday is not moved: the replacement day an employer grants is an
/// employment matter, not a closing day of the calendar.
/// </remarks>
public sealed class HolidaySet
{
    public const int FirstYear = 1900;
    public const int LastYear = 2200;

    /// <summary>No holidays at all.</summary>
    public static readonly HolidaySet None = new("none", null);

    /// <summary>The ten Belgian legal holidays.</summary>
    public static readonly HolidaySet Belgium = new("BE", null);

    /// <summary>Belgian legal holidays plus the Flemish Community's day (11 July).</summary>
    public static readonly HolidaySet Flanders = new("BE-VLG", new CommunityDay(7, 11, "flemish-community", "Flemish Community Day", "Feest van de Vlaamse Gemeenschap", "Fête de la Communauté flamande"));

    /// <summary>Belgian legal holidays plus the French Community's day (27 September).</summary>
    public static readonly HolidaySet FrenchCommunity = new("BE-FR", new CommunityDay(9, 27, "french-community", "French Community Day", "Feest van de Franse Gemeenschap", "Fête de la Fédération Wallonie-Bruxelles"));

    /// <summary>Belgian legal holidays plus the German-speaking Community's day (15 November).</summary>
    public static readonly HolidaySet GermanCommunity = new("BE-DE", new CommunityDay(11, 15, "german-community", "German-speaking Community Day", "Feest van de Duitstalige Gemeenschap", "Fête de la Communauté germanophone"));

    private sealed record CommunityDay(int Month, int Day, string Key, string English, string Dutch, string French);

    private readonly CommunityDay? _communityDay;
    private readonly bool _legal;

    private HolidaySet(string code, CommunityDay? communityDay)
    {
        Code = code;
        _communityDay = communityDay;
        _legal = code != "none";
    }

    /// <summary>The code used in calendar files: <c>BE</c>, <c>BE-VLG</c>, <c>BE-FR</c>, <c>BE-DE</c> or <c>none</c>.</summary>
    public string Code { get; }

    /// <summary>Every accepted code.</summary>
    public static IReadOnlyList<string> Codes { get; } = ["BE", "BE-VLG", "BE-FR", "BE-DE", "none"];

    /// <summary>Finds a set by its code (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The code is not one of <see cref="Codes"/>.</exception>
    public static HolidaySet FromCode(string code) => code.ToUpperInvariant() switch
    {
        "BE" => Belgium,
        "BE-VLG" => Flanders,
        "BE-FR" => FrenchCommunity,
        "BE-DE" => GermanCommunity,
        "NONE" => None,
        _ => throw new ArgumentException($"unknown holiday set '{code}'; use one of {string.Join(", ", Codes)}", nameof(code)),
    };

    /// <summary>The holidays of a year, in date order.</summary>
    /// <exception cref="CalendarRangeException">The year is outside 1900–2200.</exception>
    public IReadOnlyList<Holiday> For(int year)
    {
        if (year is < FirstYear or > LastYear)
        {
            throw new CalendarRangeException(nameof(year), year, $"holidays are known for {FirstYear}–{LastYear}");
        }

        if (!_legal)
        {
            return [];
        }

        var easter = EasterSunday(year);
        var list = new List<Holiday>(11)
        {
            new(new LocalDate(year, 1, 1), "new-year", "New Year", "Nieuwjaar", "Jour de l'An"),
            new(easter.PlusDays(1), "easter-monday", "Easter Monday", "Paasmaandag", "Lundi de Pâques"),
            new(new LocalDate(year, 5, 1), "labour-day", "Labour Day", "Feest van de Arbeid", "Fête du Travail"),
            new(easter.PlusDays(39), "ascension", "Ascension Day", "O.L.H. Hemelvaart", "Ascension"),
            new(easter.PlusDays(50), "whit-monday", "Whit Monday", "Pinkstermaandag", "Lundi de Pentecôte"),
            new(new LocalDate(year, 7, 21), "national-day", "National Day", "Nationale feestdag", "Fête nationale"),
            new(new LocalDate(year, 8, 15), "assumption", "Assumption Day", "O.L.V. Hemelvaart", "Assomption"),
            new(new LocalDate(year, 11, 1), "all-saints", "All Saints' Day", "Allerheiligen", "Toussaint"),
            new(new LocalDate(year, 11, 11), "armistice", "Armistice Day", "Wapenstilstand", "Armistice"),
            new(new LocalDate(year, 12, 25), "christmas", "Christmas Day", "Kerstmis", "Noël"),
        };
        if (_communityDay is { } c)
        {
            list.Add(new Holiday(new LocalDate(year, c.Month, c.Day), c.Key, c.English, c.Dutch, c.French));
        }

        list.Sort((a, b) => a.Date.CompareTo(b.Date));
        return list;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher").</summary>
    public static LocalDate EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        int l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31;
        int day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new LocalDate(year, month, day);
    }

    public override string ToString() => Code;
}

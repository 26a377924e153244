namespace ClauseDesk.Calendars;

public class CalendarJsonTests
{
    [Fact]
    public void The_documented_shape_with_comments_is_read()
    {
        var calendar = BusinessCalendar.FromJson("""
            { "timeZone": "Europe/Brussels",
              "windows": { "monday": ["08:00-12:00", "13:00-17:30"], "saturday": ["09:00-12:00"] },
              "holidays": "BE",     // legal holidays
              "closedDates": ["2026-12-24"] }
            """);
        calendar.DayLength.ShouldBe(TimeSpan.FromHours(8.5));
        calendar.TimeZone.Id.ShouldBe("Europe/Brussels");
        calendar.Definition.ClosedDates.Count.ShouldBe(1);
    }

    [Fact]
    public void Writing_and_reading_back_gives_the_same_calendar()
    {
        var original = CalendarJson.Parse("""
            { "name": "office", "timeZone": "Asia/Kolkata", "holidays": "BE-FR",
              "windows": { "monday": ["08:00-12:00", "13:00-17:30"], "sunday": ["00:00-24:00"] },
              "closedDates": ["2026-12-24"], "exceptions": { "2026-12-31": ["08:00-10:00"] } }
            """);
        var again = CalendarJson.Parse(CalendarJson.Write(original));
        CalendarJson.Write(again).ShouldBe(CalendarJson.Write(original));
        again.TimeZone.Id.ShouldBe("Asia/Kolkata");
        again.Holidays.Code.ShouldBe("BE-FR");
    }

    [Theory]
    [InlineData("""{ "windows": { "monday": ["08:00-12:00"] """, "line 1")]
    [InlineData("{\n  \"windows\": {\n    \"monday\": [\"08:00-12:00\",]x\n  }\n}", "line 3")]
    [InlineData("""{ "timeZone": "Europe/Bruxelles", "windows": { "monday": ["08:00-12:00"] } }""", "unknown time zone 'Europe/Bruxelles'")]
    [InlineData("""{ "windows": { "monday": ["12:00-08:00"] } }""", "$.windows.monday[0]")]
    [InlineData("""{ "windows": { "monday": ["12:00-08:00"] } }""", "ends before it starts")]
    [InlineData("""{ "windows": { "monday": ["08:00-12:00", "11:00-13:00"] } }""", "overlap")]
    [InlineData("""{ "windows": {} }""", "no opening at all")]
    [InlineData("""{ "windows": { "monday": [] }, "holidays": "BE" }""", "no opening at all")]
    [InlineData("""{ "windows": { "mondey": ["08:00-12:00"] } }""", "$.windows.mondey")]
    [InlineData("""{ "windows": { "monday": ["8-12"] } }""", "HH:mm-HH:mm")]
    [InlineData("""{ "windows": { "monday": ["08:00-24:01"] } }""", "HH:mm-HH:mm")]
    [InlineData("""{ "windows": { "monday": ["08:00-12:00"] }, "holidays": "NL" }""", "unknown holiday set 'NL'")]
    [InlineData("""{ "windows": { "monday": ["08:00-12:00"] }, "closedDates": ["24/12/2026"] }""", "$.closedDates[0]")]
    [InlineData("""{ "windows": { "monday": ["08:00-12:00"] }, "closeddates": [] }""", "unknown property")]
    [InlineData("""{ "timezone": "UTC" }""", "unknown property")]
    [InlineData("""[]""", "a calendar is a JSON object")]
    [InlineData("""{ "holidays": "BE" }""", "$.windows")]
    [InlineData("""{ "windows": {}, "exceptions": { "2026-12-31": ["08:00-12:00"] } }""", "give at least one weekly window")]
    [InlineData("""{ "windows": { "monday": [] }, "exceptions": { "2026-12-31": ["08:00-12:00"] } }""", "give at least one weekly window")]
    [InlineData("""{ "windows": { "monday": ["08:00-12:00"], "Monday": ["13:00-17:00"] } }""", "$.windows.Monday: monday is given twice")]
    [InlineData("""{ "windows": { "monday": ["08:00-12:00"] }, "exceptions": { "2026-12-31": [], "2026-12-31": ["08:00-10:00"] } }""", "$.exceptions.2026-12-31: 2026-12-31 is given twice")]
    [InlineData("""{ "windows": { "monday": ["08:00-12:00"] }, "windows": { "tuesday": ["08:00-12:00"] } }""", "$.windows: given twice")]
    public void Bad_calendars_are_refused_saying_where_and_why(string json, string expected)
    {
        var error = Should.Throw<CalendarFormatException>(() => BusinessCalendar.FromJson(json));
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void A_calendar_with_only_exceptions_is_refused_in_code_too()
    {
        var exceptions = new Dictionary<NodaTime.LocalDate, IReadOnlyList<OpeningWindow>> { [new(2026, 12, 31)] = [OpeningWindow.Parse("08:00-12:00")] };
        Should.Throw<ArgumentException>(() => new CalendarDefinition("x", NodaTime.DateTimeZoneProviders.Tzdb["Europe/Brussels"], new Dictionary<NodaTime.IsoDayOfWeek, IReadOnlyList<OpeningWindow>>(), HolidaySet.None, null, exceptions))
            .ParamName.ShouldBe("weekly");
    }

    [Fact]
    public void Unknown_presets_list_the_known_ones()
    {
        Should.Throw<ArgumentException>(() => BusinessCalendar.Preset("managed-type9")).Message.ShouldContain("managed-type1");
    }
}

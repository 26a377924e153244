namespace ClauseDesk.Calendars;

internal static class CalendarTestKit
{
    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public static BusinessCalendar Weekdays(string window, string holidays = "BE", string zone = "Europe/Brussels") =>
        BusinessCalendar.FromJson($$"""
            { "timeZone": "{{zone}}",
              "windows": { "monday": ["{{window}}"], "tuesday": ["{{window}}"], "wednesday": ["{{window}}"],
                           "thursday": ["{{window}}"], "friday": ["{{window}}"] },
              "holidays": "{{holidays}}" }
            """);

    /// <summary>Asserts the same instant and the same offset (so the zone was applied).</summary>
    public static void ShouldBeExactly(this DateTimeOffset actual, string expectedIso)
    {
        var expected = At(expectedIso);
        actual.ShouldBe(expected);
        actual.Offset.ShouldBe(expected.Offset, $"offset of {actual:O}");
    }
}

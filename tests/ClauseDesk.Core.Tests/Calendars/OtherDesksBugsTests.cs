using static ClauseDesk.Calendars.CalendarTestKit;

namespace ClauseDesk.Calendars;

/// <summary>Bugs other service desks shipped, so that we never do.</summary>
public class OtherDesksBugsTests
{
    [Fact]
    public void Zammad_3180_a_24x7_calendar_has_no_closed_minute_at_midnight()
    {
        var calendar = BusinessCalendar.Preset("24x7");
        calendar.IsOpen(At("2026-11-24T23:59:59+01:00")).ShouldBeTrue();
        calendar.IsOpen(At("2026-11-25T00:00:00+01:00")).ShouldBeTrue();
        calendar.BusinessTimeBetween(At("2026-11-24T23:00:00+01:00"), At("2026-11-25T01:00:00+01:00")).ShouldBe(TimeSpan.FromHours(2));
        calendar.AddBusinessTime(At("2026-11-24T23:30:00+01:00"), TimeSpan.FromHours(1)).ShouldBeExactly("2026-11-25T00:30:00+01:00");
        // New Year's midnight belongs to two precomputed years: still no gap.
        calendar.BusinessTimeBetween(At("2026-12-31T23:00:00+01:00"), At("2027-01-01T01:00:00+01:00")).ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public void Zammad_2497_a_window_ending_at_2400_never_loops()
    {
        var calendar = BusinessCalendar.FromJson("""{ "windows": { "monday": ["18:00-24:00"] }, "holidays": "none" }""");
        calendar.AddBusinessTime(At("2026-11-23T23:00:00+01:00"), TimeSpan.FromHours(2)).ShouldBeExactly("2026-11-30T19:00:00+01:00");
        calendar.AddBusinessTime(At("2026-11-23T18:00:00+01:00"), TimeSpan.FromHours(6)).ShouldBeExactly("2026-11-24T00:00:00+01:00");
        calendar.NextOpening(At("2026-11-24T00:00:00+01:00")).ShouldBeExactly("2026-11-30T18:00:00+01:00");
        calendar.IsOpen(At("2026-11-24T00:00:00+01:00")).ShouldBeFalse();
    }

    [Fact]
    public void OsTicket_6739_weeks_where_only_some_days_have_windows()
    {
        var calendar = BusinessCalendar.FromJson("""
            { "windows": { "tuesday": ["08:00-17:00"], "thursday": ["08:00-17:00"] }, "holidays": "none" }
            """);
        calendar.AddBusinessTime(At("2026-11-24T16:00:00+01:00"), TimeSpan.FromHours(3)).ShouldBeExactly("2026-11-26T10:00:00+01:00");
        calendar.AddBusinessTime(At("2026-11-26T16:00:00+01:00"), TimeSpan.FromHours(3)).ShouldBeExactly("2026-12-01T10:00:00+01:00");
        calendar.IsWorkingDay(new NodaTime.LocalDate(2026, 11, 25)).ShouldBeFalse();
        calendar.AddWorkingDays(At("2026-11-24T10:00:00+01:00"), 2).ShouldBeExactly("2026-12-01T10:00:00+01:00");
    }

    [Fact]
    public void OsTicket_6847_a_lunch_break_is_a_split_window()
    {
        var calendar = BusinessCalendar.FromJson("""
            { "windows": { "monday": ["08:00-12:00", "13:00-17:00"], "tuesday": ["13:00-17:00", "08:00-12:00"] }, "holidays": "none" }
            """);
        calendar.IsOpen(At("2026-11-23T12:30:00+01:00")).ShouldBeFalse();
        calendar.AddBusinessTime(At("2026-11-23T11:30:00+01:00"), TimeSpan.FromHours(1)).ShouldBeExactly("2026-11-23T13:30:00+01:00");
        calendar.AddBusinessTime(At("2026-11-23T11:00:00+01:00"), TimeSpan.FromHours(1)).ShouldBeExactly("2026-11-23T12:00:00+01:00");
        calendar.NextOpening(At("2026-11-23T12:00:00+01:00")).ShouldBeExactly("2026-11-23T13:00:00+01:00");
        calendar.BusinessTimeBetween(At("2026-11-23T00:00:00+01:00"), At("2026-11-24T00:00:00+01:00")).ShouldBe(TimeSpan.FromHours(8));
        calendar.DayLength.ShouldBe(TimeSpan.FromHours(8));
    }

    [Fact]
    public void OTRS_9884_historic_daylight_saving_in_Sao_Paulo_where_midnight_did_not_exist()
    {
        // Brazil started summer time on 2018-11-04 at 00:00, jumping to 01:00: that day had 23 hours.
        var calendar = BusinessCalendar.FromJson("""
            { "timeZone": "America/Sao_Paulo", "holidays": "none",
              "windows": { "saturday": ["00:00-24:00"], "sunday": ["00:00-24:00"], "monday": ["08:00-18:00"] } }
            """);
        calendar.BusinessTimeBetween(At("2018-11-04T01:00:00-02:00"), At("2018-11-05T00:00:00-02:00")).ShouldBe(TimeSpan.FromHours(23));
        calendar.BusinessTimeBetween(At("2018-11-03T12:00:00-03:00"), At("2018-11-04T12:00:00-02:00")).ShouldBe(TimeSpan.FromHours(23));
        // Saturday evening + 2 h crosses the missing hour.
        calendar.AddBusinessTime(At("2018-11-03T23:00:00-03:00"), TimeSpan.FromHours(2)).ShouldBeExactly("2018-11-04T02:00:00-02:00");
        // The same wall-clock time on the next working day: 00:30 did not exist, so it moves forward by the gap.
        calendar.AddWorkingDays(At("2018-11-03T00:30:00-03:00"), 1).ShouldBeExactly("2018-11-04T01:30:00-02:00");
        // And summer time ended on 2019-02-17 at 00:00, back to 23:00 the day before: a 25-hour Saturday.
        calendar.BusinessTimeBetween(At("2019-02-16T00:00:00-02:00"), At("2019-02-17T00:00:00-03:00")).ShouldBe(TimeSpan.FromHours(25));
    }

    [Fact]
    public void OTRS_11243_a_60_minute_target_longer_than_what_is_left_of_the_day()
    {
        var calendar = Weekdays("08:00-17:00", "none");
        calendar.AddBusinessTime(At("2026-11-23T16:30:00+01:00"), TimeSpan.FromMinutes(60)).ShouldBeExactly("2026-11-24T08:30:00+01:00");
        calendar.AddBusinessTime(At("2026-11-27T16:30:00+01:00"), TimeSpan.FromMinutes(60)).ShouldBeExactly("2026-11-30T08:30:00+01:00");
    }
}

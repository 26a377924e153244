using static ClauseDesk.Calendars.CalendarTestKit;

namespace ClauseDesk.Calendars;

/// <summary>The worked examples of SPEC §1, kept as tests.</summary>
public class WorkedExampleTests
{
    private static readonly BusinessCalendar SoftwareSupport = Weekdays("08:30-17:00");

    [Fact]
    public void Seed004_section8_registered_Tuesday_1530_answered_Wednesday_0930_is_two_and_a_half_hours()
    {
        SoftwareSupport.BusinessTimeBetween(At("2026-11-24T15:30:00+01:00"), At("2026-11-25T09:30:00+01:00"))
            .ShouldBe(TimeSpan.FromMinutes(150));
    }

    [Fact]
    public void Seed004_section8_priority1_four_hours_from_Tuesday_1530_is_due_Wednesday_1100()
    {
        SoftwareSupport.AddBusinessTime(At("2026-11-24T15:30:00+01:00"), TimeSpan.FromHours(4))
            .ShouldBeExactly("2026-11-25T11:00:00+01:00");
    }

    [Fact]
    public void Four_hours_from_Christmas_Eve_1600_skips_Christmas_and_the_weekend()
    {
        var calendar = Weekdays("08:45-17:00");
        calendar.AddBusinessTime(At("2026-12-24T16:00:00+01:00"), TimeSpan.FromHours(4))
            .ShouldBeExactly("2026-12-28T11:45:00+01:00");
    }

    [Fact]
    public void Twenty_four_hours_on_24x7_across_the_spring_change_lands_at_1300_summer_time()
    {
        BusinessCalendar.Preset("24x7").AddBusinessTime(At("2026-03-28T12:00:00+01:00"), TimeSpan.FromHours(24))
            .ShouldBeExactly("2026-03-29T13:00:00+02:00");
    }

    [Fact]
    public void The_presets_match_the_software_support_example()
    {
        BusinessCalendar.Preset("software-support").AddBusinessTime(At("2026-11-24T15:30:00+01:00"), TimeSpan.FromHours(4))
            .ShouldBeExactly("2026-11-25T11:00:00+01:00");
    }

    [Theory]
    [InlineData("managed-type1", 8 * 60 + 15)]
    [InlineData("managed-type2", 8 * 60 + 15)]
    [InlineData("managed-type3", 12 * 60)]
    [InlineData("managed-type4", 18 * 60)]
    [InlineData("managed-type5", 18 * 60)]
    [InlineData("software-support", 8 * 60 + 30)]
    [InlineData("public-desk", 8 * 60 + 30)]
    [InlineData("24x7", 24 * 60)]
    public void A_business_day_is_the_longest_weekday(string preset, int minutes)
    {
        BusinessCalendar.Preset(preset).DayLength.ShouldBe(TimeSpan.FromMinutes(minutes));
    }

    [Fact]
    public void Managed_type4_one_day_from_Monday_1000_is_Tuesday_1000()
    {
        // SPEC §9 penalty example: 1 day = 18 h of business time on Mon–Fri 06:00–24:00.
        var calendar = BusinessCalendar.Preset("managed-type4");
        calendar.AddBusinessTime(At("2026-11-23T10:00:00+01:00"), calendar.DayLength)
            .ShouldBeExactly("2026-11-24T10:00:00+01:00");
    }
}

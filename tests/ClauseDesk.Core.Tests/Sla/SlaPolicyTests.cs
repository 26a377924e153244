using ClauseDesk.Calendars;

namespace ClauseDesk.Sla;

public class SlaPolicyTests
{
    [Fact]
    public void The_presets_are_the_calendar_presets()
    {
        SlaPolicy.PresetNames.ShouldBe(CalendarPresets.Names);
        foreach (var name in SlaPolicy.PresetNames)
        {
            SlaPolicy.Preset(name).Calendar.Name.ShouldBe(name);
        }
    }

    // Seed 001 art. 35.3 and 39.1.2: reaction and resolution times per SLA type ("n.v.t." = none).
    [Theory]
    [InlineData("managed-type1", "4 h", "1 business day (8 h 15 min)", "2 business days (16 h 30 min)", "3 business days (24 h 45 min)", null, null, null, null)]
    [InlineData("managed-type2", "2 h", "1 business day (8 h 15 min)", "2 business days (16 h 30 min)", "3 business days (24 h 45 min)", null, null, null, null)]
    [InlineData("managed-type3", "2 h", "1 business day (12 h)", "2 business days (24 h)", "3 business days (36 h)", null, null, null, null)]
    [InlineData("managed-type4", "2 h", "1 business day (18 h)", "2 business days (36 h)", "3 business days (54 h)", "1 business day (18 h)", "2 business days (36 h)", "3 business days (54 h)", "5 business days (90 h)")]
    [InlineData("managed-type5", "2 h", "1 business day (18 h)", "2 business days (36 h)", "3 business days (54 h)", "1 business day (18 h)", "2 business days (36 h)", "3 business days (54 h)", "5 business days (90 h)")]
    [InlineData("software-support", "4 h", "8 h", "16 h", "40 h", null, null, null, null)]
    public void Seed001_art39_1_2_and_seed004_section8_targets(string preset, string r1, string r2, string r3, string r4, string? s1, string? s2, string? s3, string? s4)
    {
        var policy = SlaPolicy.Preset(preset);
        string? Show(SlaTarget? t) => t?.Describe(policy.Calendar);
        Enum.GetValues<Priority>().Select(p => Show(policy.ReactionTarget(p))).ShouldBe([r1, r2, r3, r4]);
        Enum.GetValues<Priority>().Select(p => Show(policy.ResolutionTarget(p))).ShouldBe([s1, s2, s3, s4]);
        policy.SupplierResume.ShouldBe(SupplierResumeReading.Literal);
    }

    [Theory]
    [InlineData("public-desk", 5)]      // seed 003: closed without reply within 5 working days
    [InlineData("software-support", 10)] // seed 004 §6: 10 working days
    [InlineData("managed-type4", null)]
    [InlineData("24x7", null)]
    public void Auto_close_comes_from_seed003_and_seed004_section6(string preset, int? days)
    {
        SlaPolicy.Preset(preset).AutoCloseWorkingDays.ShouldBe(days);
    }

    [Theory]
    [InlineData("public-desk")]
    [InlineData("24x7")]
    public void Desks_without_targets_have_none(string preset)
    {
        var policy = SlaPolicy.Preset(preset);
        Enum.GetValues<Priority>().ShouldAllBe(p => policy.ReactionTarget(p) == null && policy.ResolutionTarget(p) == null);
    }

    [Fact]
    public void An_unknown_preset_names_the_presets()
    {
        var error = Should.Throw<ArgumentException>(() => SlaPolicy.Preset("gold"));
        error.Message.ShouldContain("'gold'");
        error.Message.ShouldContain("managed-type1, managed-type2");
        error.Message.ShouldContain("24x7");
    }

    [Fact]
    public void Presets_cite_their_clause_and_are_case_insensitive()
    {
        SlaPolicy.Preset("Managed-Type4").Clause.ShouldBe("seed 001 art. 35.3, 39.1.2 (type 4)");
        SlaPolicy.Preset("software-support").Clause.ShouldStartWith("seed 004 §8");
    }

    [Fact]
    public void A_target_remembers_days_and_becomes_business_time_on_a_calendar()
    {
        var type4 = BusinessCalendar.Preset("managed-type4");
        SlaTarget.BusinessDays(1).Describe(type4).ShouldBe("1 business day (18 h)");
        SlaTarget.BusinessDays(2).On(type4).ShouldBe(TimeSpan.FromHours(36));
        SlaTarget.BusinessMinutes(90).ToString().ShouldBe("1 h 30 min");
        SlaTarget.BusinessHours(4).On(type4).ShouldBe(TimeSpan.FromHours(4));
        Should.Throw<ArgumentOutOfRangeException>(() => SlaTarget.BusinessDays(0));
        Should.Throw<ArgumentOutOfRangeException>(() => SlaTarget.BusinessHours(-1));
    }

    [Fact]
    public void A_policy_refuses_a_zero_target_and_can_switch_reading()
    {
        var calendar = BusinessCalendar.Preset("24x7");
        Should.Throw<ArgumentException>(() => new SlaPolicy("x", calendar, "test", reaction: new Dictionary<Priority, SlaTarget> { [Priority.P1] = default }));
        var policy = SlaPolicy.Preset("managed-type4").WithSupplierResume(SupplierResumeReading.NextWorkingDay);
        policy.SupplierResume.ShouldBe(SupplierResumeReading.NextWorkingDay);
        policy.ResolutionTarget(Priority.P4).ShouldBe(SlaTarget.BusinessDays(5));
        SlaPolicy.Preset("managed-type4").SupplierResume.ShouldBe(SupplierResumeReading.Literal);
    }
}

using System.Globalization;
using NodaTime;

namespace ClauseDesk.Maintenance;

/// <summary>Announcing maintenance (SPEC §6; seed 001 art. 27.2.3, 34.4, 38.3).</summary>
public class MaintenanceWindowTests
{
    private static readonly DateTimeOffset Now = At("2026-11-23T10:00:00+01:00");
    private static readonly Guid Tenant = Guid.NewGuid();

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static MaintenanceWindow Announce(MaintenanceKind kind, string start, string end, params Guid[] organisations) =>
        MaintenanceWindow.Announce(Tenant, kind, "Database upgrade", "ERP, Mail", "Short outage", At(start), At(end), organisations, "Ann Agent", Now);

    [Fact]
    public void Planned_maintenance_needs_two_weeks_notice_and_the_refusal_says_what_to_do()
    {
        var refusal = Should.Throw<DeskRuleException>(() => Announce(MaintenanceKind.Planned, "2026-12-07T09:59:00+01:00", "2026-12-07T12:00:00+01:00"));

        refusal.Field.ShouldBe("start");
        refusal.Clause.ShouldBe("seed 001 art. 27.2.3");
        refusal.Message.ShouldContain("2026-12-07 09:00 UTC");
        refusal.Message.ShouldContain("unplanned or critical");
        Announce(MaintenanceKind.Planned, "2026-12-07T10:00:00+01:00", "2026-12-07T12:00:00+01:00").Kind.ShouldBe(MaintenanceKind.Planned);
    }

    [Theory]
    [InlineData(MaintenanceKind.Unplanned)]
    [InlineData(MaintenanceKind.Critical)]
    public void Unplanned_and_critical_maintenance_may_start_at_once_but_not_long_before_the_announcement(MaintenanceKind kind)
    {
        Announce(kind, "2026-11-23T09:00:00+01:00", "2026-11-23T12:00:00+01:00").Start.ShouldBe(At("2026-11-23T08:00:00Z"));
        Should.Throw<DeskRuleException>(() => Announce(kind, "2026-11-23T08:59:00+01:00", "2026-11-23T12:00:00+01:00")).Field.ShouldBe("start");
    }

    [Theory]
    [InlineData("2026-11-24T12:00:00+01:00", "2026-11-24T12:00:00+01:00")]
    [InlineData("2026-11-24T12:00:00+01:00", "2026-11-24T11:00:00+01:00")]
    [InlineData("2026-11-24T12:00:00+01:00", "2026-12-01T12:00:01+01:00")]
    public void An_empty_or_overlong_window_is_refused_on_its_end(string start, string end) =>
        Should.Throw<DeskRuleException>(() => Announce(MaintenanceKind.Unplanned, start, end)).Field.ShouldBe("end");

    [Fact]
    public void Blank_fields_are_refused_by_name()
    {
        Should.Throw<DeskRuleException>(() => MaintenanceWindow.Announce(Tenant, MaintenanceKind.Critical, " ", "ERP", null, Now, Now.AddHours(1), [], "a", Now)).Field.ShouldBe("title");
        Should.Throw<DeskRuleException>(() => MaintenanceWindow.Announce(Tenant, MaintenanceKind.Critical, "x", "", null, Now, Now.AddHours(1), [], "a", Now)).Field.ShouldBe("services");
    }

    [Fact]
    public void A_window_affects_the_organisations_it_names_or_everyone()
    {
        var named = Guid.NewGuid();
        var other = Guid.NewGuid();

        Announce(MaintenanceKind.Unplanned, "2026-11-24T12:00:00+01:00", "2026-11-24T13:00:00+01:00", named).Affects(named).ShouldBeTrue();
        Announce(MaintenanceKind.Unplanned, "2026-11-24T12:00:00+01:00", "2026-11-24T13:00:00+01:00", named).Affects(other).ShouldBeFalse();
        Announce(MaintenanceKind.Unplanned, "2026-11-24T12:00:00+01:00", "2026-11-24T13:00:00+01:00").Affects(other).ShouldBeTrue();
        Announce(MaintenanceKind.Unplanned, "2026-11-24T12:00:00+01:00", "2026-11-24T13:00:00+01:00", named, named).OrganisationIds.ShouldBe([named]);
    }

    [Fact]
    public void Cancelled_before_it_starts_it_affects_no_one_and_under_way_it_ends_now()
    {
        var ahead = Announce(MaintenanceKind.Unplanned, "2026-11-24T12:00:00+01:00", "2026-11-24T13:00:00+01:00");
        ahead.Cancel("Ann Agent", Now);
        ahead.Affects(Guid.NewGuid()).ShouldBeFalse();
        Should.Throw<DeskRuleException>(() => ahead.Cancel("Ann Agent", Now)).Field.ShouldBe("status");

        var underWay = Announce(MaintenanceKind.Critical, "2026-11-23T10:00:00+01:00", "2026-11-23T14:00:00+01:00");
        underWay.Cancel("Ann Agent", At("2026-11-23T11:00:00+01:00"));
        underWay.Affects(Guid.NewGuid()).ShouldBeTrue();
        underWay.End.ShouldBe(At("2026-11-23T10:00:00Z"));
        Should.Throw<DeskRuleException>(() => underWay.Cancel("Ann Agent", At("2026-11-23T12:00:00+01:00"))).Message.ShouldContain("has ended");
    }

    [Fact]
    public void The_excluded_window_is_labelled_in_the_calendars_zone()
    {
        var window = Announce(MaintenanceKind.Planned, "2026-12-12T22:00:00+01:00", "2026-12-13T02:00:00+01:00");

        var excluded = window.Excluded(DateTimeZoneProviders.Tzdb["Europe/Brussels"]);

        excluded.Start.ShouldBe(window.Start);
        excluded.End.ShouldBe(window.End);
        excluded.Label.ShouldBe("Planned maintenance \"Database upgrade\" Sat 2026-12-12 22:00–Sun 2026-12-13 02:00 (+01:00)");
    }
}

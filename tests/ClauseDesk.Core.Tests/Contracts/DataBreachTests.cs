using NodaTime;

namespace ClauseDesk.Contracts;

public class DataBreachTests
{
    private static readonly DateTimeZone Brussels = DateTimeZoneProviders.Tzdb["Europe/Brussels"];

    private static Instant Local(int y, int mo, int d, int h, int mi) =>
        new LocalDateTime(y, mo, d, h, mi).InZoneLeniently(Brussels).ToInstant();

    [Fact]
    public void The_customer_must_be_informed_within_48_hours_of_discovery()
    {
        var breach = new DataBreach(Local(2026, 11, 24, 15, 30), "laptop with customer export stolen");

        breach.NotifyBy.Value.ShouldBe(Local(2026, 11, 26, 15, 30));
        breach.NotifyBy.Working.Clause.ShouldBe("seed 004 §12.9");
        breach.NotifyBy.Working.Steps.ShouldHaveSingleItem().ShouldContain("2026-11-26 15:30:00 +01 (Europe/Brussels)");
    }

    [Fact]
    public void Forty_eight_hours_are_elapsed_time_across_a_daylight_saving_change()
    {
        // Sat 28 March 2026 12:00 +01 → 48 h later the clocks show Mon 30 March 13:00 +02.
        var breach = new DataBreach(Local(2026, 3, 28, 12, 0), "misdirected mail");

        breach.NotifyBy.Value.ShouldBe(Local(2026, 3, 30, 13, 0));
    }

    [Fact]
    public void Status_open_overdue_in_time_and_late()
    {
        var detected = Local(2026, 11, 24, 15, 30);
        var deadline = detected + Duration.FromHours(48);
        var breach = new DataBreach(detected, "test");

        breach.StatusAt(deadline).Value.ShouldBe(BreachNotificationStatus.Open);
        breach.IsLate(deadline).ShouldBeFalse();
        breach.StatusAt(deadline + Duration.FromSeconds(1)).Value.ShouldBe(BreachNotificationStatus.Overdue);
        breach.IsLate(deadline + Duration.FromSeconds(1)).ShouldBeTrue();

        breach.Notified(deadline).StatusAt(deadline + Duration.FromDays(10)).Value.ShouldBe(BreachNotificationStatus.NotifiedInTime);
        var late = breach.Notified(deadline + Duration.FromMinutes(90)).StatusAt(deadline + Duration.FromDays(10));
        late.Value.ShouldBe(BreachNotificationStatus.NotifiedLate);
        late.Working.Steps.ShouldContain("Notified 49 h 30 min after discovery: 1 h 30 min late.");
    }

    [Fact]
    public void A_notification_before_the_discovery_or_a_blank_description_is_refused()
    {
        var detected = Local(2026, 11, 24, 15, 30);
        Should.Throw<ArgumentOutOfRangeException>(() => new DataBreach(detected, "x").Notified(detected - Duration.FromMinutes(1))).ParamName.ShouldBe("notifiedAt");
        Should.Throw<ArgumentException>(() => new DataBreach(detected, " ")).ParamName.ShouldBe("description");
    }
}

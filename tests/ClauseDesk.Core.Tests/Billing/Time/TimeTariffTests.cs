using ClauseDesk.Calendars;
using NodaTime;

namespace ClauseDesk.Billing.Time;

public class TimeTariffTests
{
    private static readonly DateTimeZone Brussels = DateTimeZoneProviders.Tzdb["Europe/Brussels"];
    private static readonly BusinessCalendar Seed001Hours = BusinessCalendar.Preset("managed-type1");
    private static readonly Money Rate = Money.Euros(90m);

    private static Instant At(int y, int mo, int d, int h, int mi = 0) =>
        new LocalDateTime(y, mo, d, h, mi).InZoneLeniently(Brussels).ToInstant();

    private static TimeEntry Remote(Instant start, Instant end) => new(start, end);

    [Fact]
    public void Spec_worked_example_Friday_evening_in_both_readings()
    {
        var entry = Remote(At(2026, 11, 27, 16), At(2026, 11, 27, 19));
        var literal = new TimeTariff(Seed001Hours, Rate, SurchargeTable.Seed001);
        var ofRate = new TimeTariff(Seed001Hours, Rate, SurchargeTable.Seed001, SurchargeReading.OfRate);

        var split = literal.Split(entry);
        split.Count.ShouldBe(2);
        split[0].ShouldBe(new TimeSegment(TimeCategory.WorkingHours, At(2026, 11, 27, 16), At(2026, 11, 27, 17)));
        split[1].ShouldBe(new TimeSegment(TimeCategory.OutsideWorkingHours, At(2026, 11, 27, 17), At(2026, 11, 27, 19)));

        var a = literal.Price(entry);
        a.Lines.Select(l => l.Amount).ShouldBe([Money.Euros(90m), Money.Euros(450m)]);
        a.Total.ShouldBe(Money.Euros(540m));
        a.Lines[1].Working.Reading.ShouldStartWith("seed 001 reading");
        a.Lines[1].Working.Clause.ShouldBe("seed 001 art. 6.4");
        a.Lines[1].Working.Steps.ShouldContain("outside working hours: +150 % on top = 250 % of the rate; 2 h 00 min × €90.00 × 250 % = €450.00.");

        var b = ofRate.Price(entry);
        b.Total.ShouldBe(Money.Euros(360m));
        b.Lines[1].Amount.ShouldBe(Money.Euros(270m));
        b.Lines[1].Working.Reading.ShouldStartWith("seed 004 reading");
    }

    [Fact]
    public void Spec_worked_example_Saturday_and_legal_holidays_priced_as_weekends()
    {
        var literal = new TimeTariff(Seed001Hours, Rate, SurchargeTable.Seed001);
        var ofRate = new TimeTariff(Seed001Hours, Rate, SurchargeTable.Seed001, SurchargeReading.OfRate);
        var saturday = Remote(At(2026, 11, 28, 10), At(2026, 11, 28, 12));
        var christmas = Remote(At(2026, 12, 25, 10), At(2026, 12, 25, 12));

        literal.Price(saturday).Total.ShouldBe(Money.Euros(540m));
        ofRate.Price(saturday).Total.ShouldBe(Money.Euros(360m));
        literal.Split(christmas).ShouldHaveSingleItem().Category.ShouldBe(TimeCategory.SundayOrHoliday);
        literal.Price(christmas).Total.ShouldBe(Money.Euros(540m));
        ofRate.Price(christmas).Total.ShouldBe(Money.Euros(360m));
    }

    [Fact]
    public void Seed_004_table_charges_Saturday_at_150_and_Sunday_at_200_percent_of_the_rate()
    {
        var seed004 = new TimeTariff(BusinessCalendar.Preset("software-support"), Rate, SurchargeTable.Seed004);

        seed004.Price(Remote(At(2026, 11, 28, 10), At(2026, 11, 28, 12))).Total.ShouldBe(Money.Euros(270m));
        seed004.Price(Remote(At(2026, 11, 29, 10), At(2026, 11, 29, 12))).Total.ShouldBe(Money.Euros(360m));
        // 08:00–09:00 on a weekday: 30 min before the 08:30 opening at 150 %, 30 min at the rate.
        seed004.Price(Remote(At(2026, 11, 24, 8), At(2026, 11, 24, 9))).Total.ShouldBe(Money.Euros(67.5m + 45m));
    }

    [Fact]
    public void Spec_worked_example_on_site_minimum_of_four_hours()
    {
        var tariff = new TimeTariff(Seed001Hours, Rate, SurchargeTable.Seed001);
        var entry = new TimeEntry(At(2026, 11, 24, 10), At(2026, 11, 24, 11, 30), WorkPlace.OnSite, 42m);

        var priced = tariff.Price(entry);

        priced.Lines.Select(l => l.Kind).ShouldBe([PricedLineKind.Work, PricedLineKind.OnSiteMinimum, PricedLineKind.Travel]);
        priced.BilledMinutes.ShouldBe(240);
        priced.Lines[1].Amount.ShouldBe(Money.Euros(225m));
        priced.Lines[1].Working.Clause.ShouldStartWith("seed 004 §4.4");
        priced.Lines[2].Amount.ShouldBe(Money.Euros(27.30m));
        priced.Total.ShouldBe(Money.Euros(360m + 27.30m));

        // Remote work has no minimum; on site entirely outside working hours neither.
        tariff.Price(Remote(At(2026, 11, 24, 10), At(2026, 11, 24, 11, 30))).Total.ShouldBe(Money.Euros(135m));
        tariff.Price(new TimeEntry(At(2026, 11, 24, 18), At(2026, 11, 24, 19), WorkPlace.OnSite)).BilledMinutes.ShouldBe(60);
    }

    [Fact]
    public void Time_is_charged_per_started_quarter_hour_the_extra_going_to_the_last_stretch()
    {
        var tariff = new TimeTariff(Seed001Hours, Rate, SurchargeTable.Seed001);
        // 16:50–17:20: 10 min in hours, 20 min outside; 30 min in all, already whole quarters.
        var even = tariff.Price(Remote(At(2026, 11, 24, 16, 50), At(2026, 11, 24, 17, 20)));
        even.Lines.Select(l => l.BilledMinutes).ShouldBe([10L, 20L]);
        even.Total.ShouldBe(Money.Euros(15m + 75m));

        // 16:50–17:21: 31 min → 45 min, the 14 min added outside hours.
        var odd = tariff.Price(Remote(At(2026, 11, 24, 16, 50), At(2026, 11, 24, 17, 21)));
        odd.Lines.Select(l => l.BilledMinutes).ShouldBe([10L, 35L]);
        odd.Lines[1].Working.Steps[0].ShouldBe("Entry of 0 h 31 min charged per started 15 min: 0 h 45 min; the 14 min added go to this last stretch.");
        odd.Lines[1].Amount.ShouldBe(Money.Euros(131.25m));

        var perMinute = new TimeTariff(Seed001Hours, Rate, SurchargeTable.Seed001, roundingMinutes: 1);
        perMinute.Price(Remote(At(2026, 11, 24, 10), At(2026, 11, 24, 10, 7))).Total.ShouldBe(Money.Euros(10.5m));
    }

    [Fact]
    public void Money_is_rounded_per_line_to_the_cent_half_away_from_zero()
    {
        // €10.10 an hour × 15 min = €2.525 → €2.53.
        var tariff = new TimeTariff(Seed001Hours, Money.Euros(10.10m), SurchargeTable.Seed001);
        var line = tariff.Price(Remote(At(2026, 11, 24, 10), At(2026, 11, 24, 10, 15))).Lines.ShouldHaveSingleItem();

        line.Amount.ShouldBe(Money.Euros(2.53m));
        line.Working.Steps.ShouldHaveSingleItem().ShouldEndWith("= €2.5250 → €2.53.");
    }

    [Fact]
    public void A_night_across_midnight_and_into_the_weekend_is_split_per_category()
    {
        var tariff = new TimeTariff(Seed001Hours, Rate, SurchargeTable.Seed001);
        // Fri 16:00 → Sat 02:00: 1 h in hours, 7 h Friday evening, 2 h Saturday.
        var split = tariff.Split(Remote(At(2026, 11, 27, 16), At(2026, 11, 28, 2)));

        split.Select(s => (s.Category, s.Minutes)).ShouldBe(
        [
            (TimeCategory.WorkingHours, 60L),
            (TimeCategory.OutsideWorkingHours, 420L),
            (TimeCategory.Saturday, 120L),
        ]);
    }

    [Fact]
    public void A_night_across_the_autumn_clock_change_is_charged_on_elapsed_time()
    {
        var tariff = new TimeTariff(Seed001Hours, Rate, SurchargeTable.Seed001);
        // Sat 24 Oct 2026 22:00 +02 → Sun 25 Oct 03:00 +01: 2 h on Saturday, 4 h on Sunday (02:00–03:00 twice).
        var entry = Remote(At(2026, 10, 24, 22), At(2026, 10, 25, 3));

        var split = tariff.Split(entry);

        entry.Minutes.ShouldBe(360);
        split.Select(s => (s.Category, s.Minutes)).ShouldBe([(TimeCategory.Saturday, 120L), (TimeCategory.SundayOrHoliday, 240L)]);
        tariff.Price(entry).Total.ShouldBe(Money.Euros(6 * 270m));
    }

    [Fact]
    public void Weekend_days_are_surcharged_even_where_the_calendar_is_open()
    {
        var tariff = new TimeTariff(BusinessCalendar.Preset("24x7"), Rate, SurchargeTable.Seed004);

        tariff.Split(Remote(At(2026, 11, 28, 10), At(2026, 11, 28, 12))).ShouldHaveSingleItem().Category.ShouldBe(TimeCategory.Saturday);
        // The 24x7 calendar has no holidays: Christmas on a Friday is then working hours.
        tariff.Split(Remote(At(2026, 12, 25, 10), At(2026, 12, 25, 12))).ShouldHaveSingleItem().Category.ShouldBe(TimeCategory.WorkingHours);
    }

    [Fact]
    public void Presets_are_found_by_name()
    {
        SurchargeTable.Find("SEED-001").ShouldBeSameAs(SurchargeTable.Seed001);
        SurchargeTable.Find("seed-004").ShouldBeSameAs(SurchargeTable.Seed004);
        SurchargeTable.Find("seed-003").ShouldBeNull();
        SurchargeTable.Seed001.PercentOfRate(TimeCategory.Saturday, SurchargeReading.OnTopOfRate).ShouldBe(300m);
        SurchargeTable.Seed004.PercentOfRate(TimeCategory.Saturday, SurchargeReading.OfRate).ShouldBe(150m);
        SurchargeTable.Seed004.PercentOfRate(TimeCategory.WorkingHours, SurchargeReading.OnTopOfRate).ShouldBe(100m);
    }

    [Fact]
    public void Bad_entries_and_tariffs_are_refused_with_their_name()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Remote(At(2026, 1, 1, 10), At(2026, 1, 1, 10))).ParamName.ShouldBe("end");
        Should.Throw<ArgumentException>(() => Remote(At(2026, 1, 1, 10) + Duration.FromSeconds(5), At(2026, 1, 1, 11))).ParamName.ShouldBe("start");
        Should.Throw<ArgumentException>(() => new TimeEntry(At(2026, 1, 1, 10), At(2026, 1, 1, 11), WorkPlace.Remote, 5m)).ParamName.ShouldBe("travelKm");
        Should.Throw<ArgumentOutOfRangeException>(() => new TimeTariff(Seed001Hours, Money.Zero, SurchargeTable.Seed001)).ParamName.ShouldBe("hourlyRate");
        Should.Throw<ArgumentOutOfRangeException>(() => new TimeTariff(Seed001Hours, Rate, SurchargeTable.Seed001, roundingMinutes: 0)).ParamName.ShouldBe("roundingMinutes");
        Should.Throw<ArgumentOutOfRangeException>(() => new SurchargeTable("x", "y", -1m, 0m, 0m, SurchargeReading.OfRate)).ParamName.ShouldBe("outsidePercent");
    }
}

using NodaTime;

namespace ClauseDesk.Billing.Volume;

public class VolumeMeterTests
{
    private static readonly LocalDate Start = new(2026, 3, 15);

    private static VolumeMeter Meter(int volume = 1000, VolumeRaiseReading reading = VolumeRaiseReading.AtOnce) =>
        new(Start, volume, Money.Euros(1.50m), raiseReading: reading);

    private static void Sign(VolumeMeter meter, int from, int count, LocalDate on)
    {
        for (var i = from; i < from + count; i++)
        {
            meter.Report($"form-{i}", "GETEKEND", on);
        }
    }

    [Fact]
    public void Spec_worked_example_warning_when_the_850th_form_is_signed()
    {
        var meter = Meter();
        Sign(meter, 1, 849, Start.PlusDays(10));
        meter.Warnings.ShouldBeEmpty();

        var report = meter.Report("form-850", "GETEKEND", Start.PlusDays(11));

        report.Outcome.ShouldBe(UsageOutcome.Counted);
        report.CountInYear.ShouldBe(850);
        report.Warning.ShouldNotBeNull();
        report.Warning.Working.Clause.ShouldBe("seed 002 art. 4.5");
        report.Warning.Working.Steps.ShouldHaveSingleItem().ShouldBe("850 signed forms ≥ 85 % of 1,000 signed forms = 850: warn the customer.");
        meter.Report("form-851", "GETEKEND", Start.PlusDays(11)).Warning.ShouldBeNull();
        meter.Warnings.ShouldHaveSingleItem().Count.ShouldBe(850);
    }

    [Fact]
    public void Spec_worked_example_1040_signed_gives_40_overage_units_at_the_anniversary()
    {
        var meter = Meter();
        Sign(meter, 1, 1040, Start.PlusMonths(6));

        Should.Throw<ArgumentOutOfRangeException>(() => meter.Overage(0, new LocalDate(2027, 3, 14))).ParamName.ShouldBe("today");
        var overage = meter.Overage(0, new LocalDate(2027, 3, 15));

        overage.Value.ShouldBe(Money.Euros(60m));
        overage.Working.Clause.ShouldBe("seed 002 art. 4.3");
        overage.Working.Steps[0].ShouldBe("1,040 signed forms − 1,000 signed forms = 40 signed forms beyond the volume.");
        meter.Overage(1, new LocalDate(2028, 3, 15)).Value.ShouldBe(Money.Zero);
    }

    [Fact]
    public void A_unit_counts_once_when_it_reaches_the_counting_state_and_stays_counted()
    {
        var meter = Meter();

        meter.Report("form-1", "IN VOORBEREIDING", Start).Outcome.ShouldBe(UsageOutcome.NotCounting);
        meter.CountIn(0).ShouldBe(0);
        meter.Report("form-1", "GETEKEND", Start.PlusDays(3)).Outcome.ShouldBe(UsageOutcome.Counted);
        meter.Report("form-1", "getekend", Start.PlusDays(4)).Outcome.ShouldBe(UsageOutcome.AlreadyCounted);
        var nextYear = meter.Report("form-1", "GETEKEND", Start.PlusYears(1));
        nextYear.Outcome.ShouldBe(UsageOutcome.AlreadyCounted);
        nextYear.ContractYear.ShouldBe(0);
        meter.CountIn(0).ShouldBe(1);
        meter.CountIn(1).ShouldBe(0);

        var later = new VolumeMeter(Start, 10, Money.Euros(1m), new CountingRule("signed form", ["IN VOORBEREIDING", "GETEKEND", "VERWERKT"], "GETEKEND"));
        later.Report("form-9", "VERWERKT", Start).Outcome.ShouldBe(UsageOutcome.Counted);
        Should.Throw<ArgumentException>(() => later.Report("form-9", "VERZONDEN", Start)).ParamName.ShouldBe("state");
    }

    [Fact]
    public void Contract_years_run_from_anniversary_to_anniversary()
    {
        var meter = Meter();
        meter.ContractYearOf(new LocalDate(2027, 3, 14)).ShouldBe(0);
        meter.ContractYearOf(new LocalDate(2027, 3, 15)).ShouldBe(1);
        Should.Throw<ArgumentOutOfRangeException>(() => meter.ContractYearOf(new LocalDate(2026, 3, 14))).ParamName.ShouldBe("day");

        var leap = new VolumeMeter(new LocalDate(2024, 2, 29), 10, Money.Zero);
        leap.ContractYearOf(new LocalDate(2025, 2, 27)).ShouldBe(0);
        leap.ContractYearOf(new LocalDate(2025, 2, 28)).ShouldBe(1);
        leap.ContractYearOf(new LocalDate(2028, 2, 29)).ShouldBe(4);
    }

    [Fact]
    public void A_raise_applies_at_once_a_lowering_from_the_anniversary_if_asked_a_month_before()
    {
        var meter = Meter();
        Sign(meter, 1, 900, Start.PlusMonths(2));

        meter.Raise(2000, Start.PlusMonths(3)).Value.ShouldBe(0);
        meter.VolumeFor(0).ShouldBe(2000);
        meter.Overage(0, Start.PlusYears(1)).Value.ShouldBe(Money.Zero);

        var inTime = meter.Lower(1500, new LocalDate(2027, 2, 15));
        inTime.Value.ShouldBe(1);
        inTime.Working.Steps[0].ShouldBe("Next anniversary 2027-03-15; one month before: 2027-02-15.");
        meter.VolumeFor(0).ShouldBe(2000);
        meter.VolumeFor(1).ShouldBe(1500);

        meter.Lower(1200, new LocalDate(2027, 2, 16)).Value.ShouldBe(2);
        meter.VolumeFor(1).ShouldBe(1500);
        meter.VolumeFor(2).ShouldBe(1200);
    }

    [Fact]
    public void Under_the_article_4_5_reading_a_raise_after_the_volume_is_exceeded_waits_for_the_renewal()
    {
        var meter = Meter(100, VolumeRaiseReading.FromRenewalOnceExceeded);
        Sign(meter, 1, 90, Start.PlusDays(1));
        meter.Raise(120, Start.PlusDays(2)).Value.ShouldBe(0);
        Sign(meter, 91, 40, Start.PlusDays(3));

        var raise = meter.Raise(200, Start.PlusDays(4));

        raise.Value.ShouldBe(1);
        raise.Working.Clause.ShouldBe("seed 002 art. 4.5");
        meter.VolumeFor(0).ShouldBe(120);
        meter.Overage(0, Start.PlusYears(1)).Value.ShouldBe(Money.Euros(15m));
    }

    [Fact]
    public void Bad_changes_are_refused_with_their_name()
    {
        var meter = Meter();
        Should.Throw<ArgumentOutOfRangeException>(() => meter.Raise(1000, Start)).ParamName.ShouldBe("newVolume");
        Should.Throw<ArgumentOutOfRangeException>(() => meter.Lower(1000, Start)).ParamName.ShouldBe("newVolume");
        Should.Throw<ArgumentOutOfRangeException>(() => meter.Lower(0, Start)).ParamName.ShouldBe("newVolume");
        Should.Throw<ArgumentOutOfRangeException>(() => new VolumeMeter(Start, 0, Money.Zero)).ParamName.ShouldBe("volume");
        Should.Throw<ArgumentException>(() => meter.Report(" ", "GETEKEND", Start)).ParamName.ShouldBe("unitId");
        Should.Throw<ArgumentException>(() => new CountingRule("x", ["A", "B"], "A")).ParamName.ShouldBe("countingState");
    }

    [Fact]
    public void Reports_are_idempotent_in_any_order_and_warn_at_most_once_a_year()
    {
        var random = new Random(6001);
        for (var run = 0; run < 100; run++)
        {
            var volume = random.Next(1, 200);
            var meter = new VolumeMeter(Start, volume, Money.Euros(2m));
            var firstCounting = new Dictionary<string, LocalDate>();
            var reports = new List<(string Id, string State, LocalDate On)>();
            for (var i = 0; i < 400; i++)
            {
                var id = $"u{random.Next(250)}";
                var state = random.Next(3) == 0 ? "IN VOORBEREIDING" : "GETEKEND";
                reports.Add((id, state, Start.PlusDays(random.Next(3 * 365))));
            }

            foreach (var (id, state, on) in reports)
            {
                var before = Enumerable.Range(0, 4).Sum(meter.CountIn);
                var report = meter.Report(id, state, on);
                var after = Enumerable.Range(0, 4).Sum(meter.CountIn);
                (after - before).ShouldBe(report.Outcome == UsageOutcome.Counted ? 1 : 0);
                if (report.Outcome == UsageOutcome.Counted)
                {
                    firstCounting.ContainsKey(id).ShouldBeFalse();
                    firstCounting[id] = on;
                }

                // Reporting the same thing twice changes nothing.
                meter.Report(id, state, on).Outcome.ShouldNotBe(UsageOutcome.Counted);
            }

            for (var year = 0; year < 4; year++)
            {
                var counted = firstCounting.Values.Count(d => meter.ContractYearOf(d) == year);
                meter.CountIn(year).ShouldBe(counted);
                meter.Warnings.Count(w => w.ContractYear == year).ShouldBe(counted * 100 >= volume * 85 ? 1 : 0);
                if (year < 3)
                {
                    meter.Overage(year, Start.PlusYears(year + 1)).Value.ShouldBe(Money.Euros(2m * Math.Max(0, counted - volume)));
                }
            }
        }
    }

    [Fact]
    public void A_restored_year_and_unit_continue_as_if_every_unit_had_been_replayed()
    {
        var on = new LocalDate(2026, 6, 1);
        var replayed = Meter(20);
        Sign(replayed, 1, 17, on);
        var restored = Meter(20);
        restored.RestoreYear(0, 17, (17, 20));
        restored.RestoreUnit("form-3", 0);

        restored.Report("form-3", "GETEKEND", on).Outcome.ShouldBe(UsageOutcome.AlreadyCounted);
        var next = restored.Report("form-18", "GETEKEND", on);
        next.ShouldBe(replayed.Report("form-18", "GETEKEND", on));
        next.Warning.ShouldBeNull("the year's warning was given at the 17th");
        restored.Warnings.Single().Working.ToString().ShouldBe(replayed.Warnings.Single().Working.ToString());

        restored.RestoreVolume(1, 10);
        restored.VolumeFor(0).ShouldBe(20);
        restored.VolumeFor(1).ShouldBe(10);
        restored.RestoreVolume(0, 30);
        restored.VolumeFor(1).ShouldBe(30, "a change replaces what was scheduled from a later year");
    }
}

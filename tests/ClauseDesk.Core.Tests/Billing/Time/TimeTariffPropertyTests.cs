using ClauseDesk.Calendars;
using NodaTime;

namespace ClauseDesk.Billing.Time;

/// <summary>Properties of splitting and pricing over many random entries (seeded loops).</summary>
public class TimeTariffPropertyTests
{
    private static readonly Instant From = Instant.FromUtc(2025, 1, 1, 0, 0);

    private static TimeEntry RandomEntry(Random random)
    {
        var start = From + Duration.FromMinutes(random.Next(0, 3 * 365 * 24 * 60));
        var length = random.Next(4) == 0 ? random.Next(1, 4 * 24 * 60) : random.Next(1, 12 * 60);
        var onSite = random.Next(2) == 0;
        return new TimeEntry(start, start + Duration.FromMinutes(length), onSite ? WorkPlace.OnSite : WorkPlace.Remote, onSite ? random.Next(0, 300) : 0m);
    }

    private static TimeTariff RandomTariff(Random random)
    {
        var calendar = BusinessCalendar.Preset(CalendarPresets.Names[random.Next(CalendarPresets.Names.Count)]);
        var table = SurchargeTable.Presets[random.Next(SurchargeTable.Presets.Count)];
        var reading = random.Next(2) == 0 ? SurchargeReading.OnTopOfRate : SurchargeReading.OfRate;
        return new TimeTariff(calendar, Money.Euros(random.Next(1, 50_000) / 100m), table, reading, random.Next(1, 61));
    }

    [Fact]
    public void A_split_covers_the_entry_exactly_without_gap_or_overlap_and_each_stretch_has_its_category()
    {
        var random = new Random(4001);
        for (var i = 0; i < 3000; i++)
        {
            var tariff = RandomTariff(random);
            var entry = RandomEntry(random);
            var split = tariff.Split(entry);
            var why = $"{tariff.Calendar.Name} {entry.Start}–{entry.End}";

            split[0].Start.ShouldBe(entry.Start, why);
            split[^1].End.ShouldBe(entry.End, why);
            for (var k = 0; k < split.Count; k++)
            {
                split[k].Start.ShouldBeLessThan(split[k].End, why);
                if (k > 0)
                {
                    split[k].Start.ShouldBe(split[k - 1].End, why);
                    // Merged: two neighbours never share a category.
                    split[k].Category.ShouldNotBe(split[k - 1].Category, why);
                }

                var open = tariff.Calendar.IsOpen(split[k].Start.ToDateTimeOffset());
                var day = split[k].Start.InZone(tariff.Calendar.TimeZone).Date;
                if (split[k].Category == TimeCategory.WorkingHours)
                {
                    open.ShouldBeTrue(why);
                    day.DayOfWeek.ShouldNotBe(IsoDayOfWeek.Sunday, why);
                }
                else if (split[k].Category == TimeCategory.OutsideWorkingHours)
                {
                    open.ShouldBeFalse(why);
                }
            }

            split.Sum(s => s.Minutes).ShouldBe(entry.Minutes, why);
        }
    }

    [Fact]
    public void Pricing_charges_the_started_blocks_and_stays_between_the_cheapest_and_dearest_rate()
    {
        var random = new Random(4002);
        for (var i = 0; i < 2000; i++)
        {
            var tariff = RandomTariff(random);
            var entry = RandomEntry(random);
            var priced = tariff.Price(entry);
            var why = $"{tariff.Calendar.Name} {tariff.RoundingMinutes} {entry.Start}–{entry.End} {entry.Place}";

            var work = priced.Lines.Where(l => l.Kind == PricedLineKind.Work).ToList();
            var billed = work.Sum(l => l.BilledMinutes);
            billed.ShouldBeGreaterThanOrEqualTo(entry.Minutes, why);
            (billed - entry.Minutes).ShouldBeLessThan(tariff.RoundingMinutes, why);
            (billed % tariff.RoundingMinutes).ShouldBe(0, why);
            priced.BilledMinutes.ShouldBeGreaterThanOrEqualTo(billed, why);
            if (entry.Place == WorkPlace.Remote)
            {
                priced.BilledMinutes.ShouldBe(billed, why);
            }

            var percents = Enum.GetValues<TimeCategory>().Select(c => tariff.Surcharges.PercentOfRate(c, tariff.Reading)).ToList();
            var workTotal = priced.Lines.Where(l => l.Kind != PricedLineKind.Travel).Aggregate(Money.Zero, (s, l) => s + l.Amount);
            var lines = priced.Lines.Count(l => l.Kind != PricedLineKind.Travel);
            var hours = priced.BilledMinutes / 60m;
            // Each line is off by at most half a cent from its exact amount.
            workTotal.Amount.ShouldBeGreaterThanOrEqualTo((tariff.HourlyRate.Amount * hours * percents.Min() / 100m) - (lines * 0.005m) - 0.000001m, why);
            workTotal.Amount.ShouldBeLessThanOrEqualTo((tariff.HourlyRate.Amount * hours * percents.Max() / 100m) + (lines * 0.005m) + 0.000001m, why);
            priced.Total.ShouldBe(priced.Lines.Aggregate(Money.Zero, (s, l) => s + l.Amount), why);
            priced.Lines.ShouldAllBe(l => l.Amount == l.Amount.RoundToCents(), why);
        }
    }
}

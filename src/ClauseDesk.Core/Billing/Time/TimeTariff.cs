using System.Globalization;
using ClauseDesk.Calendars;
using NodaTime;
using NodaTime.Text;

namespace ClauseDesk.Billing.Time;

/// <summary>What a priced line is for.</summary>
public enum PricedLineKind
{
    /// <summary>Work in one <see cref="TimeCategory"/>.</summary>
    Work,

    /// <summary>The part of the on-site minimum not worked (seed 004 §4.4).</summary>
    OnSiteMinimum,

    /// <summary>Kilometres travelled.</summary>
    Travel,
}

/// <summary>One line of a priced time entry, with its working.</summary>
/// <param name="Kind">Work, on-site minimum or travel.</param>
/// <param name="Category">The category priced; null for travel.</param>
/// <param name="Start">Where the stretch starts; null for the minimum and travel.</param>
/// <param name="End">Where the stretch ends (before rounding); null for the minimum and travel.</param>
/// <param name="BilledMinutes">Minutes charged (worked plus any rounding on the last work line); 0 for travel.</param>
/// <param name="Amount">Rounded to the cent, half away from zero.</param>
/// <param name="Working">Clause, reading, inputs and steps of this line.</param>
public sealed record PricedLine(PricedLineKind Kind, TimeCategory? Category, Instant? Start, Instant? End, long BilledMinutes, Money Amount, Working Working);

/// <summary>A time entry priced line by line; the total is the sum of the rounded lines.</summary>
public sealed record PricedTimeEntry(TimeEntry Entry, IReadOnlyList<PricedLine> Lines)
{
    public Money Total => Lines.Aggregate(Money.Zero, (sum, line) => sum + line.Amount);

    /// <summary>Minutes charged over all work and minimum lines.</summary>
    public long BilledMinutes => Lines.Sum(l => l.BilledMinutes);
}

/// <summary>
/// How a contract prices support time (SPEC §5): an hourly rate, the calendar whose opening windows
/// are the working hours, a surcharge table and the reading applied, the rounding of time, the
/// on-site minimum and the price per kilometre.
/// </summary>
/// <remarks>
/// <para>An entry is split at the calendar's window boundaries and at local midnights
/// (<see cref="Split"/>); the whole entry's time is rounded up once to <see cref="RoundingMinutes"/>,
/// the minutes added going to its last stretch; each line is rounded to the cent, half away from zero.</para>
/// <para>Readings: <c>docs/decisions/0010-contract-and-usage-readings.md</c>.</para>
/// </remarks>
public sealed class TimeTariff
{
    /// <summary>The largest hourly rate accepted: €100,000.</summary>
    public static readonly Money MaxHourlyRate = Money.Euros(100_000m);

    /// <summary>The on-site minimum of seed 004 §4.4: one half-day, 4 hours.</summary>
    public const int OnSiteMinimumMinutesSeed004 = 240;

    /// <summary>The price per kilometre of seed 002 art. 13.1: €0.65 excl. VAT.</summary>
    public static readonly Money PerKmSeed002 = Money.Euros(0.65m);

    private static readonly LocalDateTimePattern When = LocalDateTimePattern.CreateWithInvariantCulture("ddd uuuu-MM-dd HH:mm");
    private static readonly LocalTimePattern Clock = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <param name="calendar">The contract's calendar: its opening windows are the working hours, its holidays are priced as Sundays.</param>
    /// <param name="hourlyRate">The rate per hour in working hours excl. VAT, more than €0, at most <see cref="MaxHourlyRate"/>.</param>
    /// <param name="surcharges">The clause's percentages.</param>
    /// <param name="reading">How they are read; null: the table's literal reading.</param>
    /// <param name="roundingMinutes">Time is charged per started block of this many minutes, 1–60 (default 15: per started quarter hour; 1: per started minute).</param>
    /// <param name="onSiteMinimumMinutes">Minimum charged for on-site work that touches working hours, 0–1440 (default <see cref="OnSiteMinimumMinutesSeed004"/>; 0: none).</param>
    /// <param name="perKm">Price per kilometre excl. VAT, €0–€100 (default <see cref="PerKmSeed002"/>).</param>
    /// <exception cref="ArgumentNullException">A null calendar or table.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number or amount out of bounds.</exception>
    public TimeTariff(BusinessCalendar calendar, Money hourlyRate, SurchargeTable surcharges, SurchargeReading? reading = null, int roundingMinutes = 15, int onSiteMinimumMinutes = OnSiteMinimumMinutesSeed004, Money? perKm = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(surcharges);
        if (hourlyRate <= Money.Zero || hourlyRate > MaxHourlyRate)
        {
            throw new ArgumentOutOfRangeException(nameof(hourlyRate), hourlyRate, $"An hourly rate above €0.00, at most {MaxHourlyRate}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(roundingMinutes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(roundingMinutes, 60);
        ArgumentOutOfRangeException.ThrowIfNegative(onSiteMinimumMinutes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(onSiteMinimumMinutes, 1440);
        var km = perKm ?? PerKmSeed002;
        if (km < Money.Zero || km > Money.Euros(100m))
        {
            throw new ArgumentOutOfRangeException(nameof(perKm), km, "A price per kilometre from €0.00 to €100.00.");
        }

        Calendar = calendar;
        HourlyRate = hourlyRate;
        Surcharges = surcharges;
        Reading = reading ?? surcharges.LiteralReading;
        RoundingMinutes = roundingMinutes;
        OnSiteMinimumMinutes = onSiteMinimumMinutes;
        PerKm = km;
    }

    public BusinessCalendar Calendar { get; }

    public Money HourlyRate { get; }

    public SurchargeTable Surcharges { get; }

    public SurchargeReading Reading { get; }

    public int RoundingMinutes { get; }

    public int OnSiteMinimumMinutes { get; }

    public Money PerKm { get; }

    /// <summary>
    /// The entry cut into stretches of one category, in order, adjacent stretches of the same
    /// category merged: together they cover the entry exactly.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    /// <exception cref="CalendarRangeException">The entry lies outside the calendar's years.</exception>
    public IReadOnlyList<TimeSegment> Split(TimeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var zone = Calendar.TimeZone;
        var segments = new List<TimeSegment>();
        var last = (entry.End - Duration.Epsilon).InZone(zone).Date;
        for (var date = entry.Start.InZone(zone).Date; date <= last; date = date.PlusDays(1))
        {
            var dayStart = Max(date.AtStartOfDayInZone(zone).ToInstant(), entry.Start);
            var dayEnd = Min(date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant(), entry.End);
            var category = DayCategory(date);
            if (category != TimeCategory.OutsideWorkingHours)
            {
                Add(segments, category, dayStart, dayEnd);
                continue;
            }

            var at = dayStart;
            foreach (var (open, close) in Calendar.OpeningsOn(date))
            {
                var from = Max(Instant.FromDateTimeOffset(open), dayStart);
                var to = Min(Instant.FromDateTimeOffset(close), dayEnd);
                if (from >= to)
                {
                    continue;
                }

                Add(segments, TimeCategory.OutsideWorkingHours, at, from);
                Add(segments, TimeCategory.WorkingHours, from, to);
                at = to;
            }

            Add(segments, TimeCategory.OutsideWorkingHours, at, dayEnd);
        }

        return segments;
    }

    /// <summary>The entry priced: one line per stretch, the on-site minimum and travel, each with its working.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    /// <exception cref="CalendarRangeException">The entry lies outside the calendar's years.</exception>
    public PricedTimeEntry Price(TimeEntry entry)
    {
        var segments = Split(entry);
        var worked = entry.Minutes;
        var billed = (worked + RoundingMinutes - 1) / RoundingMinutes * RoundingMinutes;
        var extra = billed - worked;
        var lines = new List<PricedLine>();
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var minutes = segment.Minutes + (i == segments.Count - 1 ? extra : 0);
            var steps = new List<string>();
            if (i == segments.Count - 1 && extra > 0)
            {
                steps.Add($"Entry of {Hm(worked)} charged per started {RoundingMinutes} min: {Hm(billed)}; the {extra} min added go to this last stretch.");
            }

            lines.Add(WorkLine(PricedLineKind.Work, segment.Category, segment.Start, segment.End, minutes, steps, Inputs(entry, segment)));
        }

        var touchesWorkingHours = segments.Any(s => s.Category == TimeCategory.WorkingHours);
        if (entry.Place == WorkPlace.OnSite && touchesWorkingHours && billed < OnSiteMinimumMinutes)
        {
            var shortfall = OnSiteMinimumMinutes - billed;
            lines.Add(WorkLine(
                PricedLineKind.OnSiteMinimum,
                TimeCategory.WorkingHours,
                null,
                null,
                shortfall,
                [$"On site during working hours, minimum {Hm(OnSiteMinimumMinutes)}; charged {Hm(billed)}, so {Hm(shortfall)} more at the working-hours rate."],
                Inputs(entry, null)));
        }

        if (entry.TravelKm > 0m)
        {
            var amount = (PerKm * entry.TravelKm).RoundToCents();
            lines.Add(new PricedLine(PricedLineKind.Travel, null, null, null, 0, amount, new Working(
                "seed 002 art. 13.1; seed 001 art. 24.5; seed 004 §4.4",
                "travel per kilometre, there and back as entered, rounded to the cent",
                [("kilometres", entry.TravelKm.ToString(CultureInfo.InvariantCulture)), ("per km excl. VAT", PerKm.ToString())],
                [$"{entry.TravelKm.ToString(CultureInfo.InvariantCulture)} km × {PerKm} = {Shown.Unrounded((PerKm * entry.TravelKm).Amount)}{((PerKm * entry.TravelKm) == amount ? "" : $" → {amount}")}."])));
        }

        return new PricedTimeEntry(entry, lines);
    }

    private PricedLine WorkLine(PricedLineKind kind, TimeCategory category, Instant? start, Instant? end, long minutes, List<string> steps, List<(string Name, string Value)> inputs)
    {
        var percent = Surcharges.PercentOfRate(category, Reading);
        var exact = HourlyRate.Amount * percent / 100m * minutes / 60m;
        var amount = Money.Euros(exact).RoundToCents();
        var surcharge = category == TimeCategory.WorkingHours
            ? "working hours: the rate"
            : Reading == SurchargeReading.OnTopOfRate
                ? $"{Name(category)}: +{Shown.Percent(Surcharges.Percent(category))} on top = {Shown.Percent(percent)} of the rate"
                : $"{Name(category)}: {Shown.Percent(percent)} of the rate";
        steps.Add($"{surcharge}; {Hm(minutes)} × {HourlyRate} × {Shown.Percent(percent)} = {Shown.Unrounded(exact)}{(amount.Amount == exact ? "" : $" → {amount}")}.");
        var clause = category == TimeCategory.WorkingHours && kind == PricedLineKind.Work
            ? $"working hours: calendar {Calendar.Name}"
            : kind == PricedLineKind.OnSiteMinimum ? "seed 004 §4.4 (minimum one half-day on site)" : Surcharges.Clause;
        return new PricedLine(kind, category, start, end, minutes, amount, new Working(clause, SurchargeTable.ReadingName(Reading), inputs, steps));
    }

    private List<(string Name, string Value)> Inputs(TimeEntry entry, TimeSegment? segment)
    {
        var zone = Calendar.TimeZone;
        var inputs = new List<(string Name, string Value)>
        {
            ("entry", $"{When.Format(entry.Start.InZone(zone).LocalDateTime)}–{When.Format(entry.End.InZone(zone).LocalDateTime)} ({zone.Id}), {(entry.Place == WorkPlace.OnSite ? "on site" : "remote")}"),
            ("hourly rate excl. VAT", HourlyRate.ToString()),
            ("surcharges", Surcharges.Name),
        };
        if (segment is not null)
        {
            inputs.Add(("stretch", $"{When.Format(segment.Start.InZone(zone).LocalDateTime)}–{Clock.Format(segment.End.InZone(zone).TimeOfDay)}, {Name(segment.Category)}"));
        }

        return inputs;
    }

    private TimeCategory DayCategory(LocalDate date)
    {
        if (date.DayOfWeek == IsoDayOfWeek.Sunday || Calendar.Definition.Holidays.For(date.Year).Any(h => h.Date == date))
        {
            return TimeCategory.SundayOrHoliday;
        }

        return date.DayOfWeek == IsoDayOfWeek.Saturday ? TimeCategory.Saturday : TimeCategory.OutsideWorkingHours;
    }

    private static void Add(List<TimeSegment> segments, TimeCategory category, Instant from, Instant to)
    {
        if (from >= to)
        {
            return;
        }

        if (segments.Count > 0 && segments[^1].Category == category && segments[^1].End == from)
        {
            segments[^1] = segments[^1] with { End = to };
            return;
        }

        segments.Add(new TimeSegment(category, from, to));
    }

    private static string Name(TimeCategory category) => category switch
    {
        TimeCategory.WorkingHours => "working hours",
        TimeCategory.OutsideWorkingHours => "outside working hours",
        TimeCategory.Saturday => "Saturday",
        _ => "Sunday or legal holiday",
    };

    private static string Hm(long minutes) => $"{minutes / 60} h {minutes % 60:00} min";

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}

namespace ClauseDesk.Billing.Time;

/// <summary>When a stretch of work was done, as far as its price is concerned (SPEC §5).</summary>
public enum TimeCategory
{
    /// <summary>In an opening window of the contract's calendar on a weekday that is no legal holiday.</summary>
    WorkingHours,

    /// <summary>On a weekday that is no legal holiday, outside the opening windows (evening, night, early morning, provider's closing days).</summary>
    OutsideWorkingHours,

    /// <summary>On a Saturday that is no legal holiday, all day.</summary>
    Saturday,

    /// <summary>On a Sunday or a legal holiday of the calendar, all day.</summary>
    SundayOrHoliday,
}

/// <summary>How a surcharge percentage is read (SPEC §5: "ship both readings as presets").</summary>
public enum SurchargeReading
{
    /// <summary>"+150 %": the percentage is added to the rate, so 150 % costs 250 % of the rate (seed 001 art. 6.4).</summary>
    OnTopOfRate,

    /// <summary>"150 % of the hourly rate": the percentage is the price, so 150 % costs 150 % of the rate (seed 004 §4.4).</summary>
    OfRate,
}

/// <summary>
/// The surcharge percentages of a contract's clause per <see cref="TimeCategory"/>. The clause's own
/// reading is <see cref="LiteralReading"/>; a tariff may apply the other one, and every priced line
/// names the reading used.
/// </summary>
public sealed record SurchargeTable
{
    /// <param name="name">Short name, e.g. <c>seed-001</c>; not blank.</param>
    /// <param name="clause">The clause, shown in every working; not blank.</param>
    /// <param name="outsidePercent">Weekdays outside working hours, 0–1000.</param>
    /// <param name="saturdayPercent">Saturdays, 0–1000.</param>
    /// <param name="sundayOrHolidayPercent">Sundays and legal holidays, 0–1000.</param>
    /// <param name="literalReading">How the clause itself words the percentages.</param>
    /// <exception cref="ArgumentException">A blank name or clause.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A percentage out of bounds.</exception>
    public SurchargeTable(string name, string clause, decimal outsidePercent, decimal saturdayPercent, decimal sundayOrHolidayPercent, SurchargeReading literalReading)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(clause);
        Check(outsidePercent, nameof(outsidePercent));
        Check(saturdayPercent, nameof(saturdayPercent));
        Check(sundayOrHolidayPercent, nameof(sundayOrHolidayPercent));
        Name = name;
        Clause = clause;
        OutsidePercent = outsidePercent;
        SaturdayPercent = saturdayPercent;
        SundayOrHolidayPercent = sundayOrHolidayPercent;
        LiteralReading = literalReading;
    }

    public string Name { get; }

    public string Clause { get; }

    public decimal OutsidePercent { get; }

    public decimal SaturdayPercent { get; }

    public decimal SundayOrHolidayPercent { get; }

    public SurchargeReading LiteralReading { get; }

    /// <summary>Seed 001 art. 6.4: outside office hours +150 %, weekends and legal holidays +200 %.</summary>
    public static SurchargeTable Seed001 { get; } = new("seed-001", "seed 001 art. 6.4", 150m, 200m, 200m, SurchargeReading.OnTopOfRate);

    /// <summary>Seed 004 §4.4: outside office hours and Saturdays 150 % of the rate, Sundays and official holidays 200 %.</summary>
    public static SurchargeTable Seed004 { get; } = new("seed-004", "seed 004 §4.4", 150m, 150m, 200m, SurchargeReading.OfRate);

    /// <summary>The presets.</summary>
    public static IReadOnlyList<SurchargeTable> Presets { get; } = [Seed001, Seed004];

    /// <summary>The preset of that name (case-insensitive), or null.</summary>
    public static SurchargeTable? Find(string name) =>
        Presets.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The clause's percentage for a category; 0 for working hours.</summary>
    public decimal Percent(TimeCategory category) => category switch
    {
        TimeCategory.OutsideWorkingHours => OutsidePercent,
        TimeCategory.Saturday => SaturdayPercent,
        TimeCategory.SundayOrHoliday => SundayOrHolidayPercent,
        _ => 0m,
    };

    /// <summary>The share of the hourly rate charged, in percent: 100 in working hours; otherwise per <paramref name="reading"/>.</summary>
    public decimal PercentOfRate(TimeCategory category, SurchargeReading reading) =>
        category == TimeCategory.WorkingHours ? 100m
        : reading == SurchargeReading.OnTopOfRate ? 100m + Percent(category)
        : Percent(category);

    /// <summary>How a reading is named in workings.</summary>
    public static string ReadingName(SurchargeReading reading) => reading == SurchargeReading.OnTopOfRate
        ? "seed 001 reading: the percentage is added on top of the rate (+150 % = 250 % of the rate)"
        : "seed 004 reading: the percentage is the share of the rate charged (150 % of the rate)";

    private static void Check(decimal percent, string name)
    {
        if (percent is < 0m or > 1000m)
        {
            throw new ArgumentOutOfRangeException(name, percent, "A percentage from 0 to 1000.");
        }
    }
}

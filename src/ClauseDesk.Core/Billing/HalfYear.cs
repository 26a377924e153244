using NodaTime;

namespace ClauseDesk.Billing;

/// <summary>
/// A calendar half-year, the period for which the Belgian statutory late-payment rate is fixed
/// (law of 2 August 2002, art. 5): H1 is 1 January–30 June, H2 is 1 July–31 December.
/// </summary>
public readonly record struct HalfYear
{
    /// <summary>A half-year.</summary>
    /// <param name="year">The year, 1–9999.</param>
    /// <param name="half">1 (January–June) or 2 (July–December).</param>
    /// <exception cref="ArgumentOutOfRangeException">A year or half outside those bounds.</exception>
    public HalfYear(int year, int half)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        if (half is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(half), half, "A half-year is 1 or 2.");
        }

        Year = year;
        Half = half;
    }

    public int Year { get; }

    /// <summary>1 or 2.</summary>
    public int Half { get; }

    /// <summary>The first day: 1 January or 1 July.</summary>
    public LocalDate Start => new(Year, Half == 1 ? 1 : 7, 1);

    /// <summary>The last day, inclusive: 30 June or 31 December.</summary>
    public LocalDate End => Half == 1 ? new(Year, 6, 30) : new(Year, 12, 31);

    /// <summary>The half-year a date falls in.</summary>
    public static HalfYear Of(LocalDate date) => new(date.Year, date.Month <= 6 ? 1 : 2);

    /// <summary>As written in the rate table's messages, e.g. <c>2026 H2</c>.</summary>
    public override string ToString() => $"{Year} H{Half}";
}

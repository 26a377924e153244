using System.Globalization;
using ClauseDesk.Billing;
using NodaTime;

namespace ClauseDesk.Contracts;

/// <summary>
/// A contract's indexation clause (SPEC §5): the formula, the index series it follows, the base month
/// and value the base price rests on, and the base price P0 (the monthly service-level fee).
/// </summary>
/// <remarks>
/// <para><b>Which index:</b> the value of the month before the month of the indexation day (seed 002
/// art. 7.5 "van de maand voorafgaand aan die van de verjaardag"; seed 004 §4.3 "de maand (december)
/// voorafgaand aan de aanpassing").</para>
/// <para><b>Not chained:</b> every indexation starts again from P0 and the base index (seed 001 art.
/// 6.3 "vergoeding bij aanvang", seed 002 art. 7.5 "basisvergoeding"). Seed 004 §4.3 rebases on the
/// last revision: set the clause again with the new base to follow it.</para>
/// <para>Readings: <c>docs/decisions/0015-indexation-fees-and-data-purge.md</c>.</para>
/// </remarks>
public sealed class IndexationClause
{
    private IndexationClause()
    {
    }

    /// <exception cref="DeskRuleException">A series name, base index or base price out of bounds.</exception>
    public IndexationClause(Guid tenantId, Guid contractId, IndexationFormula formula, string series, YearMonth baseMonth, decimal baseIndex, decimal basePrice, string setBy, DateTimeOffset setAt)
    {
        if (!IndexSeries.IsName(series))
        {
            throw new DeskRuleException("series", "a series name is 1–64 lower-case letters, digits and hyphens");
        }

        if (baseIndex <= 0 || baseIndex > Indexation.MaxIndex)
        {
            throw new DeskRuleException("baseIndex", $"an index is more than 0 and at most {Indexation.MaxIndex:0}");
        }

        if (basePrice <= 0 || Money.Euros(basePrice) > Indexation.MaxPrice)
        {
            throw new DeskRuleException("basePrice", $"the base price P0 is more than €0.00 and at most {Indexation.MaxPrice}");
        }

        TenantId = tenantId;
        ContractId = contractId;
        Formula = formula;
        Series = series;
        BaseMonth = new DateOnly(baseMonth.Year, baseMonth.Month, 1);
        BaseIndex = baseIndex;
        BasePrice = basePrice;
        SetBy = setBy;
        SetAt = setAt;
    }

    public Guid ContractId { get; private set; }
    public Guid TenantId { get; private set; }
    public IndexationFormula Formula { get; private set; }

    /// <summary>The index series' name (<see cref="IndexSeries.IsName"/>).</summary>
    public string Series { get; private set; } = "";

    /// <summary>The first day of the month whose index the base price rests on (S0, I0).</summary>
    public DateOnly BaseMonth { get; private set; }

    public decimal BaseIndex { get; private set; }

    /// <summary>P0: the monthly service-level fee excl. VAT the indexation starts from.</summary>
    public decimal BasePrice { get; private set; }

    public string SetBy { get; private set; } = "";
    public DateTimeOffset SetAt { get; private set; }

    /// <summary>The month whose index applies on an indexation day: the month before.</summary>
    public static YearMonth IndexMonthFor(LocalDate indexationDay) => indexationDay.ToYearMonth().OnDayOfMonth(1).PlusMonths(-1).ToYearMonth();

    /// <summary>
    /// The new price on the indexation day that applies on <paramref name="on"/> (the last one on or
    /// before it), with the working: which day, which months' indices, the formula and the rounding.
    /// </summary>
    /// <param name="term">The contract's term, which gives the indexation days.</param>
    /// <param name="on">The day asked about.</param>
    /// <param name="index">The series' value of a month; null when it was not imported.</param>
    /// <exception cref="DeskRuleException">No indexation day yet on <paramref name="on"/> (field <c>on</c>), or the month's index is missing (field <c>index</c>, naming series and month).</exception>
    public (LocalDate Day, Computed<Money> Price) PriceOn(ContractTerm term, LocalDate on, Func<YearMonth, decimal?> index)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(index);
        var day = term.LastIndexationOnOrBefore(on) ?? throw new DeskRuleException(
            "on",
            term.DatesOn(on).NextIndexation is { } next
                ? $"no indexation day on or before {Iso(on)}: the first is {Iso(next.Value)}"
                : $"no indexation day on or before {Iso(on)}",
            term.Indexation == IndexationDay.Anniversary ? "seed 002 art. 7.5" : "seed 004 §4.3");
        return (day, PriceFor(term, day, index));
    }

    /// <summary>The new price on the indexation day <paramref name="day"/>, with its working.</summary>
    /// <exception cref="DeskRuleException">The month's index is missing (field <c>index</c>).</exception>
    public Computed<Money> PriceFor(ContractTerm term, LocalDate day, Func<YearMonth, decimal?> index)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(index);
        var month = IndexMonthFor(day);
        var current = index(month) ?? throw new DeskRuleException(
            "index",
            $"the series '{Series}' has no value for {IndexSeries.Month(month)}, the month before the indexation day {Iso(day)}: import it with PUT /api/index-series/{Series}");
        var baseIndex = IndexSeries.Normal(BaseIndex);
        var price = Indexation.Apply(Formula, Money.Euros(BasePrice), baseIndex, current);
        var baseMonth = new YearMonth(BaseMonth.Year, BaseMonth.Month);
        var symbol = Formula == IndexationFormula.Agoria ? "S" : "I";
        var dayStep = term.Indexation == IndexationDay.Anniversary
            ? $"Indexation day {Iso(day)}: the last anniversary of the start ({Iso(term.Start)}) on or before the day asked."
            : $"Indexation day {Iso(day)}: the last 1 January after the start ({Iso(term.Start)}) on or before the day asked.";
        return price with
        {
            Working = new Working(
                $"{price.Working.Clause}; {(term.Indexation == IndexationDay.Anniversary ? "seed 002 art. 7.5 (anniversary)" : "seed 004 §4.3 (1 January)")}",
                "the index of the month before the indexation day's month, against the base month's index; always from the base price P0 (not chained)",
                [
                    ("indexation day", Iso(day)),
                    ("series", Series),
                    ($"base month ({symbol}0)", IndexSeries.Month(baseMonth)),
                    ($"index month ({symbol})", IndexSeries.Month(month)),
                    .. price.Working.Inputs,
                ],
                [
                    dayStep,
                    $"{symbol} is the '{Series}' value of {IndexSeries.Month(month)}, the month before {Iso(day)}: {current.ToString(CultureInfo.InvariantCulture)}; {symbol}0 is that of {IndexSeries.Month(baseMonth)}: {baseIndex.ToString(CultureInfo.InvariantCulture)}.",
                    .. price.Working.Steps,
                ]),
        };
    }

    private static string Iso(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>An indexation applied to a contract once for an indexation day: the new fee and the working it was computed with.</summary>
public sealed class IndexationApplied
{
    private IndexationApplied()
    {
    }

    public IndexationApplied(Guid tenantId, Guid contractId, LocalDate indexationDay, Money price, decimal? previousFee, string workingJson, string appliedBy, DateTimeOffset appliedAt)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        ContractId = contractId;
        IndexationDay = new DateOnly(indexationDay.Year, indexationDay.Month, indexationDay.Day);
        Price = price.Amount;
        PreviousFee = previousFee;
        WorkingJson = workingJson;
        AppliedBy = appliedBy;
        AppliedAt = appliedAt;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ContractId { get; private set; }
    public DateOnly IndexationDay { get; private set; }

    /// <summary>The monthly fee excl. VAT from the indexation day on.</summary>
    public decimal Price { get; private set; }

    /// <summary>The contract's monthly fee before.</summary>
    public decimal? PreviousFee { get; private set; }

    /// <summary>The working, as the API returned it when applied.</summary>
    public string WorkingJson { get; private set; } = "";

    public string AppliedBy { get; private set; } = "";
    public DateTimeOffset AppliedAt { get; private set; }
}

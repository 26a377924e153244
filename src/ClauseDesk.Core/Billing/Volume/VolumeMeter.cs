using System.Globalization;
using NodaTime;

namespace ClauseDesk.Billing.Volume;

/// <summary>What became of a usage report.</summary>
public enum UsageOutcome
{
    /// <summary>The unit reached the counting state for the first time: counted in <see cref="UsageReport.ContractYear"/>.</summary>
    Counted,

    /// <summary>The unit was counted before (in <see cref="UsageReport.ContractYear"/>): nothing changes.</summary>
    AlreadyCounted,

    /// <summary>The unit's state does not count (yet).</summary>
    NotCounting,
}

/// <summary>The warning that usage reached 85 % of the year's volume (seed 002 art. 4.5); once per contract year.</summary>
public sealed record VolumeWarning(int ContractYear, int Count, int Volume, Working Working);

/// <summary>The outcome of a usage report.</summary>
/// <param name="Outcome">Counted, already counted or not counting.</param>
/// <param name="ContractYear">The contract year it counts (or counted) in, 0 for the first; the year of the report when not counting.</param>
/// <param name="CountInYear">Units counted in that year after this report.</param>
/// <param name="Warning">The 85 % warning when this report raised it; otherwise null.</param>
public sealed record UsageReport(UsageOutcome Outcome, int ContractYear, int CountInYear, VolumeWarning? Warning);

/// <summary>How a raise of the volume takes effect (seed 002 art. 4.5 and 6.4 differ).</summary>
public enum VolumeRaiseReading
{
    /// <summary>Art. 6.4 and SPEC §5: at once, for the current contract year and the next ones.</summary>
    AtOnce,

    /// <summary>Art. 4.5: at once while the volume is not exceeded; once exceeded, only from the renewal.</summary>
    FromRenewalOnceExceeded,
}

/// <summary>
/// A contract's metered volume (seed 002 art. 4, SPEC §5): a yearly volume per contract year,
/// units counted once when they reach the counting state, the 85 % warning once per year, overage
/// priced per unit at the anniversary, and changes of the volume.
/// </summary>
/// <remarks>
/// <para>Contract year <i>k</i> is [start + k years, start + k + 1 years), counted from the start, a
/// 29 February clamped to 28 February. A unit counts in the year of the day it reached the counting
/// state, once: reported again, in that year or later, it does not count again.</para>
/// <para>Readings: <c>docs/decisions/0010-contract-and-usage-readings.md</c>.</para>
/// </remarks>
public sealed class VolumeMeter
{
    /// <summary>The largest volume accepted: 100,000,000 units a year.</summary>
    public const int MaxVolume = 100_000_000;

    /// <summary>The share of the volume at which the customer is warned (seed 002 art. 4.5): 85 %.</summary>
    public const int WarningPercent = 85;

    private const int MaxYears = 1000;

    private readonly Dictionary<string, int> _countedIn = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _counts = [];
    private readonly SortedDictionary<int, int> _volumeFrom = [];
    private readonly Dictionary<int, VolumeWarning> _warnings = [];

    /// <param name="contractStart">The contract's first day; year 1900–2999.</param>
    /// <param name="volume">Units a year, 1–<see cref="MaxVolume"/>.</param>
    /// <param name="pricePerExtraUnit">The price of a unit beyond the volume excl. VAT, €0–€1,000,000.</param>
    /// <param name="rule">Which states count; default <see cref="CountingRule.SignedFormsSeed002"/>.</param>
    /// <param name="raiseReading">How a raise takes effect; default <see cref="VolumeRaiseReading.AtOnce"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A date, volume or price out of bounds.</exception>
    public VolumeMeter(LocalDate contractStart, int volume, Money pricePerExtraUnit, CountingRule? rule = null, VolumeRaiseReading raiseReading = VolumeRaiseReading.AtOnce)
    {
        if (contractStart.Year is < 1900 or > 2999)
        {
            throw new ArgumentOutOfRangeException(nameof(contractStart), contractStart, "A contract starts in 1900–2999.");
        }

        CheckVolume(volume, nameof(volume));
        if (pricePerExtraUnit < Money.Zero || pricePerExtraUnit > Money.Euros(1_000_000m))
        {
            throw new ArgumentOutOfRangeException(nameof(pricePerExtraUnit), pricePerExtraUnit, "A price from €0.00 to €1,000,000.00.");
        }

        ContractStart = contractStart;
        PricePerExtraUnit = pricePerExtraUnit;
        Rule = rule ?? CountingRule.SignedFormsSeed002;
        RaiseReading = raiseReading;
        _volumeFrom[0] = volume;
    }

    public LocalDate ContractStart { get; }

    public Money PricePerExtraUnit { get; }

    public CountingRule Rule { get; }

    public VolumeRaiseReading RaiseReading { get; }

    /// <summary>The warnings raised so far, one per contract year at most.</summary>
    public IReadOnlyList<VolumeWarning> Warnings => [.. _warnings.Values.OrderBy(w => w.ContractYear)];

    /// <summary>The contract year <paramref name="day"/> falls in, 0 for the first.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A day before the start or more than 1000 years after it.</exception>
    public int ContractYearOf(LocalDate day)
    {
        if (day < ContractStart)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, $"Before the contract's start {Shown.Date(ContractStart)}.");
        }

        var year = Math.Max(0, Period.Between(ContractStart, day, PeriodUnits.Years).Years - 1);
        while (ContractStart.PlusYears(year + 1) <= day)
        {
            year++;
        }

        if (year >= MaxYears)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "More than 1000 years after the start.");
        }

        return year;
    }

    /// <summary>The first day of contract year <paramref name="year"/>; its anniversary is the first day of the next.</summary>
    public LocalDate YearStart(int year) => ContractStart.PlusYears(year);

    /// <summary>The volume in force for a contract year.</summary>
    public int VolumeFor(int year) => _volumeFrom.Where(v => v.Key <= year).Last().Value;

    /// <summary>Units counted in a contract year.</summary>
    public int CountIn(int year) => _counts.GetValueOrDefault(year);

    /// <summary>
    /// Records that unit <paramref name="unitId"/> is in <paramref name="state"/> since
    /// <paramref name="on"/>. Idempotent per unit: once counted, reporting it again changes nothing.
    /// </summary>
    /// <param name="unitId">The unit's id; not blank, at most 200 characters.</param>
    /// <param name="state">One of the rule's states.</param>
    /// <param name="on">The day the unit reached that state; on or after the start.</param>
    /// <exception cref="ArgumentException">A blank or too long id, or an unknown state.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="on"/> before the start.</exception>
    public UsageReport Report(string unitId, string state, LocalDate on)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unitId);
        if (unitId.Length > 200)
        {
            throw new ArgumentException("A unit id of at most 200 characters.", nameof(unitId));
        }

        var counts = Rule.Counts(state);
        var year = ContractYearOf(on);
        if (_countedIn.TryGetValue(unitId, out var countedIn))
        {
            return new UsageReport(UsageOutcome.AlreadyCounted, countedIn, CountIn(countedIn), null);
        }

        if (!counts)
        {
            return new UsageReport(UsageOutcome.NotCounting, year, CountIn(year), null);
        }

        _countedIn[unitId] = year;
        var count = _counts[year] = CountIn(year) + 1;
        VolumeWarning? warning = null;
        var volume = VolumeFor(year);
        // 85 % reached: count / volume ≥ 85 / 100, compared in integers.
        if (!_warnings.ContainsKey(year) && (long)count * 100 >= (long)volume * WarningPercent)
        {
            warning = _warnings[year] = Warn(year, count, volume);
        }

        return new UsageReport(UsageOutcome.Counted, year, count, warning);
    }

    /// <summary>
    /// Raises the volume, asked on <paramref name="on"/> (seed 002 art. 6.4): from the current
    /// contract year under <see cref="VolumeRaiseReading.AtOnce"/>; under
    /// <see cref="VolumeRaiseReading.FromRenewalOnceExceeded"/> from the next year if this year's
    /// volume is already exceeded (art. 4.5).
    /// </summary>
    /// <returns>The first contract year the new volume applies to, with the working.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A volume not above the current one, or above <see cref="MaxVolume"/>; a day before the start.</exception>
    public Computed<int> Raise(int newVolume, LocalDate on)
    {
        var year = ContractYearOf(on);
        CheckVolume(newVolume, nameof(newVolume));
        if (newVolume <= VolumeFor(year))
        {
            throw new ArgumentOutOfRangeException(nameof(newVolume), newVolume, $"A raise must be above the current volume, {VolumeFor(year)}.");
        }

        var exceeded = CountIn(year) > VolumeFor(year);
        var from = RaiseReading == VolumeRaiseReading.FromRenewalOnceExceeded && exceeded ? year + 1 : year;
        var step = from == year
            ? $"Applies at once: contract year {YearName(year)} and the next ones."
            : $"This year's volume is already exceeded ({Units(CountIn(year))} > {Units(VolumeFor(year))}): applies from the renewal on {Shown.Date(YearStart(from))}.";
        Apply(from, newVolume);
        return new Computed<int>(from, new Working(
            RaiseReading == VolumeRaiseReading.AtOnce ? "seed 002 art. 6.4" : "seed 002 art. 4.5",
            RaiseReading == VolumeRaiseReading.AtOnce ? "a raise applies at once, also when the volume is already exceeded" : "a raise applies at once until the volume is exceeded, then from the renewal",
            [("asked on", Shown.Date(on)), ("new volume", Units(newVolume)), ("counted this year", Units(CountIn(year)))],
            [step]));
    }

    /// <summary>
    /// Lowers the volume, asked on <paramref name="askedOn"/> (seed 002 art. 4.6): from the next
    /// anniversary if asked at least one month before it (on or before the anniversary minus one
    /// month), otherwise from the anniversary after.
    /// </summary>
    /// <returns>The first contract year the new volume applies to, with the working.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A volume not below the one in force next year, or below 1; a day before the start.</exception>
    public Computed<int> Lower(int newVolume, LocalDate askedOn)
    {
        var year = ContractYearOf(askedOn);
        CheckVolume(newVolume, nameof(newVolume));
        var anniversary = YearStart(year + 1);
        var deadline = anniversary.PlusMonths(-1);
        var from = askedOn <= deadline ? year + 1 : year + 2;
        if (newVolume >= VolumeFor(from))
        {
            throw new ArgumentOutOfRangeException(nameof(newVolume), newVolume, $"A lowering must be below the volume in force then, {VolumeFor(from)}.");
        }

        Apply(from, newVolume);
        return new Computed<int>(from, new Working(
            "seed 002 art. 4.6",
            "asked on or before the anniversary minus one month (same-day-of-month, clamped): from that anniversary; later: from the next",
            [("asked on", Shown.Date(askedOn)), ("new volume", Units(newVolume))],
            [
                $"Next anniversary {Shown.Date(anniversary)}; one month before: {Shown.Date(deadline)}.",
                askedOn <= deadline
                    ? $"Asked in time: applies from {Shown.Date(YearStart(from))}."
                    : $"Asked too late: the contract renews with the current volume; applies from {Shown.Date(YearStart(from))}.",
            ]));
    }

    /// <summary>The overage of a contract year, priced per unit beyond the volume, settled at its anniversary (seed 002 art. 4.3).</summary>
    /// <param name="year">The contract year.</param>
    /// <param name="today">The day asked; on or after the year's anniversary (the year must be over).</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative year, or <paramref name="today"/> before the anniversary.</exception>
    public Computed<Money> Overage(int year, LocalDate today)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(year);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(year, MaxYears);
        var anniversary = YearStart(year + 1);
        if (today < anniversary)
        {
            throw new ArgumentOutOfRangeException(nameof(today), today, $"Contract year {YearName(year)} is settled at its anniversary, {Shown.Date(anniversary)}.");
        }

        var count = CountIn(year);
        var volume = VolumeFor(year);
        var extra = Math.Max(0, count - volume);
        var amount = (PricePerExtraUnit * extra).RoundToCents();
        return new Computed<Money>(amount, new Working(
            "seed 002 art. 4.3",
            "units beyond the volume in force at the year's end, invoiced once at the anniversary",
            [("contract year", YearName(year)), ("volume", Units(volume)), ("counted", Units(count)), ("price per extra unit excl. VAT", PricePerExtraUnit.ToString())],
            [
                extra > 0 ? $"{Units(count)} − {Units(volume)} = {Units(extra)} beyond the volume." : $"{Units(count)} within the volume of {Units(volume)}: no overage.",
                $"{extra.ToString(CultureInfo.InvariantCulture)} × {PricePerExtraUnit} = {amount}, invoiced at the anniversary {Shown.Date(anniversary)}.",
            ]));
    }

    /// <summary>
    /// Restores a volume a store kept, in force from contract year <paramref name="fromYear"/> on, as
    /// <see cref="Raise"/> or <see cref="Lower"/> decided it when asked; later years' volumes are replaced.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative year or a volume out of bounds.</exception>
    public void RestoreVolume(int fromYear, int volume)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fromYear, MaxYears);
        CheckVolume(volume, nameof(volume));
        Apply(fromYear, volume);
    }

    /// <summary>
    /// Restores what a store kept of a contract year, so that the next <see cref="Report"/> continues
    /// it without replaying every unit: the units counted, and the count and volume at which the
    /// warning was given (null when it was not).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative year or count.</exception>
    public void RestoreYear(int year, int count, (int Count, int Volume)? warnedAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(year);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(year, MaxYears);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _counts[year] = count;
        if (warnedAt is { } warned)
        {
            _warnings[year] = Warn(year, warned.Count, warned.Volume);
        }
        else
        {
            _warnings.Remove(year);
        }
    }

    /// <summary>Restores that a unit a store kept was counted in <paramref name="year"/>; the year's count is not changed.</summary>
    /// <exception cref="ArgumentException">A blank unit id.</exception>
    public void RestoreUnit(string unitId, int year)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unitId);
        _countedIn[unitId] = year;
    }

    private VolumeWarning Warn(int year, int count, int volume) => new(year, count, volume, new Working(
        "seed 002 art. 4.5",
        "warned once per contract year, when the count reaches 85 % of the volume in force",
        [("contract year", YearName(year)), ("volume", Units(volume)), ("counted", Units(count))],
        [$"{Units(count)} ≥ {WarningPercent} % of {Units(volume)} = {(volume * 0.85m).ToString("#,##0.##", CultureInfo.InvariantCulture)}: warn the customer."]));

    private void Apply(int from, int volume)
    {
        // A change replaces what was scheduled from that year on.
        foreach (var later in _volumeFrom.Keys.Where(k => k > from).ToList())
        {
            _volumeFrom.Remove(later);
        }

        _volumeFrom[from] = volume;
    }

    private string YearName(int year) => $"{Shown.Date(YearStart(year))} to {Shown.Date(YearStart(year + 1).PlusDays(-1))}";

    private string Units(int n) => $"{n.ToString("#,##0", CultureInfo.InvariantCulture)} {(n == 1 ? Rule.Unit : Rule.Unit + "s")}";

    private static void CheckVolume(int volume, string name)
    {
        if (volume is < 1 or > MaxVolume)
        {
            throw new ArgumentOutOfRangeException(name, volume, $"A volume from 1 to {MaxVolume:#,##0}.");
        }
    }
}

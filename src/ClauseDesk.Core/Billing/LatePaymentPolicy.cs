namespace ClauseDesk.Billing;

/// <summary>How late-payment interest accrues under a <see cref="LatePaymentPolicy"/>.</summary>
public enum InterestBasis
{
    /// <summary>The statutory rate of each half-year a late day falls in (<see cref="StatutoryRates"/>), Actual/365.</summary>
    StatutoryHalfYear,

    /// <summary>A fixed yearly rate (<see cref="LatePaymentPolicy.RatePercent"/>), Actual/365.</summary>
    Yearly,

    /// <summary>A fixed rate (<see cref="LatePaymentPolicy.RatePercent"/>) per started calendar month.</summary>
    PerStartedMonth,
}

/// <summary>
/// The lump sum for recovery costs due once when an invoice is paid late: a percentage of the
/// invoice total including VAT, at least <see cref="Minimum"/> (rounded to the cent half away from zero).
/// </summary>
/// <param name="Percent">Percentage of the total incl. VAT, 0–100; 0 for a flat amount.</param>
/// <param name="Minimum">The least amount due, zero or more.</param>
/// <param name="Clause">Where the rule comes from, shown in the working.</param>
public sealed record LumpSumRule(decimal Percent, Money Minimum, string Clause)
{
    /// <summary>
    /// The law's flat €40 recovery compensation (law of 2 August 2002, art. 6), due where the
    /// contract has no lump-sum clause of its own.
    /// </summary>
    public static LumpSumRule StatutoryFlat { get; } = new(0m, Money.Euros(40m), "law of 2 August 2002, art. 6 (flat €40, no lump-sum clause in the contract)");

    /// <summary>The lump sum on a late invoice.</summary>
    public Money For(Money amountInclVat)
    {
        var share = (amountInclVat * (Percent / 100m)).RoundToCents();
        return share >= Minimum ? share : Minimum;
    }
}

/// <summary>
/// A contract's late-payment clause: how interest accrues and which lump sum is due. The three
/// presets are the seeds' clauses (SPEC §5); see <c>docs/decisions/0006-late-payment-readings.md</c>.
/// </summary>
public sealed record LatePaymentPolicy
{
    private LatePaymentPolicy(string name, string clause, InterestBasis basis, decimal ratePercent, LumpSumRule lumpSum)
    {
        Name = name;
        Clause = clause;
        Basis = basis;
        RatePercent = ratePercent;
        LumpSum = lumpSum;
    }

    /// <summary>The preset's name on the command line, e.g. <c>yearly-10</c>.</summary>
    public string Name { get; }

    /// <summary>The interest clause applied, shown in the working (the lump sum names its own).</summary>
    public string Clause { get; }

    public InterestBasis Basis { get; }

    /// <summary>The yearly or monthly rate in percent; unused (0) for <see cref="InterestBasis.StatutoryHalfYear"/>.</summary>
    public decimal RatePercent { get; }

    public LumpSumRule LumpSum { get; }

    /// <summary>Seed 001 art. 6.8: the statutory rate (law of 2 August 2002) + 12 % of the invoice, at least €150.</summary>
    public static LatePaymentPolicy Statutory { get; } = new(
        "statutory", "seed 001 art. 6.8; rates: law of 2 August 2002, art. 5", InterestBasis.StatutoryHalfYear, 0m, new LumpSumRule(12m, Money.Euros(150m), "seed 001 art. 6.8"));

    /// <summary>Seed 002 art. 7.4: 10 % a year + 10 % of the invoice, at least €125.</summary>
    public static LatePaymentPolicy Yearly10 { get; } = new(
        "yearly-10", "seed 002 art. 7.4", InterestBasis.Yearly, 10m, new LumpSumRule(10m, Money.Euros(125m), "seed 002 art. 7.4"));

    /// <summary>Seed 004 §5.3: 1 % per started month + 10 % of the invoice, at least €250.</summary>
    public static LatePaymentPolicy Monthly1 { get; } = new(
        "monthly-1", "seed 004 §5.3", InterestBasis.PerStartedMonth, 1m, new LumpSumRule(10m, Money.Euros(250m), "seed 004 §5.3"));

    /// <summary>The presets, in the order the command line lists them.</summary>
    public static IReadOnlyList<LatePaymentPolicy> Presets { get; } = [Statutory, Yearly10, Monthly1];

    /// <summary>The preset of that name (case-insensitive), or null.</summary>
    public static LatePaymentPolicy? Find(string name) =>
        Presets.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The same interest with the law's flat €40 instead of the clause's lump sum, for a contract
    /// whose late-payment clause says nothing about recovery costs (SPEC §5).
    /// </summary>
    public LatePaymentPolicy WithStatutoryFlatLumpSum() =>
        new(Name, Clause, Basis, RatePercent, LumpSumRule.StatutoryFlat);
}

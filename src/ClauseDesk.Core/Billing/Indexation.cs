namespace ClauseDesk.Billing;

/// <summary>A price-revision formula of the general terms.</summary>
public enum IndexationFormula
{
    /// <summary>P = P0 × (0.2 + 0.8 × S/S0) on Agoria's reference labour cost (seed 001 art. 6.3, seed 004 §4.3).</summary>
    Agoria,

    /// <summary>P = P0 × I/I0 on the consumer price index (seed 002 art. 7.5).</summary>
    Cpi,
}

/// <summary>
/// Price indexation (SPEC §5): the new price from the price at the start and two index values,
/// rounded once to the cent half away from zero. A price may go down as well as up when the index
/// falls (seed 002 art. 7.5 says "iedere verhoging of vermindering").
/// </summary>
public static class Indexation
{
    /// <summary>The command-line name of each formula.</summary>
    public static IReadOnlyDictionary<string, IndexationFormula> Names { get; } =
        new Dictionary<string, IndexationFormula>(StringComparer.OrdinalIgnoreCase) { ["agoria"] = IndexationFormula.Agoria, ["cpi"] = IndexationFormula.Cpi };

    /// <summary>The largest base price accepted: €1,000,000,000,000.</summary>
    public static readonly Money MaxPrice = Money.Euros(1_000_000_000_000m);

    /// <summary>The largest index value accepted: 1,000,000,000.</summary>
    public const decimal MaxIndex = 1_000_000_000m;

    /// <summary>The indexed price and its working.</summary>
    /// <param name="formula">Which formula.</param>
    /// <param name="basePrice">P0, the price at the start or at the last revision; more than zero, at most <see cref="MaxPrice"/>.</param>
    /// <param name="baseIndex">S0 or I0, the index the base price rests on; more than zero, at most <see cref="MaxIndex"/>.</param>
    /// <param name="currentIndex">S or I, the index at the revision; more than zero, at most <see cref="MaxIndex"/> and at most a million times <paramref name="baseIndex"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A price or index out of those bounds.</exception>
    public static Computed<Money> Apply(IndexationFormula formula, Money basePrice, decimal baseIndex, decimal currentIndex)
    {
        if (basePrice <= Money.Zero || basePrice > MaxPrice)
        {
            throw new ArgumentOutOfRangeException(nameof(basePrice), basePrice, $"The base price must be more than €0.00 and at most {MaxPrice}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baseIndex);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(currentIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(baseIndex, MaxIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(currentIndex, MaxIndex);
        if (currentIndex / 1_000_000m > baseIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(currentIndex), currentIndex, "The current index is more than a million times the base index.");
        }

        var p0 = basePrice.Amount;
        var inputs = new List<(string Name, string Value)> { ("formula", formula == IndexationFormula.Agoria ? "agoria" : "cpi"), ("base price P0", basePrice.ToString()) };
        var steps = new List<string>();
        decimal exact;
        string clause;
        if (formula == IndexationFormula.Agoria)
        {
            clause = "seed 001 art. 6.3; seed 004 §4.3";
            inputs.Add(("base index S0", Shown.Index(baseIndex)));
            inputs.Add(("current index S", Shown.Index(currentIndex)));
            // One division, after the multiplications, keeps every digit up to the final rounding.
            exact = p0 * ((0.2m * baseIndex) + (0.8m * currentIndex)) / baseIndex;
            steps.Add($"P = P0 × (0.2 + 0.8 × S/S0) = {basePrice} × (0.2 + 0.8 × {Shown.Index(currentIndex)}/{Shown.Index(baseIndex)}) = {Shown.Unrounded(exact)}");
        }
        else
        {
            clause = "seed 002 art. 7.5";
            inputs.Add(("base index I0", Shown.Index(baseIndex)));
            inputs.Add(("current index I", Shown.Index(currentIndex)));
            exact = p0 * currentIndex / baseIndex;
            steps.Add($"P = P0 × I/I0 = {basePrice} × {Shown.Index(currentIndex)}/{Shown.Index(baseIndex)} = {Shown.Unrounded(exact)}");
        }

        var price = Money.Euros(exact).RoundToCents();
        steps.Add($"Rounded once to the cent, half away from zero: {price}.");
        return new Computed<Money>(price, new Working(clause, Working.Literal, inputs, steps));
    }
}

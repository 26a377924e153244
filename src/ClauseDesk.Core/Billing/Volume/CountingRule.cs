namespace ClauseDesk.Billing.Volume;

/// <summary>
/// Which states of a metered unit count (SPEC §5): the unit's states in the order it moves through
/// them, and the first state that counts. A unit counts once it reaches that state, and stays
/// counted when it moves on (seed 002 art. 1, "Getekende formulier(en)").
/// </summary>
public sealed record CountingRule
{
    /// <param name="unit">What is counted, e.g. <c>signed form</c>; not blank.</param>
    /// <param name="states">The states in order; at least two, none blank, no duplicates (case-insensitive).</param>
    /// <param name="countingState">The first state that counts; one of <paramref name="states"/>, not the first.</param>
    /// <exception cref="ArgumentException">A blank unit or state, duplicates, or a counting state not among the states or first.</exception>
    public CountingRule(string unit, IReadOnlyList<string> states, string countingState)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count < 2 || states.Any(string.IsNullOrWhiteSpace) || states.Distinct(StringComparer.OrdinalIgnoreCase).Count() != states.Count)
        {
            throw new ArgumentException("At least two states, none blank, none twice.", nameof(states));
        }

        var index = states.ToList().FindIndex(s => string.Equals(s, countingState, StringComparison.OrdinalIgnoreCase));
        if (index < 1)
        {
            throw new ArgumentException($"The counting state must be one of {string.Join(", ", states)}, not the first.", nameof(countingState));
        }

        Unit = unit;
        States = [.. states];
        CountingState = states[index];
        _countingIndex = index;
    }

    private readonly int _countingIndex;

    public string Unit { get; }

    public IReadOnlyList<string> States { get; }

    public string CountingState { get; }

    /// <summary>
    /// Seed 002 art. 1: a form counts when it is in the state "GETEKEND" or any later state; a form
    /// still "IN VOORBEREIDING" does not. Later states (the seed does not name them) go after
    /// "GETEKEND" in a contract's own rule.
    /// </summary>
    public static CountingRule SignedFormsSeed002 { get; } = new("signed form", ["IN VOORBEREIDING", "GETEKEND"], "GETEKEND");

    /// <summary>Whether a unit in <paramref name="state"/> counts.</summary>
    /// <exception cref="ArgumentException">A state the rule does not know.</exception>
    public bool Counts(string state)
    {
        var index = States.ToList().FindIndex(s => string.Equals(s, state, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw new ArgumentException($"Unknown state '{state}'; the states are {string.Join(", ", States)}.", nameof(state));
        }

        return index >= _countingIndex;
    }
}

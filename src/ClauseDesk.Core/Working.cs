namespace ClauseDesk;

/// <summary>
/// How a computed value was obtained, so a person can check it against the contract: the clause
/// applied, the reading of it that was used, the inputs in order and the steps taken.
/// </summary>
/// <param name="Clause">The clause applied, e.g. <c>seed 001 art. 39.1.2</c>.</param>
/// <param name="Reading">
/// The named reading used where a clause is ambiguous (SPEC: "shows which reading was used in every
/// computed result"), or <see cref="Literal"/>.
/// </param>
/// <param name="Inputs">Named inputs, in the order they are best read.</param>
/// <param name="Steps">Short sentences, in order.</param>
public sealed record Working(string Clause, string Reading, IReadOnlyList<(string Name, string Value)> Inputs, IReadOnlyList<string> Steps)
{
    /// <summary>The reading of a clause that is not ambiguous, or whose literal text was applied.</summary>
    public const string Literal = "literal";

    /// <summary>The working as indented text, one input or step a line.</summary>
    public override string ToString()
    {
        var lines = new List<string> { $"{Clause} ({Reading})" };
        lines.AddRange(Inputs.Select(i => $"  {i.Name}: {i.Value}"));
        lines.AddRange(Steps.Select((s, n) => $"  {n + 1}. {s}"));
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>A computed value together with its <see cref="ClauseDesk.Working"/>.</summary>
public sealed record Computed<T>(T Value, Working Working);

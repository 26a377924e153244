namespace ClauseDesk;

/// <summary>
/// A rule of the contract or of the desk refused an action. The API shows it as a ProblemDetails
/// naming <see cref="Field"/>, the reason and the clause.
/// </summary>
/// <param name="field">The input the refusal is about (e.g. <c>channel</c>), or <c>status</c> for an illegal transition.</param>
/// <param name="message">Why, in a sentence a customer understands.</param>
/// <param name="clause">The clause that says so, e.g. <c>seed 001 art. 39.2.2</c>; null for the desk's own rules.</param>
/// <param name="code">A stable name of the refusal (e.g. <c>ticket-status</c>) the portal translates; null: <paramref name="field"/>.</param>
/// <param name="values">The values the message quotes, in its order, for a translated sentence; null: none.</param>
public sealed class DeskRuleException(string field, string message, string? clause = null, string? code = null, IReadOnlyList<string>? values = null) : Exception(message)
{
    public string Field { get; } = field;
    public string? Clause { get; } = clause;
    public string Code { get; } = code ?? field;
    public IReadOnlyList<string> Values { get; } = values ?? [];
}

using ClauseDesk.Billing;
using NodaTime;

namespace ClauseDesk.Contracts;

/// <summary>
/// Suspension of the services after a registered formal notice, and the fee for reactivating them
/// (seed 001 art. 17.2 and 17.4; SPEC §4).
/// </summary>
public static class Suspension
{
    /// <summary>Days the customer has to put things right after the formal notice (seed 001 art. 17.2).</summary>
    public const int CureDays = 15;

    /// <summary>The reactivation fee before indexation: €250 excl. VAT (seed 001 art. 17.4).</summary>
    public static readonly Money ReactivationFeeBase = Money.Euros(250m);

    private const string SuspensionClause = "seed 001 art. 17.2";
    private const string CureReading = "the 15 days run from the day after the registered letter was sent; suspension is allowed from the day after the 15th";

    /// <summary>The first day the services may be suspended after a registered formal notice sent on <paramref name="formalNoticeSent"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="formalNoticeSent"/> after year 9000.</exception>
    public static Computed<LocalDate> EarliestStart(LocalDate formalNoticeSent)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(formalNoticeSent.Year, 9000, nameof(formalNoticeSent));
        var lastCureDay = formalNoticeSent.PlusDays(CureDays);
        var from = lastCureDay.PlusDays(1);
        return new Computed<LocalDate>(from, new Working(
            SuspensionClause,
            CureReading,
            [("registered formal notice sent", Shown.Date(formalNoticeSent))],
            [
                $"The customer has {CureDays} days to put things right: {Shown.Date(formalNoticeSent.PlusDays(1))} to {Shown.Date(lastCureDay)}.",
                $"Suspension is allowed from {Shown.Date(from)}.",
            ]));
    }

    /// <summary>Whether the services may be suspended on <paramref name="today"/>: only after a formal notice and its 15 days.</summary>
    /// <param name="formalNoticeSent">When the registered formal notice was sent; null: none was sent, so never.</param>
    /// <param name="today">The day asked about.</param>
    public static bool Allowed(LocalDate? formalNoticeSent, LocalDate today) =>
        formalNoticeSent is { } sent && today >= EarliestStart(sent).Value;

    /// <summary>The reactivation fee without indexation: €250 excl. VAT.</summary>
    public static Computed<Money> ReactivationFee() =>
        new(ReactivationFeeBase, new Working(
            "seed 001 art. 17.4",
            Working.Literal,
            [("fee excl. VAT", ReactivationFeeBase.ToString())],
            ["No index given: the fee is not indexed, €250.00 excl. VAT."]));

    /// <summary>The reactivation fee, €250 excl. VAT indexed with the contract's formula (SPEC §4: "indexed").</summary>
    /// <param name="formula">The contract's indexation formula.</param>
    /// <param name="baseIndex">The index the €250 rests on (the contract's base index); bounds as <see cref="Indexation.Apply"/>.</param>
    /// <param name="currentIndex">The index at reactivation; bounds as <see cref="Indexation.Apply"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index out of bounds.</exception>
    public static Computed<Money> ReactivationFee(IndexationFormula formula, decimal baseIndex, decimal currentIndex)
    {
        var indexed = Indexation.Apply(formula, ReactivationFeeBase, baseIndex, currentIndex);
        var steps = new List<string> { "Reactivation fee €250.00 excl. VAT, indexed like the contract's prices:" };
        steps.AddRange(indexed.Working.Steps);
        return new Computed<Money>(indexed.Value, new Working(
            $"seed 001 art. 17.4; indexation: {indexed.Working.Clause}",
            "the €250 is indexed from the contract's base index to the index at reactivation",
            [("fee excl. VAT before indexation", ReactivationFeeBase.ToString()), .. indexed.Working.Inputs],
            steps));
    }
}

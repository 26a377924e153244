using System.Globalization;
using ClauseDesk.Billing;
using NodaTime;

namespace ClauseDesk.Contracts;

/// <summary>
/// What ending a contract early costs the customer, and how far the provider's liability goes
/// (seed 001 art. 16.3–16.4, 18.1, 19.2; SPEC §4). All amounts are excl. VAT; each result is rounded
/// once to the cent, half away from zero.
/// </summary>
/// <remarks>
/// <para><b>What could still be invoiced</b> (art. 18.1, "de vergoedingen zoals deze bij de volledige
/// uitvoering van de Overeenkomst ... nog aan de Klant had kunnen factureren"): the contract's
/// recurring fees, excl. VAT, for the monthly invoice periods of the current term that start on or
/// after the day the termination takes effect, at the fees in force that day. A period already
/// started was already invoiced (it is an open invoice, due "bovenop" the fee). Not included: future
/// indexation, time billed per hour, overage and other usage, none of which is certain.</para>
/// <para>Readings: <c>docs/decisions/0010-contract-and-usage-readings.md</c>.</para>
/// </remarks>
public static class TerminationFees
{
    /// <summary>The largest amount accepted: €1,000,000,000,000.</summary>
    public static readonly Money MaxAmount = Money.Euros(1_000_000_000_000m);

    /// <summary>The share of what could still be invoiced (art. 18.1, 19.2): 40 %.</summary>
    public const decimal FeePercent = 40m;

    /// <summary>The least dissolution fee as a share of the last 12 months' invoices (art. 19.2): 25 %.</summary>
    public const decimal DissolutionMinimumPercent = 25m;

    /// <summary>The liability cap as a share of what was invoiced and received (art. 16.3): 20 %.</summary>
    public const decimal LiabilityPercent = 20m;

    /// <summary>The yearly liability cap for all claims together (art. 16.4): €5,000.</summary>
    public static readonly Money LiabilityYearlyCap = Money.Euros(5_000m);

    private const string StillInvoiceableReading = "what could still be invoiced = the recurring monthly fees excl. VAT of the current term's monthly periods that start on or after the effective day, without future indexation or usage";

    /// <summary>
    /// The monthly invoice periods still to invoice when a termination takes effect on
    /// <paramref name="effective"/>: the periods [start + n months, start + n + 1 months) of the term
    /// <paramref name="effective"/> falls in that start on or after it. 0 on or after the last period's start.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="term"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="effective"/> before the start or after year 8999.</exception>
    public static int MonthsStillInvoiceable(ContractTerm term, LocalDate effective) => PeriodsStillInvoiceable(term, effective).Count;

    private static List<LocalDate> PeriodsStillInvoiceable(ContractTerm term, LocalDate effective)
    {
        ArgumentNullException.ThrowIfNull(term);
        if (effective < term.Start)
        {
            throw new ArgumentOutOfRangeException(nameof(effective), effective, "A termination takes effect on or after the start.");
        }

        var span = term.TermOn(effective);
        // Periods are counted from the contract's start, so a clamped month end never shifts later periods.
        var elapsed = span.Index == 0 ? 0 : term.InitialMonths + ((span.Index - 1) * term.RenewalMonths);
        var periods = new List<LocalDate>();
        for (var n = elapsed; term.Start.PlusMonths(n) < span.End; n++)
        {
            if (term.Start.PlusMonths(n) >= effective)
            {
                periods.Add(term.Start.PlusMonths(n));
            }
        }

        return periods;
    }

    /// <summary>The early-termination fee for a constant monthly fee: 40 % of <paramref name="monthlyFee"/> × <paramref name="monthsRemaining"/> (art. 18.1).</summary>
    /// <param name="monthlyFee">The recurring fee per month excl. VAT, from €0 to <see cref="MaxAmount"/>.</param>
    /// <param name="monthsRemaining">The monthly periods still to invoice (<see cref="MonthsStillInvoiceable"/>), 0–1200.</param>
    /// <exception cref="ArgumentOutOfRangeException">An amount or count out of bounds.</exception>
    public static Computed<Money> EarlyTermination(Money monthlyFee, int monthsRemaining) =>
        EarlyTermination(Months(monthlyFee, monthsRemaining));

    /// <summary>The early-termination fee: 40 % of the fees still to invoice, one per monthly period (art. 18.1).</summary>
    /// <param name="feesStillInvoiceable">One fee excl. VAT per monthly period still to invoice, each from €0 to <see cref="MaxAmount"/>; at most 1200.</param>
    /// <exception cref="ArgumentNullException"><paramref name="feesStillInvoiceable"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A fee out of bounds, or more than 1200.</exception>
    public static Computed<Money> EarlyTermination(IReadOnlyList<Money> feesStillInvoiceable)
    {
        var (total, inputs, steps) = StillInvoiceable(feesStillInvoiceable);
        var fee = (total * (FeePercent / 100m)).RoundToCents();
        steps.Add($"Fee: {Shown.Percent(FeePercent)} × {total} = {fee}.");
        return new Computed<Money>(fee, new Working("seed 001 art. 18.1", StillInvoiceableReading, inputs, steps));
    }

    /// <summary>
    /// The fee on dissolution against the customer: 40 % of what could still be invoiced, at least a
    /// quarter of what was invoiced in the 12 months before the dissolution (art. 19.2).
    /// </summary>
    /// <param name="feesStillInvoiceable">As for <see cref="EarlyTermination(IReadOnlyList{Money})"/>.</param>
    /// <param name="invoicedLast12Months">Invoiced excl. VAT in the 12 months before the dissolution (paid or not), from €0 to <see cref="MaxAmount"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="feesStillInvoiceable"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount out of bounds.</exception>
    public static Computed<Money> Dissolution(IReadOnlyList<Money> feesStillInvoiceable, Money invoicedLast12Months)
    {
        CheckAmount(invoicedLast12Months, nameof(invoicedLast12Months));
        var (total, inputs, steps) = StillInvoiceable(feesStillInvoiceable);
        inputs.Add(("invoiced in the 12 months before", invoicedLast12Months.ToString()));
        var share = (total * (FeePercent / 100m)).RoundToCents();
        var minimum = (invoicedLast12Months * (DissolutionMinimumPercent / 100m)).RoundToCents();
        var fee = share >= minimum ? share : minimum;
        steps.Add($"{Shown.Percent(FeePercent)} × {total} = {share}.");
        steps.Add($"Minimum: one quarter of {invoicedLast12Months} = {minimum}.");
        steps.Add($"Fee: the larger, {fee}.");
        return new Computed<Money>(fee, new Working(
            "seed 001 art. 19.2",
            StillInvoiceableReading + "; the minimum is a quarter of the amounts invoiced excl. VAT in the 12 months before, paid or not",
            inputs,
            steps));
    }

    /// <summary>The dissolution fee for a constant monthly fee (art. 19.2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An amount or count out of bounds.</exception>
    public static Computed<Money> Dissolution(Money monthlyFee, int monthsRemaining, Money invoicedLast12Months) =>
        Dissolution(Months(monthlyFee, monthsRemaining), invoicedLast12Months);

    /// <summary>
    /// The early-termination fee of a contract at a constant monthly fee, the periods still to invoice
    /// counted from its term (<see cref="MonthsStillInvoiceable"/>) and shown in the working (art. 18.1).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="term"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount out of bounds, or <paramref name="effective"/> before the start.</exception>
    public static Computed<Money> EarlyTermination(ContractTerm term, LocalDate effective, Money monthlyFee)
    {
        var periods = PeriodsStillInvoiceable(term, effective);
        return WithPeriods(EarlyTermination(monthlyFee, periods.Count), term, effective, periods);
    }

    /// <summary>The dissolution fee of a contract at a constant monthly fee, the periods counted from its term (art. 19.2).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="term"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount out of bounds, or <paramref name="effective"/> before the start.</exception>
    public static Computed<Money> Dissolution(ContractTerm term, LocalDate effective, Money monthlyFee, Money invoicedLast12Months)
    {
        var periods = PeriodsStillInvoiceable(term, effective);
        return WithPeriods(Dissolution(monthlyFee, periods.Count, invoicedLast12Months), term, effective, periods);
    }

    /// <summary>
    /// How much the provider can still owe for an event: the least of 20 % of what was invoiced and
    /// received in the 12 months before the event, the project price and €5,000, less what was already
    /// paid out for other events in the same year, never below zero (art. 16.3–16.4).
    /// </summary>
    /// <param name="invoicedAndReceivedLast12Months">Invoiced and paid excl. VAT in the 12 months before the event, from €0 to <see cref="MaxAmount"/>.</param>
    /// <param name="projectPrice">The project's total price excl. VAT, from €0 to <see cref="MaxAmount"/>; null when the contract has no project price.</param>
    /// <param name="alreadyPaidThisYear">Damages already paid for other events in the calendar year of the event, from €0 to <see cref="MaxAmount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An amount out of bounds.</exception>
    public static Computed<Money> LiabilityCap(Money invoicedAndReceivedLast12Months, Money? projectPrice, Money alreadyPaidThisYear = default)
    {
        CheckAmount(invoicedAndReceivedLast12Months, nameof(invoicedAndReceivedLast12Months));
        if (projectPrice is { } price)
        {
            CheckAmount(price, nameof(projectPrice));
        }

        CheckAmount(alreadyPaidThisYear, nameof(alreadyPaidThisYear));
        var inputs = new List<(string Name, string Value)>
        {
            ("invoiced and received in the 12 months before", invoicedAndReceivedLast12Months.ToString()),
            ("project price", projectPrice?.ToString() ?? "none"),
            ("already paid this year", alreadyPaidThisYear.ToString()),
        };
        var share = (invoicedAndReceivedLast12Months * (LiabilityPercent / 100m)).RoundToCents();
        var steps = new List<string> { $"Art. 16.3: {Shown.Percent(LiabilityPercent)} × {invoicedAndReceivedLast12Months} = {share}." };
        var cap = share;
        if (projectPrice is { } project)
        {
            steps.Add($"Art. 16.4: the project price, {project}.");
            cap = Money.Min(cap, project);
        }
        else
        {
            steps.Add("Art. 16.4: no project price, so no cap from it.");
        }

        steps.Add($"Art. 16.4: {LiabilityYearlyCap} a year for all events.");
        cap = Money.Min(cap, LiabilityYearlyCap);
        steps.Add($"The least: {cap}.");
        var left = cap - alreadyPaidThisYear;
        if (left < Money.Zero)
        {
            left = Money.Zero;
        }

        steps.Add($"Less {alreadyPaidThisYear} already paid this year: {left}.");
        return new Computed<Money>(left, new Working(
            "seed 001 art. 16.3–16.4",
            "the three caps are yearly caps for all events together: what was already paid in the calendar year of the event is deducted",
            inputs,
            steps));
    }

    private static Computed<Money> WithPeriods(Computed<Money> fee, ContractTerm term, LocalDate effective, List<LocalDate> periods)
    {
        var span = term.TermOn(effective);
        var step = periods.Count == 0
            ? $"Term {Shown.Date(span.Start)} to {Shown.Date(span.LastDay)}; effective {Shown.Date(effective)}: no monthly period starts on or after it."
            : periods.Count == 1
                ? $"Term {Shown.Date(span.Start)} to {Shown.Date(span.LastDay)}; effective {Shown.Date(effective)}: 1 monthly period starts on or after it, on {Shown.Date(periods[0])}."
                : $"Term {Shown.Date(span.Start)} to {Shown.Date(span.LastDay)}; effective {Shown.Date(effective)}: {periods.Count} monthly periods start on or after it, the first on {Shown.Date(periods[0])}, the last on {Shown.Date(periods[^1])}.";
        var working = fee.Working;
        return fee with
        {
            Working = working with
            {
                Inputs = [("contract start", Shown.Date(term.Start)), ("termination effective", Shown.Date(effective)), .. working.Inputs],
                Steps = [step, .. working.Steps],
            },
        };
    }

    private static List<Money> Months(Money monthlyFee, int monthsRemaining)
    {
        CheckAmount(monthlyFee, nameof(monthlyFee));
        ArgumentOutOfRangeException.ThrowIfNegative(monthsRemaining);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(monthsRemaining, ContractTerm.MaxTermMonths);
        return [.. Enumerable.Repeat(monthlyFee, monthsRemaining)];
    }

    private static (Money Total, List<(string Name, string Value)> Inputs, List<string> Steps) StillInvoiceable(IReadOnlyList<Money> fees)
    {
        ArgumentNullException.ThrowIfNull(fees);
        if (fees.Count > ContractTerm.MaxTermMonths)
        {
            throw new ArgumentOutOfRangeException(nameof(fees), fees.Count, $"At most {ContractTerm.MaxTermMonths} monthly fees.");
        }

        foreach (var fee in fees)
        {
            CheckAmount(fee, "feesStillInvoiceable");
        }

        var total = fees.Aggregate(Money.Zero, (sum, fee) => sum + fee);
        var count = fees.Count.ToString(CultureInfo.InvariantCulture);
        var distinct = fees.Distinct().ToList();
        var inputs = new List<(string Name, string Value)>
        {
            ("monthly periods still to invoice", count),
            ("monthly fee excl. VAT", distinct.Count == 1 ? distinct[0].ToString() : distinct.Count == 0 ? "none" : string.Join(", ", fees)),
        };
        var steps = new List<string>
        {
            distinct.Count == 1 ? $"Could still be invoiced: {count} × {distinct[0]} = {total}." : $"Could still be invoiced: the sum of {count} monthly fees = {total}.",
        };
        return (total, inputs, steps);
    }

    private static void CheckAmount(Money amount, string name)
    {
        if (amount < Money.Zero || amount > MaxAmount)
        {
            throw new ArgumentOutOfRangeException(name, amount, $"An amount from €0.00 to {MaxAmount}.");
        }
    }
}

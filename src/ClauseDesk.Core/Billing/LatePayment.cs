using System.Globalization;
using NodaTime;

namespace ClauseDesk.Billing;

/// <summary>What a late payment costs: interest, the lump sum and their working.</summary>
/// <param name="DaysLate">Calendar days from the day after the due date through the payment date; 0 when paid on the due date.</param>
/// <param name="Interest">Simple interest, rounded once to the cent half away from zero.</param>
/// <param name="LumpSum">The lump sum for recovery costs, due once; zero when not late.</param>
/// <param name="Working">Clause, reading, inputs and one step per rate period or started month.</param>
public sealed record LateFee(int DaysLate, Money Interest, Money LumpSum, Working Working)
{
    /// <summary>Interest plus lump sum.</summary>
    public Money Total => Interest + LumpSum;
}

/// <summary>
/// Late-payment interest and lump sum on one invoice (SPEC §5, issue 6). The readings are written
/// down in <c>docs/decisions/0006-late-payment-readings.md</c>:
/// <list type="bullet">
/// <item>late days are the calendar days from the day after the due date up to and including the
/// payment date;</item>
/// <item>interest is simple, Actual/365 (365 in leap years too), summed over all periods and rounded
/// once to the cent, half away from zero;</item>
/// <item>a started month (monthly policies) is month <i>k</i> = [S + (k−1) months, S + k months − 1 day]
/// with S the day after the due date, adding calendar months from S with the day clamped to the
/// month's end;</item>
/// <item>the lump sum is due once per late invoice; paid on the due date, nothing at all is due.</item>
/// </list>
/// </summary>
public static partial class LatePayment
{
    /// <summary>The largest invoice total accepted: €1,000,000,000,000.</summary>
    public static readonly Money MaxAmount = Money.Euros(1_000_000_000_000m);

    private const string Common = "late days from the day after the due date through the payment date; interest simple, rounded once to the cent half away from zero; lump sum once per late invoice";

    /// <summary>Interest and lump sum for an invoice paid on <paramref name="paid"/>.</summary>
    /// <param name="policy">The contract's clause.</param>
    /// <param name="amountInclVat">The invoice total including VAT; more than zero, at most <see cref="MaxAmount"/>.</param>
    /// <param name="due">The due date.</param>
    /// <param name="paid">The payment date; on or after <paramref name="due"/>, in year 9998 at the latest.</param>
    /// <param name="rates">The statutory rates (used by <see cref="InterestBasis.StatutoryHalfYear"/> only); default <see cref="StatutoryRates.Published"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An amount or date outside those bounds.</exception>
    /// <exception cref="ArgumentException"><paramref name="paid"/> is before <paramref name="due"/>.</exception>
    /// <exception cref="StatutoryRateMissingException">A late day falls in a half-year the table has no rate for.</exception>
    public static LateFee Compute(LatePaymentPolicy policy, Money amountInclVat, LocalDate due, LocalDate paid, StatutoryRates? rates = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (amountInclVat <= Money.Zero || amountInclVat > MaxAmount)
        {
            throw new ArgumentOutOfRangeException(nameof(amountInclVat), amountInclVat, $"The invoice total must be more than €0.00 and at most {MaxAmount}.");
        }

        if (paid < due)
        {
            throw new ArgumentException($"The payment date {Shown.Date(paid)} is before the due date {Shown.Date(due)}.", nameof(paid));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(paid.Year, 9998, nameof(paid));
        rates ??= StatutoryRates.Published;

        var daysLate = Period.DaysBetween(due, paid);
        var inputs = new List<(string Name, string Value)>
        {
            ("policy", policy.Name),
            ("invoice total incl. VAT", amountInclVat.ToString()),
            ("due", Shown.Date(due)),
            ("paid", Shown.Date(paid)),
            ("days late", daysLate.ToString(CultureInfo.InvariantCulture)),
        };
        if (policy.Basis == InterestBasis.StatutoryHalfYear)
        {
            inputs.Add(("rate table", rates.Coverage));
        }

        var clause = policy.Clause.StartsWith(policy.LumpSum.Clause, StringComparison.Ordinal) ? policy.Clause : $"{policy.Clause}; lump sum: {policy.LumpSum.Clause}";
        var reading = policy.Basis switch
        {
            InterestBasis.StatutoryHalfYear => $"{policy.Name}: each late day at the statutory rate of its half-year, Actual/365 also in leap years; {Common}",
            InterestBasis.Yearly => $"{policy.Name}: Actual/365 also in leap years; {Common}",
            _ => $"{policy.Name}: a started month is a calendar month counted from the day after the due date, its last day clamped to the month's end; {Common}",
        };

        if (daysLate == 0)
        {
            return new LateFee(0, Money.Zero, Money.Zero, new Working(clause, reading, inputs, ["Paid on the due date: not late, so no interest and no lump sum."]));
        }

        var steps = new List<string>();
        var interest = policy.Basis switch
        {
            InterestBasis.StatutoryHalfYear => Statutory(amountInclVat, due, paid, rates, steps),
            InterestBasis.Yearly => Yearly(policy.RatePercent, amountInclVat, due, paid, steps),
            _ => PerStartedMonth(policy.RatePercent, amountInclVat, due, paid, steps),
        };

        var rule = policy.LumpSum;
        var lumpSum = rule.For(amountInclVat);
        steps.Add(rule.Percent == 0m
            ? $"Lump sum, once for the late invoice: flat {rule.Minimum}."
            : $"Lump sum, once for the late invoice: {Shown.Percent(rule.Percent)} of {amountInclVat} = {(amountInclVat * (rule.Percent / 100m)).RoundToCents()}, minimum {rule.Minimum} → {lumpSum}.");
        steps.Add($"Total: {interest} + {lumpSum} = {interest + lumpSum}.");
        return new LateFee(daysLate, interest, lumpSum, new Working(clause, reading, inputs, steps));
    }

    private static Money Statutory(Money amount, LocalDate due, LocalDate paid, StatutoryRates rates, List<string> steps)
    {
        // Sum rate × days over the half-years first and divide once, so the only rounding is the last one.
        var percentDays = 0m;
        var terms = new List<string>();
        var notes = new List<string>();
        for (var day = due.PlusDays(1); day <= paid;)
        {
            var halfYear = HalfYear.Of(day);
            var rate = rates.For(halfYear);
            var last = halfYear.End < paid ? halfYear.End : paid;
            var days = Period.DaysBetween(day, last) + 1;
            percentDays += rate.Percent * days;
            terms.Add($"{days} × {Shown.Percent(rate.Percent)}");
            steps.Add($"{Shown.Date(day)} to {Shown.Date(last)} ({halfYear}): {days} days at {Shown.Percent(rate.Percent)} a year = {amount} × {Shown.Percent(rate.Percent)} × {days}/365 = {Shown.Unrounded(amount.Amount * rate.Percent * days / 36500m)}");
            if (rate.Uncertain)
            {
                notes.Add($"Note: the rate table marks the {halfYear} rate ({Shown.Percent(rate.Percent)}) as uncertain; confirm it before claiming. Source: {rate.Source}");
            }

            day = last.PlusDays(1);
        }

        var exact = amount.Amount * percentDays / 36500m;
        var interest = Money.Euros(exact).RoundToCents();
        steps.Add($"Interest: {amount} × ({string.Join(" + ", terms)}) / 365 = {Shown.Unrounded(exact)}, rounded once to the cent: {interest}.");
        steps.AddRange(notes);
        return interest;
    }

    private static Money Yearly(decimal ratePercent, Money amount, LocalDate due, LocalDate paid, List<string> steps)
    {
        var days = Period.DaysBetween(due, paid);
        var exact = amount.Amount * ratePercent * days / 36500m;
        var interest = Money.Euros(exact).RoundToCents();
        steps.Add($"{Shown.Date(due.PlusDays(1))} to {Shown.Date(paid)}: {days} days at {Shown.Percent(ratePercent)} a year = {amount} × {Shown.Percent(ratePercent)} × {days}/365 = {Shown.Unrounded(exact)}");
        steps.Add($"Interest rounded once to the cent: {interest}.");
        return interest;
    }

    private static Money PerStartedMonth(decimal ratePercent, Money amount, LocalDate due, LocalDate paid, List<string> steps)
    {
        // Month k is [S + (k−1) months, S + k months − 1 day], always counted from S (never chained),
        // so a clamped month end (31 January + 1 month = 28 February) does not shift later months.
        var start = due.PlusDays(1);
        var perMonth = amount * (ratePercent / 100m);
        var months = 0;
        while (start.PlusMonths(months) <= paid)
        {
            var from = start.PlusMonths(months);
            var to = start.PlusMonths(months + 1).PlusDays(-1);
            months++;
            var started = to > paid ? $" (started; paid {Shown.Date(paid)})" : "";
            steps.Add($"Month {months}: {Shown.Date(from)} to {Shown.Date(to)}{started}: {Shown.Percent(ratePercent)} of {amount} = {perMonth}.");
        }

        var interest = (perMonth * months).RoundToCents();
        steps.Add($"Interest: {months} started month{(months == 1 ? "" : "s")} × {Shown.Percent(ratePercent)} × {amount} = {perMonth * months}, rounded once to the cent: {interest}.");
        return interest;
    }
}


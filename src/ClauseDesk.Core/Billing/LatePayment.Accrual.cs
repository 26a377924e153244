using System.Globalization;
using NodaTime;

namespace ClauseDesk.Billing;

/// <summary>
/// The principal open on an invoice from the end of <paramref name="From"/> on: it bears interest on
/// every late day after <paramref name="From"/> until the next change.
/// </summary>
/// <param name="From">The day the amount became open (after that day's payments).</param>
/// <param name="Amount">Zero or more, at most <see cref="LatePayment.MaxAmount"/>.</param>
public readonly record struct OpenPrincipal(LocalDate From, Money Amount);

/// <summary>Interest accrued on a principal that changed over time, with its working.</summary>
/// <param name="Interest">The exact interest rounded once to the cent, half away from zero; never negative.</param>
/// <param name="Exact">The interest before rounding.</param>
/// <param name="Working">Clause, reading, and one step per period of constant principal and rate (or per started month).</param>
public sealed record AccruedInterest(Money Interest, decimal Exact, Working Working);

public static partial class LatePayment
{
    /// <summary>
    /// Interest accrued from the day after <paramref name="due"/> through <paramref name="through"/> on a
    /// principal that changes on the way, as partial payments reduce it (decision 0012). Each late day
    /// bears interest on the principal open at its start, so a payment's own day still bears interest on
    /// what was open before it, as in <see cref="Compute"/>; a started month (monthly policies) bears
    /// the rate on the principal open on its first day. The exact sum is rounded once. With one constant
    /// principal this is <see cref="Compute"/>'s interest.
    /// </summary>
    /// <param name="policy">The contract's clause.</param>
    /// <param name="due">The due date.</param>
    /// <param name="through">The last day counted; on or before <paramref name="due"/> gives zero. Year 9998 at the latest.</param>
    /// <param name="open">
    /// The principal and the days it changed, ascending by <see cref="OpenPrincipal.From"/> without
    /// repeats; the first on or before <paramref name="due"/>. Amounts zero to <see cref="MaxAmount"/>.
    /// </param>
    /// <param name="rates">The statutory rates; default <see cref="StatutoryRates.Published"/>. A late day in a
    /// half-year the table lacks bears no interest, and the working says so (a ledger is never refused
    /// for a rate not yet published; the interest is claimed once the rate is loaded).</param>
    /// <exception cref="ArgumentException"><paramref name="open"/> is empty, unordered, starts after the due date, or holds an amount out of bounds.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="through"/> is after year 9998.</exception>
    public static AccruedInterest Accrue(LatePaymentPolicy policy, LocalDate due, LocalDate through, IReadOnlyList<OpenPrincipal> open, StatutoryRates? rates = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(through.Year, 9998, nameof(through));
        if (open.Count == 0 || open[0].From > due)
        {
            throw new ArgumentException("The open principal starts on or before the due date.", nameof(open));
        }

        for (var i = 0; i < open.Count; i++)
        {
            if (open[i].Amount < Money.Zero || open[i].Amount > MaxAmount)
            {
                throw new ArgumentException($"An open principal is €0.00 to {MaxAmount}; {open[i].Amount} given.", nameof(open));
            }

            if (i > 0 && open[i].From <= open[i - 1].From)
            {
                throw new ArgumentException("The open principal is given in ascending order of days, each day once.", nameof(open));
            }
        }

        rates ??= StatutoryRates.Published;
        var reading = policy.Basis switch
        {
            InterestBasis.StatutoryHalfYear => $"{policy.Name}: each late day at the statutory rate of its half-year on the principal open at its start, Actual/365 also in leap years",
            InterestBasis.Yearly => $"{policy.Name}: each late day on the principal open at its start, Actual/365 also in leap years",
            _ => $"{policy.Name}: each started month on the principal open on its first day, a month counted from the day after the due date",
        } + "; simple interest, rounded once to the cent half away from zero";
        var inputs = new List<(string Name, string Value)> { ("policy", policy.Name), ("due", Shown.Date(due)), ("through", Shown.Date(through)) };
        if (policy.Basis == InterestBasis.StatutoryHalfYear)
        {
            inputs.Add(("rate table", rates.Coverage));
        }

        if (through <= due)
        {
            return new AccruedInterest(Money.Zero, 0m, new Working(policy.Clause, reading, inputs, ["Not late on that day: no interest."]));
        }

        var steps = new List<string>();
        var exact = policy.Basis == InterestBasis.PerStartedMonth
            ? AccrueMonths(policy.RatePercent, due, through, open, steps)
            : AccrueDays(policy, due, through, open, rates, steps);
        var interest = Money.Euros(exact).RoundToCents();
        steps.Add($"Interest: {Shown.Unrounded(exact)}, rounded once to the cent: {interest}.");
        return new AccruedInterest(interest, exact, new Working(policy.Clause, reading, inputs, steps));
    }

    // The principal open at the start of a late day: the last change made before that day.
    private static Money OpenOn(IReadOnlyList<OpenPrincipal> open, LocalDate day)
    {
        var amount = open[0].Amount;
        foreach (var change in open)
        {
            if (change.From >= day)
            {
                break;
            }

            amount = change.Amount;
        }

        return amount;
    }

    private static decimal AccrueDays(LatePaymentPolicy policy, LocalDate due, LocalDate through, IReadOnlyList<OpenPrincipal> open, StatutoryRates rates, List<string> steps)
    {
        // Sum amount × rate × days over the periods first and divide once, so the only rounding is the last one.
        var percentDays = 0m;
        var notes = new List<string>();
        for (var day = due.PlusDays(1); day <= through;)
        {
            var amount = OpenOn(open, day);
            var last = through;
            foreach (var change in open)
            {
                if (change.From >= day && change.From < last)
                {
                    last = change.From;
                    break;
                }
            }

            decimal? percent = policy.RatePercent;
            if (policy.Basis == InterestBasis.StatutoryHalfYear)
            {
                var halfYear = HalfYear.Of(day);
                last = halfYear.End < last ? halfYear.End : last;
                var rate = rates.Find(halfYear);
                percent = rate?.Percent;
                if (rate is null)
                {
                    notes.Add($"Note: the rate table has no statutory rate for {halfYear}; its late days bear no interest here until the rate is loaded.");
                }
                else if (rate.Uncertain && amount > Money.Zero)
                {
                    notes.Add($"Note: the rate table marks the {halfYear} rate ({Shown.Percent(rate.Percent)}) as uncertain; confirm it before claiming. Source: {rate.Source}");
                }
            }

            var days = Period.DaysBetween(day, last) + 1;
            var span = $"{Shown.Date(day)} to {Shown.Date(last)}: {days} day{(days == 1 ? "" : "s")}";
            if (amount == Money.Zero)
            {
                steps.Add($"{span} with nothing open: no interest.");
            }
            else if (percent is not { } p)
            {
                steps.Add($"{span} on {amount}: no rate in the table, no interest counted.");
            }
            else
            {
                percentDays += amount.Amount * p * days;
                steps.Add($"{span} on {amount} at {Shown.Percent(p)} a year = {amount} × {Shown.Percent(p)} × {days}/365 = {Shown.Unrounded(amount.Amount * p * days / 36500m)}");
            }

            day = last.PlusDays(1);
        }

        steps.AddRange(notes.Distinct());
        return percentDays / 36500m;
    }

    private static decimal AccrueMonths(decimal ratePercent, LocalDate due, LocalDate through, IReadOnlyList<OpenPrincipal> open, List<string> steps)
    {
        // As in Compute: month k is [S + (k−1) months, S + k months − 1 day], always counted from S.
        var start = due.PlusDays(1);
        var exact = 0m;
        for (var months = 0; start.PlusMonths(months) <= through; months++)
        {
            var from = start.PlusMonths(months);
            var to = start.PlusMonths(months + 1).PlusDays(-1);
            var amount = OpenOn(open, from);
            var month = (months + 1).ToString(CultureInfo.InvariantCulture);
            if (amount == Money.Zero)
            {
                steps.Add($"Month {month}: {Shown.Date(from)} to {Shown.Date(to)}: nothing open on its first day, no interest.");
                continue;
            }

            var share = amount.Amount * ratePercent / 100m;
            exact += share;
            steps.Add($"Month {month}: {Shown.Date(from)} to {Shown.Date(to)}{(to > through ? $" (started; counted through {Shown.Date(through)})" : "")}: {Shown.Percent(ratePercent)} of {amount} open on its first day = {Shown.Unrounded(share)}.");
        }

        return exact;
    }
}

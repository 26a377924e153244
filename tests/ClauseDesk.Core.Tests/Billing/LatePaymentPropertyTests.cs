using NodaTime;

namespace ClauseDesk.Billing;

/// <summary>
/// Properties of the three policies over many random invoices (seeded loops: no property-testing
/// library is served to us). A failure message names the seed's case.
/// </summary>
public class LatePaymentPropertyTests
{
    private const int Cases = 2000;

    private static readonly LocalDate First = new(2019, 1, 1);
    private static readonly LocalDate Last = new(2026, 6, 30); // the published table's last day

    public static TheoryData<string> Policies => ["statutory", "yearly-10", "monthly-1"];

    private static Money RandomAmount(Random random) => Money.Euros(random.Next(1, 100_000_000) / 100m);

    [Theory]
    [MemberData(nameof(Policies))]
    public void Interest_never_falls_as_payment_comes_later(string name)
    {
        var policy = LatePaymentPolicy.Find(name)!;
        var random = new Random(61);
        for (var i = 0; i < Cases; i++)
        {
            var amount = RandomAmount(random);
            var due = First.PlusDays(random.Next(Period.DaysBetween(First, Last)));
            var paid = due.PlusDays(random.Next(Period.DaysBetween(due, Last) + 1));
            var later = paid.PlusDays(random.Next(Period.DaysBetween(paid, Last) + 1));
            var early = LatePayment.Compute(policy, amount, due, paid);
            var late = LatePayment.Compute(policy, amount, due, later);

            var why = $"{name} {amount} due {due} paid {paid} or {later}";
            late.Interest.ShouldBeGreaterThanOrEqualTo(early.Interest, why);
            late.Total.ShouldBeGreaterThanOrEqualTo(early.Total, why);
            early.Interest.ShouldBeGreaterThanOrEqualTo(Money.Zero, why);
        }
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void A_late_invoice_owes_at_least_the_minimum_lump_sum_once_and_an_invoice_paid_on_time_owes_nothing(string name)
    {
        var policy = LatePaymentPolicy.Find(name)!;
        var random = new Random(62);
        for (var i = 0; i < Cases; i++)
        {
            var amount = RandomAmount(random);
            var due = First.PlusDays(random.Next(Period.DaysBetween(First, Last)));
            var paid = due.PlusDays(random.Next(Period.DaysBetween(due, Last) + 1));
            var fee = LatePayment.Compute(policy, amount, due, paid);

            var why = $"{name} {amount} due {due} paid {paid}";
            fee.DaysLate.ShouldBe(Period.DaysBetween(due, paid), why);
            fee.Total.ShouldBe(fee.Interest + fee.LumpSum, why);
            fee.Interest.ShouldBe(fee.Interest.RoundToCents(), why);
            if (fee.DaysLate == 0)
            {
                fee.Total.ShouldBe(Money.Zero, why);
                continue;
            }

            fee.LumpSum.ShouldBeGreaterThanOrEqualTo(policy.LumpSum.Minimum, why);
            fee.LumpSum.ShouldBeGreaterThanOrEqualTo((amount * (policy.LumpSum.Percent / 100m)).RoundToCents(), why);
            // Once: the lump sum does not depend on how late.
            fee.LumpSum.ShouldBe(LatePayment.Compute(policy, amount, due, due.PlusDays(1)).LumpSum, why);
        }
    }

    [Fact]
    public void Yearly_10_is_the_formula_and_a_flat_statutory_table_agrees_with_it()
    {
        var flat = StatutoryRates.FromCsv("period_start,rate_percent\n" + string.Join("\n", Enumerable.Range(2019, 8).SelectMany(y => new[] { $"{y}-01-01,10", $"{y}-07-01,10" })));
        var random = new Random(63);
        for (var i = 0; i < Cases; i++)
        {
            var amount = RandomAmount(random);
            var due = First.PlusDays(random.Next(Period.DaysBetween(First, Last)));
            var paid = due.PlusDays(random.Next(Period.DaysBetween(due, Last) + 1));
            var days = Period.DaysBetween(due, paid);
            var yearly = LatePayment.Compute(LatePaymentPolicy.Yearly10, amount, due, paid);

            var why = $"{amount} due {due} paid {paid}";
            yearly.Interest.ShouldBe(Money.Euros(amount.Amount * 10m * days / 36500m).RoundToCents(), why);
            LatePayment.Compute(LatePaymentPolicy.Statutory, amount, due, paid, flat).Interest.ShouldBe(yearly.Interest, why);
        }
    }

    [Fact]
    public void Statutory_interest_is_the_sum_over_half_years_rounded_once()
    {
        var random = new Random(64);
        var rates = StatutoryRates.Published;
        for (var i = 0; i < Cases; i++)
        {
            var amount = RandomAmount(random);
            var due = First.PlusDays(random.Next(Period.DaysBetween(First, Last)));
            var paid = due.PlusDays(random.Next(Period.DaysBetween(due, Last) + 1));
            var percentDays = 0m;
            for (var day = due.PlusDays(1); day <= paid; day = day.PlusDays(1))
            {
                percentDays += rates.For(HalfYear.Of(day)).Percent;
            }

            LatePayment.Compute(LatePaymentPolicy.Statutory, amount, due, paid).Interest
                .ShouldBe(Money.Euros(amount.Amount * percentDays / 36500m).RoundToCents(), $"{amount} due {due} paid {paid}");
        }
    }

    [Fact]
    public void Started_months_cover_every_late_day_exactly_once()
    {
        var random = new Random(65);
        for (var i = 0; i < Cases; i++)
        {
            var due = new LocalDate(2000, 1, 1).PlusDays(random.Next(40_000));
            var paid = due.PlusDays(random.Next(1, 1500));
            var fee = LatePayment.Compute(LatePaymentPolicy.Monthly1, Money.Euros(1000m), due, paid);
            var months = (int)(fee.Interest.Amount / 10m);

            var why = $"due {due} paid {paid}";
            // A started month holds 28–31 days; the last one is started, not necessarily finished.
            months.ShouldBeGreaterThanOrEqualTo((fee.DaysLate + 30) / 31, why);
            months.ShouldBeLessThanOrEqualTo((fee.DaysLate + 27) / 28, why);
            // One day less late never needs more months.
            var dayBefore = LatePayment.Compute(LatePaymentPolicy.Monthly1, Money.Euros(1000m), due, paid.PlusDays(-1));
            dayBefore.Interest.ShouldBeLessThanOrEqualTo(fee.Interest, why);
            (fee.Interest - dayBefore.Interest).ShouldBeLessThanOrEqualTo(Money.Euros(10m), why);
        }
    }
}

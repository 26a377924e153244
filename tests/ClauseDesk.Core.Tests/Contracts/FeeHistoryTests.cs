using NodaTime;

namespace ClauseDesk.Contracts;

/// <summary>The dated monthly fee (ADR 0020): a month's fee is the one in force on its first day.</summary>
public class FeeHistoryTests
{
    private static ServiceContract Contract(decimal? fee)
    {
        var contract = new ServiceContract(Guid.NewGuid(), Guid.NewGuid(), "Anker", "managed-type4");
        contract.SetFee(fee);
        return contract;
    }

    private static Money? FeeOf(ServiceContract contract, int year, int month) => contract.Fees()?.FeeFor(new YearMonth(year, month));

    [Fact]
    public void An_indexation_from_1_January_changes_January_on_and_leaves_the_months_before_their_fee()
    {
        var contract = Contract(1200m);
        contract.ChangeFee(1248m, new DateOnly(2027, 1, 1), "indexation of 2027-01-01");

        FeeOf(contract, 2026, 11).ShouldBe(Money.Euros(1200m));
        FeeOf(contract, 2026, 12).ShouldBe(Money.Euros(1200m));
        FeeOf(contract, 2027, 1).ShouldBe(Money.Euros(1248m));
        FeeOf(contract, 2031, 6).ShouldBe(Money.Euros(1248m));
        contract.MonthlyFee.ShouldBe(1248m);
    }

    [Fact]
    public void A_change_after_the_1st_counts_from_the_next_month_and_the_last_change_before_a_month_wins()
    {
        var contract = Contract(1000m);
        contract.ChangeFee(1100m, new DateOnly(2027, 3, 15), "anniversary indexation");
        contract.ChangeFee(1150m, new DateOnly(2027, 3, 20), "price change");

        FeeOf(contract, 2027, 3).ShouldBe(Money.Euros(1000m), "on 1 March the fee was still €1,000");
        FeeOf(contract, 2027, 4).ShouldBe(Money.Euros(1150m));
        contract.FeeHistory().Select(c => c.Fee).ShouldBe([1000m, 1100m, 1150m]);

        // A change from a day already in the history replaces it.
        contract.ChangeFee(1120m, new DateOnly(2027, 3, 20), "price change corrected");
        FeeOf(contract, 2027, 4).ShouldBe(Money.Euros(1120m));
        contract.FeeHistory().Count.ShouldBe(3);
    }

    [Fact]
    public void The_working_names_the_change_the_fee_comes_from()
    {
        var contract = Contract(1200m);
        contract.ChangeFee(1248m, new DateOnly(2027, 1, 1), "indexation of 2027-01-01");

        var november = contract.FeeFor(new YearMonth(2026, 11));
        november.Value.ShouldBe(Money.Euros(1200m));
        november.Working.Clause.ShouldBe("seed 001 art. 40.3");
        november.Working.Reading.ShouldStartWith("fee-of-the-month");
        november.Working.Steps[^1].ShouldBe("In force on the first day of November 2026: €1,200.00 (set when the contract was made).");
        contract.FeeFor(new YearMonth(2027, 1)).Working.Steps[^1].ShouldBe("In force on the first day of January 2027: €1,248.00 (indexation of 2027-01-01).");
    }

    [Fact]
    public void A_contract_without_a_kept_history_keeps_its_fee_until_the_first_dated_change()
    {
        var contract = Contract(null);
        contract.Fees().ShouldBeNull();
        contract.ChangeFee(900m, new DateOnly(2026, 6, 1), "first fee");
        FeeOf(contract, 2026, 5).ShouldBeNull("no fee was in force before June");
        FeeOf(contract, 2026, 6).ShouldBe(Money.Euros(900m));
        Should.Throw<DeskRuleException>(() => contract.ChangeFee(-1m, new DateOnly(2026, 7, 1), "x")).Field.ShouldBe("monthlyFee");
        Should.Throw<DeskRuleException>(() => contract.ChangeFee(1m, new DateOnly(2026, 7, 1), " ")).Field.ShouldBe("reason");
    }

    [Fact]
    public void Over_random_histories_every_month_has_the_fee_of_the_last_change_on_or_before_its_first_day()
    {
        var random = new Random(20);
        for (var run = 0; run < 200; run++)
        {
            var contract = Contract(random.Next(0, 3) == 0 ? null : random.Next(100, 5000));
            var changes = new List<(DateOnly From, decimal Fee)>();
            for (var i = random.Next(0, 6); i > 0; i--)
            {
                var from = new DateOnly(2026, 1, 1).AddDays(random.Next(0, 900));
                var fee = random.Next(100, 5000);
                contract.ChangeFee(fee, from, "change");
                changes.RemoveAll(c => c.From == from);
                changes.Add((from, fee));
            }

            for (var m = new YearMonth(2025, 12); m <= new YearMonth(2028, 12); m = m.PlusMonths(1))
            {
                var first = new DateOnly(m.Year, m.Month, 1);
                var expected = changes.Where(c => c.From <= first).OrderBy(c => c.From).Select(c => (decimal?)c.Fee).LastOrDefault()
                    ?? (contract.FeeHistory().FirstOrDefault() is { From: null } initial ? initial.Fee : null);
                FeeOf(contract, m.Year, m.Month)?.Amount.ShouldBe(expected ?? -1m, $"run {run}, {m}");
                if (expected is null)
                {
                    FeeOf(contract, m.Year, m.Month).ShouldBeNull($"run {run}, {m}");
                }
            }
        }
    }
}

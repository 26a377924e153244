using NodaTime;

namespace ClauseDesk.Billing.Credits;

public class SupportCreditAccountTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 24, 9, 0);

    private static Instant At(int minutes) => T0 + Duration.FromMinutes(minutes);

    [Theory]
    [InlineData(50, 4)]
    [InlineData(15, 1)]
    [InlineData(16, 2)]
    [InlineData(1, 1)]
    [InlineData(60, 4)]
    public void Spec_worked_example_every_started_quarter_hour_counts(int minutes, int quarters)
    {
        SupportCreditAccount.QuarterHoursFor(Duration.FromMinutes(minutes)).ShouldBe(quarters);
    }

    [Fact]
    public void Spec_worked_example_a_50_minute_call_uses_4_quarter_hours_worth_80_euros()
    {
        var account = new SupportCreditAccount();
        var purchase = account.Buy(At(0), 2, "order 17");

        var call = account.Consume(At(60), Duration.FromMinutes(50), "CD-2026-000123").ShouldHaveSingleItem();

        purchase.QuarterHours.ShouldBe(8);
        purchase.Amount.ShouldBe(Money.Euros(160m));
        call.Kind.ShouldBe(CreditEntryKind.Consumption);
        call.QuarterHours.ShouldBe(4);
        call.Amount.ShouldBe(Money.Euros(80m));
        call.Working.Clause.ShouldBe("seed 002 art. 4.7");
        call.Working.Steps[0].ShouldBe("50 min = 4 quarter hours (every started quarter hour counts), worth €80.00.");
        account.Balance.ShouldBe(4);
    }

    [Fact]
    public void Beyond_the_balance_the_rest_is_overage_and_the_balance_stays_at_zero()
    {
        var account = new SupportCreditAccount();
        account.Buy(At(0), 1, "order 1");

        var lines = account.Consume(At(10), Duration.FromMinutes(100), "CD-1");

        lines.Select(l => (l.Kind, l.QuarterHours, l.Amount)).ShouldBe(
        [
            (CreditEntryKind.Consumption, 4, Money.Euros(80m)),
            (CreditEntryKind.Overage, 3, Money.Euros(60m)),
        ]);
        account.Balance.ShouldBe(0);
        account.Consume(At(20), Duration.FromMinutes(5), "CD-2").ShouldHaveSingleItem().Kind.ShouldBe(CreditEntryKind.Overage);
        account.Balance.ShouldBe(0);
    }

    [Fact]
    public void Under_the_extra_work_rule_the_quarter_hours_beyond_the_balance_cost_the_hourly_rate()
    {
        var account = new SupportCreditAccount(overdraft: OverdraftRule.ExtraWork, extraWorkRate: Money.Euros(90.10m));
        account.Buy(At(0), 1, "order 1");

        // 100 min = 7 started quarter hours: 4 from the balance, 3 as extra work at €90.10 / 4 each.
        var lines = account.Consume(At(10), Duration.FromMinutes(100), "CD-1");

        lines.Select(l => (l.Kind, l.QuarterHours, l.Amount)).ShouldBe([(CreditEntryKind.Consumption, 4, Money.Euros(80m)), (CreditEntryKind.Overage, 3, Money.Euros(67.58m))]);
        lines[1].Working.Clause.ShouldBe("seed 002 art. 4.7; seed 001 art. 24.4, art. 8.1");
        lines[1].Working.Steps[^1].ShouldContain("3 quarter hours × €90.10 / 4 = €67.58");
        account.Balance.ShouldBe(0);
        Should.Throw<ArgumentOutOfRangeException>(() => new SupportCreditAccount(overdraft: OverdraftRule.ExtraWork)).ParamName.ShouldBe("extraWorkRate");
    }

    [Fact]
    public void Under_the_refuse_rule_a_consumption_beyond_the_balance_records_nothing()
    {
        var account = new SupportCreditAccount(overdraft: OverdraftRule.Refuse);
        account.Buy(At(0), 1, "order 1");

        var refused = Should.Throw<DeskRuleException>(() => account.Consume(At(10), Duration.FromMinutes(61), "CD-1"));

        refused.Field.ShouldBe("duration");
        refused.Clause.ShouldBe("seed 002 art. 4.7");
        account.Balance.ShouldBe(4);
        account.History.Count.ShouldBe(1);
        account.Consume(At(10), Duration.FromMinutes(60), "CD-1").ShouldHaveSingleItem().BalanceAfter.ShouldBe(0);
    }

    [Fact]
    public void The_ledger_is_in_time_order_and_bad_input_is_refused_with_its_name()
    {
        var account = new SupportCreditAccount();
        account.Buy(At(10), 1, "order 1");

        Should.Throw<ArgumentOutOfRangeException>(() => account.Buy(At(9), 1, "order 2")).ParamName.ShouldBe("at");
        Should.Throw<ArgumentOutOfRangeException>(() => account.Buy(At(11), 0, "order 2")).ParamName.ShouldBe("hours");
        Should.Throw<ArgumentException>(() => account.Buy(At(11), 1, " ")).ParamName.ShouldBe("reference");
        Should.Throw<ArgumentOutOfRangeException>(() => account.Consume(At(11), Duration.Zero, "CD-1")).ParamName.ShouldBe("duration");
        Should.Throw<ArgumentOutOfRangeException>(() => new SupportCreditAccount(Money.Zero)).ParamName.ShouldBe("pricePerQuarterHour");
        account.History.Count.ShouldBe(1);
    }

    [Fact]
    public void Credits_never_go_negative_and_the_history_sums_to_the_balance()
    {
        var random = new Random(5001);
        for (var run = 0; run < 300; run++)
        {
            var account = new SupportCreditAccount(Money.Euros(random.Next(1, 5000) / 100m), random.Next(4) == 0 ? OverdraftRule.Refuse : OverdraftRule.Overage);
            var clock = T0;
            var bought = 0;
            var needed = 0;
            var overage = 0;
            for (var step = 0; step < 60; step++)
            {
                clock += Duration.FromMinutes(random.Next(0, 600));
                if (random.Next(3) == 0)
                {
                    bought += account.Buy(clock, random.Next(1, 6), "order").QuarterHours;
                }
                else
                {
                    var duration = Duration.FromSeconds(random.Next(1, 4 * 3600));
                    var balanceBefore = account.Balance;
                    try
                    {
                        var lines = account.Consume(clock, duration, "ticket");
                        lines.Sum(l => l.QuarterHours).ShouldBe(SupportCreditAccount.QuarterHoursFor(duration));
                        needed += SupportCreditAccount.QuarterHoursFor(duration);
                        overage += lines.Where(l => l.Kind == CreditEntryKind.Overage).Sum(l => l.QuarterHours);
                        (lines.Any(l => l.Kind == CreditEntryKind.Overage) == (SupportCreditAccount.QuarterHoursFor(duration) > balanceBefore)).ShouldBeTrue();
                    }
                    catch (DeskRuleException)
                    {
                        account.Overdraft.ShouldBe(OverdraftRule.Refuse);
                        account.Balance.ShouldBe(balanceBefore);
                        SupportCreditAccount.QuarterHoursFor(duration).ShouldBeGreaterThan(balanceBefore);
                    }
                }

                account.Balance.ShouldBeGreaterThanOrEqualTo(0);
                account.History.Sum(e => e.Change).ShouldBe(account.Balance);
                account.History.All(e => e.BalanceAfter >= 0 && e.QuarterHours > 0).ShouldBeTrue();
                (account.History.Count == 0 ? 0 : account.History[^1].BalanceAfter).ShouldBe(account.Balance);
                account.History.All(e => e.Amount == account.PricePerQuarterHour * e.QuarterHours).ShouldBeTrue();
            }

            account.Balance.ShouldBe(bought - (needed - overage));
        }
    }

    [Fact]
    public void A_resumed_account_continues_from_the_balance_kept_and_keeps_the_ledger_in_time_order()
    {
        var whole = new SupportCreditAccount();
        whole.Buy(At(0), 2, "PO-1");
        whole.Consume(At(10), Duration.FromMinutes(50), "T-1");
        var resumed = SupportCreditAccount.Resume(whole.Balance, whole.History[^1].At);

        var next = resumed.Consume(At(20), Duration.FromMinutes(61), "T-2");
        var same = whole.Consume(At(20), Duration.FromMinutes(61), "T-2");
        next.Select(e => (e.Kind, e.QuarterHours, e.BalanceAfter, e.Amount)).ShouldBe(same.Select(e => (e.Kind, e.QuarterHours, e.BalanceAfter, e.Amount)));
        resumed.History.Count.ShouldBe(next.Count);
        Should.Throw<ArgumentOutOfRangeException>(() => resumed.Consume(At(5), Duration.FromMinutes(5), "T-3")).ParamName.ShouldBe("at");
        Should.Throw<ArgumentOutOfRangeException>(() => SupportCreditAccount.Resume(-1, null));
    }

    [Fact]
    public void A_block_of_quarter_hours_is_bought_at_its_price()
    {
        var account = new SupportCreditAccount(Money.Euros(18m));
        var bought = account.BuyQuarterHours(At(0), 6, "PO-2");
        bought.Amount.ShouldBe(Money.Euros(108m));
        account.Balance.ShouldBe(6);
        bought.Working.Steps[0].ShouldBe("6 quarter hours × €18.00 = €108.00.");
        Should.Throw<ArgumentOutOfRangeException>(() => account.BuyQuarterHours(At(1), 0, "PO-3"));
    }
}

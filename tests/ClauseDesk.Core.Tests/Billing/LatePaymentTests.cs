using NodaTime;

namespace ClauseDesk.Billing;

/// <summary>The seeds' late-payment clauses with SPEC §9's figures, and the readings of decision 0006.</summary>
public class LatePaymentTests
{
    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    private static Money Eur(decimal amount) => Money.Euros(amount);

    [Fact]
    public void Statutory_seed_001_art_6_8_splits_the_days_at_the_half_year_spec_9()
    {
        var fee = LatePayment.Compute(LatePaymentPolicy.Statutory, Eur(1210.00m), D(2025, 6, 15), D(2025, 7, 15));

        fee.DaysLate.ShouldBe(30);
        fee.Interest.ShouldBe(Eur(10.94m));
        fee.LumpSum.ShouldBe(Eur(150.00m));
        fee.Total.ShouldBe(Eur(160.94m));
        fee.Working.Clause.ShouldStartWith("seed 001 art. 6.8");
        fee.Working.Steps.ShouldContain(s => s.StartsWith("2025-06-16 to 2025-06-30 (2025 H1): 15 days at 11.5 %", StringComparison.Ordinal));
        fee.Working.Steps.ShouldContain(s => s.StartsWith("2025-07-01 to 2025-07-15 (2025 H2): 15 days at 10.5 %", StringComparison.Ordinal));
        fee.Working.Steps.ShouldContain("Lump sum, once for the late invoice: 12 % of €1,210.00 = €145.20, minimum €150.00 → €150.00.");
    }

    [Fact]
    public void Yearly_10_seed_002_art_7_4_spec_9()
    {
        var fee = LatePayment.Compute(LatePaymentPolicy.Yearly10, Eur(1000m), D(2026, 1, 31), D(2026, 3, 15));

        fee.DaysLate.ShouldBe(43);
        fee.Interest.ShouldBe(Eur(11.78m));
        fee.LumpSum.ShouldBe(Eur(125m));
        fee.Total.ShouldBe(Eur(136.78m));
        fee.Working.Clause.ShouldBe("seed 002 art. 7.4");
    }

    [Fact]
    public void Monthly_1_seed_004_5_3_counts_started_months_spec_9()
    {
        var fee = LatePayment.Compute(LatePaymentPolicy.Monthly1, Eur(1000m), D(2026, 1, 31), D(2026, 3, 15));

        fee.DaysLate.ShouldBe(43);
        fee.Interest.ShouldBe(Eur(20.00m));
        fee.LumpSum.ShouldBe(Eur(250m));
        fee.Total.ShouldBe(Eur(270.00m));
        fee.Working.Steps[0].ShouldBe("Month 1: 2026-02-01 to 2026-02-28: 1 % of €1,000.00 = €10.00.");
        fee.Working.Steps[1].ShouldBe("Month 2: 2026-03-01 to 2026-03-31 (started; paid 2026-03-15): 1 % of €1,000.00 = €10.00.");
    }

    [Fact]
    public void The_lump_sum_is_the_percentage_when_it_exceeds_the_minimum()
    {
        LatePayment.Compute(LatePaymentPolicy.Statutory, Eur(10_000m), D(2025, 6, 15), D(2025, 6, 16)).LumpSum.ShouldBe(Eur(1200m));
        LatePayment.Compute(LatePaymentPolicy.Yearly10, Eur(1250.05m), D(2026, 1, 31), D(2026, 2, 1)).LumpSum.ShouldBe(Eur(125.01m));
        LatePayment.Compute(LatePaymentPolicy.Monthly1, Eur(3000m), D(2026, 1, 31), D(2026, 2, 1)).LumpSum.ShouldBe(Eur(300m));
    }

    [Theory]
    [InlineData("statutory")]
    [InlineData("yearly-10")]
    [InlineData("monthly-1")]
    public void Paid_on_the_due_date_costs_nothing_at_all(string name)
    {
        var fee = LatePayment.Compute(LatePaymentPolicy.Find(name)!, Eur(1210m), D(2025, 6, 15), D(2025, 6, 15));

        fee.DaysLate.ShouldBe(0);
        fee.Interest.ShouldBe(Money.Zero);
        fee.LumpSum.ShouldBe(Money.Zero);
        fee.Total.ShouldBe(Money.Zero);
        fee.Working.Steps.ShouldBe(["Paid on the due date: not late, so no interest and no lump sum."]);
    }

    [Fact]
    public void One_day_late_costs_the_full_lump_sum_and_a_started_month()
    {
        var fee = LatePayment.Compute(LatePaymentPolicy.Monthly1, Eur(1000m), D(2026, 1, 31), D(2026, 2, 1));

        fee.DaysLate.ShouldBe(1);
        fee.Interest.ShouldBe(Eur(10m));
        fee.LumpSum.ShouldBe(Eur(250m));
    }

    [Fact]
    public void Interest_is_rounded_once_not_per_half_year()
    {
        // 1 day at 11.5 % (€0.3151) + 1 day at 10.5 % (€0.2877) = €0.6027 → €0.60; per part it would be €0.61.
        var fee = LatePayment.Compute(LatePaymentPolicy.Statutory, Eur(1000m), D(2025, 6, 29), D(2025, 7, 1));

        fee.Interest.ShouldBe(Eur(0.60m));
    }

    [Fact]
    public void Rounding_is_half_away_from_zero()
    {
        // €0.25 × 10 % × 73/365 = €0.005 exactly; banker's rounding would give €0.00.
        LatePayment.Compute(LatePaymentPolicy.Yearly10, Eur(0.25m), D(2026, 1, 31), D(2026, 4, 14)).Interest.ShouldBe(Eur(0.01m));
        // 1 % of €1,234.50 = €12.345 → €12.35.
        LatePayment.Compute(LatePaymentPolicy.Monthly1, Eur(1234.50m), D(2026, 1, 31), D(2026, 2, 1)).Interest.ShouldBe(Eur(12.35m));
    }

    [Fact]
    public void A_leap_year_is_still_divided_by_365()
    {
        var fee = LatePayment.Compute(LatePaymentPolicy.Yearly10, Eur(1000m), D(2023, 12, 31), D(2024, 12, 31));

        fee.DaysLate.ShouldBe(366);
        fee.Interest.ShouldBe(Eur(100.27m));
    }

    [Theory]
    // Month k runs from S + (k−1) months to S + k months − 1 day, S the day after the due date,
    // always counted from S, the day clamped to the month's end.
    [InlineData(2026, 1, 30, 2026, 2, 27, 1)]
    [InlineData(2026, 1, 30, 2026, 2, 28, 2)]
    [InlineData(2026, 1, 30, 2026, 3, 30, 2)]
    [InlineData(2026, 1, 30, 2026, 3, 31, 3)]
    [InlineData(2026, 1, 31, 2026, 2, 28, 1)]
    [InlineData(2026, 1, 31, 2026, 3, 1, 2)]
    [InlineData(2026, 3, 15, 2026, 4, 15, 1)]
    [InlineData(2026, 3, 15, 2026, 4, 16, 2)]
    [InlineData(2024, 1, 30, 2024, 2, 29, 2)]
    [InlineData(2026, 12, 31, 2027, 12, 31, 12)]
    [InlineData(2026, 12, 31, 2028, 1, 1, 13)]
    public void A_started_month_is_a_calendar_month_from_the_day_after_the_due_date(int dy, int dm, int dd, int py, int pm, int pd, int months)
    {
        var fee = LatePayment.Compute(LatePaymentPolicy.Monthly1, Eur(1000m), D(dy, dm, dd), D(py, pm, pd));

        fee.Interest.ShouldBe(Eur(10m * months));
        fee.Working.Steps.Count(s => s.StartsWith("Month ", StringComparison.Ordinal)).ShouldBe(months);
    }

    [Fact]
    public void Month_ends_clamp_without_drifting()
    {
        var fee = LatePayment.Compute(LatePaymentPolicy.Monthly1, Eur(1000m), D(2026, 1, 30), D(2026, 4, 30));

        fee.Working.Steps.Take(4).ShouldBe([
            "Month 1: 2026-01-31 to 2026-02-27: 1 % of €1,000.00 = €10.00.",
            "Month 2: 2026-02-28 to 2026-03-30: 1 % of €1,000.00 = €10.00.",
            "Month 3: 2026-03-31 to 2026-04-29: 1 % of €1,000.00 = €10.00.",
            "Month 4: 2026-04-30 to 2026-05-30 (started; paid 2026-04-30): 1 % of €1,000.00 = €10.00.",
        ]);
    }

    [Fact]
    public void A_payment_across_several_half_years_takes_one_step_per_half_year()
    {
        // 2024-12-31 due; 2025-01-01 … 2025-06-30 (181 days at 11.5 %), 2025-07-01 … 2025-12-31 (184 at 10.5 %), 2026-01-01 … 01-10 (10 at 10.5 %).
        var fee = LatePayment.Compute(LatePaymentPolicy.Statutory, Eur(10_000m), D(2024, 12, 31), D(2026, 1, 10));

        fee.DaysLate.ShouldBe(375);
        fee.Working.Steps.Count(s => s.Contains(" days at ", StringComparison.Ordinal)).ShouldBe(3);
        // 10,000 × (181 × 11.5 + 184 × 10.5 + 10 × 10.5) / 36,500 = 10,000 × 4,118.5 / 36,500 = 1,128.356…
        fee.Interest.ShouldBe(Eur(1128.36m));
    }

    [Fact]
    public void A_rate_the_table_marks_uncertain_is_named_in_the_working()
    {
        var fee = LatePayment.Compute(LatePaymentPolicy.Statutory, Eur(1000m), D(2025, 12, 20), D(2026, 1, 15));

        fee.Working.Steps.ShouldContain(s => s.StartsWith("Note: the rate table marks the 2026 H1 rate (10.5 %) as uncertain", StringComparison.Ordinal));
        LatePayment.Compute(LatePaymentPolicy.Statutory, Eur(1000m), D(2025, 6, 20), D(2025, 7, 15)).Working.Steps.ShouldNotContain(s => s.Contains("uncertain", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2026, 6, 30, 2026, 7, 1, "2026 H2")]
    [InlineData(2018, 12, 20, 2019, 1, 15, "2018 H2")]
    public void A_half_year_without_a_rate_is_refused_by_name(int dy, int dm, int dd, int py, int pm, int pd, string halfYear)
    {
        var e = Should.Throw<StatutoryRateMissingException>(() => LatePayment.Compute(LatePaymentPolicy.Statutory, Eur(1000m), D(dy, dm, dd), D(py, pm, pd)));

        e.Message.ShouldStartWith($"the statutory rate for {halfYear} is not in the table");
        e.HalfYear.ToString().ShouldBe(halfYear);
    }

    [Fact]
    public void The_fixed_rate_policies_do_not_need_the_table()
    {
        LatePayment.Compute(LatePaymentPolicy.Yearly10, Eur(1000m), D(2030, 1, 31), D(2030, 3, 15)).Interest.ShouldBe(Eur(11.78m));
    }

    [Fact]
    public void Without_a_lump_sum_clause_the_law_s_flat_40_applies()
    {
        var policy = LatePaymentPolicy.Yearly10.WithStatutoryFlatLumpSum();
        var fee = LatePayment.Compute(policy, Eur(10_000m), D(2026, 1, 31), D(2026, 3, 15));

        fee.LumpSum.ShouldBe(Eur(40m));
        fee.Interest.ShouldBe(Eur(117.81m));
        fee.Working.Clause.ShouldContain("law of 2 August 2002, art. 6");
        fee.Working.Steps.ShouldContain("Lump sum, once for the late invoice: flat €40.00.");
    }

    [Fact]
    public void Bad_arguments_are_refused_with_their_name()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => LatePayment.Compute(LatePaymentPolicy.Yearly10, Money.Zero, D(2026, 1, 31), D(2026, 3, 15))).ParamName.ShouldBe("amountInclVat");
        Should.Throw<ArgumentOutOfRangeException>(() => LatePayment.Compute(LatePaymentPolicy.Yearly10, Eur(-1m), D(2026, 1, 31), D(2026, 3, 15))).ParamName.ShouldBe("amountInclVat");
        Should.Throw<ArgumentOutOfRangeException>(() => LatePayment.Compute(LatePaymentPolicy.Yearly10, LatePayment.MaxAmount + Eur(0.01m), D(2026, 1, 31), D(2026, 3, 15))).ParamName.ShouldBe("amountInclVat");
        Should.Throw<ArgumentException>(() => LatePayment.Compute(LatePaymentPolicy.Yearly10, Eur(1m), D(2026, 3, 15), D(2026, 3, 14))).ParamName.ShouldBe("paid");
    }

    [Fact]
    public void The_largest_amount_over_the_longest_span_does_not_overflow()
    {
        var fee = LatePayment.Compute(LatePaymentPolicy.Monthly1, LatePayment.MaxAmount, D(1, 1, 1), D(9998, 12, 31));

        fee.Interest.ShouldBe(LatePayment.MaxAmount * (0.01m * 119_976));
        LatePayment.Compute(LatePaymentPolicy.Yearly10, LatePayment.MaxAmount, D(1, 1, 1), D(9998, 12, 31)).Interest.ShouldBeGreaterThan(Money.Zero);
    }

    [Fact]
    public void Policies_are_found_by_name()
    {
        LatePaymentPolicy.Find("STATUTORY").ShouldBe(LatePaymentPolicy.Statutory);
        LatePaymentPolicy.Find("monthly-2").ShouldBeNull();
        LatePaymentPolicy.Presets.Select(p => p.Name).ShouldBe(["statutory", "yearly-10", "monthly-1"]);
    }
}

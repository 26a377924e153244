using ClauseDesk.Billing;
using NodaTime;

namespace ClauseDesk.Contracts;

public class TerminationFeesTests
{
    private static Money E(decimal amount) => Money.Euros(amount);

    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Spec_worked_example_early_termination_after_10_of_36_months()
    {
        var term = new ContractTerm(D(2026, 1, 1), 36, RenewalClause.NoticeFourMonths);
        var months = TerminationFees.MonthsStillInvoiceable(term, D(2026, 11, 1));

        var fee = TerminationFees.EarlyTermination(E(500m), months);

        months.ShouldBe(26);
        fee.Value.ShouldBe(E(5_200m));
        fee.Working.Clause.ShouldBe("seed 001 art. 18.1");
        fee.Working.Steps.ShouldContain("Could still be invoiced: 26 × €500.00 = €13,000.00.");
        fee.Working.Steps.ShouldContain("Fee: 40 % × €13,000.00 = €5,200.00.");
    }

    [Fact]
    public void The_fee_from_the_contract_term_shows_which_periods_were_counted()
    {
        var term = new ContractTerm(D(2026, 1, 1), 36, RenewalClause.NoticeFourMonths);

        var early = TerminationFees.EarlyTermination(term, D(2026, 11, 1), E(500m));
        var dissolution = TerminationFees.Dissolution(term, D(2026, 11, 1), E(500m), E(5_000m));

        early.Value.ShouldBe(E(5_200m));
        early.Working.Steps[0].ShouldBe("Term 2026-01-01 to 2028-12-31; effective 2026-11-01: 26 monthly periods start on or after it, the first on 2026-11-01, the last on 2028-12-01.");
        early.Working.Inputs.ShouldContain(("termination effective", "2026-11-01"));
        dissolution.Value.ShouldBe(E(5_200m));
        dissolution.Working.Clause.ShouldBe("seed 001 art. 19.2");

        var monthEnds = new ContractTerm(D(2026, 1, 31), 12, RenewalClause.NoticeFourMonths);
        TerminationFees.EarlyTermination(monthEnds, D(2026, 12, 1), E(100m)).Working.Steps[0]
            .ShouldBe("Term 2026-01-31 to 2027-01-30; effective 2026-12-01: 1 monthly period starts on or after it, on 2026-12-31.");
        TerminationFees.EarlyTermination(monthEnds, D(2026, 11, 30), E(100m)).Working.Steps[0]
            .ShouldBe("Term 2026-01-31 to 2027-01-30; effective 2026-11-30: 2 monthly periods start on or after it, the first on 2026-11-30, the last on 2026-12-31.");
    }

    [Fact]
    public void Spec_worked_example_dissolution_has_a_quarter_of_the_last_12_months_as_minimum()
    {
        // After 10 months at €500, €5,000 was invoiced in the 12 months before: minimum €1,250.
        var fee = TerminationFees.Dissolution(E(500m), 26, E(5_000m));
        fee.Value.ShouldBe(E(5_200m));
        fee.Working.Steps.ShouldContain("Minimum: one quarter of €5,000.00 = €1,250.00.");

        // Two months before the end the minimum wins.
        TerminationFees.Dissolution(E(500m), 2, E(6_000m)).Value.ShouldBe(E(1_500m));
        TerminationFees.EarlyTermination(E(500m), 2).Value.ShouldBe(E(400m));
    }

    [Fact]
    public void A_started_month_is_already_invoiced_and_renewal_terms_count_to_their_own_end()
    {
        var term = new ContractTerm(D(2026, 1, 1), 36, RenewalClause.NoticeFourMonths);

        TerminationFees.MonthsStillInvoiceable(term, D(2026, 11, 2)).ShouldBe(25);
        TerminationFees.MonthsStillInvoiceable(term, D(2026, 1, 1)).ShouldBe(36);
        TerminationFees.MonthsStillInvoiceable(term, D(2028, 12, 2)).ShouldBe(0);
        TerminationFees.MonthsStillInvoiceable(term, D(2029, 1, 1)).ShouldBe(36);
        TerminationFees.MonthsStillInvoiceable(term, D(2029, 2, 1)).ShouldBe(35);
    }

    [Fact]
    public void Fees_that_change_per_month_are_summed()
    {
        var fee = TerminationFees.EarlyTermination([E(100m), E(100m), E(150.05m)]);

        fee.Value.ShouldBe(E(140.02m));
        fee.Working.Steps[0].ShouldBe("Could still be invoiced: the sum of 3 monthly fees = €350.05.");
    }

    [Fact]
    public void Spec_worked_example_liability_cap_is_the_least_of_the_three()
    {
        var cap = TerminationFees.LiabilityCap(E(18_000m), E(30_000m));

        cap.Value.ShouldBe(E(3_600m));
        cap.Working.Steps.ShouldContain("Art. 16.3: 20 % × €18,000.00 = €3,600.00.");
        TerminationFees.LiabilityCap(E(100_000m), E(30_000m)).Value.ShouldBe(E(5_000m));
        TerminationFees.LiabilityCap(E(100_000m), E(2_000m)).Value.ShouldBe(E(2_000m));
        TerminationFees.LiabilityCap(E(100_000m), null).Value.ShouldBe(E(5_000m));
        TerminationFees.LiabilityCap(E(18_000m), E(30_000m), E(3_000m)).Value.ShouldBe(E(600m));
        TerminationFees.LiabilityCap(E(18_000m), E(30_000m), E(4_000m)).Value.ShouldBe(Money.Zero);
    }

    [Fact]
    public void Fees_never_exceed_what_could_still_be_invoiced_and_dissolution_never_less_than_termination()
    {
        var random = new Random(2001);
        for (var i = 0; i < 3000; i++)
        {
            var fees = Enumerable.Range(0, random.Next(0, 61)).Select(_ => E(random.Next(0, 10_000_000) / 100m)).ToList();
            var invoiced = E(random.Next(0, 100_000_000) / 100m);
            var total = fees.Aggregate(Money.Zero, (a, b) => a + b);

            var early = TerminationFees.EarlyTermination(fees).Value;
            var dissolution = TerminationFees.Dissolution(fees, invoiced).Value;

            var why = $"{total} {invoiced}";
            early.ShouldBeLessThanOrEqualTo(total, why);
            early.ShouldBeGreaterThanOrEqualTo(Money.Zero, why);
            dissolution.ShouldBeGreaterThanOrEqualTo(early, why);
            dissolution.ShouldBeGreaterThanOrEqualTo((invoiced * 0.25m).RoundToCents(), why);
            (dissolution == early || dissolution == (invoiced * 0.25m).RoundToCents()).ShouldBeTrue(why);

            var project = random.Next(2) == 0 ? (Money?)null : E(random.Next(0, 10_000_000) / 100m);
            var cap = TerminationFees.LiabilityCap(invoiced, project).Value;
            cap.ShouldBeLessThanOrEqualTo(TerminationFees.LiabilityYearlyCap, why);
            cap.ShouldBeLessThanOrEqualTo((invoiced * 0.2m).RoundToCents(), why);
            if (project is { } p)
            {
                cap.ShouldBeLessThanOrEqualTo(p, why);
            }
        }
    }

    [Fact]
    public void Months_still_invoiceable_is_never_more_than_the_term_and_falls_as_time_passes()
    {
        var random = new Random(2002);
        for (var i = 0; i < 300; i++)
        {
            var term = new ContractTerm(D(2020, 1, 1).PlusDays(random.Next(2000)), random.Next(1, 61), RenewalClause.NoticeFourMonths);
            var previous = int.MaxValue;
            var span = term.TermAt(0);
            for (var day = term.Start; day < span.End; day = day.PlusDays(random.Next(1, 20)))
            {
                var months = TerminationFees.MonthsStillInvoiceable(term, day);
                months.ShouldBeLessThanOrEqualTo(term.InitialMonths);
                months.ShouldBeLessThanOrEqualTo(previous);
                previous = months;
            }
        }
    }

    [Fact]
    public void Suspension_is_allowed_after_the_formal_notice_and_15_days()
    {
        var earliest = Suspension.EarliestStart(D(2026, 3, 1));

        earliest.Value.ShouldBe(D(2026, 3, 17));
        earliest.Working.Clause.ShouldBe("seed 001 art. 17.2");
        Suspension.Allowed(D(2026, 3, 1), D(2026, 3, 16)).ShouldBeFalse();
        Suspension.Allowed(D(2026, 3, 1), D(2026, 3, 17)).ShouldBeTrue();
        Suspension.Allowed(null, D(2030, 1, 1)).ShouldBeFalse();
    }

    [Fact]
    public void The_reactivation_fee_is_250_indexed()
    {
        Suspension.ReactivationFee().Value.ShouldBe(E(250m));

        // Agoria: 250 × (0.2 + 0.8 × 126/120) = 260.
        var agoria = Suspension.ReactivationFee(IndexationFormula.Agoria, 120.00m, 126.00m);
        agoria.Value.ShouldBe(E(260m));
        agoria.Working.Clause.ShouldBe("seed 001 art. 17.4; indexation: seed 001 art. 6.3; seed 004 §4.3");

        // CPI: 250 × 130.08 / 128.67 = 252.7395… → 252.74.
        Suspension.ReactivationFee(IndexationFormula.Cpi, 128.67m, 130.08m).Value.ShouldBe(E(252.74m));
    }

    [Fact]
    public void Bad_amounts_are_refused_with_their_name()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => TerminationFees.EarlyTermination(E(-1m), 3)).ParamName.ShouldBe("monthlyFee");
        Should.Throw<ArgumentOutOfRangeException>(() => TerminationFees.EarlyTermination(E(1m), -3)).ParamName.ShouldBe("monthsRemaining");
        Should.Throw<ArgumentOutOfRangeException>(() => TerminationFees.Dissolution([], E(-1m))).ParamName.ShouldBe("invoicedLast12Months");
        Should.Throw<ArgumentOutOfRangeException>(() => TerminationFees.LiabilityCap(E(1m), E(-5m))).ParamName.ShouldBe("projectPrice");
        var term = new ContractTerm(D(2026, 1, 1), 12, RenewalClause.NoticeFourMonths);
        Should.Throw<ArgumentOutOfRangeException>(() => TerminationFees.MonthsStillInvoiceable(term, D(2025, 12, 31))).ParamName.ShouldBe("effective");
    }
}

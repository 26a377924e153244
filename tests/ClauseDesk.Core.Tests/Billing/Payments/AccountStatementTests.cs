using ClauseDesk.Billing.Invoices;
using NodaTime;

namespace ClauseDesk.Billing.Payments;

/// <summary>Payments allocated to interest and costs first, then to the oldest invoice (seed 001 art. 6.10); the readings of decision 0012.</summary>
public class AccountStatementTests
{
    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    private static Money Eur(decimal amount) => Money.Euros(amount);

    private static readonly AccountInvoice January = new("2026-000001", D(2026, 1, 1), D(2026, 1, 31), Eur(1000m), StructuredCommunication.FromBase(2026_000_001));
    private static readonly AccountInvoice February = new("2026-000002", D(2026, 2, 1), D(2026, 3, 3), Eur(500m), StructuredCommunication.FromBase(2026_000_002));

    private static AccountStatement Statement(LatePaymentPolicy policy, LocalDate on, IEnumerable<ReceivedPayment> payments, IEnumerable<AccountInvoice>? invoices = null, IEnumerable<AccountCreditNote>? credits = null, AllocationRule rule = AllocationRule.OldestFirst) =>
        AccountStatement.Compute(policy, rule, invoices ?? [January], credits ?? [], payments, on);

    [Fact]
    public void The_worked_example_paid_in_full_settles_interest_lump_sum_and_invoice()
    {
        // SPEC §9, yearly-10: €1,000 due 2026-01-31, paid 2026-03-15 → €11.78 + €125.00.
        var statement = Statement(LatePaymentPolicy.Yearly10, D(2026, 3, 15), [new ReceivedPayment("p1", D(2026, 3, 15), Eur(1136.78m))]);

        statement.Payments.Single().Allocations.Select(a => (a.Kind, a.Amount)).ShouldBe([
            (AllocationKind.Interest, Eur(11.78m)),
            (AllocationKind.LumpSum, Eur(125m)),
            (AllocationKind.Principal, Eur(1000m)),
        ]);
        statement.Balance.ShouldBe(Money.Zero);
        statement.Invoices.Single().DaysLate.ShouldBe(43);
        statement.Invoices.Single().Open.ShouldBe(Money.Zero);
    }

    [Fact]
    public void A_partial_late_payment_goes_to_interest_and_costs_first_and_interest_then_runs_on_what_is_left()
    {
        var paid = new ReceivedPayment("p1", D(2026, 3, 15), Eur(500m));

        var then = Statement(LatePaymentPolicy.Yearly10, D(2026, 3, 15), [paid]);
        then.Payments.Single().Allocations.Select(a => (a.Kind, a.Amount)).ShouldBe([
            (AllocationKind.Interest, Eur(11.78m)),
            (AllocationKind.LumpSum, Eur(125m)),
            (AllocationKind.Principal, Eur(363.22m)),
        ]);
        then.Invoices.Single().PrincipalOpen.ShouldBe(Eur(636.78m));

        // 30 more days on €636.78: €1,000 × 10 % × 43/365 + €636.78 × 10 % × 30/365 = €17.0146… → €17.01, €11.78 paid.
        var later = Statement(LatePaymentPolicy.Yearly10, D(2026, 4, 14), [paid]);
        var invoice = later.Invoices.Single();
        invoice.Interest.Interest.ShouldBe(Eur(17.01m));
        invoice.InterestOpen.ShouldBe(Eur(5.23m));
        invoice.LumpSumOpen.ShouldBe(Money.Zero);
        later.Balance.ShouldBe(Eur(642.01m));
        invoice.Interest.Working.Steps.ShouldContain(s => s.Contains("on €636.78", StringComparison.Ordinal));
    }

    [Fact]
    public void A_started_month_bears_the_rate_on_what_was_open_on_its_first_day_even_when_paid_that_day()
    {
        // monthly-1, due 2026-01-31: month 2 starts 2026-03-01, the payment's day, on €1,000.
        var paid = new ReceivedPayment("p1", D(2026, 3, 1), Eur(500m));

        var then = Statement(LatePaymentPolicy.Monthly1, D(2026, 3, 1), [paid]);
        then.Payments.Single().Allocations.Select(a => (a.Kind, a.Amount)).ShouldBe([
            (AllocationKind.Interest, Eur(20m)),
            (AllocationKind.LumpSum, Eur(250m)),
            (AllocationKind.Principal, Eur(230m)),
        ]);

        // Month 3 starts 2026-04-01 on the €770 still open.
        var later = Statement(LatePaymentPolicy.Monthly1, D(2026, 4, 1), [paid]);
        later.Invoices.Single().Interest.Interest.ShouldBe(Eur(27.70m));
        later.Balance.ShouldBe(Eur(777.70m));
    }

    [Fact]
    public void Oldest_first_ignores_a_reference_to_a_later_invoice_and_as_designated_follows_it()
    {
        // Seed 001 art. 6.10: "zelfs al vermeldt de Klant, dat de betaling betrekking heeft op een latere factuur".
        var payment = new ReceivedPayment("p1", D(2026, 2, 15), Eur(500m), February.PaymentReference!.ToString());

        var oldest = Statement(LatePaymentPolicy.Yearly10, D(2026, 2, 15), [payment], [January, February]);
        // 15 days late on €1,000: €4.1095… → €4.11; lump sum €125; the rest to January.
        oldest.Payments.Single().Allocations.Select(a => (a.InvoiceNumber, a.Kind, a.Amount)).ShouldBe([
            ("2026-000001", AllocationKind.Interest, Eur(4.11m)),
            ("2026-000001", AllocationKind.LumpSum, Eur(125m)),
            ("2026-000001", AllocationKind.Principal, Eur(370.89m)),
        ]);
        oldest.Payments.Single().DesignatedInvoice.ShouldBe("2026-000002");
        oldest.Payments.Single().Working.Steps.ShouldContain(s => s.Contains("whatever a payment names", StringComparison.Ordinal));

        var designated = Statement(LatePaymentPolicy.Yearly10, D(2026, 2, 15), [payment], [January, February], rule: AllocationRule.AsDesignated);
        designated.Payments.Single().Allocations.Select(a => (a.InvoiceNumber, a.Kind, a.Amount)).ShouldBe([("2026-000002", AllocationKind.Principal, Eur(500m))]);
        designated.Invoices.Single(i => i.Invoice.Number == "2026-000002").Open.ShouldBe(Money.Zero);
    }

    [Fact]
    public void Interest_and_costs_of_every_invoice_come_before_the_oldest_principal()
    {
        var lateFebruary = new AccountInvoice("2026-000002", D(2026, 1, 5), D(2026, 2, 4), Eur(500m));
        var payment = new ReceivedPayment("p1", D(2026, 3, 6), Eur(300m));

        var statement = Statement(LatePaymentPolicy.Yearly10, D(2026, 3, 6), [payment], [January, lateFebruary]);

        statement.Payments.Single().Allocations.Select(a => (a.InvoiceNumber, a.Kind)).ShouldBe([
            ("2026-000001", AllocationKind.Interest),
            ("2026-000001", AllocationKind.LumpSum),
            ("2026-000002", AllocationKind.Interest),
            ("2026-000002", AllocationKind.LumpSum),
            ("2026-000001", AllocationKind.Principal),
        ]);
    }

    [Fact]
    public void A_credit_note_corrects_the_invoice_from_the_start_interest_and_lump_sum_included()
    {
        var credit = new AccountCreditNote("2026-C00001", "2026-000001", D(2026, 2, 20), Eur(400m), "Two days not delivered");
        var paid = new ReceivedPayment("p1", D(2026, 3, 15), Eur(800m));

        var statement = Statement(LatePaymentPolicy.Yearly10, D(2026, 3, 15), [paid], credits: [credit]);
        var invoice = statement.Invoices.Single();

        invoice.Credited.ShouldBe(Eur(400m));
        invoice.Corrected.ShouldBe(Eur(600m));
        // €600 × 10 % × 43/365 = €7.0684… → €7.07; 10 % of €600 = €60 → minimum €125.
        invoice.Interest.Interest.ShouldBe(Eur(7.07m));
        invoice.LumpSum.ShouldBe(Eur(125m));
        invoice.PrincipalOpen.ShouldBe(Money.Zero);
        statement.Payments.Single().Unallocated.ShouldBe(Eur(800m - 600m - 7.07m - 125m));
        statement.Balance.ShouldBe(-statement.OnAccount);

        // Before the credit note was issued, the statement does not know it.
        Statement(LatePaymentPolicy.Yearly10, D(2026, 2, 19), [], credits: [credit]).Balance.ShouldBe(Eur(1000m) + LatePayment.Compute(LatePaymentPolicy.Yearly10, Eur(1000m), D(2026, 1, 31), D(2026, 2, 19)).Total);
    }

    [Fact]
    public void A_fully_credited_invoice_owes_nothing_and_a_payment_for_it_is_held_on_account()
    {
        var credit = new AccountCreditNote("2026-C00001", "2026-000001", D(2026, 1, 10), Eur(1000m));

        var statement = Statement(LatePaymentPolicy.Statutory, D(2026, 3, 1), [new ReceivedPayment("p1", D(2026, 1, 20), Eur(1000m))], credits: [credit]);

        statement.Invoices.Single().Open.ShouldBe(Money.Zero);
        statement.Invoices.Single().LumpSum.ShouldBe(Money.Zero);
        statement.OnAccount.ShouldBe(Eur(1000m));
        statement.Balance.ShouldBe(Eur(-1000m));
    }

    [Fact]
    public void Money_held_on_account_pays_the_next_invoice_on_the_day_it_is_issued()
    {
        var overpaid = new ReceivedPayment("p1", D(2026, 1, 20), Eur(1200m));

        var statement = Statement(LatePaymentPolicy.Yearly10, D(2026, 2, 10), [overpaid], [January, February]);

        statement.Payments.Single().Allocations.Select(a => (a.InvoiceNumber, a.Amount, a.On)).ShouldBe([
            ("2026-000001", Eur(1000m), D(2026, 1, 20)),
            ("2026-000002", Eur(200m), D(2026, 2, 1)),
        ]);
        statement.OnAccount.ShouldBe(Money.Zero);
        statement.Balance.ShouldBe(Eur(300m));
    }

    [Fact]
    public void Paid_on_the_due_date_costs_nothing()
    {
        var statement = Statement(LatePaymentPolicy.Monthly1, D(2026, 6, 1), [new ReceivedPayment("p1", D(2026, 1, 31), Eur(1000m))]);

        statement.Invoices.Single().Interest.Interest.ShouldBe(Money.Zero);
        statement.Invoices.Single().LumpSum.ShouldBe(Money.Zero);
        statement.Invoices.Single().DaysLate.ShouldBe(0);
        statement.Balance.ShouldBe(Money.Zero);
    }

    [Fact]
    public void An_unpaid_invoice_accrues_interest_and_owes_the_lump_sum_on_the_statement_day()
    {
        var statement = Statement(LatePaymentPolicy.Yearly10, D(2026, 3, 15), []);
        var invoice = statement.Invoices.Single();

        invoice.Interest.Interest.ShouldBe(Eur(11.78m));
        invoice.LumpSum.ShouldBe(Eur(125m));
        invoice.DaysLate.ShouldBe(43);
        statement.Balance.ShouldBe(Eur(1136.78m));
    }

    [Fact]
    public void A_half_year_without_a_statutory_rate_bears_no_interest_and_the_working_says_so()
    {
        // The shipped table ends with 2026 H1 (10.5 %).
        var invoice = new AccountInvoice("2026-000010", D(2026, 5, 21), D(2026, 6, 20), Eur(1210m));

        var statement = Statement(LatePaymentPolicy.Statutory, D(2026, 7, 10), [], [invoice]);

        // 10 days at 10.5 % on €1,210 = €3.4808… → €3.48; the July days are not counted.
        statement.Invoices.Single().Interest.Interest.ShouldBe(Eur(3.48m));
        statement.Invoices.Single().Interest.Working.Steps.ShouldContain(s => s.Contains("no statutory rate for 2026 H2", StringComparison.Ordinal));
    }

    [Fact]
    public void The_law_s_flat_40_applies_where_the_contract_has_no_lump_sum_clause()
    {
        var statement = Statement(LatePaymentPolicy.Yearly10.WithStatutoryFlatLumpSum(), D(2026, 2, 1), []);

        statement.Invoices.Single().LumpSum.ShouldBe(Eur(40m));
    }

    [Fact]
    public void Entries_that_cannot_be_on_one_account_are_refused()
    {
        Should.Throw<ArgumentException>(() => Statement(LatePaymentPolicy.Yearly10, D(2026, 3, 1), [], [January, January]));
        Should.Throw<ArgumentException>(() => Statement(LatePaymentPolicy.Yearly10, D(2026, 3, 1), [], credits: [new AccountCreditNote("C1", "2026-000001", D(2026, 1, 2), Eur(600m)), new AccountCreditNote("C2", "2026-000001", D(2026, 1, 3), Eur(400.01m))]))
            .Message.ShouldContain("credit €1,000.01");
        Should.Throw<ArgumentException>(() => Statement(LatePaymentPolicy.Yearly10, D(2026, 3, 1), [], credits: [new AccountCreditNote("C1", "2099-1", D(2026, 1, 2), Eur(1m))]));
        Should.Throw<ArgumentException>(() => Statement(LatePaymentPolicy.Yearly10, D(2026, 3, 1), [new ReceivedPayment("p", D(2026, 1, 2), Eur(1m)), new ReceivedPayment("p", D(2026, 1, 3), Eur(1m))]));
        Should.Throw<ArgumentOutOfRangeException>(() => new ReceivedPayment("p", D(2026, 1, 2), Eur(0.001m)));
        Should.Throw<ArgumentOutOfRangeException>(() => new ReceivedPayment("p", D(2026, 1, 2), Money.Zero));
        Should.Throw<ArgumentException>(() => new AccountInvoice("X", D(2026, 1, 2), D(2026, 1, 1), Eur(1m)));
    }

    [Fact]
    public void The_reference_may_be_the_invoice_number_or_its_structured_communication_in_any_of_its_forms()
    {
        var communication = February.PaymentReference!;
        foreach (var reference in new[] { "2026-000002", communication.ToString(), communication.Digits, $"***{communication.ToString()[3..^3]}***" })
        {
            var statement = Statement(LatePaymentPolicy.Yearly10, D(2026, 2, 15), [new ReceivedPayment("p1", D(2026, 2, 15), Eur(1m), reference)], [January, February]);
            statement.Payments.Single().DesignatedInvoice.ShouldBe("2026-000002", reference);
        }

        Statement(LatePaymentPolicy.Yearly10, D(2026, 2, 15), [new ReceivedPayment("p1", D(2026, 2, 15), Eur(1m), "invoice two please")], [January, February])
            .Payments.Single().DesignatedInvoice.ShouldBeNull();
    }
}

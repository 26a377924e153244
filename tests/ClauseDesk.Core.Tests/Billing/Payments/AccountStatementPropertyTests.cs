using ClauseDesk.Billing.Invoices;
using NodaTime;

namespace ClauseDesk.Billing.Payments;

/// <summary>
/// Properties of the ledger over many random accounts (seeded loops, as the other property tests):
/// allocation never loses or invents a cent, nothing owed is ever negative, interest and costs are
/// settled before any principal and older invoices before later ones, an earlier statement is the
/// start of a later one, and with one invoice and one payment the figures are <see cref="LatePayment.Compute"/>'s.
/// </summary>
public class AccountStatementPropertyTests
{
    private const int Accounts = 400;

    private static readonly LocalDate First = new(2024, 1, 1);
    private static readonly LocalDate Last = new(2026, 6, 30); // the published rate table's last day

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var policy in new[] { "statutory", "yearly-10", "monthly-1", "yearly-10+flat" })
        {
            foreach (var rule in new[] { "oldest-first", "as-designated" })
            {
                data.Add(policy, rule);
            }
        }

        return data;
    }

    private static LatePaymentPolicy Policy(string name) =>
        name.EndsWith("+flat", StringComparison.Ordinal) ? LatePaymentPolicy.Find(name[..^5])!.WithStatutoryFlatLumpSum() : LatePaymentPolicy.Find(name)!;

    private static LocalDate Day(Random random, LocalDate from, LocalDate to) => from.PlusDays(random.Next(Period.DaysBetween(from, to) + 1));

    // Amounts from a cent to tens of thousands, with a bias to small ones so that many payments fall short.
    private static Money Amount(Random random) => Money.Euros(random.Next(4) switch
    {
        0 => random.Next(1, 10_000) / 100m,
        1 => random.Next(1, 200_000) / 100m,
        _ => random.Next(1, 5_000_000) / 100m,
    });

    private sealed record Account(List<AccountInvoice> Invoices, List<AccountCreditNote> Credits, List<ReceivedPayment> Payments, LocalDate On);

    private static Account RandomAccount(Random random)
    {
        var invoices = new List<AccountInvoice>();
        var credits = new List<AccountCreditNote>();
        for (var i = random.Next(1, 7); i > 0; i--)
        {
            var issued = Day(random, First, Last.PlusDays(-70));
            var number = $"2025-{invoices.Count + 1:000000}";
            var invoice = new AccountInvoice(number, issued, issued.PlusDays(random.Next(4) == 0 ? 0 : random.Next(1, 61)), Amount(random), StructuredCommunication.FromBase(2_025_000_000 + invoices.Count + 1));
            invoices.Add(invoice);
            var left = invoice.Amount;
            while (left > Money.Zero && random.Next(3) == 0)
            {
                var credit = Money.Min(left, Money.Euros(random.Next(1, (int)Math.Min(left.Amount * 100m, int.MaxValue - 1) + 1) / 100m));
                credits.Add(new AccountCreditNote($"C{credits.Count + 1}", number, Day(random, issued, Last), credit));
                left -= credit;
            }
        }

        var payments = new List<ReceivedPayment>();
        for (var i = random.Next(0, 9); i > 0; i--)
        {
            var reference = random.Next(3) switch
            {
                0 => null,
                1 => invoices[random.Next(invoices.Count)].PaymentReference!.ToString(),
                _ => invoices[random.Next(invoices.Count)].Number,
            };
            payments.Add(new ReceivedPayment($"p{payments.Count + 1}", Day(random, First, Last), Amount(random), reference));
        }

        return new Account(invoices, credits, payments, Day(random, First, Last));
    }

    private static AccountStatement Compute(string policy, string rule, Account account, LocalDate? on = null) =>
        AccountStatement.Compute(Policy(policy), AllocationRules.Find(rule)!.Value, account.Invoices, account.Credits, account.Payments, on ?? account.On);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Allocation_never_loses_or_invents_a_cent(string policy, string rule)
    {
        var random = new Random(1201);
        for (var n = 0; n < Accounts; n++)
        {
            var account = RandomAccount(random);
            var statement = Compute(policy, rule, account);
            var why = $"account {n}: {policy} {rule} on {statement.On}";

            var paid = Money.Zero;
            foreach (var payment in statement.Payments)
            {
                (payment.Allocated + payment.Unallocated).ShouldBe(payment.Payment.Amount, why);
                payment.Allocations.Aggregate(Money.Zero, (sum, a) => sum + a.Amount).ShouldBe(payment.Allocated, why);
                payment.Allocations.ShouldAllBe(a => a.Amount > Money.Zero && a.Amount == a.Amount.RoundToCents() && a.On >= payment.Payment.Received && a.On <= statement.On, why);
                payment.Unallocated.ShouldBeGreaterThanOrEqualTo(Money.Zero, why);
                paid += payment.Payment.Amount;
            }

            statement.Payments.Select(p => p.Payment.Id).ShouldBe(account.Payments.Where(p => p.Received <= statement.On).OrderBy(p => p.Received).Select(p => p.Id), why);
            statement.OnAccount.ShouldBe(statement.Payments.Aggregate(Money.Zero, (sum, p) => sum + p.Unallocated), why);
            if (statement.OnAccount > Money.Zero)
            {
                // Money is held on account only when nothing is left to pay.
                statement.Invoices.ShouldAllBe(i => i.Open == Money.Zero, why);
            }

            // What each invoice was paid is exactly what the payments allocated to it.
            foreach (var invoice in statement.Invoices)
            {
                Money To(AllocationKind kind) => statement.Payments.SelectMany(p => p.Allocations).Where(a => a.InvoiceNumber == invoice.Invoice.Number && a.Kind == kind).Aggregate(Money.Zero, (sum, a) => sum + a.Amount);
                To(AllocationKind.Principal).ShouldBe(invoice.PrincipalPaid, why);
                To(AllocationKind.Interest).ShouldBe(invoice.InterestPaid, why);
                To(AllocationKind.LumpSum).ShouldBe(invoice.LumpSumPaid, why);
            }

            // The balance is everything owed less everything paid, to the cent.
            var owed = statement.Invoices.Aggregate(Money.Zero, (sum, i) => sum + i.Corrected + i.Interest.Interest + i.LumpSum);
            statement.Balance.ShouldBe(owed - paid, why);
            statement.Balance.ShouldBe(statement.Invoices.Aggregate(Money.Zero, (sum, i) => sum + i.Open) - statement.OnAccount, why);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Nothing_owed_or_paid_is_ever_negative_or_a_part_of_a_cent(string policy, string rule)
    {
        var random = new Random(1202);
        for (var n = 0; n < Accounts; n++)
        {
            var statement = Compute(policy, rule, RandomAccount(random));
            var why = $"account {n}: {policy} {rule} on {statement.On}";
            foreach (var invoice in statement.Invoices)
            {
                foreach (var amount in new[] { invoice.Corrected, invoice.PrincipalPaid, invoice.PrincipalOpen, invoice.Interest.Interest, invoice.InterestPaid, invoice.InterestOpen, invoice.LumpSum, invoice.LumpSumPaid, invoice.LumpSumOpen })
                {
                    amount.ShouldBeGreaterThanOrEqualTo(Money.Zero, why);
                    amount.ShouldBe(amount.RoundToCents(), why);
                }

                invoice.Interest.Exact.ShouldBeGreaterThanOrEqualTo(0m, why);
                (invoice.PrincipalPaid + invoice.PrincipalOpen).ShouldBe(invoice.Corrected, why);
                (invoice.Credited + invoice.Corrected).ShouldBe(invoice.Invoice.Amount, why);
                invoice.DaysLate.ShouldBeGreaterThanOrEqualTo(0, why);
                if (invoice.LumpSum > Money.Zero)
                {
                    invoice.LumpSum.ShouldBe(Policy(policy).LumpSum.For(invoice.Corrected), why);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Interest_and_costs_are_settled_before_any_principal_and_older_invoices_before_later_ones(string policy, string rule)
    {
        var random = new Random(1203);
        var checkedDays = 0;
        for (var n = 0; n < Accounts / 2; n++)
        {
            // A credit note corrects its invoice from the start, so a later one changes earlier days'
            // allocations: date them with their invoice, and every day's statement is the start of the last.
            var drawn = RandomAccount(random);
            var account = drawn with { Credits = [.. drawn.Credits.Select(c => new AccountCreditNote(c.Number, c.InvoiceNumber, drawn.Invoices.Single(i => i.Number == c.InvoiceNumber).IssueDate, c.Amount))] };
            var statement = Compute(policy, rule, account);
            var allocations = statement.Payments.SelectMany(p => p.Allocations.Select(a => (Payment: p, Allocation: a))).ToList();
            foreach (var day in allocations.Where(a => a.Allocation.Kind == AllocationKind.Principal).Select(a => a.Allocation.On).Distinct())
            {
                // At the end of a day on which principal was paid, no interest or lump sum is left open.
                var that = Compute(policy, rule, account, day);
                var why = $"account {n}: {policy} {rule}, principal paid on {day}";
                checkedDays++;
                if (rule == "oldest-first")
                {
                    that.Invoices.ShouldAllBe(i => i.InterestOpen == Money.Zero && i.LumpSumOpen == Money.Zero, why);
                }

                foreach (var (payment, allocation) in allocations.Where(a => a.Allocation.On == day && a.Allocation.Kind == AllocationKind.Principal))
                {
                    if (rule == "as-designated" && allocation.InvoiceNumber == payment.DesignatedInvoice)
                    {
                        continue;
                    }

                    // No older invoice that comes first on that day (due, or older and both not yet due) is left open.
                    var paidTo = that.Invoices.Single(i => i.Invoice.Number == allocation.InvoiceNumber).Invoice;
                    var toDue = paidTo.DueDate <= day;
                    foreach (var older in that.Invoices.Where(i => (i.Invoice.IssueDate, i.Invoice.Number).CompareTo((paidTo.IssueDate, paidTo.Number)) < 0))
                    {
                        if (older.Invoice.DueDate <= day || !toDue)
                        {
                            older.PrincipalOpen.ShouldBe(Money.Zero, $"{why}: {older.Invoice.Number} open while {paidTo.Number} was paid");
                        }
                    }
                }
            }
        }

        checkedDays.ShouldBeGreaterThan(100);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_earlier_statement_is_the_start_of_a_later_one(string policy, string rule)
    {
        var random = new Random(1204);
        for (var n = 0; n < Accounts / 2; n++)
        {
            var account = RandomAccount(random);
            var late = Compute(policy, rule, account, Last);
            var on = Day(random, First, Last);
            var early = Compute(policy, rule, account with { Credits = [.. account.Credits.Where(c => c.IssueDate <= on)] }, on);
            var lateWithSameCredits = Compute(policy, rule, account with { Credits = [.. account.Credits.Where(c => c.IssueDate <= on)] }, Last);
            var why = $"account {n}: {policy} {rule}, {on} against {Last}";

            foreach (var payment in early.Payments)
            {
                var later = lateWithSameCredits.Payments.Single(p => p.Payment.Id == payment.Payment.Id);
                later.Allocations.Where(a => a.On <= on).ShouldBe(payment.Allocations, why);
            }

            // Money held on account never grows while debt is open, and a later day never owes less interest.
            foreach (var invoice in early.Invoices)
            {
                lateWithSameCredits.Invoices.Single(i => i.Invoice.Number == invoice.Invoice.Number).Interest.Interest.ShouldBeGreaterThanOrEqualTo(invoice.Interest.Interest, why);
            }

            late.Invoices.Count.ShouldBeGreaterThanOrEqualTo(early.Invoices.Count, why);
        }
    }

    [Theory]
    [InlineData("statutory")]
    [InlineData("yearly-10")]
    [InlineData("monthly-1")]
    public void One_invoice_paid_in_full_late_allocates_exactly_what_LatePayment_Compute_says(string policy)
    {
        var random = new Random(1205);
        for (var n = 0; n < 1000; n++)
        {
            var amount = Amount(random);
            var issued = Day(random, First, Last.PlusDays(-60));
            var due = issued.PlusDays(random.Next(0, 31));
            var paidOn = Day(random, due, Last);
            var fee = LatePayment.Compute(Policy(policy), amount, due, paidOn);
            var invoice = new AccountInvoice("2025-000001", issued, due, amount);
            var extra = Money.Euros(random.Next(0, 1000) / 100m);

            var statement = AccountStatement.Compute(Policy(policy), AllocationRule.OldestFirst, [invoice], [], [new ReceivedPayment("p", paidOn, amount + fee.Total + extra)], paidOn);
            var why = $"{policy} {amount} due {due} paid {paidOn}";

            var allocated = statement.Payments.Single().Allocations;
            allocated.Where(a => a.Kind == AllocationKind.Interest).Aggregate(Money.Zero, (sum, a) => sum + a.Amount).ShouldBe(fee.Interest, why);
            allocated.Where(a => a.Kind == AllocationKind.LumpSum).Aggregate(Money.Zero, (sum, a) => sum + a.Amount).ShouldBe(fee.LumpSum, why);
            allocated.Where(a => a.Kind == AllocationKind.Principal).Aggregate(Money.Zero, (sum, a) => sum + a.Amount).ShouldBe(amount, why);
            statement.Balance.ShouldBe(-extra, why);
            statement.Invoices.Single().DaysLate.ShouldBe(fee.DaysLate, why);
        }
    }

    [Theory]
    [InlineData("statutory")]
    [InlineData("yearly-10")]
    [InlineData("monthly-1")]
    public void Accrual_on_a_constant_principal_is_the_interest_of_LatePayment_Compute(string policy)
    {
        var random = new Random(1206);
        for (var n = 0; n < 2000; n++)
        {
            var amount = Amount(random);
            var due = Day(random, new LocalDate(2019, 1, 1), Last);
            var paid = Day(random, due, Last);
            var from = due.PlusDays(-random.Next(0, 60));

            var accrued = LatePayment.Accrue(Policy(policy), due, paid, [new OpenPrincipal(from, amount)]);

            accrued.Interest.ShouldBe(LatePayment.Compute(Policy(policy), amount, due, paid).Interest, $"{policy} {amount} due {due} paid {paid}");
        }
    }

    [Theory]
    [InlineData("statutory")]
    [InlineData("yearly-10")]
    [InlineData("monthly-1")]
    public void Accrual_never_falls_when_less_is_open_or_later_days_are_counted(string policy)
    {
        var random = new Random(1207);
        for (var n = 0; n < 1000; n++)
        {
            var due = Day(random, new LocalDate(2019, 1, 1), Last.PlusDays(-200));
            var open = new List<OpenPrincipal> { new(due.PlusDays(-10), Amount(random)) };
            for (var day = due.PlusDays(random.Next(1, 40)); day <= Last && open.Count < 6; day = day.PlusDays(random.Next(1, 60)))
            {
                open.Add(new OpenPrincipal(day, Money.Euros(decimal.Round(open[^1].Amount.Amount * (decimal)random.NextDouble(), 2))));
            }

            var through = Day(random, due, Last);
            var later = Day(random, through, Last);
            var accrued = LatePayment.Accrue(Policy(policy), due, through, open);
            var why = $"{policy} due {due} through {through}";

            LatePayment.Accrue(Policy(policy), due, later, open).Interest.ShouldBeGreaterThanOrEqualTo(accrued.Interest, why);
            // Never more than on the first amount all along.
            accrued.Interest.ShouldBeLessThanOrEqualTo(LatePayment.Accrue(Policy(policy), due, through, [open[0]]).Interest, why);
            accrued.Interest.ShouldBeGreaterThanOrEqualTo(Money.Zero, why);
        }
    }
}

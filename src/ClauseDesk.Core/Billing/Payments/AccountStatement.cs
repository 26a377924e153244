using System.Globalization;
using ClauseDesk.Billing.Invoices;
using NodaTime;

namespace ClauseDesk.Billing.Payments;

/// <summary>
/// A customer's account on one day (SPEC §5, decision 0012): the invoices with their credit notes, the
/// late-payment interest and lump sums accrued, every payment and how it was allocated, and the balance.
/// Computed from the entries alone, day by day in order, so the statement of an earlier day is the same
/// as the start of a later one, and nothing is stored but the entries.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A credit note corrects its invoice from the start: interest and the lump sum are computed on the
/// invoice less its credit notes (those issued by the statement's day).</item>
/// <item>On a payment's day, interest accrued through that day (<see cref="LatePayment.Accrue"/>) and the
/// lump sums due are settled first, the oldest invoice's first, interest before its lump sum; then the
/// principal of the invoices due, the oldest first (issue date, then number); then those not yet due.
/// <see cref="AllocationRule.AsDesignated"/> first serves the invoice the reference names.</item>
/// <item>The lump sum is due once on an invoice that still has principal open at the end of its due date,
/// on the invoice's corrected amount (the seeds' "factuurbedrag").</item>
/// <item>What a payment leaves over is held on account and applied, first received first, when a later
/// invoice is issued or on a later payment's day.</item>
/// </list>
/// </remarks>
/// <param name="On">The statement's day: entries after it are left out.</param>
/// <param name="Policy">The late-payment clause applied.</param>
/// <param name="Rule">How payments are allocated.</param>
/// <param name="Invoices">Invoices issued by <paramref name="On"/>, oldest first.</param>
/// <param name="Payments">Payments received by <paramref name="On"/>, in the order they were received.</param>
/// <param name="OnAccount">Paid but not allocated: the sum of the payments' <see cref="PaymentAllocation.Unallocated"/>.</param>
/// <param name="Balance">What the customer owes: every invoice's open amount less <paramref name="OnAccount"/>; negative when the provider owes.</param>
/// <param name="Working">The clauses, readings and the sum.</param>
public sealed record AccountStatement(
    LocalDate On,
    LatePaymentPolicy Policy,
    AllocationRule Rule,
    IReadOnlyList<InvoiceBalance> Invoices,
    IReadOnlyList<PaymentAllocation> Payments,
    Money OnAccount,
    Money Balance,
    Working Working)
{
    /// <summary>The statement of an account on <paramref name="on"/>.</summary>
    /// <param name="policy">The customer's late-payment clause.</param>
    /// <param name="rule">How payments are allocated.</param>
    /// <param name="invoices">Every invoice of the account, numbers unique; those issued after <paramref name="on"/> are left out.</param>
    /// <param name="creditNotes">Every credit note; each corrects an invoice given, issued on or after it, and together they credit at most its amount.</param>
    /// <param name="payments">Every payment, in the order they were recorded (which orders payments of the same day).</param>
    /// <param name="on">The statement's day; year 9998 at the latest.</param>
    /// <param name="rates">The statutory rates; default <see cref="StatutoryRates.Published"/>.</param>
    /// <exception cref="ArgumentException">A repeated invoice number or payment id, a credit note for an unknown invoice, before it, or crediting more than it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="on"/> is after year 9998.</exception>
    public static AccountStatement Compute(
        LatePaymentPolicy policy,
        AllocationRule rule,
        IEnumerable<AccountInvoice> invoices,
        IEnumerable<AccountCreditNote> creditNotes,
        IEnumerable<ReceivedPayment> payments,
        LocalDate on,
        StatutoryRates? rates = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(on.Year, 9998, nameof(on));
        var allInvoices = (invoices ?? throw new ArgumentNullException(nameof(invoices))).ToList();
        var allCredits = (creditNotes ?? throw new ArgumentNullException(nameof(creditNotes))).ToList();
        var allPayments = (payments ?? throw new ArgumentNullException(nameof(payments))).ToList();
        Check(allInvoices, allCredits, allPayments);
        return new Ledger(policy, rule, rates ?? StatutoryRates.Published, on, allInvoices, allCredits, allPayments).Run();
    }

    private static void Check(List<AccountInvoice> invoices, List<AccountCreditNote> credits, List<ReceivedPayment> payments)
    {
        var byNumber = new Dictionary<string, AccountInvoice>(StringComparer.Ordinal);
        foreach (var invoice in invoices)
        {
            if (!byNumber.TryAdd(invoice.Number, invoice))
            {
                throw new ArgumentException($"Invoice {invoice.Number} is given twice.", nameof(invoices));
            }
        }

        if (payments.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count() != payments.Count)
        {
            throw new ArgumentException("A payment id is given twice.", nameof(payments));
        }

        foreach (var group in credits.GroupBy(c => c.InvoiceNumber, StringComparer.Ordinal))
        {
            if (!byNumber.TryGetValue(group.Key, out var invoice))
            {
                throw new ArgumentException($"Credit note {group.First().Number} corrects invoice {group.Key}, which is not on the account.", "creditNotes");
            }

            if (group.FirstOrDefault(c => c.IssueDate < invoice.IssueDate) is { } early)
            {
                throw new ArgumentException($"Credit note {early.Number} is dated before invoice {invoice.Number}.", "creditNotes");
            }

            var credited = group.Aggregate(Money.Zero, (sum, c) => sum + c.Amount);
            if (credited > invoice.Amount)
            {
                throw new ArgumentException($"Invoice {invoice.Number} asks {invoice.Amount}; its credit notes credit {credited}.", "creditNotes");
            }
        }
    }

    /// <summary>The working state of one computation.</summary>
    private sealed class Ledger(LatePaymentPolicy policy, AllocationRule rule, StatutoryRates rates, LocalDate on, List<AccountInvoice> invoices, List<AccountCreditNote> credits, List<ReceivedPayment> payments)
    {
        private readonly List<Debt> _active = [];
        private readonly List<Paid> _paid = [];

        public AccountStatement Run()
        {
            var issued = invoices.Where(i => i.IssueDate <= on)
                .OrderBy(i => i.IssueDate).ThenBy(i => i.Number, StringComparer.Ordinal)
                .Select(i => new Debt(i, credits.Where(c => c.InvoiceNumber == i.Number && c.IssueDate <= on).OrderBy(c => c.IssueDate).ToList()))
                .ToList();
            var received = payments.Where(p => p.Received <= on).OrderBy(p => p.Received).ToList(); // a stable sort: recording order within a day
            var days = issued.Select(d => d.Invoice.IssueDate).Concat(received.Select(p => p.Received)).Distinct().Order().ToList();
            foreach (var day in days)
            {
                AssessLumpSums(day);
                _active.AddRange(issued.Where(d => d.Invoice.IssueDate == day));
                foreach (var payment in received.Where(p => p.Received == day))
                {
                    _paid.Add(Receive(payment));
                }

                Allocate(day);
            }

            AssessLumpSums(on);
            return Statement();
        }

        private Paid Receive(ReceivedPayment payment)
        {
            var named = Designated(payment.Reference);
            var paid = new Paid(payment, named?.Number);
            paid.Steps.Add($"Received {payment.Amount} on {Shown.Date(payment.Received)}{(payment.Reference is { } r ? $" with reference {r}" : " without a reference")}.");
            if (payment.Reference is not null)
            {
                paid.Steps.Add(named is null
                    ? "The reference names no invoice on this account."
                    : rule == AllocationRule.AsDesignated
                        ? $"The reference names invoice {named.Number}: its interest, lump sum and amount come first (Civil Code art. 1253–1254)."
                        : $"The reference names invoice {named.Number}; seed 001 art. 6.10 allocates to interest and costs first, then to the invoices open longest, whatever a payment names.");
            }

            return paid;
        }

        private AccountInvoice? Designated(string? reference)
        {
            if (reference is null)
            {
                return null;
            }

            var issued = invoices.Where(i => i.IssueDate <= on).ToList();
            return StructuredCommunication.TryParse(reference, out var communication) && issued.FirstOrDefault(i => communication.Equals(i.PaymentReference)) is { } byCommunication
                ? byCommunication
                : issued.FirstOrDefault(i => string.Equals(i.Number, reference, StringComparison.OrdinalIgnoreCase));
        }

        private void AssessLumpSums(LocalDate day)
        {
            foreach (var debt in _active.Where(d => d.LumpSum is null && d.Invoice.DueDate < day))
            {
                var rule = policy.LumpSum;
                if (debt.PrincipalOpen == Money.Zero)
                {
                    debt.LumpSum = Money.Zero;
                    debt.Late = false;
                    debt.LumpSumWorking = new Working(rule.Clause, Working.Literal, [("due", Shown.Date(debt.Invoice.DueDate))],
                        [debt.Corrected == Money.Zero ? "Nothing owed: no lump sum." : $"Paid by the due date {Shown.Date(debt.Invoice.DueDate)}: no lump sum."]);
                    continue;
                }

                var lumpSum = rule.For(debt.Corrected);
                debt.LumpSum = lumpSum;
                debt.Late = true;
                debt.LumpSumWorking = new Working(
                    rule.Clause,
                    "once per late invoice, on its amount incl. VAT less its credit notes",
                    [("due", Shown.Date(debt.Invoice.DueDate)), ("open at the end of the due date", debt.PrincipalOpen.ToString()), ("invoice less credit notes", debt.Corrected.ToString())],
                    [
                        $"{debt.PrincipalOpen} was still open at the end of {Shown.Date(debt.Invoice.DueDate)}: the lump sum is due from {Shown.Date(debt.Invoice.DueDate.PlusDays(1))}.",
                        rule.Percent == 0m
                            ? $"Flat {rule.Minimum}."
                            : $"{Shown.Percent(rule.Percent)} of {debt.Corrected} = {(debt.Corrected * (rule.Percent / 100m)).RoundToCents()}, minimum {rule.Minimum} → {lumpSum}.",
                    ]);
            }
        }

        private void Allocate(LocalDate day)
        {
            var interest = new Dictionary<Debt, Money>();
            Money InterestOpen(Debt debt)
            {
                if (!interest.TryGetValue(debt, out var accrued))
                {
                    accrued = LatePayment.Accrue(policy, debt.Invoice.DueDate, day, debt.History, rates).Interest;
                    interest[debt] = accrued;
                }

                return accrued - debt.InterestPaid;
            }

            Money Open(Debt debt, AllocationKind kind) => kind switch
            {
                AllocationKind.Interest => InterestOpen(debt),
                AllocationKind.LumpSum => (debt.LumpSum ?? Money.Zero) - debt.LumpSumPaid,
                _ => debt.PrincipalOpen,
            };

            foreach (var paid in _paid.Where(p => p.Remaining > Money.Zero))
            {
                foreach (var (debt, kind) in Targets(paid, day))
                {
                    var take = Money.Min(paid.Remaining, Open(debt, kind));
                    if (take <= Money.Zero)
                    {
                        continue;
                    }

                    paid.Remaining -= take;
                    paid.Allocations.Add(new Allocation(debt.Invoice.Number, kind, take, day));
                    switch (kind)
                    {
                        case AllocationKind.Interest:
                            debt.InterestPaid += take;
                            break;
                        case AllocationKind.LumpSum:
                            debt.LumpSumPaid += take;
                            break;
                        default:
                            debt.Pay(take, day);
                            break;
                    }

                    var left = Open(debt, kind);
                    paid.Steps.Add($"{Shown.Date(day)}: {take} to the {Name(kind)} of invoice {debt.Invoice.Number}{(left == Money.Zero ? ", now settled" : $", {left} still open")}.");
                    if (paid.Remaining == Money.Zero)
                    {
                        break;
                    }
                }
            }
        }

        private IEnumerable<(Debt, AllocationKind)> Targets(Paid paid, LocalDate day)
        {
            if (rule == AllocationRule.AsDesignated && paid.DesignatedInvoice is { } number && _active.FirstOrDefault(d => d.Invoice.Number == number) is { } named)
            {
                yield return (named, AllocationKind.Interest);
                yield return (named, AllocationKind.LumpSum);
                yield return (named, AllocationKind.Principal);
            }

            foreach (var debt in _active)
            {
                yield return (debt, AllocationKind.Interest);
                yield return (debt, AllocationKind.LumpSum);
            }

            foreach (var debt in _active.Where(d => d.Invoice.DueDate <= day))
            {
                yield return (debt, AllocationKind.Principal);
            }

            foreach (var debt in _active.Where(d => d.Invoice.DueDate > day))
            {
                yield return (debt, AllocationKind.Principal);
            }
        }

        private static string Name(AllocationKind kind) => kind switch
        {
            AllocationKind.Interest => "interest",
            AllocationKind.LumpSum => "lump sum",
            _ => "amount",
        };

        private AccountStatement Statement()
        {
            var balances = new List<InvoiceBalance>();
            var steps = new List<string>();
            foreach (var debt in _active)
            {
                var accrued = LatePayment.Accrue(policy, debt.Invoice.DueDate, on, debt.History, rates);
                var interestOpen = accrued.Interest - debt.InterestPaid;
                var lumpSum = debt.LumpSum ?? Money.Zero;
                var lumpSumWorking = debt.LumpSumWorking ?? new Working(policy.LumpSum.Clause, Working.Literal, [("due", Shown.Date(debt.Invoice.DueDate))],
                    [$"Not late on {Shown.Date(on)}: no lump sum."]);
                var lumpSumOpen = lumpSum - debt.LumpSumPaid;
                var open = debt.PrincipalOpen + interestOpen + lumpSumOpen;
                balances.Add(new InvoiceBalance(
                    debt.Invoice, debt.CreditNotes, debt.Credited, debt.Corrected, debt.Corrected - debt.PrincipalOpen, debt.PrincipalOpen,
                    DaysLate(debt), accrued, debt.InterestPaid, interestOpen, lumpSum, lumpSumWorking, debt.LumpSumPaid, lumpSumOpen, open));
                steps.Add($"Invoice {debt.Invoice.Number}: {debt.Invoice.Amount}"
                    + (debt.Credited > Money.Zero ? $" − {debt.Credited} credited" : "")
                    + $" − {debt.Corrected - debt.PrincipalOpen} paid + interest {accrued.Interest} − {debt.InterestPaid} paid + lump sum {lumpSum} − {debt.LumpSumPaid} paid = {open} open.");
            }

            var allocations = _paid.Select(p =>
            {
                var allocated = p.Payment.Amount - p.Remaining;
                var paymentSteps = new List<string>(p.Steps);
                if (p.Remaining > Money.Zero)
                {
                    paymentSteps.Add($"{p.Remaining} held on account: nothing else was open.");
                }

                return new PaymentAllocation(p.Payment, p.DesignatedInvoice, p.Allocations, allocated, p.Remaining, new Working(
                    rule.Clause(), rule.Code(), [("amount", p.Payment.Amount.ToString()), ("received", Shown.Date(p.Payment.Received))], paymentSteps));
            }).ToList();
            var onAccount = _paid.Aggregate(Money.Zero, (sum, p) => sum + p.Remaining);
            var owed = balances.Aggregate(Money.Zero, (sum, b) => sum + b.Open);
            var balance = owed - onAccount;
            steps.Add($"Balance: {owed} open − {onAccount} held on account = {balance}.");
            var working = new Working(
                $"{policy.Clause}; lump sum: {policy.LumpSum.Clause}; allocation: {rule.Clause()}",
                $"{policy.Name}; allocation {rule.Code()}; a credit note corrects its invoice from the start",
                [
                    ("on", Shown.Date(on)),
                    ("invoices", balances.Count.ToString(CultureInfo.InvariantCulture)),
                    ("payments", allocations.Count.ToString(CultureInfo.InvariantCulture)),
                ],
                steps);
            return new AccountStatement(on, policy, rule, balances, allocations, onAccount, balance, working);
        }

        // Late days while principal was open: through the day it was settled, or the statement's day.
        private int DaysLate(Debt debt)
        {
            if (!debt.Late)
            {
                return 0;
            }

            var last = debt.PrincipalOpen > Money.Zero ? on : debt.History[^1].From;
            return Math.Max(0, Period.DaysBetween(debt.Invoice.DueDate, last));
        }
    }

    /// <summary>One invoice's debt while the ledger runs.</summary>
    private sealed class Debt
    {
        public Debt(AccountInvoice invoice, List<AccountCreditNote> creditNotes)
        {
            Invoice = invoice;
            CreditNotes = creditNotes;
            Credited = creditNotes.Aggregate(Money.Zero, (sum, c) => sum + c.Amount);
            Corrected = invoice.Amount - Credited;
            PrincipalOpen = Corrected;
            History = [new OpenPrincipal(invoice.IssueDate, Corrected)];
        }

        public AccountInvoice Invoice { get; }
        public List<AccountCreditNote> CreditNotes { get; }
        public Money Credited { get; }
        public Money Corrected { get; }
        public Money PrincipalOpen { get; private set; }
        public List<OpenPrincipal> History { get; }
        public Money InterestPaid { get; set; }
        public Money? LumpSum { get; set; }

        /// <summary>Principal was still open at the end of the due date (known once a later day is reached).</summary>
        public bool Late { get; set; }
        public Working? LumpSumWorking { get; set; }
        public Money LumpSumPaid { get; set; }

        public void Pay(Money amount, LocalDate day)
        {
            PrincipalOpen -= amount;
            if (History[^1].From == day)
            {
                History[^1] = new OpenPrincipal(day, PrincipalOpen);
            }
            else
            {
                History.Add(new OpenPrincipal(day, PrincipalOpen));
            }
        }
    }

    /// <summary>One payment while the ledger runs.</summary>
    private sealed class Paid(ReceivedPayment payment, string? designatedInvoice)
    {
        public ReceivedPayment Payment { get; } = payment;
        public string? DesignatedInvoice { get; } = designatedInvoice;
        public Money Remaining { get; set; } = payment.Amount;
        public List<Allocation> Allocations { get; } = [];
        public List<string> Steps { get; } = [];
    }
}

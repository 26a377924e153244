using ClauseDesk.Billing.Invoices;
using NodaTime;

namespace ClauseDesk.Billing.Payments;

/// <summary>
/// How a payment is allocated among what the customer owes (decision 0012). Both put interest and costs
/// before the principal they belong to; they differ in what the payment's reference counts for.
/// </summary>
public enum AllocationRule
{
    /// <summary>
    /// Seed 001 art. 6.10, the preset: first to the interest and costs due (lump sums included), then to
    /// the invoices open longest, "even if the customer states that the payment concerns a later invoice".
    /// The reference is recorded and shown, never followed.
    /// </summary>
    OldestFirst,

    /// <summary>
    /// The Civil Code without such a clause (old art. 1253–1256): the debtor may say which debt a payment
    /// settles, so a reference that names an invoice (its structured communication or number) goes to that
    /// invoice's interest and lump sum, then its principal (art. 1254: interest before capital); what is
    /// left, and a payment naming nothing, is allocated as <see cref="OldestFirst"/> (art. 1256: the
    /// debt due, the oldest first).
    /// </summary>
    AsDesignated,
}

/// <summary>A name for each <see cref="AllocationRule"/>, as the API and the working write it.</summary>
public static class AllocationRules
{
    /// <summary><c>oldest-first</c> or <c>as-designated</c>.</summary>
    public static string Code(this AllocationRule rule) => rule switch
    {
        AllocationRule.OldestFirst => "oldest-first",
        AllocationRule.AsDesignated => "as-designated",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "an undefined allocation rule"),
    };

    /// <summary>The rule of that code (case-insensitive), or null.</summary>
    public static AllocationRule? Find(string? code) =>
        Enum.GetValues<AllocationRule>().Select(r => (AllocationRule?)r).FirstOrDefault(r => string.Equals(r!.Value.Code(), code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The clause the rule comes from, shown in the working.</summary>
    public static string Clause(this AllocationRule rule) => rule switch
    {
        AllocationRule.OldestFirst => "seed 001 art. 6.10",
        _ => "Civil Code (old) art. 1253–1256",
    };
}

/// <summary>An invoice on a customer's account.</summary>
public sealed record AccountInvoice
{
    /// <param name="number">The invoice number, unique on the account.</param>
    /// <param name="issueDate">The day it was issued: from then on it is owed and can be paid.</param>
    /// <param name="dueDate">On or after <paramref name="issueDate"/>.</param>
    /// <param name="amount">What it asks to be paid (incl. VAT, less any prepaid part): €0.00 to <see cref="LatePayment.MaxAmount"/>, whole cents.</param>
    /// <param name="paymentReference">Its structured communication, which a payment may quote; null if none.</param>
    /// <exception cref="ArgumentException">A blank number or a due date before the issue date.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount out of bounds or not in whole cents.</exception>
    public AccountInvoice(string number, LocalDate issueDate, LocalDate dueDate, Money amount, StructuredCommunication? paymentReference = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        if (dueDate < issueDate)
        {
            throw new ArgumentException($"Invoice {number} falls due ({Shown.Date(dueDate)}) before it is issued ({Shown.Date(issueDate)}).", nameof(dueDate));
        }

        Accounts.RequireCents(amount, nameof(amount), allowZero: true);
        Number = number;
        IssueDate = issueDate;
        DueDate = dueDate;
        Amount = amount;
        PaymentReference = paymentReference;
    }

    public string Number { get; }
    public LocalDate IssueDate { get; }
    public LocalDate DueDate { get; }
    public Money Amount { get; }
    public StructuredCommunication? PaymentReference { get; }
}

/// <summary>A credit note on a customer's account: it corrects (part of) one invoice.</summary>
public sealed record AccountCreditNote
{
    /// <param name="number">The credit note's number.</param>
    /// <param name="invoiceNumber">The invoice it corrects.</param>
    /// <param name="issueDate">The day it was issued: on and after that day the invoice is read as corrected.</param>
    /// <param name="amount">What it credits, incl. VAT: more than zero, whole cents.</param>
    /// <param name="reason">Why, as written on the credit note; null if none.</param>
    /// <exception cref="ArgumentException">A blank number or invoice number.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount out of bounds or not in whole cents.</exception>
    public AccountCreditNote(string number, string invoiceNumber, LocalDate issueDate, Money amount, string? reason = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ArgumentException.ThrowIfNullOrWhiteSpace(invoiceNumber);
        Accounts.RequireCents(amount, nameof(amount), allowZero: false);
        Number = number;
        InvoiceNumber = invoiceNumber;
        IssueDate = issueDate;
        Amount = amount;
        Reason = reason;
    }

    public string Number { get; }
    public string InvoiceNumber { get; }
    public LocalDate IssueDate { get; }
    public Money Amount { get; }
    public string? Reason { get; }
}

/// <summary>A payment received from the customer.</summary>
public sealed record ReceivedPayment
{
    /// <param name="id">Identifies the payment in the statement.</param>
    /// <param name="received">The day the money was received.</param>
    /// <param name="amount">More than zero, whole cents, at most <see cref="LatePayment.MaxAmount"/>.</param>
    /// <param name="reference">What the customer wrote with it, e.g. a structured communication; null if nothing.</param>
    /// <exception cref="ArgumentException">A blank id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount out of bounds or not in whole cents.</exception>
    public ReceivedPayment(string id, LocalDate received, Money amount, string? reference = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Accounts.RequireCents(amount, nameof(amount), allowZero: false);
        Id = id;
        Received = received;
        Amount = amount;
        Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
    }

    public string Id { get; }
    public LocalDate Received { get; }
    public Money Amount { get; }
    public string? Reference { get; }
}

/// <summary>What part of an invoice's debt an allocation settles.</summary>
public enum AllocationKind
{
    /// <summary>Late-payment interest.</summary>
    Interest,

    /// <summary>The lump sum for recovery costs.</summary>
    LumpSum,

    /// <summary>The invoice's own amount.</summary>
    Principal,
}

/// <summary>Part of a payment applied to part of an invoice's debt.</summary>
/// <param name="InvoiceNumber">The invoice.</param>
/// <param name="Kind">Interest, lump sum or principal.</param>
/// <param name="Amount">More than zero, whole cents.</param>
/// <param name="On">The day it was applied: the payment's day, or for money held on account, the day a later invoice was issued.</param>
public sealed record Allocation(string InvoiceNumber, AllocationKind Kind, Money Amount, LocalDate On);

/// <summary>A payment and how it was allocated up to the statement's day.</summary>
/// <param name="Payment">The payment.</param>
/// <param name="DesignatedInvoice">The invoice its reference names, if any (followed only under <see cref="AllocationRule.AsDesignated"/>).</param>
/// <param name="Allocations">In the order they were made.</param>
/// <param name="Allocated">The sum of <paramref name="Allocations"/>.</param>
/// <param name="Unallocated">Held on account: <c>Allocated + Unallocated = Payment.Amount</c>.</param>
/// <param name="Working">The rule and one step per allocation.</param>
public sealed record PaymentAllocation(ReceivedPayment Payment, string? DesignatedInvoice, IReadOnlyList<Allocation> Allocations, Money Allocated, Money Unallocated, Working Working);

/// <summary>One invoice on the statement: what it asked, what was credited and paid, what is still open.</summary>
/// <param name="Invoice">The invoice.</param>
/// <param name="CreditNotes">Its credit notes issued by the statement's day.</param>
/// <param name="Credited">Their sum.</param>
/// <param name="Corrected">The invoice's amount less <paramref name="Credited"/>: the principal owed.</param>
/// <param name="PrincipalPaid">Allocated to the principal.</param>
/// <param name="PrincipalOpen"><paramref name="Corrected"/> − <paramref name="PrincipalPaid"/>.</param>
/// <param name="DaysLate">Late days through the statement's day while principal was open; 0 when not late.</param>
/// <param name="Interest">Interest accrued through the statement's day, with its working.</param>
/// <param name="InterestPaid">Allocated to interest.</param>
/// <param name="InterestOpen">Accrued − paid, never negative.</param>
/// <param name="LumpSum">The lump sum, once principal was still open at the end of the due date; zero otherwise.</param>
/// <param name="LumpSumWorking">How the lump sum was found (or why none is due).</param>
/// <param name="LumpSumPaid">Allocated to the lump sum.</param>
/// <param name="LumpSumOpen"><paramref name="LumpSum"/> − <paramref name="LumpSumPaid"/>.</param>
/// <param name="Open">Principal, interest and lump sum still open.</param>
public sealed record InvoiceBalance(
    AccountInvoice Invoice,
    IReadOnlyList<AccountCreditNote> CreditNotes,
    Money Credited,
    Money Corrected,
    Money PrincipalPaid,
    Money PrincipalOpen,
    int DaysLate,
    AccruedInterest Interest,
    Money InterestPaid,
    Money InterestOpen,
    Money LumpSum,
    Working LumpSumWorking,
    Money LumpSumPaid,
    Money LumpSumOpen,
    Money Open);

internal static class Accounts
{
    public static void RequireCents(Money amount, string name, bool allowZero)
    {
        if ((allowZero ? amount < Money.Zero : amount <= Money.Zero) || amount > LatePayment.MaxAmount || amount != amount.RoundToCents())
        {
            throw new ArgumentOutOfRangeException(name, amount, $"An amount is {(allowZero ? "€0.00" : "more than €0.00")} to {LatePayment.MaxAmount}, in whole cents.");
        }
    }
}

using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace ClauseDesk.Billing.Credits;

/// <summary>What a line of the credit ledger records.</summary>
public enum CreditEntryKind
{
    /// <summary>Credits bought: adds to the balance.</summary>
    Purchase,

    /// <summary>Support given and paid from the balance: subtracts from it.</summary>
    Consumption,

    /// <summary>Support given beyond the balance: invoiced separately, the balance untouched.</summary>
    Overage,
}

/// <summary>What happens when support given needs more credits than the balance holds.</summary>
public enum OverdraftRule
{
    /// <summary>The balance is used up and the rest is recorded as overage to invoice (the default: the work was done).</summary>
    Overage,

    /// <summary>The consumption is refused and nothing is recorded.</summary>
    Refuse,

    /// <summary>
    /// The balance is used up and the rest is extra work in regie at the contract's hourly rate, per started
    /// quarter hour (seed 001 art. 24.4 with art. 8.1: services beyond the package are "Meerwerk").
    /// </summary>
    ExtraWork,
}

/// <summary>One line of the credit ledger, with its working.</summary>
/// <param name="Kind">Purchase, consumption or overage.</param>
/// <param name="At">When it happened.</param>
/// <param name="QuarterHours">Credits bought, used or overdrawn; always positive.</param>
/// <param name="Amount">Their value at the account's price: what the purchase costs, what the consumption was worth, what the overage is invoiced.</param>
/// <param name="Reference">The order, ticket or invoice it belongs to.</param>
/// <param name="BalanceAfter">The balance in quarter hours after this line; never negative.</param>
/// <param name="Working">How the figures were obtained.</param>
public sealed record CreditEntry(CreditEntryKind Kind, Instant At, int QuarterHours, Money Amount, string Reference, int BalanceAfter, Working Working)
{
    /// <summary>The change to the balance: + for a purchase, − for a consumption, 0 for an overage.</summary>
    public int Change => Kind switch
    {
        CreditEntryKind.Purchase => QuarterHours,
        CreditEntryKind.Consumption => -QuarterHours,
        _ => 0,
    };
}

/// <summary>
/// A customer's prepaid support credits (seed 002 art. 4.7, SPEC §5): bought in blocks of hours,
/// consumed per started quarter hour at a price per quarter hour (€20 excl. VAT in seed 002). The
/// balance, in quarter hours, is never negative and always equals the sum of the ledger's changes.
/// </summary>
/// <remarks>
/// Credits do not expire: seed 002 sets no term. The ledger is in time order: an entry dated before
/// the last one is refused. Readings: <c>docs/decisions/0010-contract-and-usage-readings.md</c>.
/// </remarks>
public sealed class SupportCreditAccount
{
    /// <summary>Seed 002 art. 4.7: €20 per quarter hour excl. VAT.</summary>
    public static readonly Money PricePerQuarterHourSeed002 = Money.Euros(20m);

    /// <summary>The largest block accepted: 10,000 hours.</summary>
    public const int MaxBlockHours = 10_000;

    /// <summary>The longest support session accepted in one consumption: 14 days.</summary>
    public static readonly Duration MaxSession = Duration.FromDays(14);

    private const string Clause = "seed 002 art. 4.7";
    private const string Reading = "consumed per started quarter hour; no expiry";
    private const string ExtraWorkClause = "seed 002 art. 4.7; seed 001 art. 24.4, art. 8.1";

    private static readonly InstantPattern Shown = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss'Z'");

    private readonly List<CreditEntry> _history = [];
    private Instant? _lastAt;

    /// <param name="pricePerQuarterHour">Price of one credit excl. VAT, more than €0 and at most €10,000; default <see cref="PricePerQuarterHourSeed002"/>.</param>
    /// <param name="overdraft">What happens beyond the balance; default <see cref="OverdraftRule.Overage"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A price out of bounds.</exception>
    /// <param name="extraWorkRate">The hourly rate excl. VAT of extra work; required by <see cref="OverdraftRule.ExtraWork"/>, more than €0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="OverdraftRule.ExtraWork"/> without a rate above €0.</exception>
    public SupportCreditAccount(Money? pricePerQuarterHour = null, OverdraftRule overdraft = OverdraftRule.Overage, Money? extraWorkRate = null)
    {
        if ((overdraft == OverdraftRule.ExtraWork && extraWorkRate is null) || extraWorkRate <= Money.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(extraWorkRate), extraWorkRate, "Extra work beyond the credits is priced at the contract's hourly rate: a rate above €0.00.");
        }

        ExtraWorkRate = extraWorkRate;
        var price = pricePerQuarterHour ?? PricePerQuarterHourSeed002;
        if (price <= Money.Zero || price > Money.Euros(10_000m))
        {
            throw new ArgumentOutOfRangeException(nameof(pricePerQuarterHour), price, "A price above €0.00, at most €10,000.00.");
        }

        PricePerQuarterHour = price;
        Overdraft = overdraft;
    }

    public Money PricePerQuarterHour { get; }

    public OverdraftRule Overdraft { get; }

    /// <summary>The hourly rate of extra work beyond the balance (<see cref="OverdraftRule.ExtraWork"/>); null otherwise.</summary>
    public Money? ExtraWorkRate { get; }

    /// <summary>Credits left, in quarter hours; never negative.</summary>
    public int Balance { get; private set; }

    /// <summary>The ledger, oldest first.</summary>
    public IReadOnlyList<CreditEntry> History => _history;

    /// <summary>
    /// An account whose ledger a store keeps: it continues from the balance and the time of the last
    /// line kept, so a new line is computed without replaying the whole ledger; <see cref="History"/>
    /// then holds only the new lines.
    /// </summary>
    /// <param name="balance">The balance after the last line kept, in quarter hours; not negative.</param>
    /// <param name="lastAt">When the last line kept was recorded; null for an empty ledger.</param>
    /// <param name="pricePerQuarterHour">As for the constructor.</param>
    /// <param name="overdraft">As for the constructor.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative balance or a price out of bounds.</exception>
    /// <param name="extraWorkRate">As for the constructor.</param>
    public static SupportCreditAccount Resume(int balance, Instant? lastAt, Money? pricePerQuarterHour = null, OverdraftRule overdraft = OverdraftRule.Overage, Money? extraWorkRate = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(balance);
        return new SupportCreditAccount(pricePerQuarterHour, overdraft, extraWorkRate) { Balance = balance, _lastAt = lastAt };
    }

    /// <summary>The quarter hours a session uses: every started quarter hour counts (15 min → 1, 16 min → 2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not more than zero, or more than <see cref="MaxSession"/>.</exception>
    public static int QuarterHoursFor(Duration duration)
    {
        if (duration <= Duration.Zero || duration > MaxSession)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A session longer than zero, at most 14 days.");
        }

        var quarter = Duration.FromMinutes(15).BclCompatibleTicks;
        return (int)((duration.BclCompatibleTicks + quarter - 1) / quarter);
    }

    /// <summary>Buys a block of <paramref name="hours"/> hours: 4 credits an hour.</summary>
    /// <param name="at">When; not before the last ledger entry.</param>
    /// <param name="hours">1–<see cref="MaxBlockHours"/>.</param>
    /// <param name="reference">The order or invoice; not blank.</param>
    /// <exception cref="ArgumentException">A blank reference.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Hours out of bounds, or <paramref name="at"/> before the last entry.</exception>
    public CreditEntry Buy(Instant at, int hours, string reference)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hours, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hours, MaxBlockHours);
        CheckEntry(at, reference);
        var quarters = hours * 4;
        var amount = PricePerQuarterHour * quarters;
        var entry = new CreditEntry(CreditEntryKind.Purchase, at, quarters, amount, reference.Trim(), Balance + quarters, new Working(
            Clause,
            Reading,
            [("block", $"{hours} h"), ("price per quarter hour excl. VAT", PricePerQuarterHour.ToString()), ("balance before", Quarters(Balance))],
            [$"{hours} h = {Quarters(quarters)} × {PricePerQuarterHour} = {amount}.", $"Balance: {Quarters(Balance)} + {Quarters(quarters)} = {Quarters(Balance + quarters)}."]));
        Record(entry);
        return entry;
    }

    /// <summary>Buys a block of <paramref name="quarterHours"/> credits at the account's price per quarter hour.</summary>
    /// <param name="at">When; not before the last ledger entry.</param>
    /// <param name="quarterHours">1–<see cref="MaxBlockHours"/> × 4.</param>
    /// <param name="reference">The order or invoice; not blank.</param>
    /// <exception cref="ArgumentException">A blank reference.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Quarter hours out of bounds, or <paramref name="at"/> before the last entry.</exception>
    public CreditEntry BuyQuarterHours(Instant at, int quarterHours, string reference)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarterHours, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarterHours, MaxBlockHours * 4);
        CheckEntry(at, reference);
        var amount = PricePerQuarterHour * quarterHours;
        var entry = new CreditEntry(CreditEntryKind.Purchase, at, quarterHours, amount, reference.Trim(), Balance + quarterHours, new Working(
            Clause,
            Reading,
            [("block", Quarters(quarterHours)), ("price per quarter hour excl. VAT", PricePerQuarterHour.ToString()), ("balance before", Quarters(Balance))],
            [$"{Quarters(quarterHours)} × {PricePerQuarterHour} = {amount}.", $"Balance: {Quarters(Balance)} + {Quarters(quarterHours)} = {Quarters(Balance + quarterHours)}."]));
        Record(entry);
        return entry;
    }

    /// <summary>
    /// Records support given for <paramref name="duration"/>: the started quarter hours are taken from
    /// the balance; what the balance lacks becomes an overage line, or, under
    /// <see cref="OverdraftRule.Refuse"/>, nothing is recorded and the call is refused.
    /// </summary>
    /// <param name="at">When; not before the last ledger entry.</param>
    /// <param name="duration">The session's length; more than zero, at most <see cref="MaxSession"/>.</param>
    /// <param name="reference">The ticket; not blank.</param>
    /// <returns>The lines recorded: a consumption, an overage, or both.</returns>
    /// <exception cref="ArgumentException">A blank reference.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration out of bounds, or <paramref name="at"/> before the last entry.</exception>
    /// <exception cref="DeskRuleException">Under <see cref="OverdraftRule.Refuse"/>, the balance is too small.</exception>
    public IReadOnlyList<CreditEntry> Consume(Instant at, Duration duration, string reference)
    {
        var needed = QuarterHoursFor(duration);
        CheckEntry(at, reference);
        var minutes = ((long)Math.Ceiling(duration.TotalSeconds / 60)).ToString(CultureInfo.InvariantCulture);
        var used = Math.Min(needed, Balance);
        var lacking = needed - used;
        if (lacking > 0 && Overdraft == OverdraftRule.Refuse)
        {
            throw new DeskRuleException("duration", $"The session needs {Quarters(needed)} but only {Quarters(Balance)} are left; buy credits first.", Clause);
        }

        var inputs = new List<(string Name, string Value)>
        {
            ("session", $"{minutes} min"),
            ("price per quarter hour excl. VAT", PricePerQuarterHour.ToString()),
            ("balance before", Quarters(Balance)),
            ("beyond the balance", Overdraft switch
            {
                OverdraftRule.Overage => "overage, invoiced at the credit price",
                OverdraftRule.ExtraWork => $"extra work in regie at {ExtraWorkRate} an hour",
                _ => "refused",
            }),
        };
        var first = $"{minutes} min = {Quarters(needed)} (every started quarter hour counts), worth {PricePerQuarterHour * needed}.";
        var recorded = new List<CreditEntry>();
        if (used > 0)
        {
            var entry = new CreditEntry(CreditEntryKind.Consumption, at, used, PricePerQuarterHour * used, reference.Trim(), Balance - used, new Working(
                Clause,
                Reading,
                inputs,
                [first, $"From the balance: {Quarters(used)}; balance {Quarters(Balance)} − {Quarters(used)} = {Quarters(Balance - used)}."]));
            Record(entry);
            recorded.Add(entry);
        }

        if (lacking > 0 && Overdraft == OverdraftRule.ExtraWork)
        {
            var rate = ExtraWorkRate!.Value;
            var amount = (rate * (lacking / 4m)).RoundToCents();
            var entry = new CreditEntry(CreditEntryKind.Overage, at, lacking, amount, reference.Trim(), Balance, new Working(
                ExtraWorkClause,
                Reading + "; beyond the balance the support is extra work in regie at the contract's hourly rate, per started quarter hour, and the balance stays at zero",
                [.. inputs, ("hourly rate excl. VAT", rate.ToString())],
                [first, $"The balance covered {Quarters(used)}; beyond it the package is exceeded, so the rest is extra work in regie (art. 24.4, art. 8.1): {Quarters(lacking)} × {rate} / 4 = {amount}, rounded to the cent, half away from zero."]));
            Record(entry);
            recorded.Add(entry);
        }
        else if (lacking > 0)
        {
            var amount = PricePerQuarterHour * lacking;
            var entry = new CreditEntry(CreditEntryKind.Overage, at, lacking, amount, reference.Trim(), Balance, new Working(
                Clause,
                Reading + "; beyond the balance the quarter hours are invoiced at the credit price and the balance stays at zero",
                inputs,
                [first, $"The balance covered {Quarters(used)}; beyond it, invoiced: {Quarters(lacking)} × {PricePerQuarterHour} = {amount}."]));
            Record(entry);
            recorded.Add(entry);
        }

        return recorded;
    }

    private void CheckEntry(Instant at, string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        if (_lastAt is { } last && at < last)
        {
            throw new ArgumentOutOfRangeException(nameof(at), Shown.Format(at), $"The ledger is in time order; its last entry is at {Shown.Format(last)}.");
        }
    }

    private void Record(CreditEntry entry)
    {
        _history.Add(entry);
        Balance = entry.BalanceAfter;
        _lastAt = entry.At;
    }

    private static string Quarters(int n) => n == 1 ? "1 quarter hour" : $"{n.ToString(CultureInfo.InvariantCulture)} quarter hours";
}

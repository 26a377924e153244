using System.Globalization;
using ClauseDesk.Calendars;
using NodaTime;

namespace ClauseDesk.Sla;

/// <summary>One breach of a contract's month: the ticket it belongs to, the engine's breach and the ticket's claim deadline.</summary>
/// <param name="Ticket">The ticket number.</param>
/// <param name="Breach">The breach as <see cref="SlaEngine.Evaluate"/> found it, with its penalty and working.</param>
/// <param name="ClaimDeadline">The ticket's claim deadline from the engine (its first breach + 7 days, art. 40.4).</param>
/// <param name="Lapsed">The claim deadline lies before today: the right to this penalty is lost (art. 40.4).</param>
public sealed record MonthBreach(string Ticket, Breach Breach, Computed<LocalDate?> ClaimDeadline, bool Lapsed);

/// <summary>
/// The service-level penalties of one contract in one month (seed 001 art. 40.3–40.4): every breach whose
/// due lies in the month, as the engine computed it per ticket, and the sums over them. Nothing of the
/// SLA arithmetic is redone here: lateness, days, penalty and cap per breach are the engine's.
/// </summary>
/// <remarks>
/// Reading <c>penalty-month</c> (ADR 0014): a breach belongs to the month of its due in the calendar's
/// zone (the month whose fee it is a share of); the cap of art. 40.3 holds per breach ("ingevolge een
/// overschrijding"), so the month's total is the plain sum; the customer's letter must be posted by the
/// earliest claim deadline of the breaches it still claims, and a breach whose deadline has passed is
/// left out of the claimable total.
/// </remarks>
public sealed record PenaltyStatement
{
    private const string PenaltyClause = "seed 001 art. 40.3";
    private const string ClaimClause = "seed 001 art. 40.4";
    private const string Reading = "penalty-month: breaches by the month of their due, cap per breach, claim by the earliest open deadline (ADR 0014)";

    public required YearMonth Month { get; init; }

    /// <summary>The month's breaches, in the order they happened.</summary>
    public required IReadOnlyList<MonthBreach> Breaches { get; init; }

    /// <summary>The sum of the month's penalties, each capped and rounded by the engine.</summary>
    public required Computed<Money> Total { get; init; }

    /// <summary>The cap every breach of the month is held to: 100 % of the fee of the month before; null without a fee.</summary>
    public required Computed<Money?> Cap { get; init; }

    /// <summary>The sum of the penalties whose claim deadline has not passed.</summary>
    public required Computed<Money> Claimable { get; init; }

    /// <summary>The last day to post the registered letter that claims every breach still claimable; null when none is.</summary>
    public required Computed<LocalDate?> ClaimDeadline { get; init; }

    /// <summary>Gathers the breaches of <paramref name="month"/> from the tickets' SLA states.</summary>
    /// <param name="month">The month, in the calendar's zone.</param>
    /// <param name="calendar">The contract's calendar: its zone decides which month a due falls in.</param>
    /// <param name="fees">The contract's fee schedule; null: no fee, every penalty is zero.</param>
    /// <param name="tickets">Each ticket's number and its state from <see cref="SlaEngine.Evaluate"/>.</param>
    /// <param name="today">Today's date in the calendar's zone, to tell lapsed claims.</param>
    /// <exception cref="ArgumentNullException">The calendar or tickets are null.</exception>
    public static PenaltyStatement Of(YearMonth month, BusinessCalendar calendar, FeeSchedule? fees, IEnumerable<(string Ticket, SlaStatus Sla)> tickets, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(tickets);
        var breaches = tickets
            .SelectMany(t => t.Sla.Breaches
                .Where(b => Instant.FromDateTimeOffset(b.At).InZone(calendar.TimeZone).Date.ToYearMonth() == month)
                .Select(b => new MonthBreach(t.Ticket, b, t.Sla.ClaimDeadline, t.Sla.ClaimDeadline.Value is { } d && d < today)))
            .OrderBy(b => b.Breach.At).ThenBy(b => b.Ticket, StringComparer.Ordinal)
            .ToList();
        var monthName = Name(month);
        var before = month.PlusMonths(-1);
        var inputs = new List<(string, string)> { ("month", monthName), ("breaches", breaches.Count.ToString(CultureInfo.InvariantCulture)) };

        var total = breaches.Aggregate(Money.Zero, (sum, b) => sum + b.Breach.Penalty);
        var totalSteps = new List<string> { $"A breach counts in {monthName} when its due lies in that month ({calendar.TimeZone.Id})." };
        totalSteps.AddRange(breaches.Select(b => $"{b.Ticket} {Lower(b.Breach.Kind)} breach, due {Show.At(calendar, b.Breach.Due)}: {b.Breach.DaysExceeded} day{(b.Breach.DaysExceeded == 1 ? "" : "s")} exceeded → {b.Breach.Penalty}{(b.Breach.Ongoing ? " so far (still running)" : "")}."));
        totalSteps.Add(breaches.Count == 0 ? "No breach in the month: no penalty." : $"Total: {total}.");
        if (fees is null)
        {
            totalSteps.Insert(0, "No service-level fee is known for this contract: every penalty is €0.00.");
        }

        var capFee = fees?.FeeFor(before);
        var capped = breaches.Where(b => b.Breach.Capped).ToList();
        var capSteps = new List<string>
        {
            capFee is { } c
                ? $"Each breach's penalty is held to 100 % of the fee of {Name(before)}, the month before the breach: {c}."
                : $"No service-level fee in {Name(before)}: the cap, and so every penalty, is €0.00.",
            "The clause caps the compensation \"ingevolge een overschrijding\" (as a result of one breach): the sum of several breaches is not capped again.",
        };
        capSteps.Add(capped.Count == 0
            ? "No breach of the month reached the cap."
            : $"Held to the cap: {string.Join(", ", capped.Select(b => $"{b.Ticket} {Lower(b.Breach.Kind)}"))}.");

        var open = breaches.Where(b => !b.Lapsed).ToList();
        var claimable = open.Aggregate(Money.Zero, (sum, b) => sum + b.Breach.Penalty);
        var claimSteps = new List<string>();
        claimSteps.AddRange(breaches.Where(b => b.Lapsed).Select(b => $"{b.Ticket}: the claim deadline {Show.Date(b.ClaimDeadline.Value!.Value)} has passed; the right to {b.Breach.Penalty} is lost (art. 40.4)."));
        claimSteps.Add(open.Count == 0 ? "Nothing is left to claim." : $"Claimable: {string.Join(" + ", open.Select(b => b.Breach.Penalty.ToString()))} = {claimable}.");

        LocalDate? deadline = open.Select(b => b.ClaimDeadline.Value).Where(d => d is not null).Min();
        var deadlineSteps = new List<string>();
        deadlineSteps.AddRange(open.GroupBy(b => b.Ticket).Select(g => $"{g.Key}: {g.First().ClaimDeadline.Working.Steps[0]}"));
        deadlineSteps.Add(deadline is { } last
            ? $"One registered letter covers them all when it is posted by the earliest of these: {Show.Date(last)}."
            : "No breach left to claim: no deadline.");

        return new PenaltyStatement
        {
            Month = month,
            Breaches = breaches,
            Total = new Computed<Money>(total, new Working(PenaltyClause, Reading, inputs, totalSteps)),
            Cap = new Computed<Money?>(capFee, new Working(PenaltyClause, Reading, [($"monthly fee {Name(before)}", capFee?.ToString() ?? "none")], capSteps)),
            Claimable = new Computed<Money>(claimable, new Working(ClaimClause, Reading, [.. inputs, ("today", Show.Date(today))], claimSteps)),
            ClaimDeadline = new Computed<LocalDate?>(deadline, new Working(ClaimClause, Reading, [("today", Show.Date(today))], deadlineSteps)),
        };
    }

    private static string Name(YearMonth month) => month.ToString("MMMM uuuu", CultureInfo.InvariantCulture);

    private static string Lower(ClockKind kind) => kind == ClockKind.Reaction ? "reaction" : "resolution";
}

using ClauseDesk.Billing;
using NodaTime;

namespace ClauseDesk.Contracts;

/// <summary>One term of a contract: the initial term (index 0) or a renewal, [<see cref="Start"/>, <see cref="End"/>).</summary>
/// <param name="Index">0 for the initial term, 1 for the first renewal, and so on.</param>
/// <param name="Start">The term's first day.</param>
/// <param name="End">The day after the term's last day: the renewal date when it renews.</param>
public sealed record ContractTermSpan(int Index, LocalDate Start, LocalDate End)
{
    /// <summary>The term's last day.</summary>
    public LocalDate LastDay => End.PlusDays(-1);
}

/// <summary>The dates a contract's term gives on a day, each with its working (SPEC §4).</summary>
/// <param name="Term">The term that day falls in; the last term once the contract has ended; the first before the start.</param>
/// <param name="Renews">Whether <see cref="Term"/> is followed by a renewal.</param>
/// <param name="Ended">Whether the contract has ended on or before that day.</param>
/// <param name="End">The day after the term's last day.</param>
/// <param name="RenewalDate">The first day of the next term; null when the contract ends with this term.</param>
/// <param name="NoticeDeadline">The last day notice (or switching renewal off) still stops the renewal of this term; null when it does not renew.</param>
/// <param name="NoticeReminder">When the reminder of the notice deadline falls due; null without a notice period or when it does not renew.</param>
/// <param name="EndReminder">When the reminder "this contract will not be renewed" falls due; null when it renews.</param>
/// <param name="NextIndexation">The next indexation on or after that day, before the end; null when none is left.</param>
/// <param name="DataPurge">The day the customer's data is purged; null while the contract renews.</param>
public sealed record ContractDates(
    ContractTermSpan Term,
    bool Renews,
    bool Ended,
    Computed<LocalDate> End,
    Computed<LocalDate>? RenewalDate,
    Computed<LocalDate>? NoticeDeadline,
    Computed<LocalDate>? NoticeReminder,
    Computed<LocalDate>? EndReminder,
    Computed<LocalDate>? NextIndexation,
    Computed<LocalDate>? DataPurge);

/// <summary>What a contract reminder is about.</summary>
public enum ContractReminderKind
{
    /// <summary>The notice deadline before a tacit renewal is coming (seed 004 §16.1).</summary>
    NoticeDeadline,

    /// <summary>The contract ends without renewal (seed 002 art. 5.2).</summary>
    EndWithoutRenewal,

    /// <summary>Prices are to be indexed (seed 002 art. 7.5, seed 004 §4.3).</summary>
    Indexation,

    /// <summary>The data kept after the end is to be purged (seed 001 art. 29.2).</summary>
    DataPurge,
}

/// <summary>
/// A reminder that has fallen due. <see cref="Key"/> is the same every day the reminder stays due,
/// so an outbox that refuses a key it already holds writes it once.
/// </summary>
/// <param name="Key">E.g. <c>notice-deadline/2026-09-01</c>: the kind and the date it is about; unique within one contract, so an outbox prefixes it with the contract's id.</param>
/// <param name="Kind">What it is about.</param>
/// <param name="DueOn">The first day it is due.</param>
/// <param name="About">The date it is about (the deadline, the end, the indexation or the purge).</param>
/// <param name="Working">Why it is due.</param>
public sealed record ContractReminder(string Key, ContractReminderKind Kind, LocalDate DueOn, LocalDate About, Working Working);

/// <summary>
/// A contract's start, terms and renewal (SPEC §4) as a value: derived dates and the reminders due
/// on a given day. "Today" is always passed in.
/// </summary>
/// <remarks>
/// <para><b>Month arithmetic:</b> term ends are the start plus whole months, always counted from the
/// start (never chained), with a day the month lacks clamped to its last day: a one-month contract
/// from 31 January 2026 runs to 27 February (renews 28 February), the next term renews on 31 March.</para>
/// <para>Readings: <c>docs/decisions/0010-contract-and-usage-readings.md</c>.</para>
/// </remarks>
public sealed class ContractTerm
{
    /// <summary>The longest term accepted: 1200 months.</summary>
    public const int MaxTermMonths = 1200;

    /// <summary>Days the data stays available after the end (seed 001 art. 29.2).</summary>
    public const int DataRetentionDays = 90;

    private const int FirstYear = 1900;
    private const int LastYear = 2999;

    /// <param name="start">The first day; year 1900–2999.</param>
    /// <param name="initialMonths">The initial term in months, 1–<see cref="MaxTermMonths"/> (SPEC: default 12).</param>
    /// <param name="renewal">How it renews.</param>
    /// <param name="indexation">When prices are indexed.</param>
    /// <param name="renewalStoppedOn">The day the customer gave notice or switched renewal off; null while it renews.</param>
    /// <exception cref="ArgumentNullException"><paramref name="renewal"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A date or length out of its bounds.</exception>
    public ContractTerm(LocalDate start, int initialMonths, RenewalClause renewal, IndexationDay indexation = IndexationDay.Anniversary, LocalDate? renewalStoppedOn = null)
    {
        ArgumentNullException.ThrowIfNull(renewal);
        if (start.Year is < FirstYear or > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, $"A contract starts in {FirstYear}–{LastYear}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialMonths);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(initialMonths, MaxTermMonths);
        if (renewalStoppedOn is { } stopped && stopped.Year is < FirstYear or > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(renewalStoppedOn), stopped, $"A date in {FirstYear}–{LastYear}.");
        }

        Start = start;
        InitialMonths = initialMonths;
        Renewal = renewal;
        Indexation = indexation;
        RenewalStoppedOn = renewalStoppedOn;
    }

    public LocalDate Start { get; }

    public int InitialMonths { get; }

    public RenewalClause Renewal { get; }

    public IndexationDay Indexation { get; }

    /// <summary>The day notice was given or renewal switched off; null while it renews.</summary>
    public LocalDate? RenewalStoppedOn { get; }

    /// <summary>The length of each renewal in months.</summary>
    public int RenewalMonths => Renewal.RenewalMonths ?? InitialMonths;

    /// <summary>The same contract with notice given (or renewal switched off) on <paramref name="on"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="on"/> outside 1900–2999.</exception>
    public ContractTerm WithRenewalStopped(LocalDate on) => new(Start, InitialMonths, Renewal, Indexation, on);

    /// <summary>The same contract renewing again (seed 002 art. 5.2: the customer ticks renewal on before the end).</summary>
    public ContractTerm WithRenewalResumed() => new(Start, InitialMonths, Renewal, Indexation);

    /// <summary>The term of that index.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative index, or a term ending after year 9000.</exception>
    public ContractTermSpan TermAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var endMonths = InitialMonths + ((long)index * RenewalMonths);
        if (endMonths > (9000L - FirstYear) * 12)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "That term ends after year 9000.");
        }

        var start = index == 0 ? Start : Start.PlusMonths((int)(endMonths - RenewalMonths));
        return new ContractTermSpan(index, start, Start.PlusMonths((int)endMonths));
    }

    /// <summary>The term <paramref name="day"/> falls in; the first term for a day before the start.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="day"/> after year 8999.</exception>
    public ContractTermSpan TermOn(LocalDate day)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day.Year, 8999, nameof(day));
        if (day < TermAt(0).End)
        {
            return TermAt(0);
        }

        // Estimate from whole months elapsed, then step: clamped month ends can be a term off.
        var months = Period.Between(Start, day, PeriodUnits.Months).Months;
        var index = Math.Max(0, ((months - InitialMonths) / RenewalMonths) - 1);
        while (TermAt(index).End <= day)
        {
            index++;
        }

        return TermAt(index);
    }

    /// <summary>The last day notice still stops the renewal that follows the term.</summary>
    public LocalDate NoticeDeadline(ContractTermSpan term) =>
        Renewal.NoticeMonths > 0 ? term.End.PlusMonths(-Renewal.NoticeMonths) : term.LastDay;

    /// <summary>The last term, when notice was given; null while it renews.</summary>
    public ContractTermSpan? FinalTerm()
    {
        if (RenewalStoppedOn is not { } stopped)
        {
            return null;
        }

        // Notice given too late for this term's renewal stops the next one.
        var term = TermOn(stopped);
        while (NoticeDeadline(term) < stopped)
        {
            term = TermAt(term.Index + 1);
        }

        return term;
    }

    /// <summary>The derived dates on <paramref name="today"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="today"/> after year 8999.</exception>
    public ContractDates DatesOn(LocalDate today)
    {
        var final = FinalTerm();
        var ended = final is not null && today >= final.End;
        var term = ended ? final! : TermOn(today);
        var renews = final is null || term.Index < final.Index;

        var end = new Computed<LocalDate>(term.End, Work(
            Renewal.Clause,
            TermReading,
            Inputs(today),
            [TermStep(term), renews ? "It renews tacitly: nobody stopped this term's renewal in time." : StopStep(final!)]));

        Computed<LocalDate>? renewal = null, notice = null, noticeReminder = null, endReminder = null, purge = null;
        if (renews)
        {
            renewal = new Computed<LocalDate>(term.End, Work(
                Renewal.Clause,
                TermReading,
                Inputs(today),
                [TermStep(term), $"The next term of {RenewalMonths} months starts on {Shown.Date(term.End)}."]));
            var deadline = NoticeDeadline(term);
            notice = new Computed<LocalDate>(deadline, Work(Renewal.Clause, NoticeReading, Inputs(today), [TermStep(term), NoticeStep(term, deadline)]));
            if (Renewal.NoticeMonths > 0)
            {
                var remindOn = deadline.PlusDays(-Renewal.NoticeReminderDays);
                noticeReminder = new Computed<LocalDate>(remindOn, Work(
                    Renewal.Clause,
                    NoticeReading,
                    Inputs(today),
                    [NoticeStep(term, deadline), $"Reminder {Renewal.NoticeReminderDays} days before the deadline: {Shown.Date(remindOn)}."]));
            }
        }
        else
        {
            var remindOn = term.End.PlusDays(-Renewal.EndReminderDays);
            endReminder = new Computed<LocalDate>(remindOn, Work(
                Renewal.Clause,
                "the reminder falls due the given number of days before the day after the last day",
                Inputs(today),
                [TermStep(term), StopStep(final!), $"Reminder {Renewal.EndReminderDays} days before {Shown.Date(term.End)}: {Shown.Date(remindOn)}."]));
            var purgeOn = term.End.PlusDays(DataRetentionDays);
            purge = new Computed<LocalDate>(purgeOn, Work(
                "seed 001 art. 29.2",
                "the 90 days run from the day after the last day; the data is purged on the day after the 90th",
                Inputs(today),
                [StopStep(final!), $"Data available for {DataRetentionDays} days: {Shown.Date(term.End)} to {Shown.Date(purgeOn.PlusDays(-1))}; purged on {Shown.Date(purgeOn)}."]));
        }

        return new ContractDates(term, renews, ended, end, renewal, notice, noticeReminder, endReminder, NextIndexation(today, final), purge);
    }

    /// <summary>
    /// The reminders due on <paramref name="today"/>: each from its first day until the date it is
    /// about (a purge stays due from its day on), so a job that missed days still sees them. Write
    /// them to the outbox by <see cref="ContractReminder.Key"/> to send each once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="today"/> after year 8999.</exception>
    public IReadOnlyList<ContractReminder> DueOn(LocalDate today)
    {
        var due = new List<ContractReminder>();
        var final = FinalTerm();
        var ended = final is not null && today >= final.End;

        if (!ended && Renewal.NoticeMonths > 0)
        {
            // With a notice period longer than a term, a later term's reminder can fall in this one.
            for (var term = TermOn(today); final is null || term.Index < final.Index; term = TermAt(term.Index + 1))
            {
                var deadline = NoticeDeadline(term);
                var remindOn = deadline.PlusDays(-Renewal.NoticeReminderDays);
                if (remindOn > today)
                {
                    break;
                }

                if (today <= deadline)
                {
                    due.Add(new ContractReminder(
                        $"notice-deadline/{Shown.Date(deadline)}",
                        ContractReminderKind.NoticeDeadline,
                        remindOn,
                        deadline,
                        Work(Renewal.Clause, NoticeReading, Inputs(today), [TermStep(term), NoticeStep(term, deadline), $"Due from {Shown.Date(remindOn)} ({Renewal.NoticeReminderDays} days before) through the deadline."])));
                }
            }
        }

        if (final is not null && !ended && final.End.PlusDays(-Renewal.EndReminderDays) <= today)
        {
            var remindOn = final.End.PlusDays(-Renewal.EndReminderDays);
            due.Add(new ContractReminder(
                $"end-without-renewal/{Shown.Date(final.End)}",
                ContractReminderKind.EndWithoutRenewal,
                remindOn,
                final.End,
                Work(Renewal.Clause, "due from the given number of days before the day after the last day, until the end", Inputs(today), [StopStep(final), $"Due from {Shown.Date(remindOn)}."])));
        }

        if (LastIndexationOnOrBefore(today) is { } indexed && (final is null || indexed < final.End))
        {
            var next = FirstIndexationAfter(indexed);
            if (today < next && (final is null || today < final.End))
            {
                due.Add(new ContractReminder(
                    $"indexation/{Shown.Date(indexed)}",
                    ContractReminderKind.Indexation,
                    indexed,
                    indexed,
                    Work(IndexationClause, IndexationReading, Inputs(today), [$"Indexation date {Shown.Date(indexed)}; due until the next one, {Shown.Date(next)}."])));
            }
        }

        if (final is not null && final.End.PlusDays(DataRetentionDays) <= today)
        {
            var purgeOn = final.End.PlusDays(DataRetentionDays);
            due.Add(new ContractReminder(
                $"data-purge/{Shown.Date(purgeOn)}",
                ContractReminderKind.DataPurge,
                purgeOn,
                purgeOn,
                Work("seed 001 art. 29.2", "the 90 days run from the day after the last day", Inputs(today), [StopStep(final), $"Purge on {Shown.Date(purgeOn)} = {Shown.Date(final.End)} + {DataRetentionDays} days."])));
        }

        return due;
    }

    private const string TermReading = "term ends are the start plus whole months, counted from the start, a missing day clamped to the month's last day";

    private string NoticeReading => Renewal.NoticeMonths > 0
        ? $"notice given on or before the renewal date minus {Renewal.NoticeMonths} months (same month arithmetic) stops the renewal"
        : "renewal can be switched off up to and including the term's last day";

    private string IndexationClause => Indexation == IndexationDay.Anniversary ? "seed 002 art. 7.5" : "seed 004 §4.3";

    private string IndexationReading => Indexation == IndexationDay.Anniversary
        ? "each anniversary of the start, counted from the start"
        : "each 1 January after the start, the first one even within the first year";

    private Computed<LocalDate>? NextIndexation(LocalDate today, ContractTermSpan? final)
    {
        var from = today < Start ? Start : today;
        var next = LastIndexationOnOrBefore(from) == from ? from : FirstIndexationAfter(from);
        if (final is not null && next >= final.End)
        {
            return null;
        }

        var step = Indexation == IndexationDay.Anniversary
            ? $"Anniversaries of {Shown.Date(Start)}: the first on or after {Shown.Date(from)} is {Shown.Date(next)}."
            : $"1 January after the start ({Shown.Date(Start)}): the first on or after {Shown.Date(from)} is {Shown.Date(next)}.";
        return new Computed<LocalDate>(next, Work(IndexationClause, IndexationReading, Inputs(today), [step]));
    }

    /// <summary>The last indexation day on or before <paramref name="day"/>, ended or not; null before the first one.</summary>
    public LocalDate? LastIndexationOnOrBefore(LocalDate day)
    {
        if (Indexation == IndexationDay.FirstOfJanuary)
        {
            var first = new LocalDate(Start.Year + 1, 1, 1);
            return day < first ? null : new LocalDate(day.Year, 1, 1);
        }

        var years = Period.Between(Start, day, PeriodUnits.Years).Years;
        // Start 29 February: the anniversary in a common year is 28 February, which Period.Between counts one short.
        while (years >= 0 && Start.PlusYears(years + 1) <= day)
        {
            years++;
        }

        return years >= 1 ? Start.PlusYears(years) : null;
    }

    private LocalDate FirstIndexationAfter(LocalDate day)
    {
        if (Indexation == IndexationDay.FirstOfJanuary)
        {
            return new LocalDate(Math.Max(day.Year, Start.Year) + 1, 1, 1);
        }

        var years = Math.Max(1, Period.Between(Start, day, PeriodUnits.Years).Years);
        while (Start.PlusYears(years) <= day)
        {
            years++;
        }

        return Start.PlusYears(years);
    }

    private string TermStep(ContractTermSpan term)
    {
        var months = term.Index == 0 ? InitialMonths : RenewalMonths;
        var total = InitialMonths + (term.Index * RenewalMonths);
        var name = term.Index == 0 ? "Initial term" : $"Renewal {term.Index}";
        return $"{name} of {months} months: {Shown.Date(term.Start)} to {Shown.Date(term.LastDay)} ({Shown.Date(Start)} + {total} months = {Shown.Date(term.End)}).";
    }

    private string NoticeStep(ContractTermSpan term, LocalDate deadline) => Renewal.NoticeMonths > 0
        ? $"Notice deadline: {Shown.Date(term.End)} − {Renewal.NoticeMonths} months = {Shown.Date(deadline)}."
        : $"Renewal can be switched off until the last day, {Shown.Date(deadline)}.";

    private string StopStep(ContractTermSpan final) =>
        $"Renewal stopped on {Shown.Date(RenewalStoppedOn!.Value)}, on or before the notice deadline {Shown.Date(NoticeDeadline(final))}: the contract ends after {Shown.Date(final.LastDay)}.";

    private List<(string Name, string Value)> Inputs(LocalDate today)
    {
        var inputs = new List<(string Name, string Value)>
        {
            ("start", Shown.Date(Start)),
            ("initial term", $"{InitialMonths} months"),
            ("renewal", $"{Renewal.Name}: {RenewalMonths} months, notice {Renewal.NoticeMonths} months"),
            ("indexation", Indexation == IndexationDay.Anniversary ? "anniversary" : "1 January"),
        };
        if (RenewalStoppedOn is { } stopped)
        {
            inputs.Add(("renewal stopped on", Shown.Date(stopped)));
        }

        inputs.Add(("today", Shown.Date(today)));
        return inputs;
    }

    private static Working Work(string clause, string reading, List<(string Name, string Value)> inputs, List<string> steps) =>
        new(clause, reading, inputs, steps);
}

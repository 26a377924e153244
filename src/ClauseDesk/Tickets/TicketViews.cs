using System.Globalization;
using System.Linq.Expressions;
using ClauseDesk.Calendars;
using ClauseDesk.Contracts;
using ClauseDesk.Sla;

namespace ClauseDesk.Tickets;

/// <summary>How a computed figure was obtained (SPEC: every figure shows its working).</summary>
public sealed record WorkingView(string Clause, string Reading, IReadOnlyDictionary<string, string> Inputs, IReadOnlyList<string> Steps)
{
    public static WorkingView Of(Working w) =>
        new(w.Clause, w.Reading, w.Inputs.GroupBy(i => i.Name).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(i => i.Value))), w.Steps);
}

/// <summary>One SLA clock: due, used, left and its state in words (on-track, at-risk, breached, paused, met, stopped, none).</summary>
public sealed record ClockView(
    string State,
    string? Target,
    string? StartedAt,
    string? Due,
    string? StoppedAt,
    long UsedMinutes,
    long? LeftMinutes,
    string? PausedFor,
    string? BreachedAt,
    WorkingView Working);

public sealed record BreachView(string Clock, string At, string Due, string LateBy, int DaysExceeded, decimal Penalty, WorkingView Working);

public sealed record SlaView(
    string Policy,
    string TimeZone,
    ClockView Reaction,
    ClockView Resolution,
    IReadOnlyList<BreachView> Breaches,
    int EscalationTier,
    WorkingView EscalationWorking,
    decimal Penalty,
    WorkingView PenaltyWorking,
    string? ClaimDeadline,
    string? AutoClosesAt);

public sealed record TicketView(
    string Number,
    string Subject,
    string Description,
    string Status,
    string Priority,
    string Urgency,
    string Impact,
    string Type,
    string Channel,
    int Line,
    Guid OrganisationId,
    Guid ContractId,
    Guid RequesterId,
    Guid? AssigneeId,
    string SubmittedAt,
    string UpdatedAt,
    string? NextDueAt,
    bool Breached,
    int EscalationTier,
    string? PausedFor,
    string? LateReport,
    bool WrittenConfirmationRequested,
    string? ClosingReason,
    BugReport? BugReport,
    int Version,
    SlaView? Sla);

/// <summary>
/// The stored fields a <see cref="TicketView"/> shows, without the SLA history: what a list of tickets
/// reads from the database (one row per ticket, no clock entries joined).
/// </summary>
public sealed record TicketRow(
    string Number,
    string Subject,
    string Description,
    TicketStatus Status,
    Priority Priority,
    Urgency Urgency,
    Impact Impact,
    TicketType Type,
    Channel Channel,
    SupportLine Line,
    Guid OrganisationId,
    Guid ContractId,
    Guid RequesterId,
    Guid? AssigneeId,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextDueAt,
    bool Breached,
    int EscalationTier,
    PauseReason? PausedFor,
    string? LateReport,
    bool WrittenConfirmationRequested,
    ClosingReason? ClosingReason,
    BugReport? BugReport,
    int Version)
{
    /// <summary>The projection, for a query (EF Core translates it to the columns) and for a loaded ticket alike.</summary>
    public static readonly Expression<Func<Ticket, TicketRow>> Of = t => new TicketRow(
        t.Number, t.Subject, t.Description, t.Status, t.Priority, t.Urgency, t.Impact, t.Type, t.Channel,
        t.Line, t.OrganisationId, t.ContractId, t.RequesterId, t.AssigneeId,
        t.SubmittedAt, t.UpdatedAt, t.NextDueAt,
        t.Breached, t.EscalationTier, t.PausedFor, t.LateReport, t.WrittenConfirmationRequested, t.ClosingReason, t.BugReport, t.Version);

    private static readonly Func<Ticket, TicketRow> From = Of.Compile();

    public static TicketRow Read(Ticket ticket) => From(ticket);
}

public static class TicketViewMapping
{
    public static string Iso(DateTimeOffset t) =>
        t.ToString(t.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    // sla: the status Ticket.Refresh just computed, so that it is not evaluated twice; null computes it.
    public static TicketView View(this Ticket t, ServiceContract contract, DateTimeOffset now, bool withSla = true, SlaStatus? sla = null) =>
        TicketRow.Read(t).View(contract.Policy().Calendar, withSla ? t.SlaView(contract, now, sla) : null);

    /// <summary>The view of a ticket's stored fields, times in the calendar's zone; <paramref name="sla"/> as computed, or null.</summary>
    public static TicketView View(this TicketRow t, BusinessCalendar calendar, SlaView? sla)
    {
        string Local(DateTimeOffset x) => Iso(calendar.InZone(x));
        return new TicketView(
            t.Number, t.Subject, t.Description, t.Status.Code(), t.Priority.ToString(), t.Urgency.Code(), t.Impact.Code(), t.Type.Code(), t.Channel.Code(),
            (int)t.Line, t.OrganisationId, t.ContractId, t.RequesterId, t.AssigneeId,
            Local(t.SubmittedAt), Local(t.UpdatedAt), t.NextDueAt is { } due ? Local(due) : null,
            t.Breached, t.EscalationTier, t.PausedFor?.Code(), t.LateReport, t.WrittenConfirmationRequested, t.ClosingReason?.Code(), t.BugReport, t.Version,
            sla);
    }

    public static SlaView SlaView(this Ticket t, ServiceContract contract, DateTimeOffset now, SlaStatus? computed = null)
    {
        var policy = contract.Policy();
        var calendar = policy.Calendar;
        var status = computed ?? t.Sla(policy, contract.Fees(), now);
        string Local(DateTimeOffset x) => Iso(calendar.InZone(x));
        ClockView Clock(ClockStatus c)
        {
            var state = c.Target is null ? "none"
                : c.Breached ? "breached"
                : c.MetAt is not null ? "met"
                : c.StartedAt is null ? "not-started"
                : c.IsPaused || c.WaitingOnSupplier ? "paused"
                : c.Left is { } left && c.TargetTime is { } target && left.Ticks * 4 < target.Ticks ? "at-risk"
                : c.IsRunning ? "on-track" : "stopped";
            return new ClockView(
                state, c.Target?.Describe(calendar), c.StartedAt is { } s ? Local(s) : null, c.Due is { } d ? Local(d) : null,
                c.StoppedAt is { } st ? Local(st) : null, (long)c.Used.TotalMinutes, c.Left is { } l ? (long)l.TotalMinutes : null,
                c.PauseReason?.Code() ?? (c.WaitingOnSupplier ? "waiting-on-supplier" : null), c.BreachedAt is { } b ? Local(b) : null, WorkingView.Of(c.Working));
        }

        return new SlaView(
            policy.Name,
            calendar.TimeZone.Id,
            Clock(status.Reaction),
            Clock(status.Resolution),
            [.. status.Breaches.Select(b => new BreachView(b.Kind.Code(), Local(b.At), Local(b.Due), Calendars.BusinessDuration.Format(b.LateBy), b.DaysExceeded, b.Penalty.Amount, WorkingView.Of(b.Working)))],
            status.EscalationTier.Value,
            WorkingView.Of(status.EscalationTier.Working),
            status.Penalty.Value.Amount,
            WorkingView.Of(status.Penalty.Working),
            status.ClaimDeadline.Value?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
            t.AutoClosesAt(calendar, policy.AutoCloseWorkingDays) is { } closes ? Local(closes) : null);
    }
}

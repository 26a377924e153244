using ClauseDesk.Sla;
using ClauseDesk.Tickets;
using NodaTime;

namespace ClauseDesk.Mail.Notices;

/// <summary>
/// A mail about a ticket. The subject is always <c>[CD-2026-000123] ticket subject</c>: the number
/// threads a reply back to the ticket (seed 003), and a subject that stays the same keeps the mails
/// together in the customer's mail program.
/// </summary>
public abstract record TicketMail(string Number, string TicketSubject) : Notice
{
    public override string Subject(NoticeFormat format) => $"[{Number}] {TicketSubject}";

    public override IReadOnlyList<NoticeBlock> Body(NoticeFormat format) =>
        [.. Says(format), new Facts([(format.Text.LabelTicket, Number), (format.Text.LabelSubject, TicketSubject)]), new Paragraph(F(format, format.Text.ReplyKeepsNumber, Number))];

    /// <summary>What this mail says, before the ticket's facts and the reply hint.</summary>
    protected abstract IEnumerable<NoticeBlock> Says(NoticeFormat format);
}

/// <summary>The acknowledgement of a new ticket, with its number (seed 003).</summary>
public sealed record TicketReceived(string Number, string TicketSubject) : TicketMail(Number, TicketSubject)
{
    public override string Kind => "received";

    protected override IEnumerable<NoticeBlock> Says(NoticeFormat format) => [new Paragraph(F(format, format.Text.Received, Number))];
}

/// <summary>A phone report to confirm in writing (seed 001 art. 39.2.2).</summary>
public sealed record WrittenConfirmationRequested(string Number, string TicketSubject) : TicketMail(Number, TicketSubject)
{
    public override string Kind => "written-confirmation-requested";

    protected override IEnumerable<NoticeBlock> Says(NoticeFormat format) => [new Paragraph(format.Text.ConfirmInWriting)];
}

/// <summary>A complaint, to the contract's service manager (seed 003).</summary>
public sealed record ComplaintReceived(string Number, string TicketSubject) : TicketMail(Number, TicketSubject)
{
    public override string Kind => "complaint";

    protected override IEnumerable<NoticeBlock> Says(NoticeFormat format) => [new Paragraph(F(format, format.Text.ComplaintForServiceManager, Number))];
}

/// <summary>A reply from the desk, quoting it when its text is known.</summary>
public sealed record DeskReplied(string Number, string TicketSubject, string Author, string? Text) : TicketMail(Number, TicketSubject)
{
    public override string Kind => "reply";

    protected override IEnumerable<NoticeBlock> Says(NoticeFormat format) =>
        Text is { Length: > 0 } text ? [new Paragraph(F(format, format.Text.Replied, Number, Author)), new Quote(text)] : [new Paragraph(F(format, format.Text.Replied, Number, Author))];
}

/// <summary>What a status change tells the customer.</summary>
public enum TicketChange
{
    Acknowledged,
    HandedOver,
    Workaround,
    Reopened,
}

/// <summary>A change of status the customer is told about; <paramref name="Line"/> for a hand-over (3: the supplier).</summary>
public sealed record StatusChanged(string Number, string TicketSubject, TicketChange Change, int? Line = null) : TicketMail(Number, TicketSubject)
{
    public override string Kind => Change switch
    {
        TicketChange.Acknowledged => "acknowledged",
        TicketChange.HandedOver => "handed-over",
        TicketChange.Workaround => "workaround",
        _ => "reopened",
    };

    protected override IEnumerable<NoticeBlock> Says(NoticeFormat format) => [new Paragraph(Change switch
    {
        TicketChange.Acknowledged => F(format, format.Text.Acknowledged, Number),
        TicketChange.HandedOver when Line is (int)SupportLine.Supplier => F(format, format.Text.HandedOverToSupplier, Number),
        TicketChange.HandedOver => F(format, format.Text.HandedOverToLine, Number, Line ?? 1),
        TicketChange.Workaround => F(format, format.Text.WorkaroundInPlace, Number),
        _ => F(format, format.Text.Reopened, Number),
    })];
}

/// <summary>The desk considers the ticket solved and asks the customer to accept it (seed 004 §6).</summary>
public sealed record TicketResolved(string Number, string TicketSubject, ClosingReason Reason) : TicketMail(Number, TicketSubject)
{
    public override string Kind => "resolved";

    protected override IEnumerable<NoticeBlock> Says(NoticeFormat format) =>
        [new Paragraph(F(format, format.Text.Resolved, Number)), new Facts([(format.Text.LabelClosingReason, format.Text.ClosingReasons[Reason])]), new Paragraph(format.Text.AcceptOrReopen)];
}

/// <summary>The desk's question, which starts the auto-close countdown: the mail states the date it closes (seed 003, seed 004 §6).</summary>
public sealed record QuestionAsked(string Number, string TicketSubject, string Question, DateTimeOffset? ClosesAt) : TicketMail(Number, TicketSubject)
{
    public override string Kind => "question";

    protected override IEnumerable<NoticeBlock> Says(NoticeFormat format) => ClosesAt is { } at
        ? [new Paragraph(F(format, format.Text.Question, Number)), new Quote(Question), new Paragraph(F(format, format.Text.QuestionClosesOn, format.When(at)))]
        : [new Paragraph(F(format, format.Text.Question, Number)), new Quote(Question)];
}

/// <summary>Closed because the question went unanswered for the contract's working days.</summary>
public sealed record AutoClosed(string Number, string TicketSubject, int WorkingDays) : TicketMail(Number, TicketSubject)
{
    public override string Kind => "closed-no-reply";

    protected override IEnumerable<NoticeBlock> Says(NoticeFormat format) =>
        [new Paragraph(F(format, format.Text.AutoClosed, Number, WorkingDays)), new Paragraph(format.Text.OpenNewTicket)];
}

/// <summary>To a tier's contacts: the ticket reached their tier at a breach (seed 001 art. 39.4.1).</summary>
public sealed record Escalated(string Number, string TicketSubject, int Tier, ClockKind Missed, DateTimeOffset Due) : TicketMail(Number, TicketSubject)
{
    public override string Kind => $"escalation-tier-{Tier}";

    public override string Subject(NoticeFormat format) => $"[{Number}] {F(format, format.Text.EscalationSubject, Tier)}: {TicketSubject}";

    protected override IEnumerable<NoticeBlock> Says(NoticeFormat format) =>
        [new Paragraph(F(format, format.Text.Escalated, Number, Tier)), new Paragraph(F(format, format.Text.TargetMissed, format.Text.Targets[Missed], format.When(Due)))];
}

/// <summary>To the customer: a target was missed, with the penalty so far and the last day to claim it (seed 001 art. 40.3–40.4).</summary>
public sealed record SlaBreached(string Number, string TicketSubject, ClockKind Missed, DateTimeOffset Due, Money PenaltySoFar, LocalDate ClaimDeadline) : TicketMail(Number, TicketSubject)
{
    public override string Kind => "sla-breached";

    public override string Subject(NoticeFormat format) => $"[{Number}] {format.Text.BreachSubject}: {TicketSubject}";

    protected override IEnumerable<NoticeBlock> Says(NoticeFormat format) =>
    [
        new Paragraph(F(format, format.Text.Breached, Number)),
        new Paragraph(F(format, format.Text.TargetMissed, format.Text.Targets[Missed], format.When(Due))),
        new Facts([(format.Text.LabelPenaltySoFar, format.Money(PenaltySoFar)), (format.Text.LabelClaimDeadline, format.Date(ClaimDeadline))]),
        new Paragraph(F(format, format.Text.ClaimUntil, format.Date(ClaimDeadline))),
    ];
}

/// <summary>To the customer: the last day to claim a penalty by registered letter is near (seed 001 art. 40.4).</summary>
public sealed record PenaltyClaimDeadline(string Number, string TicketSubject, Money PenaltySoFar, LocalDate ClaimDeadline) : TicketMail(Number, TicketSubject)
{
    public override string Kind => "penalty-claim-deadline";

    public override string Subject(NoticeFormat format) => $"[{Number}] {format.Text.ClaimSubject}: {TicketSubject}";

    protected override IEnumerable<NoticeBlock> Says(NoticeFormat format) =>
    [
        new Paragraph(F(format, format.Text.ClaimUntil, format.Date(ClaimDeadline))),
        new Facts([(format.Text.LabelPenaltySoFar, format.Money(PenaltySoFar)), (format.Text.LabelClaimDeadline, format.Date(ClaimDeadline))]),
    ];
}

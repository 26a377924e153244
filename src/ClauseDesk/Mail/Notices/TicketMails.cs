using ClauseDesk.Data;
using ClauseDesk.Sla;
using ClauseDesk.Tickets;

namespace ClauseDesk.Mail.Notices;

/// <summary>The catalogue's mail for a notice the ticket raised, from the facts the notice carries.</summary>
public static class TicketMails
{
    /// <summary>The typed mail, or null for a kind the catalogue does not know (then the notice's own text is sent).</summary>
    public static Notice? Of(DeskDbContext db, Ticket ticket, TicketNotice notice)
    {
        var (number, subject) = (ticket.Number, ticket.Subject);
        return notice.Kind switch
        {
            "received" => new TicketReceived(number, subject),
            "written-confirmation-requested" => new WrittenConfirmationRequested(number, subject),
            "complaint" => new ComplaintReceived(number, subject),
            "reply" => new DeskReplied(number, subject, notice.Detail ?? "", Reply(db, ticket)),
            "acknowledged" => new StatusChanged(number, subject, TicketChange.Acknowledged),
            "handed-over" => new StatusChanged(number, subject, TicketChange.HandedOver, notice.Count),
            "workaround" => new StatusChanged(number, subject, TicketChange.Workaround),
            "reopened" => new StatusChanged(number, subject, TicketChange.Reopened),
            "resolved" => new TicketResolved(number, subject, TicketWords.TryParseCode<ClosingReason>(notice.Detail, out var reason) ? reason : ClosingReason.Fixed),
            "question" => new QuestionAsked(number, subject, notice.Detail ?? "", notice.At),
            "closed-no-reply" => new AutoClosed(number, subject, notice.Count ?? 0),
            _ when notice.Kind.StartsWith("escalation-tier-", StringComparison.Ordinal) && notice.At is { } due =>
                new Escalated(number, subject, notice.Count ?? 2, notice.Detail == "resolution" ? ClockKind.Resolution : ClockKind.Reaction, due),
            "sla-breached" when notice.At is { } due && notice.Amount is { } penalty && notice.Date is { } deadline =>
                new SlaBreached(number, subject, notice.Detail == "resolution" ? ClockKind.Resolution : ClockKind.Reaction, due, penalty, deadline),
            "penalty-claim-deadline" when notice.Amount is { } penalty && notice.Date is { } deadline =>
                new PenaltyClaimDeadline(number, subject, penalty, deadline),
            _ => null,
        };
    }

    /// <summary>The desk's reply being saved in this unit of work: the mail quotes it.</summary>
    private static string? Reply(DeskDbContext db, Ticket ticket) =>
        db.Messages.Local.Where(m => m.TicketId == ticket.Id && !m.IsInternal).OrderBy(m => m.At).LastOrDefault()?.Body;
}

namespace ClauseDesk.Mail;

/// <summary>What the desk did with a message it received.</summary>
public enum MailOutcome
{
    /// <summary>It opened a ticket.</summary>
    Opened,

    /// <summary>It was added to a ticket as the customer's reply.</summary>
    Replied,

    /// <summary>Its sender may not open tickets; they got one polite answer saying who can.</summary>
    Refused,

    /// <summary>An auto-reply, a bounce or list mail: recorded, never answered (no mail loops).</summary>
    Ignored,

    /// <summary>It could not be read or placed; kept with the reason for an admin to look at.</summary>
    Quarantined,
}

/// <summary>
/// One received message, recorded once per mailbox by its Message-ID (or a hash of its bytes when it
/// has none): a message delivered twice, or fetched again after a crash, is recognised and not
/// processed twice. The raw message is kept as received.
/// </summary>
public sealed class InboundMail
{
    private InboundMail()
    {
    }

    public InboundMail(Guid tenantId, Guid mailboxId, string messageId, long? uid, string from, string subject, byte[] raw, DateTimeOffset receivedAt)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        MailboxId = mailboxId;
        MessageId = messageId.Length > 300 ? messageId[..300] : messageId;
        Uid = uid;
        From = from.Length > 320 ? from[..320] : from;
        Subject = subject.Length > 300 ? subject[..300] : subject;
        Raw = raw;
        ReceivedAt = receivedAt;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid MailboxId { get; private set; }
    public string MessageId { get; private set; } = "";
    public long? Uid { get; private set; }
    public string From { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public byte[] Raw { get; private set; } = [];
    public DateTimeOffset ReceivedAt { get; private set; }
    public MailOutcome Outcome { get; private set; }
    public string Reason { get; private set; } = "";
    public Guid? TicketId { get; private set; }

    public void Record(MailOutcome outcome, string reason, Guid? ticketId = null)
    {
        Outcome = outcome;
        Reason = reason.Length > 1000 ? reason[..1000] : reason;
        TicketId = ticketId;
    }
}

namespace ClauseDesk.Data.Outbox;

/// <summary>
/// A notification to send, written in the same transaction as the change that caused it, so that
/// nothing acknowledged is ever lost. <see cref="DedupKey"/> is unique: writing the same notice twice
/// (a restart repeating a job) adds nothing.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public string DedupKey { get; set; } = "";
    public string Kind { get; set; } = "";
    public Guid? TicketId { get; set; }

    /// <summary>requester, service-manager, tier-2, tier-3 or an e-mail address.</summary>
    public string Audience { get; set; } = "";

    public string Recipients { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>The Message-ID the mail is sent with, fixed before the first attempt so that a retry is the same mail and replies thread back.</summary>
    public string? MessageId { get; set; }

    /// <summary>When the next attempt may be made after a transient failure (back-off); null: at once.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>The last failure, as the server or the network said it.</summary>
    public string? LastError { get; set; }

    /// <summary>When sending was given up: a permanent refusal, or too many attempts. Shown to admins.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>The text/html body, rendered with <see cref="Body"/> at write time; null on rows written before mail had HTML (sent as plain text).</summary>
    public string? HtmlBody { get; set; }

    /// <summary>The language the mail was written in: nl, fr, en, or nl+fr+en for a mail in all three; null on older rows.</summary>
    public string? Language { get; set; }

    /// <summary>The Message-ID this mail answers when it belongs to no ticket (a refused mail), so it threads under the sender's message.</summary>
    public string? InReplyTo { get; set; }
}

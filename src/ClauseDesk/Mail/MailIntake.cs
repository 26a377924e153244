using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Data.Outbox;
using ClauseDesk.Html;
using ClauseDesk.Mail.Notices;
using ClauseDesk.Mime;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using TicketAttachment = ClauseDesk.Tickets.Attachment;

namespace ClauseDesk.Mail;

/// <summary>What became of one received message.</summary>
public sealed record IntakeResult(MailOutcome Outcome, string Reason, string? TicketNumber, bool AlreadyReceived);

/// <summary>
/// Turns a received message into a ticket or a reply (SPEC §3 channels), exactly once per mailbox and
/// Message-ID, in one transaction with the mailbox's IMAP checkpoint. Unknown senders and people who
/// may not open tickets get one polite answer a day that says who can; auto-replies, bounces and list
/// mail are recorded and never answered; what cannot be placed is quarantined with its reason.
/// </summary>
public sealed partial class MailIntake(DeskDbContext db, TimeProvider clock, WriteGate gate)
{
    private static readonly HtmlSanitiser Sanitiser = new();

    /// <summary>Processes one message of <paramref name="mailbox"/>; with a UID, the mailbox's checkpoint moves past it in the same commit.</summary>
    public async Task<IntakeResult> ReceiveAsync(Mailbox mailbox, byte[] raw, long? uid, long? uidValidity, CancellationToken cancellation)
    {
        db.Scope.TenantId = mailbox.TenantId;
        var message = MimeMessage.Parse(raw);
        var messageId = message.MessageId is { Length: > 0 } id ? id : $"sha256:{Convert.ToHexStringLower(SHA256.HashData(raw))}";
        if (messageId.Length > 300)
        {
            messageId = $"sha256:{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(messageId)))}";
        }

        using var passage = await gate.EnterAsync(db, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var tracked = await db.Mailboxes.FirstAsync(m => m.Id == mailbox.Id, cancellation);
        if (uid is { } u && uidValidity is { } validity)
        {
            tracked.Checkpoint(validity, u);
        }

        var seen = await db.InboundMails.AsNoTracking().FirstOrDefaultAsync(m => m.MailboxId == mailbox.Id && m.MessageId == messageId, cancellation);
        if (seen is not null)
        {
            // Delivered or fetched again (a retrying MTA, a restart before the checkpoint): nothing new happens.
            await db.SaveChangesAsync(cancellation);
            await transaction.CommitAsync(cancellation);
            var number = seen.TicketId is { } t ? await db.Tickets.Where(x => x.Id == t).Select(x => x.Number).FirstOrDefaultAsync(cancellation) : null;
            return new IntakeResult(seen.Outcome, seen.Reason, number, AlreadyReceived: true);
        }

        var sender = message.From.FirstOrDefault()?.Address.Trim().ToLowerInvariant() ?? "";
        var mail = new InboundMail(mailbox.TenantId, mailbox.Id, messageId, uid, sender, message.Subject ?? "", raw, clock.GetUtcNow());
        db.InboundMails.Add(mail);
        var result = await DecideAsync(tracked, message, sender, cancellation);
        mail.Record(result.Outcome, result.Reason, result.TicketId);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return new IntakeResult(result.Outcome, result.Reason, result.TicketNumber, AlreadyReceived: false);
    }

    private sealed record Decision(MailOutcome Outcome, string Reason, Guid? TicketId = null, string? TicketNumber = null);

    private async Task<Decision> DecideAsync(Mailbox mailbox, MimeMessage message, string sender, CancellationToken cancellation)
    {
        if (sender.Length == 0 || !sender.Contains('@'))
        {
            return new(MailOutcome.Quarantined, "no sender address could be read");
        }

        if (message.IsAutomatic)
        {
            return new(MailOutcome.Ignored, $"automatic mail, not answered: {message.AutomaticReason}");
        }

        if (sender == mailbox.Address)
        {
            return new(MailOutcome.Ignored, "sent from this mailbox's own address, not answered");
        }

        var person = await db.People.FirstOrDefaultAsync(p => p.Email == sender && p.Active, cancellation);
        if (person is null)
        {
            await RefuseAsync(mailbox, message, sender, new RefusedMail(message.Subject ?? "", RefusalReason.UnknownSender), null, cancellation);
            return new(MailOutcome.Refused, "unknown sender");
        }

        var user = new CurrentUser(person.Id, person.TenantId, person.OrganisationId, person.Role, person.Name);
        var text = Text(message);
        var now = clock.GetUtcNow();
        if (await ThreadAsync(mailbox, message, cancellation) is { } ticket && await db.Tickets.VisibleTo(db, user).AnyAsync(t => t.Id == ticket.Id, cancellation))
        {
            var (_, contract) = await TicketAccess.FindAsync(db, user, ticket.Number, cancellation);
            var body = QuotedHistory.Split(text).NewPart.Trim();
            db.Messages.Add(new TicketMessage(ticket, user.Actor, Clip(body.Length > 0 ? body : "(no text)"), false, Channel.Email, now));
            ticket.MessageAdded(user.Actor, now, false);
            var refused = Attach(ticket, user.Actor, message, now);
            ticket.Refresh(contract.Policy(), contract.Fees(), now);
            await TicketAccess.QueueNoticesAsync(db, ticket, contract, now, cancellation);
            return new(MailOutcome.Replied, $"reply to {ticket.Number}{refused}", ticket.Id, ticket.Number);
        }

        if (person.OrganisationId is null)
        {
            return new(MailOutcome.Quarantined, "mail from the provider's own staff that is not a reply to a ticket they may see");
        }

        var subject = (message.Subject ?? "").Trim();
        var request = new OpenTicketRequest(
            Clip(subject.Length > 0 ? subject : "(no subject)", 200), Clip(text.Trim().Length > 0 ? text.Trim() : "(no text)"),
            "non-blocking", "some", null, "email", null, null, null, null);
        // A refused ticket must not keep the number it drew: back to this point if the rules say no.
        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync("open_ticket", cancellation);
        try
        {
            var (opened, _) = await OpenTicket.OpenAsync(db, clock, gate, user, request, "", "", cancellation);
            var refused = Attach(opened, user.Actor, message, now);
            // Ticket.Open already wrote the acknowledgement with the number in its subject (seed 003).
            await db.SaveChangesAsync(cancellation);
            return new(MailOutcome.Opened, $"opened {opened.Number}{refused}", opened.Id, opened.Number);
        }
        catch (DeskRuleException e)
        {
            await transaction.RollbackToSavepointAsync("open_ticket", cancellation);
            await RefuseAsync(mailbox, message, sender, await RefusalAsync(person, message, e, cancellation), person.Language, cancellation);
            return new(MailOutcome.Refused, e.Message);
        }
        catch (RequestException e)
        {
            await transaction.RollbackToSavepointAsync("open_ticket", cancellation);
            return new(MailOutcome.Quarantined, $"{e.Field}: {e.Message}");
        }
    }

    /// <summary>The ticket a message answers: by the Message-IDs it refers to, then by the number in its subject.</summary>
    private async Task<Ticket?> ThreadAsync(Mailbox mailbox, MimeMessage message, CancellationToken cancellation)
    {
        var references = message.InReplyTo.Concat(message.References).Distinct().Take(50).ToList();
        if (references.Count > 0)
        {
            var ticketId = await db.Outbox.Where(o => o.MessageId != null && references.Contains(o.MessageId) && o.TicketId != null).Select(o => o.TicketId).FirstOrDefaultAsync(cancellation)
                ?? await db.InboundMails.Where(m => references.Contains(m.MessageId) && m.TicketId != null).Select(m => m.TicketId).FirstOrDefaultAsync(cancellation);
            if (ticketId is { } id)
            {
                return await db.Tickets.FirstAsync(t => t.Id == id, cancellation);
            }
        }

        var prefix = await db.Tenants.Where(t => t.Id == mailbox.TenantId).Select(t => t.TicketPrefix).FirstAsync(cancellation);
        foreach (Match match in NumberInSubject().Matches(message.Subject ?? ""))
        {
            if (match.Groups[1].Value.Equals(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var number = match.Value.ToUpperInvariant();
                if (await db.Tickets.FirstOrDefaultAsync(t => t.Number == number, cancellation) is { } ticket)
                {
                    return ticket;
                }
            }
        }

        return null;
    }

    /// <summary>One polite answer per sender, mailbox and day, so that two desks answering each other stop at once.</summary>
    private async Task RefuseAsync(Mailbox mailbox, MimeMessage message, string sender, RefusedMail refusal, string? language, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var key = $"refusal:{mailbox.Id:N}:{now:yyyy-MM-dd}:{sender}";
        key = key.Length > 200 ? key[..200] : key;
        if (await db.Outbox.AnyAsync(o => o.DedupKey == key, cancellation) || db.Outbox.Local.Any(o => o.DedupKey == key))
        {
            return;
        }

        var mail = await RenderAsync(mailbox, message, refusal, language, cancellation);
        db.Outbox.Add(new OutboxMessage
        {
            TenantId = mailbox.TenantId,
            DedupKey = key,
            Kind = "mail-refused",
            Audience = "sender",
            Recipients = sender,
            Subject = Clip(mail.Subject, 300),
            Body = mail.Text,
            HtmlBody = mail.Html,
            Language = mail.Language,
            InReplyTo = message.MessageId is { Length: > 0 and <= 300 } answered ? answered : null,
            CreatedAt = now,
        });
    }

    /// <summary>Keeps the files the ticket rules allow; names the ones refused and why.</summary>
    private string Attach(Ticket ticket, Actor by, MimeMessage message, DateTimeOffset now)
    {
        var refused = new List<string>();
        foreach (var file in message.Attachments.Where(a => !a.IsInline || a.FileName is not null))
        {
            var name = file.FileName ?? "attachment";
            try
            {
                db.Attachments.Add(new TicketAttachment(ticket, by, name, file.ContentType, file.Content, now));
            }
            catch (DeskRuleException e)
            {
                refused.Add($"{name}: {e.Message}");
            }
        }

        return refused.Count == 0 ? "" : $"; not kept: {string.Join("; ", refused)}";
    }

    /// <summary>The text of a message: its plain part, or its HTML made safe and turned into text.</summary>
    private static string Text(MimeMessage message) =>
        message.TextBody is { Length: > 0 } text ? text
        : message.HtmlBody is { Length: > 0 } html ? HtmlText.ToPlainText(Sanitiser.Sanitise(html))
        : "";

    private static string Clip(string text, int max = TicketMessage.MaxBodyLength) => text.Length > max ? text[..max] : text;

    [GeneratedRegex(@"\b([A-Z]{2,6})-\d{4}-\d{6}\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberInSubject();
}

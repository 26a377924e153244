using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Data.Outbox;
using ClauseDesk.Html;
using ClauseDesk.Mail.Notices;
using ClauseDesk.Maintenance;
using ClauseDesk.Mime;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using TicketAttachment = ClauseDesk.Tickets.Attachment;

namespace ClauseDesk.Mail;

/// <summary>What became of one received message.</summary>
public sealed record IntakeResult(MailOutcome Outcome, string Reason, string? TicketNumber, bool AlreadyReceived);

/// <summary>One message to take in: its bytes as received and, read over IMAP, its UID.</summary>
public sealed record IncomingMail(byte[] Raw, long? Uid);

/// <summary>
/// Turns received messages into tickets or replies (SPEC §3 channels), exactly once per mailbox and
/// Message-ID, in one transaction with the mailbox's IMAP checkpoint. Unknown senders and people who
/// may not open tickets get one polite answer a day that says who can; auto-replies, bounces and list
/// mail are recorded and never answered; what cannot be placed is quarantined with its reason.
/// </summary>
/// <remarks>
/// A batch (one IMAP FETCH) is one transaction and one commit: on SQLite a commit is an fsync, and
/// one per message was most of the intake's time. Each message has its own savepoint, so what goes
/// wrong with one message (a rule, its content, a row the database refuses) quarantines that message
/// alone; a failure of the database itself rolls back the whole batch, checkpoint included.
/// </remarks>
public sealed partial class MailIntake(DeskDbContext db, TimeProvider clock, WriteGate gate, ILogger<MailIntake> log)
{
    private const string MessageSavepoint = "mail_message";
    private static readonly HtmlSanitiser Sanitiser = new();

    /// <summary>Processes one message of <paramref name="mailbox"/>; with a UID, the mailbox's checkpoint moves past it in the same commit.</summary>
    public async Task<IntakeResult> ReceiveAsync(Mailbox mailbox, byte[] raw, long? uid, long? uidValidity, CancellationToken cancellation) =>
        (await ReceiveAsync(mailbox, [new IncomingMail(raw, uid)], uidValidity, cancellation))[0];

    /// <summary>
    /// Processes messages of <paramref name="mailbox"/> in one transaction, in the order given; with
    /// UIDs and <paramref name="uidValidity"/>, the mailbox's checkpoint moves past the highest UID in
    /// the same commit. A Message-ID already received, or twice in the batch, counts once.
    /// </summary>
    /// <returns>What became of each message, in the order given.</returns>
    /// <exception cref="System.Data.Common.DbException">The database failed: nothing of the batch was kept.</exception>
    public async Task<IReadOnlyList<IntakeResult>> ReceiveAsync(Mailbox mailbox, IReadOnlyList<IncomingMail> batch, long? uidValidity, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(batch);
        db.Scope.TenantId = mailbox.TenantId;
        // Reading is CPU work: done before the write gate, which other writers may be waiting for.
        var messages = batch.Select(Read).ToList();
        var results = new IntakeResult[messages.Count];
        if (messages.Count == 0)
        {
            return results;
        }

        using var passage = await gate.EnterAsync(db, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        // Every message has its own savepoint: EF's own one around each SaveChanges would double the round trips.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            var context = await BatchContext.LoadAsync(db, mailbox, messages, cancellation);
            for (var i = 0; i < messages.Count; i++)
            {
                var message = messages[i];
                if (context.Received.TryGetValue(message.MessageId, out var earlier))
                {
                    // Delivered or fetched again (a retrying MTA, a restart before the checkpoint), or twice in this batch: nothing new happens.
                    results[i] = earlier with { AlreadyReceived = true };
                    continue;
                }

                results[i] = await TakeInAsync(context, message, transaction, cancellation);
                context.Received[message.MessageId] = results[i];
            }

            if (uidValidity is { } validity && messages.Max(m => m.Uid) is { } last)
            {
                var tracked = await db.Mailboxes.FirstAsync(m => m.Id == mailbox.Id, cancellation);
                tracked.Checkpoint(validity, last);
                await db.SaveChangesAsync(cancellation);
            }

            await transaction.CommitAsync(cancellation);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
            // The next batch starts with an empty change tracker: it does not grow with a long session.
            db.ChangeTracker.Clear();
        }

        return results;
    }

    /// <summary>One message, under its own savepoint; whatever goes wrong with it alone quarantines it.</summary>
    private async Task<IntakeResult> TakeInAsync(BatchContext context, ReadMail message, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellation)
    {
        await transaction.CreateSavepointAsync(MessageSavepoint, cancellation);
        Decision result;
        try
        {
            var mail = message.Record(context.Mailbox, clock.GetUtcNow());
            db.InboundMails.Add(mail);
            result = await DecideAsync(context, message, cancellation);
            mail.Record(result.Outcome, result.Reason, result.TicketId);
            await db.SaveChangesAsync(cancellation);
        }
        catch (Exception e) when (OnlyThisMessage(e))
        {
            // Back to before this message; if even that fails, the database is in trouble and the batch goes.
            await transaction.RollbackToSavepointAsync(MessageSavepoint, cancellation);
            db.ChangeTracker.Clear();
            log.LogWarning(e, "Mail {MessageId} of mailbox {Mailbox} could not be taken in; quarantined", message.MessageId, context.Mailbox.Id);
            result = new(MailOutcome.Quarantined, $"could not be taken in: {Describe(e)}");
            var quarantined = message.Record(context.Mailbox, clock.GetUtcNow());
            quarantined.Record(result.Outcome, result.Reason);
            db.InboundMails.Add(quarantined);
            await db.SaveChangesAsync(cancellation);
        }

        await transaction.ReleaseSavepointAsync(MessageSavepoint, cancellation);
        db.ChangeTracker.Clear();
        if (result.TicketId is { } ticketId)
        {
            context.Threads.TryAdd(message.MessageId, ticketId);
        }

        return new IntakeResult(result.Outcome, result.Reason, result.TicketNumber, AlreadyReceived: false);
    }

    private sealed record Decision(MailOutcome Outcome, string Reason, Guid? TicketId = null, string? TicketNumber = null);

    private async Task<Decision> DecideAsync(BatchContext context, ReadMail mail, CancellationToken cancellation)
    {
        var (message, sender, mailbox) = (mail.Message, mail.Sender, context.Mailbox);
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

        if (!context.People.TryGetValue(sender, out var person))
        {
            await RefuseAsync(context, message, sender, new RefusedMail(message.Subject ?? "", RefusalReason.UnknownSender), null, cancellation);
            return new(MailOutcome.Refused, "unknown sender");
        }

        var user = new CurrentUser(person.Id, person.TenantId, person.OrganisationId, person.Role, person.Name);
        var text = Text(message);
        var now = clock.GetUtcNow();
        if (await ThreadAsync(context, mail, cancellation) is { } ticketId
            && await db.Tickets.VisibleTo(db, user).FirstOrDefaultAsync(t => t.Id == ticketId, cancellation) is { } ticket)
        {
            var contract = await context.ContractAsync(ticket.ContractId, cancellation);
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
            await RefuseAsync(context, message, sender, await RefusalAsync(person, message, e, cancellation), person.Language, cancellation);
            return new(MailOutcome.Refused, e.Message);
        }
        catch (RequestException e)
        {
            await transaction.RollbackToSavepointAsync("open_ticket", cancellation);
            return new(MailOutcome.Quarantined, $"{e.Field}: {e.Message}");
        }
    }

    /// <summary>The ticket a message answers: by the Message-IDs it refers to, then by the number in its subject.</summary>
    private async Task<Guid?> ThreadAsync(BatchContext context, ReadMail mail, CancellationToken cancellation)
    {
        if (context.ThreadOf(mail.References) is { } byReference)
        {
            return byReference;
        }

        foreach (Match match in NumberInSubject().Matches(mail.Message.Subject ?? ""))
        {
            if (match.Groups[1].Value.Equals(context.Tenant.TicketPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var number = match.Value.ToUpperInvariant();
                if (await db.Tickets.Where(t => t.Number == number).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellation) is { } id)
                {
                    return id;
                }
            }
        }

        return null;
    }

    /// <summary>One polite answer per sender, mailbox and day, so that two desks answering each other stop at once.</summary>
    private async Task RefuseAsync(BatchContext context, MimeMessage message, string sender, RefusedMail refusal, string? language, CancellationToken cancellation)
    {
        var mailbox = context.Mailbox;
        var now = clock.GetUtcNow();
        var key = $"refusal:{mailbox.Id:N}:{now:yyyy-MM-dd}:{sender}";
        key = key.Length > 200 ? key[..200] : key;
        if (await db.Outbox.AnyAsync(o => o.DedupKey == key, cancellation) || db.Outbox.Local.Any(o => o.DedupKey == key))
        {
            return;
        }

        var mail = Render(context.Tenant, message, refusal, language);
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

    /// <summary>
    /// Whether an exception is about this message (its content, a rule, a row the database refuses)
    /// rather than about the database or the connection, which fail the whole batch.
    /// </summary>
    private static bool OnlyThisMessage(Exception e) => e switch
    {
        OperationCanceledException => false,
        DbUpdateException { InnerException: System.Data.Common.DbException inner } => RefusedRow(inner),
        DbUpdateException => true,
        System.Data.Common.DbException database => RefusedRow(database),
        _ => true,
    };

    /// <summary>The database refused a statement's data (a constraint, a value, a trigger), and is otherwise well.</summary>
    private static bool RefusedRow(System.Data.Common.DbException e) => e switch
    {
        // Connection, transaction state, serialisation and deadlock, resources, shutdown, the system: the batch.
        Npgsql.PostgresException postgres => postgres.SqlState[..2] is not ("08" or "25" or "40" or "53" or "55" or "57" or "58" or "XX"),
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode is not (5 or 6 or 7 or 8 or 9 or 10 or 11 or 13 or 14 or 15 or 26),
        _ => false,
    };

    private static string Describe(Exception e)
    {
        var inner = e is DbUpdateException { InnerException: { } cause } ? cause : e;
        var text = inner.Message.Split('\n')[0].Trim();
        return inner is DeskRuleException or RequestException ? text : $"{inner.GetType().Name}: {text}";
    }

    /// <summary>The text of a message: its plain part, or its HTML made safe and turned into text.</summary>
    private static string Text(MimeMessage message) =>
        message.TextBody is { Length: > 0 } text ? text
        : message.HtmlBody is { Length: > 0 } html ? HtmlText.ToPlainText(Sanitiser.Sanitise(html))
        : "";

    private static string Clip(string text, int max = TicketMessage.MaxBodyLength) => text.Length > max ? text[..max] : text;

    [GeneratedRegex(@"\b([A-Z]{2,6})-\d{4}-\d{6}\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberInSubject();

    /// <summary>Parses a message and names it: its Message-ID, else a hash of its bytes. Never throws.</summary>
    private static ReadMail Read(IncomingMail incoming)
    {
        var message = MimeMessage.Parse(incoming.Raw);
        var messageId = message.MessageId is { Length: > 0 } id ? id : $"sha256:{Convert.ToHexStringLower(SHA256.HashData(incoming.Raw))}";
        if (messageId.Length > 300)
        {
            messageId = $"sha256:{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(messageId)))}";
        }

        var sender = message.From.FirstOrDefault()?.Address.Trim().ToLowerInvariant() ?? "";
        var references = message.InReplyTo.Concat(message.References).Distinct().Take(50).ToList();
        return new ReadMail(incoming, message, messageId, sender, references);
    }

    private sealed record ReadMail(IncomingMail Incoming, MimeMessage Message, string MessageId, string Sender, List<string> References)
    {
        public long? Uid => Incoming.Uid;

        public InboundMail Record(Mailbox mailbox, DateTimeOffset now) =>
            new(mailbox.TenantId, mailbox.Id, MessageId, Uid, Sender, Message.Subject ?? "", Incoming.Raw, now);
    }

    /// <summary>What a batch looks up once instead of once per message.</summary>
    private sealed class BatchContext
    {
        private readonly DeskDbContext _db;
        private readonly Dictionary<string, Guid> _outbox;
        private readonly Dictionary<Guid, ServiceContract> _contracts = [];

        private BatchContext(DeskDbContext db, Mailbox mailbox, Tenant tenant, Dictionary<string, Person> people, Dictionary<string, IntakeResult> received, Dictionary<string, Guid> outbox, Dictionary<string, Guid> threads)
        {
            _db = db;
            Mailbox = mailbox;
            Tenant = tenant;
            People = people;
            Received = received;
            _outbox = outbox;
            Threads = threads;
        }

        public Mailbox Mailbox { get; }

        public Tenant Tenant { get; }

        /// <summary>The active people the batch's senders are, by address.</summary>
        public Dictionary<string, Person> People { get; }

        /// <summary>What became of the Message-IDs already received: before this batch, or earlier in it.</summary>
        public Dictionary<string, IntakeResult> Received { get; }

        /// <summary>The ticket of each received Message-ID the batch refers to, and of the batch's own messages as they are taken in.</summary>
        public Dictionary<string, Guid> Threads { get; }

        public static async Task<BatchContext> LoadAsync(DeskDbContext db, Mailbox mailbox, List<ReadMail> messages, CancellationToken cancellation)
        {
            var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == mailbox.TenantId, cancellation);
            var ids = messages.Select(m => m.MessageId).Distinct().ToList();
            var seen = await db.InboundMails.AsNoTracking().Where(m => m.MailboxId == mailbox.Id && ids.Contains(m.MessageId))
                .Select(m => new { m.MessageId, m.Outcome, m.Reason, m.TicketId }).ToListAsync(cancellation);
            var seenTickets = seen.Where(s => s.TicketId is not null).Select(s => s.TicketId!.Value).Distinct().ToList();
            var numbers = seenTickets.Count == 0 ? [] : await db.Tickets.Where(t => seenTickets.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Number, cancellation);
            var received = seen.ToDictionary(
                s => s.MessageId,
                s => new IntakeResult(s.Outcome, s.Reason, s.TicketId is { } t ? numbers.GetValueOrDefault(t) : null, AlreadyReceived: true));

            var senders = messages.Select(m => m.Sender).Where(s => s.Length > 0).Distinct().ToList();
            var people = (await db.People.AsNoTracking().Where(p => senders.Contains(p.Email) && p.Active).ToListAsync(cancellation))
                .GroupBy(p => p.Email).ToDictionary(g => g.Key, g => g.First());

            var references = messages.SelectMany(m => m.References).Distinct().ToList();
            var outbox = new Dictionary<string, Guid>();
            var threads = new Dictionary<string, Guid>();
            if (references.Count > 0)
            {
                foreach (var sent in await db.Outbox.Where(o => o.MessageId != null && references.Contains(o.MessageId) && o.TicketId != null)
                    .Select(o => new { o.MessageId, o.TicketId }).ToListAsync(cancellation))
                {
                    outbox.TryAdd(sent.MessageId!, sent.TicketId!.Value);
                }

                foreach (var inbound in await db.InboundMails.Where(m => references.Contains(m.MessageId) && m.TicketId != null)
                    .Select(m => new { m.MessageId, m.TicketId }).ToListAsync(cancellation))
                {
                    threads.TryAdd(inbound.MessageId, inbound.TicketId!.Value);
                }
            }

            return new BatchContext(db, mailbox, tenant, people, received, outbox, threads);
        }

        /// <summary>The ticket of a message the desk sent, else of one it received, among <paramref name="references"/>.</summary>
        public Guid? ThreadOf(List<string> references)
        {
            foreach (var reference in references)
            {
                if (_outbox.TryGetValue(reference, out var ticket))
                {
                    return ticket;
                }
            }

            foreach (var reference in references)
            {
                if (Threads.TryGetValue(reference, out var ticket))
                {
                    return ticket;
                }
            }

            return null;
        }

        /// <summary>A ticket's contract with the provider's maintenance applied, read once per batch (not tracked: only read).</summary>
        public async Task<ServiceContract> ContractAsync(Guid id, CancellationToken cancellation)
        {
            if (!_contracts.TryGetValue(id, out var contract))
            {
                contract = await _db.Contracts.AsNoTracking().FirstAsync(c => c.Id == id, cancellation);
                await MaintenanceExclusions.ApplyAsync(_db, [contract], cancellation);
                _contracts[id] = contract;
            }

            return contract;
        }
    }
}

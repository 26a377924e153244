using System.Security.Cryptography.X509Certificates;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Data.Outbox;
using ClauseDesk.Mime;
using ClauseDesk.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClauseDesk.Mail;

/// <summary>
/// Sends the outbox over SMTP (SPEC §6): each notification gets its Message-ID before the first attempt
/// (a retry is the same mail), is marked sent in the database right after the server accepted it, is
/// retried with back-off on a transient failure and given up — and shown — on a permanent one.
/// Several servers take turns through a lease. A crash between the server's acceptance and the
/// commit of "sent" is the one window in which a mail can go out twice: the same Message-ID then
/// lets the recipient's mail system recognise it (ADR 0011).
/// </summary>
public sealed class OutboxSender(IServiceProvider services, TimeProvider clock, IOptions<SmtpOptions> options, ILogger<OutboxSender> log) : BackgroundService
{
    public const string LeaseName = "outbox-sender";
    public const int MaxAttempts = 10;
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly string Holder = JobLeases.NewHolder();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Host is null)
        {
            log.LogInformation("No SMTP server configured (Mail:Smtp:Host): notifications stay in the outbox");
            return;
        }

        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await SendDueAsync(services, options.Value, clock.GetUtcNow(), Holder, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Sending the outbox failed; it tries again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>The wait before attempt n + 1: 1, 2, 4 … minutes, at most an hour.</summary>
    public static TimeSpan BackOff(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>One round: sends what is due, oldest first, up to <paramref name="batch"/> mails. Returns how many were sent.</summary>
    public static async Task<int> SendDueAsync(IServiceProvider services, SmtpOptions smtp, DateTimeOffset now, string holder, CancellationToken cancellation, int batch = 200)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        if (smtp.Host is null || !await JobLeases.TakeAsync(db, LeaseName, holder, now, TimeSpan.FromMinutes(5), cancellation))
        {
            return 0;
        }

        // Across tenants, like the sweep: the lease makes this the only sender.
        var due = await db.Outbox.IgnoreQueryFilters()
            .Where(o => o.SentAt == null && o.FailedAt == null && (o.NextAttemptAt == null || o.NextAttemptAt <= now))
            .OrderBy(o => o.CreatedAt).Take(batch).ToListAsync(cancellation);
        if (due.Count == 0)
        {
            return 0;
        }

        var senders = await db.Mailboxes.IgnoreQueryFilters().Where(m => m.Active).GroupBy(m => m.TenantId)
            .Select(g => new { TenantId = g.Key, Address = g.OrderBy(m => m.Name).Select(m => m.Address).First() })
            .ToDictionaryAsync(x => x.TenantId, x => x.Address, cancellation);
        var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellation);

        // Message-IDs first, committed, so that every attempt of a mail carries the same one.
        foreach (var message in due.Where(o => o.MessageId is null))
        {
            message.MessageId = $"{message.Id:N}@{Domain(senders.GetValueOrDefault(message.TenantId, smtp.From))}";
        }

        await db.SaveChangesAsync(cancellation);

        var sent = 0;
        SmtpClient? client = null;
        try
        {
            foreach (var message in due)
            {
                var recipients = message.Recipients.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (recipients.Length == 0)
                {
                    Fail(message, now, $"no recipient for the audience '{message.Audience}': name one on the contract");
                    await db.SaveChangesAsync(cancellation);
                    continue;
                }

                var from = senders.GetValueOrDefault(message.TenantId, smtp.From);
                var bytes = await ComposeAsync(db, message, from, tenants.GetValueOrDefault(message.TenantId, "ClauseDesk"), recipients, cancellation);
                try
                {
                    client ??= await ConnectAsync(smtp, cancellation);
                    await client.SendAsync(from, recipients, bytes, cancellation);
                    message.SentAt = now;
                    message.Attempts++;
                    message.LastError = null;
                    sent++;
                }
                catch (SmtpException e)
                {
                    message.Attempts++;
                    message.LastError = Clip(e.Message);
                    if (!e.IsTransient || message.Attempts >= MaxAttempts)
                    {
                        Fail(message, now, message.LastError);
                    }
                    else
                    {
                        message.NextAttemptAt = now + BackOff(message.Attempts);
                    }

                    if (e is SmtpProtocolException)
                    {
                        // The connection is gone: the next mail opens a new one.
                        await DisposeAsync(client);
                        client = null;
                    }
                }
                catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or System.Security.Authentication.AuthenticationException or TimeoutException)
                {
                    message.Attempts++;
                    message.LastError = Clip($"cannot reach the SMTP server: {e.Message}");
                    message.NextAttemptAt = now + BackOff(message.Attempts);
                    await db.SaveChangesAsync(cancellation);
                    break;
                }

                await db.SaveChangesAsync(cancellation);
            }
        }
        finally
        {
            await DisposeAsync(client);
        }

        return sent;
    }

    private static void Fail(OutboxMessage message, DateTimeOffset now, string reason)
    {
        message.FailedAt = now;
        message.LastError = Clip(reason);
    }

    private static async Task<SmtpClient> ConnectAsync(SmtpOptions smtp, CancellationToken cancellation)
    {
        var security = smtp.Security.ToLowerInvariant() switch
        {
            "tls" => SmtpSecurity.ImplicitTls,
            "none" => SmtpSecurity.None,
            _ => SmtpSecurity.StartTls,
        };
        var client = await SmtpClient.ConnectAsync(new SmtpClientOptions
        {
            Host = smtp.Host!,
            Port = smtp.Port,
            Security = security,
            AcceptedCertificate = smtp.TrustedCertificate is { Length: > 0 } pem ? X509CertificateLoader.LoadCertificateFromFile(pem) : null,
        }, cancellation);
        if (smtp.User is { Length: > 0 } user)
        {
            await client.AuthenticateAsync(user, smtp.Password ?? "", cancellationToken: cancellation);
        }

        return client;
    }

    private static async Task DisposeAsync(SmtpClient? client)
    {
        if (client is null)
        {
            return;
        }

        try
        {
            await client.QuitAsync();
        }
        catch (Exception e) when (e is SmtpException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Leaving a broken connection: nothing to say goodbye to.
        }

        await client.DisposeAsync();
    }

    /// <summary>
    /// The mail exactly as the outbox row holds it: plain text plus HTML as multipart/alternative (a row
    /// written before HTML was kept goes as plain text only). A ticket's mail answers the customer's first
    /// message and references the ticket's whole thread, so replies thread back by header as well as by
    /// the number in the subject.
    /// </summary>
    private static async Task<byte[]> ComposeAsync(DeskDbContext db, OutboxMessage message, string from, string provider, string[] recipients, CancellationToken cancellation)
    {
        var builder = new MimeMessageBuilder()
            .From(provider, from)
            .Subject(message.Subject)
            .Date(message.CreatedAt)
            .MessageId(message.MessageId!)
            .AutoSubmitted()
            .TextBody(message.Body);
        if (message.HtmlBody is { Length: > 0 } html)
        {
            builder.HtmlBody(html);
        }

        if (message.Language is { Length: > 0 } language && !language.Contains('+', StringComparison.Ordinal))
        {
            builder.Header("Content-Language", language);
        }

        foreach (var recipient in recipients)
        {
            builder.To(null, recipient);
        }

        var thread = message.TicketId is { } ticketId ? await ThreadAsync(db, message, ticketId, cancellation) : [];
        if (thread.Count == 0 && message.InReplyTo is { Length: > 0 } answered)
        {
            thread = [answered];
        }

        if (thread.Count > 0)
        {
            builder.InReplyTo(thread[0]).References(thread);
        }

        return builder.ToBytes();
    }

    /// <summary>
    /// A ticket's thread, oldest first: the customer's mails and the desk's mails already sent. The root
    /// (the customer's first mail, else the desk's first) leads; long threads keep the root and the latest.
    /// </summary>
    private static async Task<List<string>> ThreadAsync(DeskDbContext db, OutboxMessage message, Guid ticketId, CancellationToken cancellation)
    {
        var received = await db.InboundMails.IgnoreQueryFilters().Where(m => m.TicketId == ticketId && m.TenantId == message.TenantId)
            .Select(m => new { At = m.ReceivedAt, Id = m.MessageId }).ToListAsync(cancellation);
        var sent = await db.Outbox.IgnoreQueryFilters().Where(o => o.TicketId == ticketId && o.TenantId == message.TenantId && o.SentAt != null && o.MessageId != null && o.Id != message.Id)
            .Select(o => new { At = o.CreatedAt, Id = o.MessageId! }).ToListAsync(cancellation);
        var customer = received.Where(m => !m.Id.StartsWith("sha256:", StringComparison.Ordinal)).OrderBy(m => m.At).Select(m => m.Id).ToList();
        var all = customer.Count > 0
            ? [customer[0], .. received.Concat(sent).Where(m => m.Id != customer[0] && !m.Id.StartsWith("sha256:", StringComparison.Ordinal)).OrderBy(m => m.At).Select(m => m.Id)]
            : sent.OrderBy(m => m.At).Select(m => m.Id).ToList();
        return all.Count > 20 ? [all[0], .. all[^19..]] : all;
    }

    private static string Domain(string address) => address[(address.LastIndexOf('@') + 1)..] is { Length: > 0 } domain ? domain : "localhost";

    private static string Clip(string text) => text.Length > 1000 ? text[..1000] : text;
}

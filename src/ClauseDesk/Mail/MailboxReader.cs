using System.Security.Cryptography.X509Certificates;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Imap;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClauseDesk.Mail;

/// <summary>
/// Reads the providers' IMAP mailboxes (SPEC §3 channels): every message after the checkpoint is taken
/// in through <see cref="MailIntake"/>, a fetched batch in one transaction that moves the checkpoint to
/// the batch's last UID in the same commit as the tickets it made, so a crash neither loses nor repeats one. Each mailbox has its own watcher: where the server
/// offers IDLE it stays connected and fetches as soon as mail arrives (ending IDLE every
/// <see cref="ImapReaderOptions.IdleRenewal"/> to renew its lease); elsewhere it polls every
/// <see cref="ImapReaderOptions.PollInterval"/>. One server reads a mailbox at a time (a lease per mailbox).
/// </summary>
public sealed class MailboxReader(IServiceProvider services, TimeProvider clock, IOptions<ImapReaderOptions> options, ILogger<MailboxReader> log) : BackgroundService
{
    /// <summary>How long a server holds a mailbox without renewing; another server takes over after it.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    /// <summary>UIDs per FETCH: one round trip brings this many messages.</summary>
    private const int Batch = 100;
    private static readonly string Holder = JobLeases.NewHolder();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var trusted = settings.TrustedCertificate is { Length: > 0 } pem ? X509CertificateLoader.LoadCertificateFromFile(pem) : null;
        var watchers = new Dictionary<Guid, (Task Watching, CancellationTokenSource Stop)>();
        using var timer = new PeriodicTimer(settings.PollInterval, clock);
        try
        {
            do
            {
                HashSet<Guid> mailboxes;
                try
                {
                    using var scope = services.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
                    mailboxes = [.. await db.Mailboxes.IgnoreQueryFilters().Where(m => m.Active && m.ImapHost != null).Select(m => m.Id).ToListAsync(stoppingToken)];
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A background reader never stops the desk: it says why and tries again.
                    log.LogWarning(e, "Listing the mailboxes failed; trying again in {Interval}", settings.PollInterval);
                    continue;
                }

                // A mailbox switched off or removed loses its watcher; a new one gets one.
                foreach (var (id, watcher) in watchers.Where(w => !mailboxes.Contains(w.Key) || w.Value.Watching.IsCompleted).ToList())
                {
                    await watcher.Stop.CancelAsync();
                    await watcher.Watching;
                    watcher.Stop.Dispose();
                    watchers.Remove(id);
                }

                foreach (var id in mailboxes.Where(id => !watchers.ContainsKey(id)))
                {
                    var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    watchers[id] = (WatchAsync(id, settings, trusted, stop.Token), stop);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        finally
        {
            foreach (var watcher in watchers.Values)
            {
                await watcher.Stop.CancelAsync();
            }

            await Task.WhenAll(watchers.Values.Select(w => w.Watching));
            foreach (var watcher in watchers.Values)
            {
                watcher.Stop.Dispose();
            }
        }
    }

    /// <summary>One mailbox, until stopped: a session (idling as long as the server lets it), a pause, the next session.</summary>
    private async Task WatchAsync(Guid mailboxId, ImapReaderOptions settings, X509Certificate2? trusted, CancellationToken stop)
    {
        await Task.Yield();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await SessionAsync(mailboxId, settings, trusted, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Reading mailbox {Mailbox} failed; trying again in {Interval}", mailboxId, settings.PollInterval);
            }

            try
            {
                await Task.Delay(settings.PollInterval, clock, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Takes in what is new; where the server offers IDLE, waits in it and takes in again whenever it
    /// wakes, renewing the lease each round. Returns when the server has no IDLE, the lease went to
    /// another server, or the mailbox's settings changed.
    /// </summary>
    private async Task SessionAsync(Guid mailboxId, ImapReaderOptions settings, X509Certificate2? trusted, CancellationToken stop)
    {
        var lease = LeaseName(mailboxId);
        Mailbox mailbox;
        string password;
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
            if (!await JobLeases.TakeAsync(db, lease, Holder, clock.GetUtcNow(), LeaseDuration, stop))
            {
                return;
            }

            mailbox = await db.Mailboxes.IgnoreQueryFilters().AsNoTracking().FirstAsync(m => m.Id == mailboxId, stop);
            password = scope.ServiceProvider.GetRequiredService<SecretBox>().Open(mailbox.ImapPasswordSealed!);
        }

        await using var client = await ConnectAsync(mailbox, password, trusted, stop);
        await client.SelectAsync(mailbox.ImapFolder, stop);
        await TakeInUntilQuietAsync(client, mailbox, stop);

        // Under the lease, and under RFC 2177's 29 minutes.
        var round = TimeSpan.FromTicks(Math.Min(settings.IdleRenewal.Ticks, LeaseDuration.Ticks / 2));
        while (client.HasCapability("IDLE"))
        {
            await client.IdleAsync(round, stop);
            using (var scope = services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
                if (!await JobLeases.TakeAsync(db, lease, Holder, clock.GetUtcNow(), LeaseDuration, stop))
                {
                    log.LogWarning("Mailbox {Mailbox}: another server holds the lease now; this one stops reading it", mailboxId);
                    return;
                }

                var current = await db.Mailboxes.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(m => m.Id == mailboxId, stop);
                if (current is null || !current.Active || !SameConnection(current, mailbox))
                {
                    break;
                }

                mailbox = current;
            }

            // Woken by new mail or not: the UID search after a quiet round also finds what no EXISTS announced.
            await TakeInUntilQuietAsync(client, mailbox, stop);
        }

        await client.LogoutAsync(stop);
    }

    /// <summary>
    /// Takes in what is new, again as long as the server announced more mail while it did: an EXISTS
    /// that came with the search or the fetch was reported already, so IDLE would not wake for it.
    /// </summary>
    private async Task TakeInUntilQuietAsync(ImapClient client, Mailbox mailbox, CancellationToken stop)
    {
        while (true)
        {
            var announced = client.SelectedMailbox!.Exists;
            await TakeInAsync(services, client, mailbox, stop);
            if (client.SelectedMailbox!.Exists == announced)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Takes in what arrived in one mailbox since its checkpoint. Returns how many messages were new to
    /// the desk; 0 also when another server holds the mailbox's lease.
    /// </summary>
    public static async Task<int> ReadOnceAsync(IServiceProvider services, Guid mailboxId, string holder, DateTimeOffset now, CancellationToken cancellation, X509Certificate2? trusted = null)
    {
        Mailbox mailbox;
        string password;
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
            if (!await JobLeases.TakeAsync(db, LeaseName(mailboxId), holder, now, LeaseDuration, cancellation))
            {
                return 0;
            }

            mailbox = await db.Mailboxes.IgnoreQueryFilters().AsNoTracking().FirstAsync(m => m.Id == mailboxId, cancellation);
            password = scope.ServiceProvider.GetRequiredService<SecretBox>().Open(mailbox.ImapPasswordSealed!);
        }

        await using var client = await ConnectAsync(mailbox, password, trusted, cancellation);
        await client.SelectAsync(mailbox.ImapFolder, cancellation);
        var taken = await TakeInAsync(services, client, mailbox, cancellation);
        await client.LogoutAsync(cancellation);
        return taken;
    }

    /// <summary>Every message after the checkpoint of <paramref name="mailbox"/> (as read from the database), in UID order, a FETCH per batch.</summary>
    private static async Task<int> TakeInAsync(IServiceProvider services, ImapClient client, Mailbox mailbox, CancellationToken cancellation)
    {
        var folder = client.SelectedMailbox!;
        // A new UIDVALIDITY renumbered the folder: start over; Message-IDs already seen are recognised.
        var after = mailbox.UidValidity == folder.UidValidity ? mailbox.LastUid : 0;
        var taken = 0;
        // Searched again until nothing is new: what arrives while a batch is taken in is not left for the next wake-up.
        while (true)
        {
            var uids = (await client.SearchAsync(ImapSearch.UidsFrom((uint)Math.Min(after + 1, uint.MaxValue)), cancellation))
                .Where(u => u > after).Order().ToList();
            if (uids.Count == 0)
            {
                return taken;
            }

            taken += await TakeInBatchesAsync(services, client, mailbox, folder.UidValidity, uids, cancellation);
            after = uids[^1];
        }
    }

    private static async Task<int> TakeInBatchesAsync(IServiceProvider services, ImapClient client, Mailbox mailbox, uint uidValidity, List<uint> uids, CancellationToken cancellation)
    {
        var taken = 0;
        foreach (var chunk in uids.Chunk(Batch))
        {
            var messages = await client.FetchAsync(chunk, cancellation);
            // One transaction per batch, the checkpoint at its last UID; a scope per batch, so nothing grows with a long session.
            using (var scope = services.CreateScope())
            {
                var intake = scope.ServiceProvider.GetRequiredService<MailIntake>();
                var batch = messages.OrderBy(m => m.Uid).Select(m => new IncomingMail(m.Raw, m.Uid)).ToList();
                if (batch.Count > 0)
                {
                    var results = await intake.ReceiveAsync(mailbox, batch, uidValidity, cancellation);
                    taken += results.Count(r => !r.AlreadyReceived);
                }
            }

            // Seen in the mail client too; the checkpoint, not this flag, decides what is read again.
            await client.AddFlagsAsync(chunk, [@"\Seen"], cancellation);
        }

        return taken;
    }

    private static async Task<ImapClient> ConnectAsync(Mailbox mailbox, string password, X509Certificate2? trusted, CancellationToken cancellation)
    {
        var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = mailbox.ImapHost!,
            Port = mailbox.ImapPort,
            Security = mailbox.ImapSecurity switch
            {
                MailSecurity.StartTls => ImapSecurity.StartTls,
                MailSecurity.None => ImapSecurity.None,
                _ => ImapSecurity.ImplicitTls,
            },
            AcceptedCertificate = trusted,
        }, cancellation);
        try
        {
            await client.LoginAsync(mailbox.ImapUser!, password, cancellation);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private static bool SameConnection(Mailbox a, Mailbox b) =>
        a.ImapHost == b.ImapHost && a.ImapPort == b.ImapPort && a.ImapSecurity == b.ImapSecurity && a.ImapUser == b.ImapUser
        && a.ImapPasswordSealed == b.ImapPasswordSealed && a.ImapFolder == b.ImapFolder;

    private static string LeaseName(Guid mailboxId) => $"mailbox:{mailboxId:N}";
}

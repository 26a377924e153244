using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Imap;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Mail;

/// <summary>
/// Reads the providers' IMAP mailboxes (SPEC §3 channels): every message after the checkpoint is taken
/// in through <see cref="MailIntake"/>, which moves the checkpoint in the same commit as the ticket it
/// made, so a crash neither loses nor repeats one. It polls every <see cref="Interval"/> (the IMAP
/// client can IDLE; waking the reader with it is still to do). One server reads a mailbox at a time
/// (a lease per mailbox).
/// </summary>
public sealed class MailboxReader(IServiceProvider services, TimeProvider clock, ILogger<MailboxReader> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private const int Batch = 50;
    private static readonly string Holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            List<Guid> mailboxes = [];
            try
            {
                using var scope = services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
                mailboxes = await db.Mailboxes.IgnoreQueryFilters().Where(m => m.Active && m.ImapHost != null).Select(m => m.Id).ToListAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A background reader never stops the desk: it says why and tries again.
                log.LogWarning(e, "Listing the mailboxes failed; trying again in {Interval}", Interval);
            }

            foreach (var id in mailboxes)
            {
                try
                {
                    await ReadOnceAsync(services, id, Holder, clock.GetUtcNow(), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Reading mailbox {Mailbox} failed; trying again in {Interval}", id, Interval);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Takes in what arrived in one mailbox since its checkpoint. Returns how many messages were new to
    /// the desk; 0 also when another server holds the mailbox's lease.
    /// </summary>
    public static async Task<int> ReadOnceAsync(IServiceProvider services, Guid mailboxId, string holder, DateTimeOffset now, CancellationToken cancellation, System.Security.Cryptography.X509Certificates.X509Certificate2? trusted = null)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        if (!await JobLeases.TakeAsync(db, $"mailbox:{mailboxId:N}", holder, now, TimeSpan.FromMinutes(5), cancellation))
        {
            return 0;
        }

        var mailbox = await db.Mailboxes.IgnoreQueryFilters().AsNoTracking().FirstAsync(m => m.Id == mailboxId, cancellation);
        var password = scope.ServiceProvider.GetRequiredService<SecretBox>().Open(mailbox.ImapPasswordSealed!);
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
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
        await client.LoginAsync(mailbox.ImapUser!, password, cancellation);
        var folder = await client.SelectAsync(mailbox.ImapFolder, cancellation);

        // A new UIDVALIDITY renumbered the folder: start over; Message-IDs already seen are recognised.
        var after = mailbox.UidValidity == folder.UidValidity ? mailbox.LastUid : 0;
        var uids = (await client.SearchAsync(ImapSearch.UidsFrom((uint)Math.Min(after + 1, uint.MaxValue)), cancellation)).Order().ToList();
        var intake = scope.ServiceProvider.GetRequiredService<MailIntake>();
        var taken = 0;
        foreach (var chunk in uids.Chunk(Batch))
        {
            foreach (var message in (await client.FetchAsync(chunk, cancellation)).OrderBy(m => m.Uid))
            {
                var result = await intake.ReceiveAsync(mailbox, message.Raw, message.Uid, folder.UidValidity, cancellation);
                taken += result.AlreadyReceived ? 0 : 1;
            }

            // Seen in the mail client too; the checkpoint, not this flag, decides what is read again.
            await client.AddFlagsAsync(chunk, [@"\Seen"], cancellation);
        }

        await client.LogoutAsync(cancellation);
        return taken;
    }
}

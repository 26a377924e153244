using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClauseDesk.Desk;
using ClauseDesk.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Mail;

/// <summary>
/// The mailbox reader as the server runs it, against a real Dovecot: waiting in IDLE it takes in mail
/// as it arrives; a server without IDLE is polled.
/// </summary>
public sealed class MailboxIdleTests : IDisposable
{
    /// <summary>Far beyond the test's wait: with it, no poll explains a ticket.</summary>
    private static readonly TimeSpan NoPolling = TimeSpan.FromHours(1);

    /// <summary>Long against the poll interval of the fallback test, short against the reader's IDLE round.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _directory = TestDirectories.Create("idle");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] Message(string from, string messageId, string subject) => Encoding.UTF8.GetBytes(
        $"From: <{from}>\r\nTo: support@provider.example\r\nSubject: {subject}\r\nMessage-ID: <{messageId}>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease help.\r\n");

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Mail_delivered_while_the_reader_idles_becomes_a_ticket_with_polling_off(string database)
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var user = await CreateMailboxAsync(desk, dovecot);
        await using (var client = await dovecot.LoginAsync(user))
        {
            client.HasCapability("IDLE").ShouldBeTrue("the test server offers IDLE");
        }

        await using var reader = await StartReaderAsync(desk, dovecot, NoPolling);
        await dovecot.DeliverAsync(user.UserName, Message(customer.Contact.Email, "first@anker.example", "VPN down"));
        // The first message may be found by the reader's first read; it marks the moment the reader is connected.
        (await WaitForTicketsAsync(desk, 1)).ShouldBe(1, "the first message became a ticket");
        await Task.Delay(500);

        await dovecot.DeliverAsync(user.UserName, Message(customer.Contact.Email, "second@anker.example", "Printer"));
        (await WaitForTicketsAsync(desk, 2)).ShouldBe(2, $"with polling every {NoPolling} and IDLE rounds of minutes, only the IDLE wake-up can take in the second message within {Patience}");
    }

    [Fact]
    public async Task A_server_without_IDLE_is_polled()
    {
        await using var dovecot = await DovecotServer.StartAsync(imapCapability: "IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ENABLE UIDPLUS STARTTLS AUTH=PLAIN");
        await using var desk = await StartAsync("sqlite");
        var customer = await desk.CreateCustomerAsync("Duvel");
        var user = await CreateMailboxAsync(desk, dovecot);

        await using (var client = await dovecot.LoginAsync(user))
        {
            client.HasCapability("IDLE").ShouldBeFalse("the test server must not offer IDLE");
        }

        await using var reader = await StartReaderAsync(desk, dovecot, TimeSpan.FromSeconds(1));
        await dovecot.DeliverAsync(user.UserName, Message(customer.Contact.Email, "first@duvel.example", "VPN down"));
        (await WaitForTicketsAsync(desk, 1)).ShouldBe(1);
        await dovecot.DeliverAsync(user.UserName, Message(customer.Contact.Email, "second@duvel.example", "Printer"));
        (await WaitForTicketsAsync(desk, 2)).ShouldBe(2, "the next poll takes in the second message");
    }

    private static async Task<(string UserName, string Password)> CreateMailboxAsync(DeskApp desk, DovecotServer dovecot)
    {
        var user = dovecot.CreateUser();
        await Json(await desk.Admin.PostAsJsonAsync("/api/mailboxes", new
        {
            name = "imap",
            address = "support@provider.example",
            imap = new { host = DovecotServer.Host, port = dovecot.ImapPort, security = "start-tls", user = user.UserName, password = user.Password },
        }), HttpStatusCode.Created);
        return user;
    }

    /// <summary>The reader as the server registers it, trusting the test server's certificate through its setting.</summary>
    private async Task<RunningReader> StartReaderAsync(DeskApp desk, DovecotServer dovecot, TimeSpan pollInterval)
    {
        var (certificate, _) = dovecot.Certificate.WriteTo(_directory);
        var reader = new MailboxReader(desk.Services, TimeProvider.System, Options.Create(new ImapReaderOptions
        {
            PollInterval = pollInterval,
            IdleRenewal = TimeSpan.FromMinutes(25),
            TrustedCertificate = certificate,
        }), NullLogger<MailboxReader>.Instance);
        await reader.StartAsync(CancellationToken.None);
        return new RunningReader(reader);
    }

    /// <summary>Waits until the desk holds <paramref name="count"/> tickets or <see cref="Patience"/> passed; returns how many it holds.</summary>
    private static async Task<int> WaitForTicketsAsync(DeskApp desk, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var total = (await Json(await desk.Admin.GetAsync("/api/tickets"), HttpStatusCode.OK)).GetProperty("total").GetInt32();
            if (total >= count || deadline.Elapsed > Patience)
            {
                return total;
            }

            await Task.Delay(100);
        }
    }

    private sealed class RunningReader(MailboxReader reader) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await reader.StopAsync(CancellationToken.None);
            reader.Dispose();
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClauseDesk.Desk;
using ClauseDesk.Infrastructure;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Mail;

/// <summary>A real Dovecot mailbox read over IMAP: each message taken in once, the checkpoint committed with it.</summary>
public sealed class MailboxReaderTests : IAsyncLifetime
{
    private DovecotServer _dovecot = null!;

    public async Task InitializeAsync() => _dovecot = await DovecotServer.StartAsync();

    public async Task DisposeAsync() => await _dovecot.DisposeAsync();

    private static byte[] Message(string from, string messageId, string subject, string? extra = null) => Encoding.UTF8.GetBytes(
        $"From: <{from}>\r\nTo: support@provider.example\r\nSubject: {subject}\r\nMessage-ID: <{messageId}>\r\n{extra}Content-Type: text/plain; charset=utf-8\r\n\r\nPlease help.\r\n");

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task New_mail_is_taken_in_once_and_a_lost_checkpoint_repeats_nothing(string database)
    {
        await using var desk = await StartAsync(database);
        var user = _dovecot.CreateUser();
        await Json(await desk.Admin.PostAsJsonAsync("/api/mailboxes", new
        {
            name = "imap",
            address = "support@provider.example",
            imap = new { host = DovecotServer.Host, port = _dovecot.ImapPort, security = "start-tls", user = user.UserName, password = user.Password },
        }), HttpStatusCode.Created);
        var customer = await desk.CreateCustomerAsync("Anker");

        await _dovecot.DeliverAsync(user.UserName, Message(customer.Contact.Email, "one@anker.example", "VPN down"));
        await _dovecot.DeliverAsync(user.UserName, Message(customer.Contact.Email, "one@anker.example", "VPN down"));
        await _dovecot.DeliverAsync(user.UserName, Message("robot@elsewhere.example", "auto@elsewhere.example", "Away", "Auto-Submitted: auto-replied\r\n"));

        (await desk.ReadMailboxAsync("imap", _dovecot.Certificate.Certificate)).ShouldBe(2, "the second copy of one@ is the same message");
        (await desk.ReadMailboxAsync("imap", _dovecot.Certificate.Certificate)).ShouldBe(0);
        var box = (await Json(await desk.Admin.GetAsync("/api/mailboxes"), HttpStatusCode.OK))[0];
        box.GetProperty("lastUid").GetInt64().ShouldBe(3);
        box.GetProperty("uidValidity").ValueKind.ShouldBe(JsonValueKind.Number);

        await _dovecot.DeliverAsync(user.UserName, Message(customer.Contact.Email, "two@anker.example", "Printer"));
        (await desk.ReadMailboxAsync("imap", _dovecot.Certificate.Certificate)).ShouldBe(1);

        // As if the checkpoint were lost (a crash between fetch and commit, a restored backup): nothing is taken in twice.
        await desk.TamperAsync("UPDATE mailboxes SET last_uid = 0");
        (await desk.ReadMailboxAsync("imap", _dovecot.Certificate.Certificate)).ShouldBe(0);
        (await Json(await desk.Admin.GetAsync("/api/tickets"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(2);
        var received = await Json(await desk.Admin.GetAsync("/api/mail/received"), HttpStatusCode.OK);
        received.EnumerateArray().Select(m => m.GetProperty("outcome").GetString()).Order().ShouldBe(["ignored", "opened", "opened"]);
    }
}

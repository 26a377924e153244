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

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_message_whose_row_the_database_refuses_is_quarantined_alone_and_the_rest_of_its_batch_is_taken_in_and_threaded(string database)
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

        // A real refusal by the database, for one message only (PostgreSQL, for one, refuses text holding a NUL): a trigger refuses its ticket.
        await desk.TamperAsync(database == "sqlite"
            ? "CREATE TRIGGER refuse_poison BEFORE INSERT ON tickets WHEN NEW.subject LIKE '%poisoned%' BEGIN SELECT RAISE(ABORT, 'poisoned row refused'); END"
            : "CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.subject LIKE '%poisoned%' THEN RAISE EXCEPTION 'poisoned row refused'; END IF; RETURN NEW; END $$; "
              + "CREATE TRIGGER refuse_poison BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION refuse_poison()");

        await _dovecot.DeliverAsync(user.UserName, Message(customer.Contact.Email, "q1@anker.example", "VPN down"));
        await _dovecot.DeliverAsync(user.UserName, Message(customer.Contact.Email, "poison@anker.example", "A poisoned question"));
        await _dovecot.DeliverAsync(user.UserName, Message(customer.Contact.Email, "r1@anker.example", "Re: VPN down", "In-Reply-To: <q1@anker.example>\r\nReferences: <q1@anker.example>\r\n"));
        await _dovecot.DeliverAsync(user.UserName, Message(customer.Contact.Email, "q2@anker.example", "Printer"));
        await _dovecot.DeliverAsync(user.UserName, Message(customer.Contact.Email, "q2@anker.example", "Printer"));

        // One fetch, one batch, one transaction: the second copy of q2 inside it counts once.
        (await desk.ReadMailboxAsync("imap", _dovecot.Certificate.Certificate)).ShouldBe(4);
        var received = (await Json(await desk.Admin.GetAsync("/api/mail/received"), HttpStatusCode.OK)).EnumerateArray()
            .ToDictionary(m => m.GetProperty("messageId").GetString()!, m => (Outcome: m.GetProperty("outcome").GetString(), Reason: m.GetProperty("reason").GetString()!, Ticket: m.GetProperty("ticketId").ToString()));
        received.Keys.Order().ShouldBe(["poison@anker.example", "q1@anker.example", "q2@anker.example", "r1@anker.example"]);
        received["poison@anker.example"].Outcome.ShouldBe("quarantined");
        received["poison@anker.example"].Reason.ShouldContain("poisoned row refused");
        received["q1@anker.example"].Outcome.ShouldBe("opened");
        received["r1@anker.example"].ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe("replied"),
            r => r.Ticket.ShouldBe(received["q1@anker.example"].Ticket, "the reply threads into the ticket opened earlier in the same batch"));
        received["q2@anker.example"].Outcome.ShouldBe("opened");

        // The quarantined message's ticket number went back with its savepoint.
        var tickets = await Json(await desk.Admin.GetAsync("/api/tickets"), HttpStatusCode.OK);
        tickets.GetProperty("total").GetInt32().ShouldBe(2);
        received["q2@anker.example"].Reason.ShouldStartWith("opened CD-2026-000002");
        var quarantined = await Json(await desk.Admin.GetAsync("/api/mail/received?outcome=quarantined"), HttpStatusCode.OK);
        quarantined.EnumerateArray().Select(m => m.GetProperty("messageId").GetString()).ShouldBe(["poison@anker.example"]);

        var box = (await Json(await desk.Admin.GetAsync("/api/mailboxes"), HttpStatusCode.OK))[0];
        box.GetProperty("lastUid").GetInt64().ShouldBe(5, "the checkpoint moved to the batch's last UID in its commit");
        (await desk.ReadMailboxAsync("imap", _dovecot.Certificate.Certificate)).ShouldBe(0, "a quarantined message is not tried again");
    }
}

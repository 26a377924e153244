using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClauseDesk.Desk;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Mail;

/// <summary>Tickets by e-mail (SPEC §3 channels): opened, threaded, refused politely, never looping, exactly once.</summary>
public class MailIntakeTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3];

    private static byte[] Mail(string from, string subject, string body, string messageId, string? inReplyTo = null, string? extraHeaders = null, bool withFiles = false)
    {
        var headers = new StringBuilder()
            .Append($"From: Sender <{from}>\r\nTo: support@provider.example\r\nSubject: {subject}\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\nMessage-ID: <{messageId}>\r\nMIME-Version: 1.0\r\n");
        if (inReplyTo is not null)
        {
            headers.Append($"In-Reply-To: <{inReplyTo}>\r\nReferences: <{inReplyTo}>\r\n");
        }

        headers.Append(extraHeaders);
        if (!withFiles)
        {
            return Encoding.UTF8.GetBytes($"{headers}Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n");
        }

        var png = Convert.ToBase64String(Png);
        var exe = Convert.ToBase64String([0x4D, 0x5A, 0x90, 0x00]);
        return Encoding.UTF8.GetBytes(
            $"{headers}Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
            $"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n" +
            $"--b1\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"screen.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{png}\r\n" +
            $"--b1\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"tool.exe\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{exe}\r\n" +
            "--b1--\r\n");
    }

    private static async Task CreateMailboxAsync(DeskApp desk, string name = "support") =>
        await Json(await desk.Admin.PostAsJsonAsync("/api/mailboxes", new { name, address = "support@provider.example" }), HttpStatusCode.Created);

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_contact_persons_mail_opens_a_ticket_once_and_replies_thread_into_it(string database)
    {
        await using var desk = await StartAsync(database);
        await CreateMailboxAsync(desk);
        var customer = await desk.CreateCustomerAsync("Anker");

        var first = Mail(customer.Contact.Email, "Printer on fire", "The printer in room 2 is on fire.", "m1@anker.example", withFiles: true);
        var opened = await desk.ReceiveMailAsync("support", first);
        opened.Outcome.ShouldBe(MailOutcome.Opened);
        opened.TicketNumber.ShouldBe("CD-2026-000001");
        opened.Reason.ShouldContain("not kept: tool.exe");
        (await desk.ReceiveMailAsync("support", first)).ShouldSatisfyAllConditions(
            r => r.AlreadyReceived.ShouldBeTrue(),
            r => r.TicketNumber.ShouldBe("CD-2026-000001"));

        var ticket = await Json(await desk.Admin.GetAsync("/api/tickets/CD-2026-000001"), HttpStatusCode.OK);
        ticket.GetProperty("channel").GetString().ShouldBe("email");
        ticket.GetProperty("subject").GetString().ShouldBe("Printer on fire");
        ticket.GetProperty("priority").GetString().ShouldBe("P4");
        var outbox = await desk.OutboxAsync();
        var received = outbox.Where(o => o.Kind == "received").ShouldHaveSingleItem(string.Join(", ", outbox.Select(o => o.Kind)));
        received.Subject.ShouldBe("[CD-2026-000001] Printer on fire");
        received.Recipients.ShouldBe(customer.Contact.Email);

        var byHeader = await desk.ReceiveMailAsync("support", Mail(customer.Contact.Email, "Re: Printer on fire", "It is out now.\r\n\r\nOn Mon, 23 Nov 2026, Sender wrote:\r\n> The printer in room 2 is on fire.", "m2@anker.example", inReplyTo: "m1@anker.example"));
        byHeader.Outcome.ShouldBe(MailOutcome.Replied);
        byHeader.TicketNumber.ShouldBe("CD-2026-000001");
        var bySubject = await desk.ReceiveMailAsync("support", Mail(customer.Contact.Email, "Re: [CD-2026-000001] anything", "Also the fax.", "m3@anker.example"));
        bySubject.TicketNumber.ShouldBe("CD-2026-000001");

        var messages = await Json(await desk.Admin.GetAsync("/api/tickets/CD-2026-000001/messages"), HttpStatusCode.OK);
        messages.EnumerateArray().Select(m => m.GetProperty("body").GetString()).ShouldBe(["It is out now.", "Also the fax."]);
        messages.EnumerateArray().ShouldAllBe(m => m.GetProperty("channel").GetString() == "email");
        var tickets = await Json(await desk.Admin.GetAsync("/api/tickets"), HttpStatusCode.OK);
        tickets.GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Strangers_and_people_who_may_not_open_get_one_polite_answer_and_automatic_mail_none(string database)
    {
        await using var desk = await StartAsync(database);
        await CreateMailboxAsync(desk);
        var customer = await desk.CreateCustomerAsync("Anker");

        var stranger = await desk.ReceiveMailAsync("support", Mail("who@elsewhere.example", "Hello", "Help", "s1@elsewhere.example"));
        stranger.Outcome.ShouldBe(MailOutcome.Refused);
        (await desk.ReceiveMailAsync("support", Mail("who@elsewhere.example", "Hello again", "Help!", "s2@elsewhere.example"))).Outcome.ShouldBe(MailOutcome.Refused);
        (await desk.OutboxAsync()).Count(o => o.Kind == "mail-refused" && o.Recipients == "who@elsewhere.example").ShouldBe(1, "one answer a day: two desks answering each other stop at once");

        var autoReply = await desk.ReceiveMailAsync("support", Mail("robot@elsewhere.example", "Out of office", "I am away", "a1@elsewhere.example", extraHeaders: "Auto-Submitted: auto-replied\r\n"));
        autoReply.Outcome.ShouldBe(MailOutcome.Ignored);
        var bounce = await desk.ReceiveMailAsync("support", Mail("MAILER-DAEMON@elsewhere.example", "Undelivered Mail Returned to Sender", "gone", "b1@elsewhere.example"));
        bounce.Outcome.ShouldBe(MailOutcome.Ignored);
        (await desk.OutboxAsync()).ShouldNotContain(o => o.Recipients == "robot@elsewhere.example" || o.Recipients.StartsWith("MAILER-DAEMON", StringComparison.OrdinalIgnoreCase));

        // Managed contracts: only contact persons open tickets (seed 001 art. 35.2); the answer names them.
        var user = await desk.ReceiveMailAsync("support", Mail(customer.User.Email, "Slow PC", "It is slow", "u1@anker.example"));
        user.Outcome.ShouldBe(MailOutcome.Refused);
        var answer = (await desk.OutboxAsync()).Single(o => o.Kind == "mail-refused" && o.Recipients == customer.User.Email);
        answer.Body.ShouldContain(customer.Contact.Name);
        answer.Subject.ShouldBe("Re: Slow PC");
        (await Json(await desk.Admin.GetAsync("/api/tickets"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(0);

        // The refused ticket gave its number back: the next one is still the first.
        (await desk.ReceiveMailAsync("support", Mail(customer.Contact.Email, "Real problem", "Broken", "c1@anker.example"))).TicketNumber.ShouldBe("CD-2026-000001");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Unreadable_mail_is_quarantined_with_its_reason_and_kept_byte_for_byte(string database)
    {
        await using var desk = await StartAsync(database);
        await CreateMailboxAsync(desk);
        var customer = await desk.CreateCustomerAsync("Anker");
        byte[] garbage = [0x00, 0xFF, 0x13, .. "no headers at all"u8.ToArray()];

        var result = await desk.ReceiveMailAsync("support", garbage);

        result.Outcome.ShouldBe(MailOutcome.Quarantined);
        result.Reason.ShouldBe("no sender address could be read");
        var quarantined = await Json(await desk.Admin.GetAsync("/api/mail/received?outcome=quarantined"), HttpStatusCode.OK);
        var entry = quarantined.EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("reason").GetString().ShouldBe("no sender address could be read");
        var raw = await desk.Admin.GetAsync($"/api/mail/received/{entry.GetProperty("id").GetGuid()}/raw");
        raw.Content.Headers.ContentType!.MediaType.ShouldBe("message/rfc822");
        (await raw.Content.ReadAsByteArrayAsync()).ShouldBe(garbage);

        (await customer.ContactClient.GetAsync("/api/mail/received")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var other = await desk.CreateOtherProviderAsync("Provider B");
        (await Json(await other.GetAsync("/api/mail/received"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
        (await other.GetAsync($"/api/mail/received/{entry.GetProperty("id").GetGuid()}/raw")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_mailbox_keeps_its_password_sealed_and_never_shows_it()
    {
        await using var desk = await StartAsync("sqlite");
        var created = await Json(await desk.Admin.PostAsJsonAsync("/api/mailboxes", new
        {
            name = "imap-box",
            address = "help@provider.example",
            imap = new { host = "imap.provider.example", security = "start-tls", user = "help", password = "s3cret-Pa55" },
        }), HttpStatusCode.Created);

        created.GetProperty("imapPort").GetInt32().ShouldBe(143);
        created.GetRawText().ShouldNotContain("s3cret");
        (await desk.Admin.GetStringAsync("/api/mailboxes")).ShouldNotContain("s3cret");
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(desk.Connection).DataSource;
        (await File.ReadAllBytesAsync(file)).AsSpan().IndexOf("s3cret-Pa55"u8).ShouldBe(-1);
        var walFile = file + "-wal";
        if (File.Exists(walFile))
        {
            (await File.ReadAllBytesAsync(walFile)).AsSpan().IndexOf("s3cret-Pa55"u8).ShouldBe(-1);
        }

        var taken = await desk.Admin.PostAsJsonAsync("/api/mailboxes", new { name = "imap-box", address = "other@provider.example" });
        taken.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var badResponse = await desk.Admin.PostAsJsonAsync("/api/mailboxes", new { name = "bad name!", address = "x@y.example" });
        var bad = await Json(badResponse, HttpStatusCode.UnprocessableEntity);
        bad.GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_MTA_pipes_mail_in_with_the_command_line()
    {
        await using var desk = await StartAsync("sqlite");
        await CreateMailboxAsync(desk, "piped");
        var customer = await desk.CreateCustomerAsync("Anker");
        var file = Path.Combine(Path.GetTempPath(), $"clausedesk-mail-{Guid.NewGuid():N}.eml");
        await File.WriteAllBytesAsync(file, Mail(customer.Contact.Email, "Piped", "From the MTA", "p1@anker.example"));
        try
        {
            var (output, error) = (new StringWriter(), new StringWriter());
            Cli.ClauseDeskCli.Run(["mail", "receive", "--mailbox", "piped", "--file", file, "--database", desk.Connection], output, error).ShouldBe(0, error.ToString());
            output.ToString().Trim().ShouldStartWith("opened: opened CD-2026-");

            var again = new StringWriter();
            Cli.ClauseDeskCli.Run(["mail", "receive", "--mailbox", "piped", "--file", file, "--database", desk.Connection], again, error).ShouldBe(0);
            again.ToString().ShouldContain("(already received)");

            var unknown = new StringWriter();
            Cli.ClauseDeskCli.Run(["mail", "receive", "--mailbox", "nope", "--file", file, "--database", desk.Connection], new StringWriter(), unknown).ShouldBe(2);
            unknown.ToString().ShouldBe("clausedesk: no active mailbox named 'nope'" + Environment.NewLine);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

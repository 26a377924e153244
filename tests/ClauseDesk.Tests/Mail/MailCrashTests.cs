using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClauseDesk.Desk;
using ClauseDesk.Infrastructure;
using Xunit.Abstractions;

namespace ClauseDesk.Mail;

/// <summary>
/// SIGKILL the real server while it takes in a full mailbox, and while it sends a full outbox; after a
/// restart on the same database every message is accounted for: taken in exactly once, sent at least
/// once (SMTP cannot make a send and our record of it one atomic step).
/// </summary>
public sealed class MailCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Messages = 1000;
    private const int Notifications = 500;
    /// <summary>A wait fails when nothing moved for this long: longer than a slow machine needs (a killed server's leases are taken over at once by its successor).</summary>
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan Starting = TimeSpan.FromSeconds(180);

    private readonly string _directory = TestDirectories.Create("mail-crash");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(DeskApp.Databases), MemberType = typeof(DeskApp))]
    public async Task Every_message_of_a_mailbox_is_taken_in_exactly_once_after_a_SIGKILL_during_the_intake(string kind)
    {
        await using var dovecot = await DovecotServer.StartAsync();
        var (certificate, _) = dovecot.Certificate.WriteTo(_directory);
        var connection = DeskApp.NewDatabase(kind);
        var run = Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        var environment = new Dictionary<string, string>
        {
            ["Mail__Imap__PollInterval"] = "00:00:01",
            ["Mail__Imap__TrustedCertificate"] = certificate,
        };

        var user = dovecot.CreateUser();
        var mail = new List<Sent>();
        string adminToken;
        using (var server = await ServerProcess.StartAsync(connection, Starting, environment))
        {
            adminToken = server.AdminToken ?? throw new InvalidOperationException($"the first start printed no API token. Output:\n{server.Output}");
            using var admin = DeskApp.Client(server.Address, adminToken);
            var people = await CreateCustomerAsync(admin, run, 5);

            // A mix as a support mailbox gets it: new questions, answers to them, strangers and robots.
            for (var i = 0; i < Messages; i++)
            {
                var id = $"{run}.{i:0000}@crash.example.be";
                var person = people[i / 2 % people.Count];
                Sent sent = (i % 20, i % 2) switch
                {
                    (0, _) => new(id, Kind.Unknown, $"stranger{i % 5}@elsewhere.example", $"Question {run} {i}"),
                    (1, _) => new(id, Kind.Automatic, person, $"Out of office {run} {i}", Extra: "Auto-Submitted: auto-replied\r\n"),
                    (_, 0) => new(id, Kind.New, person, $"Ticket {run} {i}"),
                    _ => new(id, Kind.Reply, person, $"Re: Ticket {run} {i - 1}", Parent: mail[i - 1].MessageId),
                };
                mail.Add(sent);
            }

            // Eight at a time; every reply after every question, so a reply never comes before what it answers.
            foreach (var pass in new[] { mail.Where(m => m.Kind != Kind.Reply), mail.Where(m => m.Kind == Kind.Reply) })
            {
                await Parallel.ForEachAsync(pass, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (m, _) => await dovecot.DeliverAsync(user.UserName, m.Raw()));

                // Parallel deliveries may leave maildir files without a UID; a SELECT numbers them now, before the replies.
                await using var client = await dovecot.LoginAsync(user);
                await client.SelectAsync("INBOX");
            }

            output.WriteLine($"{kind}: {Messages} messages delivered to Dovecot after {clock.Elapsed.TotalSeconds:0.0} s");
            await DeskApp.Json(await admin.PostAsJsonAsync("/api/mailboxes", new
            {
                name = "imap",
                address = "support@provider.example",
                imap = new { host = DovecotServer.Host, port = dovecot.ImapPort, security = "start-tls", user = user.UserName, password = user.Password },
            }), HttpStatusCode.Created);

            // Killed in the middle: some messages in, most not.
            var started = Stopwatch.StartNew();
            await WaitAsync(() => CountAsync(kind, connection, "SELECT COUNT(*) FROM inbound_mails"), n => n >= 200, "messages taken in", server, TimeSpan.FromMilliseconds(20));

            server.Kill();
            var atKill = await CountAsync(kind, connection, "SELECT COUNT(*) FROM inbound_mails");
            output.WriteLine($"{kind}: SIGKILL after {started.Elapsed.TotalSeconds:0.00} s of intake with {atKill} messages taken in");
            atKill.ShouldBeLessThan(Messages, "the kill came after the intake: the test proved nothing");
        }

        using (var server = await ServerProcess.StartAsync(connection, Starting, environment))
        {
            server.AdminToken.ShouldBeNull("the restart created a provider again");
            var started = Stopwatch.StartNew();
            await WaitAsync(() => CountAsync(kind, connection, "SELECT COUNT(*) FROM inbound_mails"), n => n >= Messages, "messages taken in after the restart", server, TimeSpan.FromMilliseconds(100));

            output.WriteLine($"{kind}: all {Messages} taken in {started.Elapsed.TotalSeconds:0.0} s after the restart; {clock.Elapsed.TotalSeconds:0.0} s in all");
            (await CountAsync(kind, connection, "SELECT MAX(last_uid) FROM mailboxes")).ShouldBe(Messages, "the checkpoint is past the last message");
        }

        // Counted by Message-ID in the database.
        var inbound = await RowsAsync(kind, connection, "SELECT message_id, outcome, ticket_id FROM inbound_mails");
        var byId = inbound.GroupBy(r => r[0]!).ToDictionary(g => g.Key, g => g.ToList());
        byId.Where(g => g.Value.Count > 1).Select(g => g.Key).ShouldBeEmpty("messages recorded twice");
        mail.Where(m => !byId.ContainsKey(m.MessageId)).Select(m => m.MessageId).ShouldBeEmpty("messages never recorded");
        inbound.Count.ShouldBe(Messages, "no record without a delivered message");

        var tickets = await RowsAsync(kind, connection, "SELECT id, subject FROM tickets");
        var bodies = (await RowsAsync(kind, connection, "SELECT ticket_id, body FROM ticket_messages")).ToList();
        var wrong = new List<string>();
        foreach (var sent in mail)
        {
            var record = byId[sent.MessageId].Single();
            var outcome = record[1]!.ToLowerInvariant();
            var expected = sent.Kind switch
            {
                Kind.New => "opened",
                Kind.Reply => "replied",
                Kind.Unknown => "refused",
                _ => "ignored",
            };
            if (outcome != expected)
            {
                wrong.Add($"{sent.MessageId} ({sent.Kind}): {outcome}, expected {expected}");
            }
            else if (sent.Kind == Kind.New && tickets.Count(t => t[1] == sent.Subject.ToLowerInvariant()) != 1)
            {
                wrong.Add($"{sent.MessageId}: {tickets.Count(t => t[1] == sent.Subject.ToLowerInvariant())} tickets titled '{sent.Subject}'");
            }
            else if (sent.Kind == Kind.Reply)
            {
                var parent = byId[sent.Parent!].Single()[2];
                var copies = bodies.Where(b => b[1]!.Contains(sent.Token, StringComparison.Ordinal)).ToList();
                if (record[2] != parent || copies.Count != 1 || copies[0][0] != parent)
                {
                    wrong.Add($"{sent.MessageId}: on ticket {record[2]} (parent's {parent}), {copies.Count} messages with its text");
                }
            }
        }

        wrong.ShouldBeEmpty($"{kind}: messages whose result is wrong:\n{string.Join('\n', wrong.Take(20))}");
        tickets.Count.ShouldBe(mail.Count(m => m.Kind == Kind.New), "one ticket per new message and no other");
        (await CountAsync(kind, connection, "SELECT COUNT(*) FROM outbox WHERE kind = 'mail-refused'"))
            .ShouldBe(mail.Where(m => m.Kind == Kind.Unknown).Select(m => m.From).Distinct().Count(), "one polite refusal per stranger and day");
    }

    [Theory]
    [MemberData(nameof(DeskApp.Databases), MemberType = typeof(DeskApp))]
    public async Task Every_notification_arrives_after_a_SIGKILL_during_sending(string kind)
    {
        await using var sink = await SmtpSink.StartAsync();
        var connection = DeskApp.NewDatabase(kind);
        var run = Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();

        // The outbox fills while no SMTP server is configured: the tickets' acknowledgements wait.
        using (var server = await ServerProcess.StartAsync(connection, Starting))
        {
            var adminToken = server.AdminToken ?? throw new InvalidOperationException($"the first start printed no API token. Output:\n{server.Output}");
            using var admin = DeskApp.Client(server.Address, adminToken);
            var contact = (await CreateCustomerAsync(admin, run, 1)).Single();
            using var anonymous = DeskApp.Client(server.Address, null);
            var session = await DeskApp.Json(await anonymous.PostAsJsonAsync("/api/sessions", new { email = contact, password = Password }), HttpStatusCode.Created);
            using var customer = DeskApp.Client(server.Address, session.GetProperty("token").GetString());
            var opened = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, Notifications), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellation) =>
            {
                await DeskApp.Json(await customer.PostAsJsonAsync("/api/tickets", new { subject = $"Outbox {run} {i}", description = "Filling the outbox.", urgency = "non-blocking", impact = "some" }, cancellation), HttpStatusCode.Created);
                Interlocked.Increment(ref opened);
            });
            opened.ShouldBe(Notifications);
        }

        var waiting = await CountAsync(kind, connection, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND recipients <> ''");
        waiting.ShouldBeGreaterThanOrEqualTo(Notifications);
        output.WriteLine($"{kind}: {waiting} notifications in the outbox after {clock.Elapsed.TotalSeconds:0.0} s");
        var environment = new Dictionary<string, string>
        {
            ["Mail__Smtp__Host"] = SmtpSink.Host,
            ["Mail__Smtp__Port"] = sink.PlainPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__Smtp__Security"] = "none",
            ["Mail__Smtp__From"] = "desk@provider.example",
        };

        const int kills = 1;
        using (var server = await ServerProcess.StartAsync(connection, Starting, environment))
        {
            var started = Stopwatch.StartNew();
            await WaitAsync(() => Task.FromResult((long)sink.Received().Count), n => n >= waiting / 4, "mails arrived", server, TimeSpan.FromMilliseconds(20));
            server.Kill();
            var arrived = sink.Received().Count;
            output.WriteLine($"{kind}: SIGKILL after {started.Elapsed.TotalSeconds:0.00} s of sending with {arrived} mails arrived");
            arrived.ShouldBeLessThan((int)waiting, "the kill came after the sending: the test proved nothing");
        }

        using (var server = await ServerProcess.StartAsync(connection, Starting, environment))
        {
            var started = Stopwatch.StartNew();
            await WaitAsync(() => CountAsync(kind, connection, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"), n => n == 0, "notifications unsent after the restart", server, TimeSpan.FromMilliseconds(100));

            output.WriteLine($"{kind}: outbox empty {started.Elapsed.TotalSeconds:0.0} s after the restart; {clock.Elapsed.TotalSeconds:0.0} s in all");
        }

        var outbox = await RowsAsync(kind, connection, "SELECT message_id, failed_at FROM outbox WHERE recipients <> ''");
        outbox.Count.ShouldBe((int)waiting);
        outbox.Where(o => o[1] is not null).ShouldBeEmpty("no notification was given up");
        var received = sink.Received().Select(m => Mime.MimeMessage.Parse(m.Content).MessageId!.ToLowerInvariant()).ToList();
        var ids = outbox.Select(o => o[0]!).ToHashSet();
        ids.Where(id => !received.Contains(id)).ShouldBeEmpty("notifications marked sent that never arrived");
        received.Where(id => !ids.Contains(id)).ShouldBeEmpty("mail that is not in the outbox");
        var duplicates = received.Count - received.Distinct().Count();
        output.WriteLine($"{kind}: {received.Count} mails received for {ids.Count} notifications: {duplicates} sent twice (at most {kills} allowed: one per kill)");
        duplicates.ShouldBeLessThanOrEqualTo(kills, "a mail goes out twice only when the kill falls between the server's 250 and our commit");
    }

    private const string Password = "crash-test-password-1";

    /// <summary>Polls <paramref name="count"/> until <paramref name="done"/>; fails when the count did not move for <see cref="Stall"/>.</summary>
    private static async Task WaitAsync(Func<Task<long>> count, Func<long, bool> done, string what, ServerProcess server, TimeSpan every)
    {
        var still = Stopwatch.StartNew();
        var last = long.MinValue;
        while (true)
        {
            var now = await count();
            if (done(now))
            {
                return;
            }

            if (now != last)
            {
                last = now;
                still.Restart();
            }

            still.Elapsed.ShouldBeLessThan(Stall, $"{what}: stuck at {now}. Output:\n{server.Output}");
            await Task.Delay(every);
        }
    }

    /// <summary>An organisation on software-support (any customer person may open) and <paramref name="count"/> contact persons; their addresses.</summary>
    private static async Task<List<string>> CreateCustomerAsync(HttpClient admin, string run, int count)
    {
        var organisation = await DeskApp.Json(await admin.PostAsJsonAsync("/api/organisations", new { name = $"Mail crash {run}" }), HttpStatusCode.Created);
        var organisationId = organisation.GetProperty("id").GetGuid();
        await DeskApp.Json(await admin.PostAsJsonAsync("/api/contracts", new { organisationId, name = "Software support", slaPreset = "software-support" }), HttpStatusCode.Created);
        var people = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var email = $"contact{i}.{run}@crash.example.be";
            await DeskApp.Json(
                await admin.PostAsJsonAsync("/api/people", new { name = $"Crash Contact {i}", email, role = "contact-person", organisationId, password = Password }),
                HttpStatusCode.Created);
            people.Add(email);
        }

        return people;
    }

    private static DbConnection Open(string kind, string connection) => kind == "sqlite"
        ? new Microsoft.Data.Sqlite.SqliteConnection(connection)
        : new Npgsql.NpgsqlConnection(connection);

    private static async Task<long> CountAsync(string kind, string connection, string sql)
    {
        await using var db = Open(kind, connection);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync() is { } value and not DBNull ? value : 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows as text (null stays null), so that SQLite's and PostgreSQL's types compare alike.</summary>
    private static async Task<List<string?[]>> RowsAsync(string kind, string connection, string sql)
    {
        await using var db = Open(kind, connection);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!.ToLowerInvariant();
            }

            rows.Add(row);
        }

        return rows;
    }

    private enum Kind
    {
        New,
        Reply,
        Unknown,
        Automatic,
    }

    private sealed record Sent(string MessageId, Kind Kind, string From, string Subject, string? Parent = null, string Extra = "")
    {
        /// <summary>Words only this message has, to find its text on a ticket.</summary>
        public string Token => $"token-{MessageId.Split('@')[0]}";

        public byte[] Raw() => Encoding.UTF8.GetBytes(
            $"From: <{From}>\r\nTo: support@provider.example\r\nSubject: {Subject}\r\nMessage-ID: <{MessageId}>\r\n" +
            (Parent is null ? "" : $"In-Reply-To: <{Parent}>\r\nReferences: <{Parent}>\r\n") + Extra +
            $"Content-Type: text/plain; charset=utf-8\r\n\r\nPlease help, {Token}.\r\n");
    }
}

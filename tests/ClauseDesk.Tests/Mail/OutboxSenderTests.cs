using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClauseDesk.Desk;
using ClauseDesk.Infrastructure;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Mail;

/// <summary>Notifications leave through a real SMTP server: once, retried after a transient refusal, given up after a permanent one, threaded.</summary>
public sealed class OutboxSenderTests : IClassFixture<SmtpSinkFixture>, IDisposable
{
    private readonly SmtpSink _sink;
    private readonly SmtpOptions _smtp;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"clausedesk-smtp-{Guid.NewGuid():N}");

    public OutboxSenderTests(SmtpSinkFixture fixture)
    {
        _sink = fixture.Sink;
        Directory.CreateDirectory(_directory);
        var (certificate, _) = _sink.Certificate.WriteTo(_directory);
        _smtp = new SmtpOptions { Host = SmtpSink.Host, Port = _sink.PlainPort, Security = "start-tls", User = _sink.UserName, Password = _sink.Password, From = "desk@provider.example", TrustedCertificate = certificate };
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] CustomerMail(string from, string messageId, string subject, string? inReplyTo = null) => Encoding.UTF8.GetBytes(
        $"From: <{from}>\r\nTo: support@provider.example\r\nSubject: {subject}\r\nMessage-ID: <{messageId}>\r\n" +
        (inReplyTo is null ? "" : $"In-Reply-To: <{inReplyTo}>\r\n") +
        "Content-Type: text/plain; charset=utf-8\r\n\r\nThe scanner is broken.\r\n");

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_notification_is_sent_once_threads_back_and_the_answer_lands_on_the_ticket(string database)
    {
        await using var desk = await StartAsync(database);
        await Json(await desk.Admin.PostAsJsonAsync("/api/mailboxes", new { name = "support", address = "support@provider.example" }), HttpStatusCode.Created);
        var customer = await desk.CreateCustomerAsync($"Anker{Guid.NewGuid():N}"[..12]);
        var opened = await desk.ReceiveMailAsync("support", CustomerMail(customer.Contact.Email, "first@anker.example", "Scanner"));

        (await desk.SendOutboxAsync(_smtp)).ShouldBe(1);
        (await desk.SendOutboxAsync(_smtp)).ShouldBe(0, "sent once; a second round (or a restarted server) sends nothing");

        var mail = _sink.ReceivedFor(customer.Contact.Email).ShouldHaveSingleItem();
        mail.From.ShouldBe("support@provider.example");
        mail.Tls.ShouldBeTrue();
        mail.Authenticated.ShouldBeTrue();
        var parsed = Mime.MimeMessage.Parse(mail.Content);
        parsed.Subject.ShouldBe($"[{opened.TicketNumber}] Scanner");
        parsed.InReplyTo.ShouldBe(["first@anker.example"]);
        parsed.Headers["Auto-Submitted"].ShouldBe("auto-generated");
        var outbox = (await desk.OutboxAsync()).Single(o => o.Kind == "received");
        outbox.SentAt.ShouldNotBeNull();
        parsed.MessageId.ShouldBe(outbox.MessageId);

        // The customer answers our mail: In-Reply-To names our Message-ID, and the answer joins the ticket.
        var answer = await desk.ReceiveMailAsync("support", CustomerMail(customer.Contact.Email, "second@anker.example", "Re: no number here", inReplyTo: parsed.MessageId));
        answer.Outcome.ShouldBe(MailOutcome.Replied);
        answer.TicketNumber.ShouldBe(opened.TicketNumber);
    }

    [Fact]
    public async Task A_transient_refusal_is_retried_after_the_back_off_and_a_permanent_one_is_given_up()
    {
        await using var desk = await StartAsync("sqlite");
        var customer = await desk.CreateCustomerAsync($"Duvel{Guid.NewGuid():N}"[..12]);
        await OpenTicketAsync(customer.ContactClient);

        _sink.FailNext("MAIL", "451 4.3.0 Queue full, try again later");
        (await desk.SendOutboxAsync(_smtp)).ShouldBe(0);
        var waiting = (await desk.OutboxAsync()).Single();
        waiting.Attempts.ShouldBe(1);
        waiting.LastError!.ShouldContain("451");
        waiting.NextAttemptAt.ShouldBe(desk.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        (await desk.SendOutboxAsync(_smtp)).ShouldBe(0, "not before the back-off");

        desk.Clock.Advance(TimeSpan.FromMinutes(1));
        (await desk.SendOutboxAsync(_smtp)).ShouldBe(1);
        _sink.ReceivedFor(customer.Contact.Email).Count.ShouldBe(1);

        var number = (await OpenTicketAsync(customer.ContactClient, subject: "Second")).GetProperty("number").GetString()!;
        _sink.FailNext("MAIL", "553 5.7.1 Sender address rejected");
        (await desk.SendOutboxAsync(_smtp)).ShouldBe(0);
        var failed = (await desk.OutboxAsync()).Single(o => o.Subject.Contains(number, StringComparison.Ordinal));
        failed.FailedAt.ShouldNotBeNull();
        failed.LastError!.ShouldContain("553");
        desk.Clock.Advance(TimeSpan.FromHours(2));
        (await desk.SendOutboxAsync(_smtp)).ShouldBe(0, "a permanent refusal is not retried");
        _sink.ReceivedFor(customer.Contact.Email).Count.ShouldBe(1);
    }

    [Fact]
    public void The_back_off_doubles_up_to_an_hour()
    {
        OutboxSender.BackOff(1).ShouldBe(TimeSpan.FromMinutes(1));
        OutboxSender.BackOff(2).ShouldBe(TimeSpan.FromMinutes(2));
        OutboxSender.BackOff(4).ShouldBe(TimeSpan.FromMinutes(8));
        OutboxSender.BackOff(9).ShouldBe(TimeSpan.FromMinutes(60));
    }
}

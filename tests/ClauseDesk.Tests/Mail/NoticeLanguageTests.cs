using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClauseDesk.Desk;
using ClauseDesk.Infrastructure;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Mail;

/// <summary>
/// Every notification in its recipient's language, sent through the real outbox to a real SMTP server
/// as plain text and HTML, threaded to the ticket by its headers and by the number in the subject.
/// </summary>
public sealed class NoticeLanguageTests : IClassFixture<SmtpSinkFixture>, IDisposable
{
    private readonly SmtpSink _sink;
    private readonly SmtpOptions _smtp;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"clausedesk-notices-{Guid.NewGuid():N}");

    public NoticeLanguageTests(SmtpSinkFixture fixture)
    {
        _sink = fixture.Sink;
        Directory.CreateDirectory(_directory);
        var (certificate, _) = _sink.Certificate.WriteTo(_directory);
        _smtp = new SmtpOptions { Host = SmtpSink.Host, Port = _sink.PlainPort, Security = "start-tls", User = _sink.UserName, Password = _sink.Password, From = "desk@provider.example", TrustedCertificate = certificate };
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string, string> DatabasesAndLanguages => new()
    {
        { "sqlite", "nl" }, { "sqlite", "fr" }, { "sqlite", "en" },
        { "postgres", "nl" }, { "postgres", "fr" }, { "postgres", "en" },
    };

    private static readonly Dictionary<string, (string Received, string Replied, string Reply)> Expected = new()
    {
        ["nl"] = ("We hebben uw ticket {0} goed ontvangen.", "Eva Agent heeft op uw ticket {0} geantwoord:", "U kunt gewoon op deze e-mail antwoorden."),
        ["fr"] = ("Nous avons bien reçu votre ticket {0}.", "Eva Agent a répondu à votre ticket {0} :", "Vous pouvez simplement répondre à ce message."),
        ["en"] = ("We have received your ticket {0}.", "Eva Agent replied to your ticket {0}:", "You can simply reply to this e-mail."),
    };

    private static byte[] Mail(string from, string messageId, string subject, string body, string? contentLanguage = null) => Encoding.UTF8.GetBytes(
        $"From: <{from}>\r\nTo: support@provider.example\r\nSubject: {subject}\r\nMessage-ID: <{messageId}>\r\nMIME-Version: 1.0\r\n" +
        (contentLanguage is null ? "" : $"Content-Language: {contentLanguage}\r\n") +
        $"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n");

    private static async Task<PersonView> PersonAsync(DeskApp desk, Guid organisationId, string role, string name, string language)
    {
        var response = await desk.Admin.PostAsJsonAsync("/api/people", new { name, email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@example.be", role, organisationId, language });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return System.Text.Json.JsonSerializer.Deserialize<PersonView>(text, System.Text.Json.JsonSerializerOptions.Web)!;
    }

    [Theory]
    [MemberData(nameof(DatabasesAndLanguages))]
    public async Task A_contact_persons_ticket_is_acknowledged_and_answered_in_their_language_as_text_and_html_threaded(string database, string language)
    {
        await using var desk = await StartAsync(database);
        await Json(await desk.Admin.PostAsJsonAsync("/api/mailboxes", new { name = "support", address = "support@provider.example" }), HttpStatusCode.Created);
        var organisation = await desk.CreateOrganisationAsync($"Anker{Guid.NewGuid():N}"[..12]);
        await desk.CreateContractAsync(organisation.Id);
        var contact = await PersonAsync(desk, organisation.Id, "contact-person", $"Contact {language}", language);
        var firstId = $"first-{Guid.NewGuid():N}@anker.example";

        var opened = await desk.ReceiveMailAsync("support", Mail(contact.Email, firstId, "Scanner", "The scanner is broken."));
        opened.Outcome.ShouldBe(MailOutcome.Opened);
        var number = opened.TicketNumber!;
        var row = (await desk.OutboxAsync()).Single(o => o.Kind == "received");
        row.Language.ShouldBe(language);
        row.Body.ShouldContain(string.Format(Expected[language].Received, number));
        row.HtmlBody!.ShouldContain(string.Format(Expected[language].Received, number));
        (await desk.SendOutboxAsync(_smtp)).ShouldBe(1);

        var acknowledgement = Mime.MimeMessage.Parse(_sink.ReceivedFor(contact.Email).ShouldHaveSingleItem().Content);
        acknowledgement.Body.ContentType.MimeType.ShouldBe("multipart/alternative");
        acknowledgement.Body.Parts.Select(p => p.ContentType.MimeType).ShouldBe(["text/plain", "text/html"]);
        acknowledgement.Body.Parts.ShouldAllBe(p => p.ContentType.Charset == "utf-8" && p.ContentTransferEncoding == "quoted-printable");
        acknowledgement.Subject.ShouldBe($"[{number}] Scanner");
        acknowledgement.TextBody!.ShouldBe(row.Body, "the outbox row is what was sent");
        acknowledgement.HtmlBody!.ShouldContain($"<html lang=\"{language}\">");
        acknowledgement.HtmlBody!.ShouldContain(string.Format(Expected[language].Received, number));
        acknowledgement.HtmlBody!.ShouldContain(Expected[language].Reply);
        acknowledgement.Headers["Content-Language"].ShouldBe(language);
        acknowledgement.MessageId.ShouldBe((await desk.OutboxAsync()).Single(o => o.Kind == "received").MessageId);
        acknowledgement.InReplyTo.ShouldBe([firstId]);
        acknowledgement.References.ShouldBe([firstId]);

        // The desk answers: the reply is quoted, and the mail refers to the whole thread so far.
        var agent = await desk.CreateAgentAsync();
        await Json(await agent.PostAsJsonAsync($"/api/tickets/{number}/messages", new { body = "Please restart the scanner <now>." }), HttpStatusCode.Created);
        (await desk.SendOutboxAsync(_smtp)).ShouldBe(1);
        var reply = Mime.MimeMessage.Parse(_sink.ReceivedFor(contact.Email).Single(m => Mime.MimeMessage.Parse(m.Content).MessageId != acknowledgement.MessageId).Content);
        reply.Subject.ShouldBe($"[{number}] Scanner");
        reply.TextBody!.ShouldContain(string.Format(Expected[language].Replied, number));
        reply.TextBody!.ShouldContain("> Please restart the scanner <now>.");
        reply.HtmlBody!.ShouldContain("Please restart the scanner &lt;now&gt;.");
        reply.InReplyTo.ShouldBe([firstId]);
        reply.References.ShouldBe([firstId, acknowledgement.MessageId!]);

        // The customer answers the reply: it lands on the ticket by its headers alone.
        var answer = await desk.ReceiveMailAsync("support", Encoding.UTF8.GetBytes(
            $"From: <{contact.Email}>\r\nTo: support@provider.example\r\nSubject: no number\r\nMessage-ID: <a-{Guid.NewGuid():N}@anker.example>\r\nIn-Reply-To: <{reply.MessageId}>\r\n\r\nDone.\r\n"));
        answer.Outcome.ShouldBe(MailOutcome.Replied);
        answer.TicketNumber.ShouldBe(number);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_row_written_before_html_was_kept_still_goes_as_plain_text(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync($"Duvel{Guid.NewGuid():N}"[..12]);
        await OpenTicketAsync(customer.ContactClient);
        await desk.TamperAsync("UPDATE outbox SET html_body = NULL, language = NULL");

        (await desk.SendOutboxAsync(_smtp)).ShouldBe(1);
        var mail = Mime.MimeMessage.Parse(_sink.ReceivedFor(customer.Contact.Email).ShouldHaveSingleItem().Content);
        mail.Body.ContentType.MimeType.ShouldBe("text/plain");
        mail.HtmlBody.ShouldBeNull();
        mail.TextBody!.ShouldContain("We hebben uw ticket");
        mail.Headers["Content-Language"].ShouldBeNull();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_stranger_is_answered_in_the_language_of_their_mail_or_in_all_three(string database)
    {
        await using var desk = await StartAsync(database);
        await Json(await desk.Admin.PostAsJsonAsync("/api/mailboxes", new { name = "support", address = "support@provider.example" }), HttpStatusCode.Created);

        var jean = $"jean.{Guid.NewGuid():N}@ailleurs.example";
        var who = $"who.{Guid.NewGuid():N}@elsewhere.example";
        await desk.ReceiveMailAsync("support", Mail(jean, "fr-1@ailleurs.example", "Imprimante en panne",
            "Bonjour, l'imprimante ne fonctionne plus. Pouvez-vous nous aider ? Merci et cordialement"));
        await desk.ReceiveMailAsync("support", Mail(who, "x-1@elsewhere.example", "HP 4050", "HP 4050"));

        var outbox = await desk.OutboxAsync();
        var french = outbox.Single(o => o.Recipients == jean);
        french.Language.ShouldBe("fr");
        french.Subject.ShouldBe("Re: Imprimante en panne");
        french.Body.ShouldContain("Cette adresse e-mail n'est pas connue de notre service desk.");
        french.InReplyTo.ShouldBe("fr-1@ailleurs.example");
        var unclear = outbox.Single(o => o.Recipients == who);
        unclear.Language.ShouldBe("nl+fr+en");
        unclear.Body.ShouldContain("Dit e-mailadres is niet gekend");
        unclear.Body.ShouldContain("Cette adresse e-mail n'est pas connue");
        unclear.Body.ShouldContain("This e-mail address is not known");

        (await desk.SendOutboxAsync(_smtp)).ShouldBe(2);
        var sent = Mime.MimeMessage.Parse(_sink.ReceivedFor(jean).ShouldHaveSingleItem().Content);
        sent.InReplyTo.ShouldBe(["fr-1@ailleurs.example"]);
        sent.References.ShouldBe(["fr-1@ailleurs.example"]);
        sent.HtmlBody!.ShouldContain("Cette adresse e-mail n&#39;est pas connue");
    }
}

using System.Text;

namespace ClauseDesk.Mime.Tests;

/// <summary>What the builder writes, and that the parser reads it back identically.</summary>
public class BuilderTests
{
    private static readonly DateTimeOffset When = new(2026, 11, 24, 15, 30, 0, TimeSpan.FromHours(1));

    private static MimeMessageBuilder Notification() => new MimeMessageBuilder()
        .From("ClauseDesk – Brouwerij Het Anker", "support@clausedesk.example")
        .To(new MailboxAddress("Jan Peeters", "jan.peeters@gemeente.example"), new MailboxAddress("Françoise d'Ørsted", "francoise@notaris.example"))
        .To(null, "plain@example.com")
        .Cc(new MailboxAddress("Doe, John \"JD\"", "john@firm.example"))
        .ReplyTo(new MailboxAddress("Ticket CD-2026-000042", "ticket+42@clausedesk.example"))
        .Subject("[CD-2026-000042] Réponse à votre demande – “laptops” 日本語 😀")
        .Date(When)
        .MessageId("ticket-42.3@clausedesk.example")
        .InReplyTo("<reply-nl-1@gemeente.example>")
        .References(["ticket-42.1@clausedesk.example", "ticket-42.2@clausedesk.example", "reply-nl-1@gemeente.example"])
        .AutoSubmitted()
        .Header("X-ClauseDesk-Ticket", "CD-2026-000042")
        .TextBody("Beste Jan,\n\nUw ticket is bijgewerkt: “laptops” – € 1.200.\n.dot line\nFrom the desk\n")
        .HtmlBody("<p>Beste Jan,</p><p>Uw ticket is bijgewerkt: “laptops” – € 1.200.</p><img src=\"cid:logo@clausedesk\">");

    [Theory]
    [InlineData(BodyEncoding.QuotedPrintable)]
    [InlineData(BodyEncoding.Base64)]
    public void What_the_builder_writes_the_parser_reads_back_identically(BodyEncoding encoding)
    {
        var pdf = Enumerable.Range(0, 5000).Select(i => (byte)(i * 31 % 256)).ToArray();
        var logo = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 };
        var bytes = Notification()
            .Encoding(encoding)
            .Attach("Offerte – laptops (définitif).pdf", "application/pdf", pdf)
            .Attach("readme.txt", "text/plain", Encoding.UTF8.GetBytes("plain attachment"))
            .AttachInline("logo.png", "image/png", logo, "logo@clausedesk")
            .ToBytes();

        var message = MimeMessage.Parse(bytes);
        message.Defects.ShouldBeEmpty();
        message.Subject.ShouldBe("[CD-2026-000042] Réponse à votre demande – “laptops” 日本語 😀");
        message.From.ShouldBe([new MailboxAddress("ClauseDesk – Brouwerij Het Anker", "support@clausedesk.example")]);
        message.To.ShouldBe(
        [
            new MailboxAddress("Jan Peeters", "jan.peeters@gemeente.example"),
            new MailboxAddress("Françoise d'Ørsted", "francoise@notaris.example"),
            new MailboxAddress(null, "plain@example.com"),
        ]);
        message.Cc.ShouldBe([new MailboxAddress("Doe, John \"JD\"", "john@firm.example")]);
        message.ReplyTo.ShouldBe([new MailboxAddress("Ticket CD-2026-000042", "ticket+42@clausedesk.example")]);
        message.Date.ShouldBe(When);
        message.MessageId.ShouldBe("ticket-42.3@clausedesk.example");
        message.InReplyTo.ShouldBe(["reply-nl-1@gemeente.example"]);
        message.References.ShouldBe(["ticket-42.1@clausedesk.example", "ticket-42.2@clausedesk.example", "reply-nl-1@gemeente.example"]);
        message.Headers["X-ClauseDesk-Ticket"].ShouldBe("CD-2026-000042");
        message.Headers["MIME-Version"].ShouldBe("1.0");
        message.IsAutomatic.ShouldBeTrue();
        message.AutomaticReason.ShouldBe("Auto-Submitted: auto-generated");
        message.TextBody.ShouldBe("Beste Jan,\n\nUw ticket is bijgewerkt: “laptops” – € 1.200.\n.dot line\nFrom the desk\n");
        message.HtmlBody.ShouldBe("<p>Beste Jan,</p><p>Uw ticket is bijgewerkt: “laptops” – € 1.200.</p><img src=\"cid:logo@clausedesk\">");

        message.Body.ContentType.MimeType.ShouldBe("multipart/mixed");
        message.Body.Parts[0].ContentType.MimeType.ShouldBe("multipart/related");
        message.Body.Parts[0].Parts[0].ContentType.MimeType.ShouldBe("multipart/alternative");
        message.Attachments.Select(a => (a.FileName, a.ContentType, a.IsInline, a.ContentId)).ShouldBe(
        [
            ("logo.png", "image/png", true, "logo@clausedesk"),
            ("Offerte – laptops (définitif).pdf", "application/pdf", false, null),
            ("readme.txt", "text/plain", false, null),
        ]);
        message.Attachments[0].Content.ShouldBe(logo);
        message.Attachments[1].Content.ShouldBe(pdf);
        Encoding.UTF8.GetString(message.Attachments[2].Content).ShouldBe("plain attachment");
    }

    [Fact]
    public void Output_uses_crlf_only_lines_of_at_most_78_characters_and_ascii_only()
    {
        var bytes = Notification()
            .Attach("a very long file name that needs rfc 2231 continuations – ünïcödé – " + new string('x', 80) + ".pdf", "application/pdf", new byte[10_000])
            .Subject(string.Join(' ', Enumerable.Repeat("long subject words", 30)))
            .ToBytes();
        bytes.ShouldAllBe(b => b < 128);
        var text = Encoding.ASCII.GetString(bytes);
        text.Replace("\r\n", "", StringComparison.Ordinal).ShouldNotContain('\r');
        text.Replace("\r\n", "", StringComparison.Ordinal).ShouldNotContain('\n');
        var lines = text.Split("\r\n");
        lines.ShouldAllBe(l => l.Length <= 78);
        lines.Where(l => l.Length > 0 && char.IsAsciiLetterOrDigit(l[0]) && l.Contains(':') && !l.StartsWith("Content", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf(':')]).ShouldContain("Subject");
        var message = MimeMessage.Parse(bytes);
        message.Subject.ShouldBe(string.Join(' ', Enumerable.Repeat("long subject words", 30)));
        message.Attachments.ShouldHaveSingleItem().FileName.ShouldBe("a very long file name that needs rfc 2231 continuations – ünïcödé – " + new string('x', 80) + ".pdf");
        message.Attachments[0].Content.Length.ShouldBe(10_000);
    }

    [Fact]
    public void Base64_attachment_lines_are_76_characters()
    {
        var bytes = new MimeMessageBuilder().From(null, "a@b.example").To(null, "c@d.example").Subject("x")
            .TextBody("x").Attach("data.bin", "application/octet-stream", new byte[1000]).ToBytes();
        var lines = Encoding.ASCII.GetString(bytes).Split("\r\n");
        var base64 = lines.SkipWhile(l => !l.StartsWith("Content-Transfer-Encoding: base64", StringComparison.Ordinal)).Skip(2).TakeWhile(l => !l.StartsWith("--", StringComparison.Ordinal)).ToList();
        base64.Count.ShouldBe(18); // 1000 bytes → 1336 characters → 17 full lines and one of 44
        base64.Take(17).ShouldAllBe(l => l.Length == 76);
    }

    [Fact]
    public void A_single_word_longer_than_998_characters_is_written_as_encoded_words()
    {
        var word = new string('a', 2000);
        var bytes = new MimeMessageBuilder().From(null, "a@b.example").Subject(word).TextBody("x").ToBytes();
        Encoding.ASCII.GetString(bytes).Split("\r\n").ShouldAllBe(l => l.Length <= 998);
        MimeMessage.Parse(bytes).Subject.ShouldBe(word);
    }

    [Fact]
    public void Line_breaks_in_header_values_cannot_inject_headers()
    {
        var bytes = new MimeMessageBuilder()
            .From("Evil\r\nBcc: victim@example.com", "a@b.example")
            .Subject("Hello\r\nBcc: victim@example.com")
            .Header("X-Note", "one\ntwo\rthree")
            .TextBody("x")
            .ToBytes();
        var message = MimeMessage.Parse(bytes);
        message.Headers.Contains("Bcc").ShouldBeFalse();
        message.Subject.ShouldBe("Hello  Bcc: victim@example.com");
        message.Headers["X-Note"].ShouldBe("one two three");
        Should.Throw<ArgumentException>(() => new MimeMessageBuilder().To(null, "a@b.example>\r\nBcc: c@d.example"));
        Should.Throw<ArgumentException>(() => new MimeMessageBuilder().Header("Bad Name", "x"));
        Should.Throw<ArgumentException>(() => new MimeMessageBuilder().Header("Content-Type", "text/html"));
        Should.Throw<ArgumentException>(() => new MimeMessageBuilder().MessageId("a b@c"));
        Should.Throw<ArgumentException>(() => new MimeMessageBuilder().Attach("x", "text/plain; charset=utf-8", []));
        Should.Throw<InvalidOperationException>(() => new MimeMessageBuilder().ToBytes());
    }

    [Fact]
    public void A_generated_message_id_uses_the_given_domain_and_is_unique()
    {
        var first = new MimeMessageBuilder().From(null, "a@b.example").MessageIdDomain("desk.example").TextBody("x");
        var second = new MimeMessageBuilder().From(null, "a@b.example").TextBody("x");
        var one = MimeMessage.Parse(first.ToBytes()).MessageId!;
        var two = MimeMessage.Parse(second.ToBytes()).MessageId!;
        one.ShouldEndWith("@desk.example");
        two.ShouldEndWith("@b.example");
        one.ShouldBe(first.WrittenMessageId);
        one.ShouldNotBe(two);
    }

    [Fact]
    public void A_text_only_message_is_a_single_part_and_reads_back_exactly()
    {
        foreach (var encoding in (BodyEncoding[])[BodyEncoding.QuotedPrintable, BodyEncoding.Base64])
        {
            foreach (var text in (string[])["no newline at the end", "newline at the end\n", "", "trailing blanks   \nnext"])
            {
                var bytes = new MimeMessageBuilder().From(null, "a@b.example").Subject("s").TextBody(text).Encoding(encoding).ToBytes();
                var message = MimeMessage.Parse(bytes);
                message.Body.ContentType.MimeType.ShouldBe("text/plain");
                message.TextBody.ShouldBe(text);
                message.Defects.ShouldBeEmpty();
            }
        }
    }
}

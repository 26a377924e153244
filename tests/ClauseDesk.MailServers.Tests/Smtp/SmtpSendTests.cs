using System.Security.Authentication;
using System.Text;
using ClauseDesk.Infrastructure;

namespace ClauseDesk.Smtp.Tests;

/// <summary>Sending notifications through a real SMTP server (aiosmtpd) and reading back what arrived.</summary>
public sealed class SmtpSendTests(SmtpSinkFixture fixture) : IClassFixture<SmtpSinkFixture>
{
    private SmtpSink Sink => fixture.Sink;

    [Fact]
    public async Task One_message_to_several_recipients_arrives_byte_for_byte_after_dot_unstuffing()
    {
        var recipients = new[] { Unique("alice"), Unique("bob"), Unique("carol") };
        var message = TestMessages.Text(
            "Ticket CD-2026-000123 received",
            ".starts with a dot\r\n..two dots\r\n.\r\nA lone dot above.\r\nGrüße, «ÿ» €\r\n. \r\n");
        await using var client = await SmtpClient.ConnectAsync(Sink.Options());

        var result = await client.SendAsync("desk@example.test", recipients, message);

        result.Accepted.ShouldBe(recipients);
        result.Refused.ShouldBeEmpty();
        result.Reply.Code.ShouldBe(250);
        var received = Sink.ReceivedFor(recipients[0]).Single();
        received.Content.ShouldBe(message);
        received.From.ShouldBe("desk@example.test");
        received.To.ShouldBe(recipients);
        received.Tls.ShouldBeTrue();
        received.MailOptions.ShouldContain($"SIZE={message.Length}");
        received.MailOptions.ShouldContain("BODY=8BITMIME");
    }

    [Fact]
    public async Task Bare_line_feeds_and_carriage_returns_become_CRLF_and_a_missing_final_line_end_is_added()
    {
        var recipient = Unique("crlf");
        var message = Encoding.ASCII.GetBytes("Subject: line ends\n\nunix\nold mac\rwindows\r\n.dot after LF\n.\rno final newline");
        await using var client = await SmtpClient.ConnectAsync(Sink.Options());

        await client.SendAsync("desk@example.test", [recipient], message);

        Sink.ReceivedFor(recipient).Single().Text.ShouldBe(
            "Subject: line ends\r\n\r\nunix\r\nold mac\r\nwindows\r\n.dot after LF\r\n.\r\nno final newline\r\n");
    }

    [Fact]
    public async Task Line_ends_and_leading_dots_that_straddle_the_clients_32_KiB_write_chunks()
    {
        var recipient = Unique("chunks");
        var body = string.Concat(Enumerable.Repeat(new string('a', 76) + "\r\n", 2000));
        var message = Encoding.ASCII.GetBytes("Subject: chunk edges\r\n\r\n" + body);
        // A CRLF split over the first boundary with a dot right after it, a bare CR on the second.
        message[32767] = (byte)'\r';
        message[32768] = (byte)'\n';
        message[32769] = (byte)'.';
        message[65535] = (byte)'\r';
        message[65536] = (byte)'.';
        await using var client = await SmtpClient.ConnectAsync(Sink.Options());

        await client.SendAsync("desk@example.test", [recipient], message);

        var expected = Encoding.ASCII.GetString(message).Replace("\r\n", "\n").Replace('\r', '\n').Replace("\n", "\r\n");
        Sink.ReceivedFor(recipient).Single().Text.ShouldBe(expected);
    }

    [Fact]
    public async Task Several_messages_over_one_connection()
    {
        var recipient = Unique("many");
        await using var client = await SmtpClient.ConnectAsync(Sink.Options());

        for (var i = 1; i <= 3; i++)
        {
            await client.SendAsync("desk@example.test", [recipient], TestMessages.Text($"Update {i}"));
        }

        await client.NoopAsync();
        await client.QuitAsync();
        Sink.ReceivedFor(recipient).Select(m => m.Text.Split("\r\n")[2]).ShouldBe(["Subject: Update 1", "Subject: Update 2", "Subject: Update 3"]);
    }

    [Fact]
    public async Task A_partial_recipient_refusal_is_reported_per_recipient_and_the_others_get_the_message()
    {
        var good = Unique("good");
        var missing = Unique("reject");
        var busy = Unique("defer");
        await using var client = await SmtpClient.ConnectAsync(Sink.Options());

        var result = await client.SendAsync("desk@example.test", [missing, good, busy], TestMessages.Text("Partial"));

        result.Accepted.ShouldBe([good]);
        result.Refused.Select(r => r.Address).ShouldBe([missing, busy]);
        result.Refused[0].Reply.Code.ShouldBe(550);
        result.Refused[0].Reply.IsPermanent.ShouldBeTrue();
        result.Refused[0].Reply.EnhancedStatusCode.ShouldBe("5.1.1");
        result.Refused[1].Reply.Code.ShouldBe(451);
        result.Refused[1].Reply.IsTransient.ShouldBeTrue();
        Sink.ReceivedFor(good).Single().To.ShouldBe([good]);
    }

    [Fact]
    public async Task When_every_recipient_is_refused_nothing_is_sent_and_the_connection_is_reset_for_the_next()
    {
        var permanent = Unique("reject");
        var transient = Unique("defer");
        var next = Unique("next");
        await using var client = await SmtpClient.ConnectAsync(Sink.Options());

        var allPermanent = await Should.ThrowAsync<SmtpRecipientsRefusedException>(
            () => client.SendAsync("desk@example.test", [permanent, transient], TestMessages.Text("Nobody")));
        var allTransient = await Should.ThrowAsync<SmtpRecipientsRefusedException>(
            () => client.SendAsync("desk@example.test", [transient], TestMessages.Text("Nobody yet")));
        await client.SendAsync("desk@example.test", [next], TestMessages.Text("Next one"));

        allPermanent.IsTransient.ShouldBeFalse();
        allPermanent.Refusals.Select(r => r.Reply.Code).ShouldBe([550, 451]);
        allTransient.IsTransient.ShouldBeTrue();
        Sink.ReceivedFor(permanent).ShouldBeEmpty();
        Sink.ReceivedFor(next).Single().To.ShouldBe([next]);
    }

    [Fact]
    public async Task A_4xx_reply_is_transient_and_a_retry_on_the_same_connection_succeeds()
    {
        var recipient = Unique("retry");
        var message = TestMessages.Text("Retried");
        await using var client = await SmtpClient.ConnectAsync(Sink.Options());
        Sink.FailNext("DATA", "451 4.3.0 Queue full, try again later");

        var failure = await Should.ThrowAsync<SmtpCommandException>(() => client.SendAsync("desk@example.test", [recipient], message));

        failure.IsTransient.ShouldBeTrue();
        failure.Code.ShouldBe(451);
        failure.Command.ShouldBe("DATA");
        failure.Reply.EnhancedStatusCode.ShouldBe("4.3.0");
        failure.Message.ShouldContain("Queue full");
        Sink.ReceivedFor(recipient).ShouldBeEmpty();
        await client.SendAsync("desk@example.test", [recipient], message);
        Sink.ReceivedFor(recipient).Single().Content.ShouldBe(message);
    }

    [Fact]
    public async Task A_message_over_the_servers_SIZE_limit_is_refused_at_MAIL_FROM_as_permanent()
    {
        var recipient = Unique("big");
        await using var client = await SmtpClient.ConnectAsync(Sink.Options());
        var limit = long.Parse(client.Extensions["SIZE"], System.Globalization.CultureInfo.InvariantCulture);

        var failure = await Should.ThrowAsync<SmtpCommandException>(
            () => client.SendAsync("desk@example.test", [recipient], new byte[limit + 1]));

        failure.Command.ShouldBe("MAIL FROM");
        failure.Code.ShouldBe(552);
        failure.IsTransient.ShouldBeFalse();
        await client.SendAsync("desk@example.test", [recipient], TestMessages.Text("Small enough"));
        Sink.ReceivedFor(recipient).Single().Text.ShouldContain("Subject: Small enough");
    }

    [Fact]
    public async Task A_5xx_reply_is_permanent()
    {
        var recipient = Unique("refused");
        await using var client = await SmtpClient.ConnectAsync(Sink.Options());
        Sink.FailNext("MAIL", "553 5.7.1 Sender address rejected: not owned by user");

        var failure = await Should.ThrowAsync<SmtpCommandException>(
            () => client.SendAsync("someone-else@example.test", [recipient], TestMessages.Text("Spoofed")));

        failure.IsTransient.ShouldBeFalse();
        failure.Reply.IsPermanent.ShouldBeTrue();
        failure.Code.ShouldBe(553);
        failure.Command.ShouldBe("MAIL FROM");
        await client.SendAsync("desk@example.test", [recipient], TestMessages.Text("Proper"));
        Sink.ReceivedFor(recipient).Single().From.ShouldBe("desk@example.test");
    }

    [Theory]
    [InlineData(SmtpSecurity.StartTls)]
    [InlineData(SmtpSecurity.ImplicitTls)]
    public async Task AUTH_with_the_right_password_and_refused_with_a_wrong_one(SmtpSecurity security)
    {
        var recipient = Unique("auth");
        await using var wrong = await SmtpClient.ConnectAsync(Sink.Options(security));
        await using var right = await SmtpClient.ConnectAsync(Sink.Options(security));

        var refused = await Should.ThrowAsync<SmtpAuthenticationException>(() => wrong.AuthenticateAsync(Sink.UserName, "wrong"));
        await right.AuthenticateAsync(Sink.UserName, Sink.Password);
        await right.SendAsync("desk@example.test", [recipient], TestMessages.Text("Authenticated"));

        refused.Code.ShouldBe(535);
        refused.IsTransient.ShouldBeFalse();
        right.IsEncrypted.ShouldBeTrue();
        right.IsAuthenticated.ShouldBeTrue();
        var received = Sink.ReceivedFor(recipient).Single();
        received.Authenticated.ShouldBeTrue();
        received.Tls.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(SmtpOAuthMechanism.OAuthBearer)]
    [InlineData(SmtpOAuthMechanism.XOAuth2)]
    public async Task AUTH_with_an_OAuth_access_token_and_refused_after_the_error_challenge_with_a_wrong_one(SmtpOAuthMechanism? mechanism)
    {
        var recipient = Unique("oauth");
        await using var client = await SmtpClient.ConnectAsync(Sink.Options());

        var refused = await Should.ThrowAsync<SmtpAuthenticationException>(
            () => client.AuthenticateOAuthAsync(Sink.UserName, "expired-token", mechanism));
        await client.AuthenticateOAuthAsync(Sink.UserName, Sink.AccessToken, mechanism);
        await client.SendAsync("desk@example.test", [recipient], TestMessages.Text("With a token"));

        refused.Code.ShouldBe(535);
        client.IsAuthenticated.ShouldBeTrue();
        Sink.ReceivedFor(recipient).Single().Authenticated.ShouldBeTrue();
    }

    [Fact]
    public async Task AUTH_LOGIN_when_asked_for()
    {
        var recipient = Unique("login");
        await using var client = await SmtpClient.ConnectAsync(Sink.Options());

        await Should.ThrowAsync<SmtpAuthenticationException>(() => client.AuthenticateAsync(Sink.UserName, "wrong", SmtpAuthMechanism.Login));
        await client.AuthenticateAsync(Sink.UserName, Sink.Password, SmtpAuthMechanism.Login);
        await client.SendAsync("desk@example.test", [recipient], TestMessages.Text("Logged in"));

        Sink.ReceivedFor(recipient).Single().Authenticated.ShouldBeTrue();
    }

    [Fact]
    public async Task A_server_that_does_not_understand_EHLO_gets_HELO_and_plain_MAIL_FROM()
    {
        var recipient = Unique("helo");
        Sink.FailNext("EHLO", "502 5.5.1 Command not implemented");
        await using var client = await SmtpClient.ConnectAsync(Sink.Options(SmtpSecurity.None));

        client.Extensions.ShouldBeEmpty();
        await client.SendAsync("desk@example.test", [recipient], TestMessages.Text("Old server", "Plain ASCII.\r\n"));

        var received = Sink.ReceivedFor(recipient).Single();
        received.Extended.ShouldBeFalse();
        received.Helo.ShouldBe("desk.example.test");
        received.MailOptions.ShouldBeEmpty();
    }

    [Fact]
    public async Task STARTTLS_then_EHLO_again_and_plain_text_when_asked()
    {
        await using var secured = await SmtpClient.ConnectAsync(Sink.Options(SmtpSecurity.StartTls));
        await using var plain = await SmtpClient.ConnectAsync(Sink.Options(SmtpSecurity.None));
        var recipient = Unique("plain");

        secured.IsEncrypted.ShouldBeTrue();
        secured.HasExtension("STARTTLS").ShouldBeFalse();
        secured.HasExtension("AUTH").ShouldBeTrue();
        Sink.ReceivedFor(recipient).ShouldBeEmpty();
        plain.IsEncrypted.ShouldBeFalse();
        plain.HasExtension("STARTTLS").ShouldBeTrue();
        await plain.SendAsync("desk@example.test", [recipient], TestMessages.Text("In the clear"));
        Sink.ReceivedFor(recipient).Single().Tls.ShouldBeFalse();
    }

    [Theory]
    [InlineData(SmtpSecurity.StartTls)]
    [InlineData(SmtpSecurity.ImplicitTls)]
    public async Task A_certificate_that_is_neither_trusted_nor_accepted_is_refused(SmtpSecurity security)
    {
        var options = Sink.Options(security);

        await Should.ThrowAsync<AuthenticationException>(() => SmtpClient.ConnectAsync(new SmtpClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            Security = security,
            TlsServerName = "localhost",
        }));
        await Should.ThrowAsync<AuthenticationException>(() => SmtpClient.ConnectAsync(new SmtpClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            Security = security,
            AcceptedCertificate = TestCertificate.Create().Certificate,
        }));
    }

    [Fact]
    public async Task A_non_ASCII_address_goes_out_with_SMTPUTF8()
    {
        var recipient = Unique("jürgen");
        await using var client = await SmtpClient.ConnectAsync(Sink.Options());

        await client.SendAsync("desk@example.test", [recipient], TestMessages.Text("Unicode address"));

        var received = Sink.ReceivedFor(recipient).Single();
        received.To.ShouldBe([recipient]);
        received.MailOptions.ShouldContain("SMTPUTF8");
    }

    [Fact]
    public async Task Addresses_that_would_break_the_command_line_are_refused_before_sending()
    {
        await using var client = await SmtpClient.ConnectAsync(Sink.Options());

        await Should.ThrowAsync<ArgumentException>(() => client.SendAsync("desk@example.test", ["a@b.test>\r\nRCPT TO:<c@d.test"], TestMessages.Text("x")));
        await Should.ThrowAsync<ArgumentException>(() => client.SendAsync("desk@example.test", [], TestMessages.Text("x")));
        await client.NoopAsync();
    }

    private static string Unique(string localPart) => $"{localPart}-{Guid.NewGuid():N}@example.test";
}

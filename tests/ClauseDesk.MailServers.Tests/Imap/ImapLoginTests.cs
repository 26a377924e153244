using System.Security.Authentication;
using ClauseDesk.Infrastructure;

namespace ClauseDesk.Imap.Tests;

/// <summary>Connecting and logging in to a real Dovecot: both mechanisms, TLS both ways, certificate checks.</summary>
public sealed class ImapLoginTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private DovecotServer Server => dovecot.Server;

    [Fact]
    public async Task Login_with_LOGIN_refreshes_the_capabilities()
    {
        var user = Server.CreateUser();
        await using var client = await ImapClient.ConnectAsync(Server.Options());

        // Dovecot announces UIDPLUS and MOVE only to a logged-in client.
        client.HasCapability("UIDPLUS").ShouldBeFalse();
        await client.LoginAsync(user.UserName, user.Password);

        client.IsAuthenticated.ShouldBeTrue();
        client.HasCapability("UIDPLUS").ShouldBeTrue();
        client.HasCapability("MOVE").ShouldBeTrue();
        (await client.SelectAsync("INBOX")).Exists.ShouldBe(0u);
    }

    [Fact]
    public async Task Login_with_AUTHENTICATE_PLAIN_and_SASL_IR()
    {
        var user = Server.CreateUser();
        await using var client = await ImapClient.ConnectAsync(Server.Options());
        client.HasCapability("SASL-IR").ShouldBeTrue();

        await client.AuthenticatePlainAsync(user.UserName, user.Password);

        client.IsAuthenticated.ShouldBeTrue();
        (await client.SelectAsync("INBOX")).UidValidity.ShouldBeGreaterThan(0u);
        (await Server.LogShowsAsync($"user=<{user.UserName}>, method=PLAIN")).ShouldBeTrue(Server.ReadLog());
    }

    [Fact]
    public async Task Wrong_password_is_an_authentication_error_with_the_servers_text_and_the_connection_stays_usable()
    {
        var user = Server.CreateUser();
        await using var client = await ImapClient.ConnectAsync(Server.Options());

        var login = await Should.ThrowAsync<ImapAuthenticationException>(() => client.LoginAsync(user.UserName, "wrong"));
        var plain = await Should.ThrowAsync<ImapAuthenticationException>(() => client.AuthenticatePlainAsync(user.UserName, "wrong"));

        login.Status.ShouldBe("NO");
        login.ResponseCode.ShouldBe("AUTHENTICATIONFAILED");
        login.ServerText.ShouldContain("Authentication failed");
        login.Message.ShouldNotContain("wrong");
        plain.Command.ShouldBe("AUTHENTICATE");
        client.IsAuthenticated.ShouldBeFalse();
        await client.LoginAsync(user.UserName, user.Password);
        client.IsAuthenticated.ShouldBeTrue();
    }

    [Fact]
    public async Task Passwords_with_quotes_backslashes_and_non_ascii_characters()
    {
        var user = Server.CreateUser();
        await using var client = await ImapClient.ConnectAsync(Server.Options());

        // Only the exact password logs in: a quoting mistake would turn either into the other.
        await Should.ThrowAsync<ImapAuthenticationException>(() => client.LoginAsync(user.UserName, user.Password + "\"\\é"));
        await client.LoginAsync(user.UserName, user.Password);
    }

    [Fact]
    public async Task STARTTLS_upgrades_the_connection_and_forgets_the_plain_text_capabilities()
    {
        await using var client = await ImapClient.ConnectAsync(Server.Options(ImapSecurity.StartTls));

        client.IsEncrypted.ShouldBeTrue();
        client.HasCapability("IMAP4rev1").ShouldBeTrue();
        client.HasCapability("STARTTLS").ShouldBeFalse();
    }

    [Fact]
    public async Task Implicit_TLS_connects_and_logs_in()
    {
        var user = Server.CreateUser();
        await using var client = await ImapClient.ConnectAsync(Server.Options(ImapSecurity.ImplicitTls));
        client.IsEncrypted.ShouldBeTrue();

        await client.LoginAsync(user.UserName, user.Password);

        (await Server.LogShowsAsync($"user=<{user.UserName}>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.1, mpid=")).ShouldBeTrue(Server.ReadLog());
    }

    [Fact]
    public async Task Plain_connection_when_asked()
    {
        var user = Server.CreateUser();
        await using var client = await ImapClient.ConnectAsync(Server.Options(ImapSecurity.None));

        client.IsEncrypted.ShouldBeFalse();
        client.HasCapability("STARTTLS").ShouldBeTrue();
        await client.LoginAsync(user.UserName, user.Password);
    }

    [Theory]
    [InlineData(ImapSecurity.ImplicitTls)]
    [InlineData(ImapSecurity.StartTls)]
    public async Task A_self_signed_certificate_is_refused_by_default(ImapSecurity security)
    {
        var options = Server.Options(security);

        await Should.ThrowAsync<AuthenticationException>(() => ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            Security = security,
            TlsServerName = "localhost",
        }));
    }

    [Theory]
    [InlineData(ImapSecurity.ImplicitTls)]
    [InlineData(ImapSecurity.StartTls)]
    public async Task Accepting_another_certificate_does_not_accept_the_servers(ImapSecurity security)
    {
        var options = Server.Options(security);

        await Should.ThrowAsync<AuthenticationException>(() => ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            Security = security,
            AcceptedCertificate = TestCertificate.Create().Certificate,
        }));
    }
}

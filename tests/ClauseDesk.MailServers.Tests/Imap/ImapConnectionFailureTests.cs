using ClauseDesk.Infrastructure;

namespace ClauseDesk.Imap.Tests;

/// <summary>A connection that drops in the middle of a reply ends in an exception, never a hang.</summary>
public sealed class ImapConnectionFailureTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private DovecotServer Server => dovecot.Server;

    [Theory]
    [InlineData(ImapSecurity.None)]
    [InlineData(ImapSecurity.ImplicitTls)]
    public async Task A_connection_closed_mid_fetch_throws_and_the_client_refuses_further_commands(ImapSecurity security)
    {
        var user = Server.CreateUser();
        await Server.DeliverAsync(user.UserName, TestMessages.Large(2 * 1024 * 1024));
        await using var proxy = new TcpRelay(security == ImapSecurity.ImplicitTls ? Server.ImapsPort : Server.ImapPort);
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = DovecotServer.Host,
            Port = proxy.Port,
            Security = security,
            AcceptedCertificate = Server.Certificate.Certificate,
            Timeout = TimeSpan.FromSeconds(30),
        });
        await client.LoginAsync(user.UserName, user.Password);
        await client.SelectAsync("INBOX");
        var uids = await client.SearchAsync(ImapSearch.All);

        proxy.CutAfter(100_000);
        var fetch = client.FetchAsync(uids);

        // The wait only guards against a hang; the connection closes long before.
        var failure = await Should.ThrowAsync<Exception>(() => fetch.WaitAsync(TimeSpan.FromSeconds(60)));
        failure.ShouldBeOfType<ImapProtocolException>();
        await Should.ThrowAsync<ImapProtocolException>(() => client.NoopAsync());
    }

    [Fact]
    public async Task A_silent_server_times_out()
    {
        var user = Server.CreateUser();
        await using var relay = new TcpRelay(Server.ImapPort);
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = DovecotServer.Host,
            Port = relay.Port,
            Security = ImapSecurity.None,
            Timeout = TimeSpan.FromSeconds(2),
        });

        relay.Stall();
        var failure = await Should.ThrowAsync<TimeoutException>(() => client.LoginAsync(user.UserName, user.Password).WaitAsync(TimeSpan.FromSeconds(60)));

        failure.Message.ShouldContain("LOGIN");
        await Should.ThrowAsync<ImapProtocolException>(() => client.NoopAsync());
    }

    [Fact]
    public async Task Nothing_listening_is_a_protocol_error_naming_the_server()
    {
        var port = FreePorts.Take(1)[0];

        var failure = await Should.ThrowAsync<ImapProtocolException>(() => ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = DovecotServer.Host,
            Port = port,
            Security = ImapSecurity.None,
        }));

        failure.Message.ShouldContain($"127.0.0.1:{port}");
    }

    [Fact]
    public async Task A_server_that_says_BYE_during_IDLE_ends_the_wait_with_an_exception_quoting_it()
    {
        var user = Server.CreateUser();
        await using var relay = new TcpRelay(Server.ImapPort);
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = DovecotServer.Host,
            Port = relay.Port,
            Security = ImapSecurity.None,
        });
        await client.LoginAsync(user.UserName, user.Password);
        await client.SelectAsync("INBOX");

        var idle = client.IdleAsync(TimeSpan.FromMinutes(5));
        await relay.WaitForServerAsync("\r\n+ ");
        await Server.KickAsync(user.UserName);

        // The wait only guards against a hang; the server closes at once.
        var failure = await Should.ThrowAsync<ImapProtocolException>(() => idle.WaitAsync(TimeSpan.FromSeconds(60)));
        failure.Message.ShouldContain("BYE");
        relay.ServerText.ShouldContain("* BYE ");
        await Should.ThrowAsync<ImapProtocolException>(() => client.NoopAsync());
    }
}

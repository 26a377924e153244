using System.Text;
using ClauseDesk.Infrastructure;

namespace ClauseDesk.Imap.Tests;

/// <summary>
/// Waiting for new mail with IDLE (and with NOOP polling), ending the wait cleanly. The client talks
/// plain IMAP through a relay whose transcript shows when the server accepted IDLE and that DONE was sent.
/// </summary>
public sealed class ImapIdleTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    /// <summary>Generous: the waits below end by an event, this only keeps a broken test from hanging.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private DovecotServer Server => dovecot.Server;

    [Fact]
    public async Task IDLE_wakes_up_when_a_message_is_delivered()
    {
        var user = Server.CreateUser();
        await using var relay = new TcpRelay(Server.ImapPort);
        await using var client = await ConnectAsync(relay, user);
        var inbox = await client.SelectAsync("INBOX");

        var idle = client.IdleAsync(Patience);
        await relay.WaitForServerAsync("\r\n+ ");
        await Server.DeliverAsync(user.UserName, TestMessages.Text("during idle"));
        var result = await idle.WaitAsync(Patience);

        result.Changed.ShouldBeTrue();
        result.Exists.ShouldBe(1u);
        relay.ClientText.ShouldContain(" IDLE\r\nDONE\r\n");
        var fresh = await client.SearchAsync(ImapSearch.UidsFrom(inbox.UidNext!.Value));
        Encoding.UTF8.GetString((await client.FetchAsync(fresh)).Single().Raw).ShouldContain("Subject: during idle");
    }

    [Fact]
    public async Task Cancelling_ends_IDLE_with_DONE_and_the_connection_stays_usable()
    {
        var user = Server.CreateUser();
        await using var relay = new TcpRelay(Server.ImapPort);
        await using var client = await ConnectAsync(relay, user);
        await client.SelectAsync("INBOX");
        using var cancel = new CancellationTokenSource();

        var idle = client.IdleAsync(Patience, cancel.Token);
        await relay.WaitForServerAsync("\r\n+ ");
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => idle.WaitAsync(Patience));
        relay.ClientText.ShouldEndWith(" IDLE\r\nDONE\r\n");
        await Server.DeliverAsync(user.UserName, TestMessages.Text("after idle"));
        await client.NoopAsync();
        client.SelectedMailbox!.Exists.ShouldBe(1u);
        (await client.SearchAsync(ImapSearch.All)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Disposing_the_client_ends_a_running_IDLE_with_a_protocol_error()
    {
        var user = Server.CreateUser();
        await using var relay = new TcpRelay(Server.ImapPort);
        var client = await ConnectAsync(relay, user);
        await client.SelectAsync("INBOX");

        var idle = client.IdleAsync(Patience);
        await relay.WaitForServerAsync("\r\n+ ");
        await client.DisposeAsync();

        await Should.ThrowAsync<ImapProtocolException>(() => idle.WaitAsync(Patience));
    }

    [Fact]
    public async Task IDLE_is_issued_again_after_the_refresh_interval_and_returns_unchanged_at_the_timeout()
    {
        var user = Server.CreateUser();
        await using var relay = new TcpRelay(Server.ImapPort);
        await using var client = await ConnectAsync(relay, user, idleRefresh: TimeSpan.FromSeconds(1));
        await client.SelectAsync("INBOX");

        var quiet = await client.IdleAsync(TimeSpan.FromSeconds(2.5));

        quiet.Changed.ShouldBeFalse();
        quiet.Exists.ShouldBe(0u);
        // An IDLE per second of waiting (the last one shorter), each ended with DONE before the next.
        var idles = TcpRelay.Occurrences(relay.ClientText, " IDLE\r\n");
        idles.ShouldBeGreaterThanOrEqualTo(2);
        TcpRelay.Occurrences(relay.ClientText, " IDLE\r\nDONE\r\n").ShouldBe(idles);
        var idle = client.IdleAsync(Patience);
        await relay.WaitForServerAsync("\r\n+ ", idles + 1);
        await Server.DeliverAsync(user.UserName, TestMessages.Text("second wait"));
        (await idle.WaitAsync(Patience)).Changed.ShouldBeTrue();
    }

    [Fact]
    public async Task Without_IDLE_the_client_polls_with_NOOP()
    {
        var user = Server.CreateUser();
        await using var relay = new TcpRelay(Server.ImapPort);
        await using var client = await ConnectAsync(relay, user, useIdle: false);
        await client.SelectAsync("INBOX");

        var wait = client.IdleAsync(Patience);
        await Server.DeliverAsync(user.UserName, TestMessages.Text("polled"));
        var result = await wait.WaitAsync(Patience);

        result.Changed.ShouldBeTrue();
        result.Exists.ShouldBe(1u);
        relay.ClientText.ShouldContain(" NOOP\r\n");
        relay.ClientText.ShouldNotContain(" IDLE\r\n");
    }

    private static async Task<ImapClient> ConnectAsync(
        TcpRelay relay,
        (string UserName, string Password) user,
        TimeSpan? idleRefresh = null,
        bool useIdle = true)
    {
        var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = DovecotServer.Host,
            Port = relay.Port,
            Security = ImapSecurity.None,
            IdleRefreshInterval = idleRefresh ?? TimeSpan.FromMinutes(25),
            UseIdle = useIdle,
            PollInterval = TimeSpan.FromMilliseconds(200),
            Timeout = TimeSpan.FromSeconds(30),
        });
        await client.LoginAsync(user.UserName, user.Password);
        return client;
    }
}

using System.Text;
using ClauseDesk.Infrastructure;

namespace ClauseDesk.Imap.Tests;

/// <summary>Waiting for new mail with IDLE (and with NOOP polling), ending the wait cleanly.</summary>
public sealed class ImapIdleTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    /// <summary>Generous: the waits below end by an event, this only keeps a broken test from hanging.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private DovecotServer Server => dovecot.Server;

    [Fact]
    public async Task IDLE_wakes_up_when_a_message_is_delivered()
    {
        var user = Server.CreateUser();
        await using var client = await Server.LoginAsync(user);
        var inbox = await client.SelectAsync("INBOX");

        var idle = client.IdleAsync(Patience);
        await WaitUntilIdlingAsync(user.UserName);
        await Server.DeliverAsync(user.UserName, TestMessages.Text("during idle"));
        var result = await idle.WaitAsync(Patience);

        result.Changed.ShouldBeTrue();
        result.Exists.ShouldBe(1u);
        var fresh = await client.SearchAsync(ImapSearch.UidsFrom(inbox.UidNext!.Value));
        Encoding.UTF8.GetString((await client.FetchAsync(fresh)).Single().Raw).ShouldContain("Subject: during idle");
    }

    [Fact]
    public async Task Cancelling_ends_IDLE_with_DONE_and_the_connection_stays_usable()
    {
        var user = Server.CreateUser();
        await using var client = await Server.LoginAsync(user);
        await client.SelectAsync("INBOX");
        using var cancel = new CancellationTokenSource();

        var idle = client.IdleAsync(Patience, cancel.Token);
        await WaitUntilIdlingAsync(user.UserName);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => idle.WaitAsync(Patience));
        await Server.DeliverAsync(user.UserName, TestMessages.Text("after idle"));
        await client.NoopAsync();
        client.SelectedMailbox!.Exists.ShouldBe(1u);
        (await client.SearchAsync(ImapSearch.All)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task IDLE_without_news_returns_unchanged_after_its_timeout_and_can_be_issued_again()
    {
        var user = Server.CreateUser();
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = DovecotServer.Host,
            Port = Server.ImapPort,
            Security = ImapSecurity.StartTls,
            AcceptedCertificate = Server.Certificate.Certificate,
            IdleRefreshInterval = TimeSpan.FromSeconds(1),
        });
        await client.LoginAsync(user.UserName, user.Password);
        await client.SelectAsync("INBOX");

        // Three IDLE commands of one second each: each must end with DONE and OK for the next to start.
        var quiet = await client.IdleAsync(TimeSpan.FromSeconds(2.5));

        quiet.Changed.ShouldBeFalse();
        var idle = client.IdleAsync(Patience);
        await WaitUntilIdlingAsync(user.UserName);
        await Server.DeliverAsync(user.UserName, TestMessages.Text("second wait"));
        (await idle.WaitAsync(Patience)).Changed.ShouldBeTrue();
    }

    [Fact]
    public async Task Without_IDLE_the_client_polls_with_NOOP()
    {
        var user = Server.CreateUser();
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = DovecotServer.Host,
            Port = Server.ImapPort,
            Security = ImapSecurity.StartTls,
            AcceptedCertificate = Server.Certificate.Certificate,
            UseIdle = false,
            PollInterval = TimeSpan.FromMilliseconds(200),
        });
        await client.LoginAsync(user.UserName, user.Password);
        await client.SelectAsync("INBOX");

        var wait = client.IdleAsync(Patience);
        await Server.DeliverAsync(user.UserName, TestMessages.Text("polled"));
        var result = await wait.WaitAsync(Patience);

        result.Changed.ShouldBeTrue();
        result.Exists.ShouldBe(1u);
    }

    /// <summary>
    /// Waits until Dovecot's log shows the user's session, then a moment for the IDLE command to be
    /// read: delivering earlier would still pass (EXISTS is reported either way) but prove less.
    /// </summary>
    private async Task WaitUntilIdlingAsync(string userName)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!Server.ReadLog().Contains($"Login: user=<{userName}>", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await Task.Delay(300);
    }
}

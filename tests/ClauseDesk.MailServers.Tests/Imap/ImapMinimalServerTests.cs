using ClauseDesk.Infrastructure;

namespace ClauseDesk.Imap.Tests;

/// <summary>
/// The client against a server that announces only IMAP4rev1 and UIDPLUS: the fallbacks (AUTHENTICATE
/// after a continuation, synchronising literals, MOVE as COPY + \Deleted + UID EXPUNGE, polling
/// instead of IDLE). The relay's transcript shows which path the client took.
/// </summary>
public sealed class ImapMinimalServerTests(MinimalDovecotFixture dovecot) : IClassFixture<MinimalDovecotFixture>
{
    private DovecotServer Server => dovecot.Server;

    [Fact]
    public async Task AUTHENTICATE_PLAIN_waits_for_the_continuation_without_SASL_IR()
    {
        var user = Server.CreateUser();
        await using var relay = new TcpRelay(Server.ImapPort);
        await using var client = await ConnectAsync(relay);
        client.HasCapability("SASL-IR").ShouldBeFalse();

        await client.AuthenticatePlainAsync(user.UserName, user.Password);

        relay.ClientText.ShouldContain(" AUTHENTICATE PLAIN\r\n");
        relay.ServerText.ShouldContain("\r\n+ \r\n");
        client.HasCapability("UIDPLUS").ShouldBeTrue();
        client.HasCapability("AUTH=PLAIN").ShouldBeFalse();
    }

    [Fact]
    public async Task Synchronising_literals_for_a_non_ASCII_password_and_for_APPEND()
    {
        var user = Server.CreateUser();
        var message = TestMessages.Text("Literal", "Body with ünïcödé.\r\n");
        await using var relay = new TcpRelay(Server.ImapPort);
        await using var client = await ConnectAsync(relay);

        await Should.ThrowAsync<ImapAuthenticationException>(() => client.LoginAsync(user.UserName, "pässword"));
        await client.LoginAsync(user.UserName, user.Password);
        var uid = await client.AppendAsync("INBOX", message);
        await client.SelectAsync("INBOX");

        relay.ClientText.ShouldContain(" {9}\r\n");
        relay.ClientText.ShouldNotContain("+}");
        (await client.FetchAsync([uid!.Value])).Single().Raw.ShouldBe(message);
    }

    [Fact]
    public async Task A_20_MB_APPEND_through_a_synchronising_literal_comes_back_byte_for_byte()
    {
        var user = Server.CreateUser();
        var large = TestMessages.Large(20 * 1024 * 1024);
        await using var client = await ImapClient.ConnectAsync(Server.Options());
        await client.LoginAsync(user.UserName, user.Password);

        var uid = await client.AppendAsync("INBOX", large);
        await client.SelectAsync("INBOX");
        var fetched = (await client.FetchAsync([uid!.Value])).Single();

        fetched.Raw.Length.ShouldBe(large.Length);
        fetched.Raw.AsSpan().SequenceEqual(large).ShouldBeTrue();
    }

    [Fact]
    public async Task Move_without_MOVE_copies_flags_and_expunges_only_the_moved_messages()
    {
        var user = Server.CreateUser();
        await using var relay = new TcpRelay(Server.ImapPort);
        await using var client = await ConnectAsync(relay);
        await client.LoginAsync(user.UserName, user.Password);
        await client.CreateMailboxAsync("Handled");
        var moved = (await client.AppendAsync("INBOX", TestMessages.Text("moved")))!.Value;
        var deletedByOthers = (await client.AppendAsync("INBOX", TestMessages.Text("deleted elsewhere"), [ImapFlags.Deleted]))!.Value;
        var kept = (await client.AppendAsync("INBOX", TestMessages.Text("kept")))!.Value;
        await client.SelectAsync("INBOX");

        await client.MoveAsync([moved], "Handled");

        relay.ClientText.ShouldNotContain("UID MOVE");
        relay.ClientText.ShouldContain($"UID EXPUNGE {moved}\r\n");
        (await client.SearchAsync(ImapSearch.All)).ShouldBe([deletedByOthers, kept]);
        (await client.ExamineAsync("Handled")).Exists.ShouldBe(1u);
    }

    [Fact]
    public async Task Without_IDLE_in_the_capabilities_the_wait_polls()
    {
        var user = Server.CreateUser();
        await using var relay = new TcpRelay(Server.ImapPort);
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = DovecotServer.Host,
            Port = relay.Port,
            Security = ImapSecurity.None,
            PollInterval = TimeSpan.FromMilliseconds(200),
        });
        await client.LoginAsync(user.UserName, user.Password);
        await client.SelectAsync("INBOX");

        var wait = client.IdleAsync(TimeSpan.FromSeconds(60));
        await Server.DeliverAsync(user.UserName, TestMessages.Text("polled"));

        (await wait.WaitAsync(TimeSpan.FromSeconds(60))).Changed.ShouldBeTrue();
        relay.ClientText.ShouldNotContain(" IDLE\r\n");
    }

    private static Task<ImapClient> ConnectAsync(TcpRelay relay) => ImapClient.ConnectAsync(new ImapClientOptions
    {
        Host = DovecotServer.Host,
        Port = relay.Port,
        Security = ImapSecurity.None,
        Timeout = TimeSpan.FromSeconds(30),
    });
}

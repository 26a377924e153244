using System.Text;
using ClauseDesk.Infrastructure;

namespace ClauseDesk.Imap.Tests;

/// <summary>Reading a support mailbox the way the intake does: select, search, fetch, flag, move.</summary>
public sealed class ImapMailboxTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private DovecotServer Server => dovecot.Server;

    [Fact]
    public async Task Delivered_messages_are_fetched_byte_for_byte_with_their_attributes()
    {
        var user = Server.CreateUser();
        var plain = TestMessages.Text("Printer on fire", "It is on fire.\r\n");
        var eightBit = TestMessages.Text("Grüße aus Köln", "Ça marche pas: «ÿ» €\r\n.leading dot\r\n..two dots\r\n.\r\nlast\r\n");
        await Server.DeliverAsync(user.UserName, plain);
        await Server.DeliverAsync(user.UserName, eightBit);
        await using var client = await Server.LoginAsync(user);
        await client.SelectAsync("INBOX");

        var uids = await client.SearchAsync(ImapSearch.All);
        var messages = await client.FetchAsync(uids);

        messages.Count.ShouldBe(2);
        messages[0].Raw.ShouldBe([.. DovecotServer.DeliveryPrefix, .. plain]);
        messages[1].Raw.ShouldBe([.. DovecotServer.DeliveryPrefix, .. eightBit]);
        messages.Select(m => m.Uid).ShouldBe(uids);
        messages[1].Size.ShouldBe(messages[1].Raw.Length);
        messages[1].Flags.ShouldBe(["\\Recent"]);
        messages[1].InternalDate.ShouldNotBeNull();
        messages[1].InternalDate!.Value.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Select_reports_uidvalidity_uidnext_and_exists_and_the_checkpoint_finds_only_new_mail()
    {
        var user = Server.CreateUser();
        await Server.DeliverAsync(user.UserName, TestMessages.Text("one"));
        await Server.DeliverAsync(user.UserName, TestMessages.Text("two"));
        await using var client = await Server.LoginAsync(user);

        var first = await client.SelectAsync("INBOX");
        var checkpoint = first.UidNext!.Value;
        first.Exists.ShouldBe(2u);
        first.IsReadOnly.ShouldBeFalse();
        (await client.SearchAsync(ImapSearch.All)).Max().ShouldBeLessThan(checkpoint);

        // "UID n:*" with n above every UID still matches the last message: the client drops it.
        (await client.SearchAsync(ImapSearch.UidsFrom(checkpoint))).ShouldBeEmpty();

        await Server.DeliverAsync(user.UserName, TestMessages.Text("three"));
        var second = await client.SelectAsync("INBOX");
        var fresh = await client.SearchAsync(ImapSearch.UidsFrom(checkpoint));

        second.UidValidity.ShouldBe(first.UidValidity);
        second.Exists.ShouldBe(3u);
        second.UidNext.ShouldBe(fresh.Single() + 1);
        fresh.Single().ShouldBeGreaterThanOrEqualTo(checkpoint);
        var fetched = await client.FetchAsync(fresh);
        Encoding.UTF8.GetString(fetched.Single().Raw).ShouldContain("Subject: three\r\n");
    }

    [Fact]
    public async Task Fetching_peeks_and_storing_Seen_and_a_keyword_changes_UNSEEN()
    {
        var user = Server.CreateUser();
        await Server.DeliverAsync(user.UserName, TestMessages.Text("a"));
        await Server.DeliverAsync(user.UserName, TestMessages.Text("b"));
        await using var client = await Server.LoginAsync(user);
        await client.SelectAsync("INBOX");
        var uids = await client.SearchAsync(ImapSearch.All);

        await client.FetchAsync(uids);
        (await client.SearchAsync(ImapSearch.Unseen)).ShouldBe(uids);

        await client.AddFlagsAsync([uids[0]], [ImapFlags.Seen, "$Ticketed"]);

        (await client.SearchAsync(ImapSearch.Unseen)).ShouldBe([uids[1]]);
        var flagged = (await client.FetchAsync([uids[0]])).Single();
        flagged.HasFlag(ImapFlags.Seen).ShouldBeTrue();
        flagged.HasFlag("$Ticketed").ShouldBeTrue();

        await client.RemoveFlagsAsync([uids[0]], [ImapFlags.Seen]);
        (await client.SearchAsync(ImapSearch.Unseen)).ShouldBe(uids);
    }

    [Fact]
    public async Task Invalid_flags_are_refused_before_anything_is_sent()
    {
        var user = Server.CreateUser();
        await Server.DeliverAsync(user.UserName, TestMessages.Text("a"));
        await using var client = await Server.LoginAsync(user);
        await client.SelectAsync("INBOX");

        await Should.ThrowAsync<ArgumentException>(() => client.AddFlagsAsync([1], ["two words"]));
        await Should.ThrowAsync<ArgumentException>(() => client.AddFlagsAsync([1], ["x) (\\Deleted"]));
        await client.NoopAsync();
    }

    [Fact]
    public async Task Append_create_copy_and_move()
    {
        var user = Server.CreateUser();
        var message = TestMessages.Text("Kept copy", "Sent reply.\r\n.\r\n");
        await using var client = await Server.LoginAsync(user);
        await client.CreateMailboxAsync("Handled");
        await client.CreateMailboxAsync("Archive 2026 Été");

        var appended = await client.AppendAsync("INBOX", message, [ImapFlags.Seen], new DateTimeOffset(2026, 11, 2, 7, 5, 9, TimeSpan.FromHours(-5)));

        var inbox = await client.SelectAsync("INBOX");
        inbox.Exists.ShouldBe(1u);
        var fetched = (await client.FetchAsync([appended!.Value])).Single();
        fetched.Raw.ShouldBe(message);
        fetched.HasFlag(ImapFlags.Seen).ShouldBeTrue();
        fetched.InternalDate.ShouldBe(new DateTimeOffset(2026, 11, 2, 7, 5, 9, TimeSpan.FromHours(-5)));

        await client.CopyAsync([fetched.Uid], "Archive 2026 Été");
        await client.MoveAsync([fetched.Uid], "Handled");
        (await client.SearchAsync(ImapSearch.All)).ShouldBeEmpty();

        var handled = await client.ExamineAsync("Handled");
        handled.IsReadOnly.ShouldBeTrue();
        handled.Exists.ShouldBe(1u);
        (await client.FetchAsync(await client.SearchAsync(ImapSearch.All))).Single().Raw.ShouldBe(message);
        (await client.ExamineAsync("Archive 2026 Été")).Exists.ShouldBe(1u);
    }

    [Fact]
    public async Task A_refused_command_carries_the_servers_reply_and_the_connection_goes_on()
    {
        var user = Server.CreateUser();
        await using var client = await Server.LoginAsync(user);

        var missing = await Should.ThrowAsync<ImapCommandException>(() => client.SelectAsync("Does not exist"));
        var move = await Should.ThrowAsync<ImapCommandException>(() => client.AppendAsync("Nowhere", TestMessages.Text("x")));

        missing.Status.ShouldBe("NO");
        missing.Command.ShouldBe("SELECT");
        missing.ServerText.ShouldContain("Mailbox doesn't exist");
        move.ResponseCode.ShouldBe("TRYCREATE");
        client.SelectedMailbox.ShouldBeNull();
        await Should.ThrowAsync<InvalidOperationException>(() => client.SearchAsync(ImapSearch.All));
        (await client.SelectAsync("INBOX")).Exists.ShouldBe(0u);
    }

    [Fact]
    public async Task Fetching_a_20_MB_message_returns_every_byte()
    {
        var user = Server.CreateUser();
        var large = TestMessages.Large(20 * 1024 * 1024);
        await Server.DeliverAsync(user.UserName, large);
        await using var client = await Server.LoginAsync(user);
        await client.SelectAsync("INBOX");

        var fetched = (await client.FetchAsync(await client.SearchAsync(ImapSearch.All))).Single();

        fetched.Raw.Length.ShouldBe(DovecotServer.DeliveryPrefix.Length + large.Length);
        fetched.Raw.AsSpan(DovecotServer.DeliveryPrefix.Length).SequenceEqual(large).ShouldBeTrue();
    }

    [Fact]
    public async Task Logout_ends_the_session_and_later_commands_fail_clearly()
    {
        var user = Server.CreateUser();
        var client = await Server.LoginAsync(user);

        await client.LogoutAsync();

        var after = await Should.ThrowAsync<ImapProtocolException>(() => client.NoopAsync());
        after.Message.ShouldContain("logged out");
    }
}

using System.Text;

namespace ClauseDesk.Imap.Tests;

/// <summary>
/// The response parser on replies that Dovecot does not send in the other tests but other servers do:
/// escapes, literals in odd places, NIL, nested lists, codes with lists.
/// </summary>
public sealed class ImapResponseParserTests
{
    [Fact]
    public async Task Quoted_strings_with_escapes_NIL_and_nested_lists()
    {
        var response = await ParseAsync("* LIST (\\HasNoChildren (nested \"a b\")) \"/\" \"Quote \\\" and \\\\ back\" NIL\r\n");

        response.Kind.ShouldBe(ImapResponseKind.Untagged);
        response.Name.ShouldBe("LIST");
        response.Values.Count.ShouldBe(4);
        response.Values[0].AsList()[0].AsText().ShouldBe("\\HasNoChildren");
        response.Values[0].AsList()[1].AsList()[1].AsText().ShouldBe("a b");
        response.Values[1].AsText().ShouldBe("/");
        response.Values[2].AsText().ShouldBe("Quote \" and \\ back");
        response.Values[3].Kind.ShouldBe(ImapValueKind.Nil);
    }

    [Fact]
    public async Task Literals_inside_a_fetch_response_both_kinds_of_announcement()
    {
        var response = await ParseAsync(
            "* 7 FETCH (UID 42 FLAGS (\\Seen $Ticketed) BODY[HEADER.FIELDS (SUBJECT)] {8}\r\nA\r\nB)C\r\n BODY[] {3+}\r\nxyz INTERNALDATE \" 2-Nov-2026 07:05:09 -0500\")\r\n");

        response.Number.ShouldBe(7u);
        response.Name.ShouldBe("FETCH");
        var items = response.Values[0].AsList();
        items.Select(i => i.Kind == ImapValueKind.List ? "()" : i.AsText()).ShouldBe(
            ["UID", "42", "FLAGS", "()", "BODY[HEADER.FIELDS (SUBJECT)]", "A\r\nB)C\r\n", "BODY[]", "xyz", "INTERNALDATE", " 2-Nov-2026 07:05:09 -0500"]);
        ImapClient.ParseInternalDate(items[9].AsText()).ShouldBe(new DateTimeOffset(2026, 11, 2, 7, 5, 9, TimeSpan.FromHours(-5)));
    }

    [Fact]
    public async Task Status_responses_with_codes_and_text()
    {
        var permanent = await ParseAsync("* OK [PERMANENTFLAGS (\\Seen \\*)] Flags permitted.\r\n");
        var tagged = await ParseAsync("C0003 NO [ALERT] Mailbox is over quota\r\n");
        var continuation = await ParseAsync("+ idling\r\n");
        var bare = await ParseAsync("C0004 OK done\r\n");

        permanent.Code!.Name.ShouldBe("PERMANENTFLAGS");
        permanent.Code.Arguments[0].AsList().Select(v => v.AsText()).ShouldBe(["\\Seen", "\\*"]);
        permanent.Text.ShouldBe("Flags permitted.");
        tagged.Kind.ShouldBe(ImapResponseKind.Tagged);
        tagged.Tag.ShouldBe("C0003");
        tagged.Name.ShouldBe("NO");
        tagged.Code!.Name.ShouldBe("ALERT");
        tagged.Text.ShouldBe("Mailbox is over quota");
        continuation.Kind.ShouldBe(ImapResponseKind.Continuation);
        continuation.Text.ShouldBe("idling");
        bare.Code.ShouldBeNull();
        bare.Text.ShouldBe("done");
    }

    [Fact]
    public async Task A_literal_larger_than_the_limit_is_refused_before_it_is_read()
    {
        var reader = new ImapResponseReader(new MemoryStream("* 1 FETCH (BODY[] {5000}\r\n"u8.ToArray()), maxLiteralSize: 4096);

        var failure = await Should.ThrowAsync<ImapProtocolException>(() => reader.ReadResponseAsync(CancellationToken.None));

        failure.Message.ShouldContain("5000");
    }

    [Fact]
    public async Task A_stream_that_ends_inside_a_literal_is_a_protocol_error()
    {
        var reader = new ImapResponseReader(new MemoryStream("* 1 FETCH (BODY[] {100}\r\nshort"u8.ToArray()), 4096);

        var failure = await Should.ThrowAsync<ImapProtocolException>(() => reader.ReadResponseAsync(CancellationToken.None));

        failure.Message.ShouldContain("5 of 100 bytes");
    }

    [Fact]
    public async Task Garbage_is_a_protocol_error_not_a_crash()
    {
        await Should.ThrowAsync<ImapProtocolException>(() => ParseAsync("* 3 FETCH (UID \"unterminated\r\n"));
        await Should.ThrowAsync<ImapProtocolException>(() => ParseAsync("C1 WHAT\r\n"));
    }

    [Fact]
    public void Mailbox_names_in_modified_UTF_7()
    {
        ModifiedUtf7.Encode("Archive 2026 Été").ShouldBe("Archive 2026 &AMk-t&AOk-");
        ModifiedUtf7.Encode("R&D").ShouldBe("R&-D");
        ModifiedUtf7.Encode("日本語").ShouldBe("&ZeVnLIqe-");
    }

    [Fact]
    public void Uid_sets_are_compact()
    {
        ImapCommand.UidSet([1, 2, 3, 5, 7, 8, 4_000_000_000]).ShouldBe("1:3,5,7:8,4000000000");
    }

    private static Task<ImapResponse> ParseAsync(string wire) =>
        new ImapResponseReader(new MemoryStream(Encoding.UTF8.GetBytes(wire)), 1024 * 1024).ReadResponseAsync(CancellationToken.None);
}

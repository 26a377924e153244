using System.Text;

namespace ClauseDesk.Mime.Tests;

/// <summary>The pieces of header reading: encoded words, addresses, dates, ids, parameters.</summary>
public class HeaderReadingTests
{
    [Theory]
    [InlineData("=?utf-8?q?caf=C3=A9?=", "café")]
    [InlineData("=?UTF-8?Q?caf=c3=a9?=", "café")]
    [InlineData("=?utf-8?b?Y2Fmw6k=?=", "café")]
    [InlineData("=?utf-8?b?Y2Fmw6k?=", "café")] // missing padding
    [InlineData("=?iso-8859-1?q?caf=E9?= =?iso-8859-1?q?_cr=E8me?=", "café crème")] // blank between words dropped
    [InlineData("Re: =?utf-8?q?caf=C3=A9?= now", "Re: café now")] // blanks next to plain text kept
    [InlineData("=?utf-8?q?a?=\t =?utf-8?q?b?=", "ab")]
    [InlineData("=?utf-8*en?q?hello?=", "hello")] // RFC 2231 language in the charset
    [InlineData("prefix=?utf-8?q?caf=C3=A9?=suffix", "prefixcafésuffix")] // glued to text
    [InlineData("=?utf-8?q?two words?=", "two words")] // a blank inside a Q word
    [InlineData("=?utf-8?x?abc?=", "=?utf-8?x?abc?=")] // unknown encoding: kept as written
    [InlineData("=?utf-8?q?unterminated", "=?utf-8?q?unterminated")]
    [InlineData("no words at all", "no words at all")]
    [InlineData("=?x-unknown?q?caf=C3=A9?=", "café")] // unknown charset: UTF-8 if valid
    [InlineData("=?x-unknown?q?caf=E9?=", "café")] // else Windows-1252
    [InlineData("=?windows-1252?q?=93quoted=94?=", "“quoted”")]
    [InlineData("=?koi8-r?b?8NLJ18XU?=", "Привет")]
    [InlineData("=?shift_jis?b?k/qWe4zq?=", "日本語")]
    public void Encoded_words_decode(string raw, string decoded) => EncodedWords.Decode(raw).ShouldBe(decoded);

    [Fact]
    public void A_character_split_across_two_b_words_in_one_charset_decodes_whole()
    {
        var bytes = Encoding.UTF8.GetBytes("€uro");
        var first = Convert.ToBase64String(bytes[..2]);
        var second = Convert.ToBase64String(bytes[2..]);
        EncodedWords.Decode($"=?utf-8?B?{first}?= =?UTF-8?B?{second}?=").ShouldBe("€uro");
        EncodedWords.Decode("=?utf-8?Q?=E2=82?= =?utf-8?Q?=AC?=").ShouldBe("€");
    }

    [Fact]
    public void Encoding_a_subject_and_decoding_it_gives_it_back_in_words_of_at_most_75_characters()
    {
        foreach (var text in (string[])["café", "日本語のテキストはとても長いかもしれません。日本語のテキストはとても長いかもしれません。", "a😀b😀c😀d" + new string('é', 100), ""])
        {
            var words = EncodedWords.Encode(text);
            words.ShouldAllBe(w => w.Length <= 75);
            EncodedWords.Decode(string.Join("\r\n ".Replace("\r\n", "", StringComparison.Ordinal), words)).ShouldBe(text);
        }
    }

    [Theory]
    [InlineData("Mon, 2 Jan 2006 15:04:05 +0100", "2006-01-02T15:04:05+01:00")]
    [InlineData("2 Jan 2006 15:04:05 -0500", "2006-01-02T15:04:05-05:00")]
    [InlineData("Mon, 02 Jan 2006 15:04 GMT", "2006-01-02T15:04:00+00:00")]
    [InlineData("Monday, 2 January 2006 15:04:05 +0100 (CET)", "2006-01-02T15:04:05+01:00")]
    [InlineData("Mon, 2 Jan 06 15:04:05 EST", "2006-01-02T15:04:05-05:00")]
    [InlineData("Mon, 2 Jan 99 15:04:05 +0000", "1999-01-02T15:04:05+00:00")]
    [InlineData("Mon, 2 Jan 106 15:04:05 +0000", "2006-01-02T15:04:05+00:00")] // three-digit year: 1900 +
    [InlineData("Mon, 02-Jan-2006 15:04:05 -0500", "2006-01-02T15:04:05-05:00")]
    [InlineData("Mon Jan  2 15:04:05 2006", "2006-01-02T15:04:05+00:00")] // asctime, no zone
    [InlineData("2006-01-02T15:04:05+01:00", "2006-01-02T15:04:05+01:00")]
    [InlineData("2006-01-02 15:04:05", "2006-01-02T15:04:05+00:00")]
    [InlineData("Mon, 2 Jan 2006 15:04:05 +01:00", "2006-01-02T15:04:05+01:00")]
    [InlineData("Mon, 2 Jan 2006 15:04:05 -05:00", "2006-01-02T15:04:05-05:00")]
    [InlineData("Mon, 2 Jan 2006 3:04:05 PM +0100", "2006-01-02T15:04:05+01:00")]
    [InlineData("Mon, 2 Jan 2006 15:04:05 z", "2006-01-02T15:04:05+00:00")]
    [InlineData("Mon, 2 Jan 2006 15:04:05 CEST", "2006-01-02T15:04:05+02:00")]
    [InlineData("Sat, 31 Dec 2016 23:59:60 +0000", "2016-12-31T23:59:59+00:00")] // a leap second
    [InlineData("Mon, 2 Jan 2006 15:04:05 GMT-5", "2006-01-02T15:04:05-05:00")]
    public void Dates_read_in_rfc_5322_and_common_broken_forms(string raw, string expected) =>
        DateParser.Parse(raw).ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Mon, 31 Feb 2006 15:04:05 +0000")]
    [InlineData("Mon, 2 Foo 2006")]
    [InlineData("99999999999999999999999 Jan 2006")]
    public void Unreadable_dates_are_null(string raw) => DateParser.Parse(raw).ShouldBeNull();

    [Fact]
    public void Formatting_a_date_writes_rfc_5322()
    {
        DateParser.Format(new DateTimeOffset(2026, 11, 3, 9, 5, 7, TimeSpan.FromMinutes(-150))).ShouldBe("Tue, 3 Nov 2026 09:05:07 -0230");
    }

    [Theory]
    [InlineData("john@example.com", null, "john@example.com")]
    [InlineData("John Doe <john@example.com>", "John Doe", "john@example.com")]
    [InlineData("\"Doe, John\" <john@example.com>", "Doe, John", "john@example.com")]
    [InlineData("\"John \\\"JD\\\" Doe\" <john@example.com>", "John \"JD\" Doe", "john@example.com")]
    [InlineData("john@example.com (John Doe)", "John Doe", "john@example.com")]
    [InlineData("John (the boss) Doe <john@example.com>", "John Doe", "john@example.com")]
    [InlineData("=?utf-8?q?J=C3=B6rg?= <jorg@example.com>", "Jörg", "jorg@example.com")]
    [InlineData("\"=?utf-8?q?J=C3=B6rg?=\" <jorg@example.com>", "Jörg", "jorg@example.com")]
    [InlineData("<john@example.com>", null, "john@example.com")]
    [InlineData("John Q. Public <john.q.public@example.com>", "John Q. Public", "john.q.public@example.com")]
    [InlineData("\"john doe\"@example.com", null, "\"john doe\"@example.com")]
    [InlineData("john @ example . com", null, "john@example.com")] // obsolete blanks
    [InlineData("<@route.example,@other.example:john@example.com>", null, "john@example.com")]
    [InlineData("John <john@[192.0.2.1]>", "John", "john@[192.0.2.1]")]
    [InlineData("Jöhn Dœ <jöhn@exämple.com>", "Jöhn Dœ", "jöhn@exämple.com")] // RFC 6532
    [InlineData("John <john@example.com", "John", "john@example.com")] // missing '>'
    public void Single_addresses_read(string raw, string? name, string address) =>
        AddressParser.Parse(raw).ShouldHaveSingleItem().ShouldBe(new MailboxAddress(name, address));

    [Fact]
    public void Groups_are_flattened_and_remember_their_name()
    {
        var list = AddressParser.Parse("Board: a@x.example, B <b@x.example>;, c@x.example, Empty:;");
        list.Select(m => (m.Address, m.Group)).ShouldBe([("a@x.example", "Board"), ("b@x.example", "Board"), ("c@x.example", null)]);
    }

    [Theory]
    [InlineData("")]
    [InlineData(",,,")]
    [InlineData("<>")]
    [InlineData("not an address")]
    [InlineData("\"unterminated <a@b.example>")]
    [InlineData("(unterminated comment a@b.example")]
    [InlineData("@@@@")]
    [InlineData("<<<>>>")]
    public void Garbage_yields_no_address_and_no_exception(string raw) => AddressParser.Parse(raw).ShouldBeEmpty();

    [Fact]
    public void Message_ids_lose_their_brackets_comments_and_folding_blanks()
    {
        MessageIds.Parse("<a@b> (comment <x@y>) <c@d>").ShouldBe(["a@b", "c@d"]);
        MessageIds.Parse("<a@b><c@d>").ShouldBe(["a@b", "c@d"]);
        MessageIds.Parse("<a\r\n @b>").ShouldBe(["a@b"]);
        MessageIds.Parse("a@b c@d").ShouldBe(["a@b", "c@d"]);
        MessageIds.Parse("<a@b").ShouldBe(["a@b"]);
        MessageIds.Parse("Your message of Tuesday").ShouldBeEmpty();
        MessageIds.Parse(null).ShouldBeEmpty();
    }

    [Fact]
    public void Rfc_2231_parameters_join_their_sections_in_number_order()
    {
        var message = MimeMessage.Parse(Encoding.ASCII.GetBytes(
            "Content-Type: application/octet-stream;\r\n"
            + " name*1*=%20Zwei; name*0*=iso-8859-1'de'Datei%20%FCber; name*2=\" drei.txt\"\r\n"
            + "Content-Disposition: attachment; filename=\"a.txt\"; filename=\"b.txt\"\r\n\r\ndata"));
        message.Body.ContentType.Name.ShouldBe("Datei über Zwei drei.txt");
        message.Body.ContentDisposition!.FileName.ShouldBe("a.txt");
        message.Defects.ShouldContain(d => d.Kind == MimeDefectKind.InvalidParameter && d.Reason.Contains("twice"));
    }

    [Fact]
    public void A_file_name_never_carries_a_folder()
    {
        var message = MimeMessage.Parse(Encoding.ASCII.GetBytes(
            "Content-Type: text/plain; name=\"..\\\\..\\\\evil.exe\"\r\nContent-Disposition: attachment; filename=\"../../etc/passwd\"\r\n\r\nx"));
        message.Attachments.ShouldHaveSingleItem().FileName.ShouldBe("passwd");
    }

    [Fact]
    public void Header_names_compare_case_insensitively_and_values_unfold()
    {
        var message = MimeMessage.Parse(Encoding.ASCII.GetBytes("SUBJECT: one\r\n two\r\n\tthree\r\nx-custom : value\r\n\r\n"));
        message.Subject.ShouldBe("one two\tthree");
        message.Headers["X-Custom"].ShouldBe("value");
        message.Headers.Get("subject")!.RawValue.ShouldBe("one two\tthree");
        message.Headers.Contains("x-CUSTOM").ShouldBeTrue();
    }

    [Fact]
    public void A_line_that_is_no_header_starts_the_body_with_a_defect()
    {
        var message = MimeMessage.Parse(Encoding.ASCII.GetBytes("Subject: hi\r\nthis is body text\r\nmore\r\n"));
        message.Subject.ShouldBe("hi");
        message.TextBody.ShouldBe("this is body text\nmore\n");
        message.Defects.ShouldHaveSingleItem().Kind.ShouldBe(MimeDefectKind.MalformedHeader);
    }

    [Fact]
    public void Automatic_signals_are_read_but_auto_submitted_no_is_not_one()
    {
        static string? Reason(string headers) => MimeMessage.Parse(Encoding.ASCII.GetBytes(headers + "\r\n\r\nbody")).AutomaticReason;
        Reason("From: a@b.example\r\nAuto-Submitted: no").ShouldBeNull();
        Reason("From: a@b.example\r\nAuto-Submitted: auto-generated; owner-email=x@y").ShouldBe("Auto-Submitted: auto-generated");
        Reason("From: a@b.example\r\nPrecedence: bulk").ShouldBe("Precedence: bulk");
        Reason("From: a@b.example\r\nPrecedence: junk").ShouldBe("Precedence: junk");
        Reason("From: a@b.example\r\nPrecedence: first-class").ShouldBeNull();
        Reason("From: a@b.example\r\nX-Autorespond: 1").ShouldBe("X-Autorespond: 1");
        Reason("From: Postmaster <postmaster@b.example>").ShouldBe("From: postmaster@b.example (a mail system)");
        Reason("From: a@b.example\r\nReturn-Path: < >").ShouldBe("Return-Path: <> (a delivery report)");
        Reason("From: a@b.example\r\nReturn-Path: <a@b.example>").ShouldBeNull();
        Reason("From: a@b.example\r\nList-Id: <x.lists.example>").ShouldBe("List-Id: <x.lists.example>");
        Reason("From: a@b.example\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=x")
            .ShouldBe("multipart/report; report-type=delivery-status");
    }
}

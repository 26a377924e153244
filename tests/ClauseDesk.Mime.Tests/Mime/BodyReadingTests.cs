using System.Text;

namespace ClauseDesk.Mime.Tests;

/// <summary>Transfer encodings, charsets and the body tree.</summary>
public class BodyReadingTests
{
    private static MimeMessage Parse(string text) => MimeMessage.Parse(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("aGVsbG8=", "hello")]
    [InlineData("aGVsbG8", "hello")]
    [InlineData("aGVs\r\nbG8=\r\n", "hello")]
    [InlineData("a G V s b G 8 =", "hello")]
    [InlineData("aGVsbG8=aGVsbG8=", "hellohello")] // two padded blocks in a row
    [InlineData("aGVs*bG8", "hello")] // junk skipped
    [InlineData("", "")]
    [InlineData("====", "")]
    [InlineData("a", "")] // six bits make no byte
    public void Base64_decodes_tolerantly(string input, string expected) =>
        Encoding.ASCII.GetString(TransferEncodings.DecodeBase64(Encoding.ASCII.GetBytes(input))).ShouldBe(expected);

    [Theory]
    [InlineData("caf=C3=A9", "café")]
    [InlineData("caf=c3=a9", "café")]
    [InlineData("soft=\r\nbreak", "softbreak")]
    [InlineData("soft=\nbreak", "softbreak")]
    [InlineData("soft= \t\r\nbreak", "softbreak")]
    [InlineData("bad=ZZescape", "bad=ZZescape")]
    [InlineData("end=", "end")]
    [InlineData("end=4", "end=4")]
    [InlineData("a=3Db", "a=b")]
    public void Quoted_printable_decodes_tolerantly(string input, string expected) =>
        Encoding.UTF8.GetString(TransferEncodings.DecodeQuotedPrintable(Encoding.ASCII.GetBytes(input))).ShouldBe(expected);

    [Fact]
    public void Quoted_printable_encoding_round_trips_and_keeps_lines_at_76()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            for (var k = 0; k < bytes.Length; k++)
            {
                if (bytes[k] is (byte)'\r' or (byte)'\n')
                {
                    bytes[k] = (byte)'x'; // line breaks are text line breaks, normalised to CRLF
                }
            }
            var encoded = TransferEncodings.EncodeQuotedPrintable(bytes);
            encoded.Split("\r\n").ShouldAllBe(line => line.Length <= 76);
            TransferEncodings.DecodeQuotedPrintable(Encoding.ASCII.GetBytes(encoded)).ShouldBe(bytes);
        }
        TransferEncodings.EncodeQuotedPrintable("From here\n.dot \nend "u8).ShouldBe("=46rom here\r\n=2Edot=20\r\nend=20");
    }

    [Fact]
    public void Charsets_the_runtime_knows_through_code_pages_decode()
    {
        var message = MimeMessage.Parse([.. "Content-Type: text/plain; charset=windows-1251\r\n\r\n"u8, 0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]);
        message.TextBody.ShouldBe("Привет");
        message.Defects.ShouldBeEmpty();
    }

    [Fact]
    public void An_unknown_charset_reads_as_utf8_else_windows_1252_with_a_defect()
    {
        var message = Parse("Content-Type: text/plain; charset=x-klingon\r\n\r\ncafé");
        message.TextBody.ShouldBe("café");
        message.Defects.ShouldHaveSingleItem().Kind.ShouldBe(MimeDefectKind.UnknownCharset);
    }

    [Fact]
    public void Utf8_label_on_invalid_bytes_keeps_the_valid_characters()
    {
        var message = MimeMessage.Parse([.. "Content-Type: text/plain; charset=utf-8\r\n\r\n"u8, .. "één "u8, 0xE9, .. " €"u8]);
        message.TextBody.ShouldBe("één é €");
        message.Defects.ShouldHaveSingleItem().Kind.ShouldBe(MimeDefectKind.MislabelledCharset);
    }

    [Fact]
    public void Iso_8859_1_is_read_as_windows_1252_so_smart_quotes_survive()
    {
        var message = MimeMessage.Parse([.. "Content-Type: text/plain; charset=iso-8859-1\r\n\r\n"u8, 0x93, .. "hi"u8, 0x94]);
        message.TextBody.ShouldBe("“hi”");
    }

    [Fact]
    public void An_unknown_transfer_encoding_keeps_the_bytes_with_a_defect()
    {
        var message = Parse("Content-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 x\r\n");
        message.TextBody.ShouldBe("begin 644 x\n");
        message.Defects.ShouldHaveSingleItem().Kind.ShouldBe(MimeDefectKind.UnknownTransferEncoding);
    }

    [Fact]
    public void A_boundary_that_never_occurs_reads_the_body_as_text()
    {
        var message = Parse("Content-Type: multipart/mixed; boundary=nope\r\n\r\njust text\r\n");
        message.TextBody.ShouldBe("just text\n");
        message.Defects.ShouldContain(d => d.Kind == MimeDefectKind.MissingBoundary);
    }

    [Fact]
    public void A_boundary_that_is_a_prefix_of_an_inner_boundary_does_not_split_the_inner_multipart()
    {
        var message = Parse(
            "Content-Type: multipart/mixed; boundary=abc\r\n\r\n"
            + "--abc\r\nContent-Type: multipart/alternative; boundary=abcdef\r\n\r\n"
            + "--abcdef\r\nContent-Type: text/plain\r\n\r\nplain\r\n"
            + "--abcdef\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n"
            + "--abcdef--\r\n"
            + "--abc\r\nContent-Type: application/pdf; name=a.pdf\r\n\r\n%PDF\r\n"
            + "--abc--\r\n");
        message.TextBody.ShouldBe("plain");
        message.HtmlBody.ShouldBe("<p>html</p>");
        message.Attachments.ShouldHaveSingleItem().FileName.ShouldBe("a.pdf");
        message.Defects.ShouldBeEmpty();
    }

    [Fact]
    public void A_multipart_in_base64_is_decoded_then_read()
    {
        var inner = "--in\r\nContent-Type: text/plain\r\n\r\nhidden text\r\n--in--\r\n";
        var message = Parse("Content-Type: multipart/mixed; boundary=in\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Convert.ToBase64String(Encoding.ASCII.GetBytes(inner)));
        message.TextBody.ShouldBe("hidden text");
        message.Defects.ShouldHaveSingleItem().Kind.ShouldBe(MimeDefectKind.InvalidContentType);
    }

    [Fact]
    public void Multipart_digest_parts_default_to_message_rfc822()
    {
        var message = Parse("Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: inside\r\n\r\nbody\r\n--d--\r\n");
        message.Body.Parts.ShouldHaveSingleItem().Message!.Subject.ShouldBe("inside");
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_stops_with_a_defect_not_a_stack_overflow()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            builder.Append($"Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n");
        }
        builder.Append("Content-Type: text/plain\r\n\r\ndeep\r\n");
        var message = Parse(builder.ToString());
        message.Defects.ShouldContain(d => d.Kind == MimeDefectKind.NestingTooDeep);

        var nestedMessages = string.Concat(Enumerable.Repeat("Content-Type: message/rfc822\r\n\r\n", 2000)) + "Subject: deep\r\n\r\nx";
        var deep = Parse(nestedMessages);
        deep.Defects.ShouldContain(d => d.Kind == MimeDefectKind.NestingTooDeep || d.Kind == MimeDefectKind.InAttachedMessage);
    }

    [Fact]
    public void Parsing_from_a_stream_or_a_span_gives_the_same_message()
    {
        var bytes = Corpus.Bytes("01-related-alternative-cid.eml");
        var fromStream = MimeMessage.Parse(new MemoryStream(bytes));
        var fromSpan = MimeMessage.Parse((ReadOnlySpan<byte>)bytes);
        fromStream.Subject.ShouldBe(fromSpan.Subject);
        fromStream.Attachments[0].Content.ShouldBe(fromSpan.Attachments[0].Content);
        fromStream.RawBytes.ToArray().ShouldBe(bytes);
    }

    [Fact]
    public void Inline_parts_with_a_filename_are_attachments_and_a_second_text_part_is_no_attachment()
    {
        var message = Parse(
            "Content-Type: multipart/mixed; boundary=m\r\n\r\n"
            + "--m\r\nContent-Type: text/plain\r\n\r\nfirst\r\n"
            + "--m\r\nContent-Type: text/plain; name=notes.txt\r\nContent-Disposition: inline; filename=notes.txt\r\n\r\nnotes\r\n"
            + "--m\r\nContent-Type: text/plain\r\n\r\nsecond\r\n"
            + "--m--\r\n");
        message.TextBody.ShouldBe("first");
        var notes = message.Attachments.ShouldHaveSingleItem();
        notes.FileName.ShouldBe("notes.txt");
        notes.IsInline.ShouldBeTrue();
        Encoding.ASCII.GetString(notes.Content).ShouldBe("notes");
    }
}

using System.Text;

namespace ClauseDesk.Mime;

/// <summary>
/// Charset names to encodings, and the tolerant decoding used when a label is missing, unknown or
/// wrong: UTF-8 where the bytes are valid UTF-8, Windows-1252 byte by byte where they are not.
/// </summary>
public static class Charsets
{
    static Charsets()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    /// <summary>Windows-1252, the superset of ISO-8859-1 that mail labelled Latin-1 really uses.</summary>
    public static Encoding Windows1252 { get; }

    /// <summary>UTF-8 without a byte order mark.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(false);

    /// <summary>
    /// The encoding a charset label names, or null when the runtime does not know it. ISO-8859-1 and
    /// US-ASCII map to Windows-1252 as browsers do (their C1 range is Windows-1252 in practice).
    /// </summary>
    public static Encoding? Find(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return null;
        }
        var name = charset.Trim().Trim('"', '\'').ToLowerInvariant();
        var star = name.IndexOf('*', StringComparison.Ordinal); // RFC 2231 language suffix: utf-8*en
        if (star >= 0)
        {
            name = name[..star];
        }
        switch (name)
        {
            case "utf-8" or "utf8" or "unicode-1-1-utf-8" or "x-unicode20utf8":
                return Utf8;
            case "us-ascii" or "ascii" or "iso-8859-1" or "iso8859-1" or "latin1" or "latin-1" or "l1"
                or "iso_8859-1" or "cp1252" or "windows-1252" or "x-cp1252" or "ansi_x3.4-1968":
                return Windows1252;
            case "utf-7" or "utf7" or "x-unknown" or "unknown" or "unknown-8bit" or "x-user-defined" or "default" or "":
                return null;
            case "ks_c_5601-1987":
                name = "euc-kr";
                break;
            case "gb2312" or "x-gbk" or "gbk":
                name = "gb18030";
                break;
        }
        if (name.StartsWith("iso8859-", StringComparison.Ordinal))
        {
            name = "iso-8859-" + name["iso8859-".Length..];
        }
        if (name.StartsWith("cp", StringComparison.Ordinal) && int.TryParse(name.AsSpan(2), out var codePage))
        {
            return ByCodePage(codePage);
        }
        if (name.Length is 0 or > 64)
        {
            return null;
        }
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static Encoding? ByCodePage(int codePage)
    {
        try
        {
            return codePage == 65000 ? null : Encoding.GetEncoding(codePage);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>True when the bytes hold nothing above 0x7F.</summary>
    public static bool IsAscii(ReadOnlySpan<byte> bytes) => Ascii.IsValid(bytes);

    /// <summary>True when the bytes are valid UTF-8.</summary>
    public static bool IsUtf8(ReadOnlySpan<byte> bytes) => Utf8Validation(bytes);

    private static bool Utf8Validation(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>
    /// UTF-8 where the bytes are valid UTF-8; each byte of an invalid sequence is read as
    /// Windows-1252. Latin-1 text therefore reads right, and one broken byte in UTF-8 text does not
    /// turn the rest into mojibake.
    /// </summary>
    public static string DecodeUtf8OrWindows1252(ReadOnlySpan<byte> bytes) => DecodeUtf8OrWindows1252(bytes, out _);

    /// <summary>As <see cref="DecodeUtf8OrWindows1252(ReadOnlySpan{byte})"/>; says whether a byte needed the fallback.</summary>
    public static string DecodeUtf8OrWindows1252(ReadOnlySpan<byte> bytes, out bool fellBack)
    {
        if (Utf8Validation(bytes))
        {
            fellBack = false;
            return Utf8.GetString(bytes);
        }
        fellBack = true;
        var builder = new StringBuilder(bytes.Length);
        Span<char> one = stackalloc char[2];
        while (!bytes.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                var written = rune.EncodeToUtf16(one);
                builder.Append(one[..written]);
                bytes = bytes[consumed..];
            }
            else
            {
                builder.Append(Windows1252.GetString(bytes[..1]));
                bytes = bytes[1..];
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// Decodes text in the labelled charset, tolerating what mail gets wrong: a missing or unknown
    /// label, us-ascii on 8-bit bytes, UTF-8 on bytes that are not. Each such case adds a defect.
    /// </summary>
    internal static string DecodeText(ReadOnlySpan<byte> bytes, string? charset, DefectSink defects, string where)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            if (IsAscii(bytes))
            {
                return Encoding.ASCII.GetString(bytes);
            }
            defects.Add(MimeDefectKind.MissingCharset, $"{where} has 8-bit text and no charset; read as UTF-8, else Windows-1252");
            return DecodeUtf8OrWindows1252(bytes);
        }
        var encoding = Find(charset);
        if (encoding is null)
        {
            defects.Add(MimeDefectKind.UnknownCharset, $"{where} names the unknown charset \"{Shorten(charset)}\"; read as UTF-8, else Windows-1252");
            return DecodeUtf8OrWindows1252(bytes);
        }
        var label = charset.Trim().Trim('"').ToLowerInvariant();
        if (label is "us-ascii" or "ascii" && !IsAscii(bytes))
        {
            defects.Add(MimeDefectKind.MislabelledCharset, $"{where} says us-ascii but has 8-bit bytes; read as UTF-8, else Windows-1252");
            return DecodeUtf8OrWindows1252(bytes);
        }
        if (encoding.CodePage == 65001)
        {
            if (!Utf8Validation(bytes))
            {
                defects.Add(MimeDefectKind.MislabelledCharset, $"{where} says UTF-8 but is not valid UTF-8; invalid bytes read as Windows-1252");
                return DecodeUtf8OrWindows1252(bytes);
            }
            var text = Utf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            defects.Add(MimeDefectKind.MislabelledCharset, $"{where} does not decode as {encoding.WebName}; read as UTF-8, else Windows-1252");
            return DecodeUtf8OrWindows1252(bytes);
        }
    }

    internal static string Shorten(string text, int max = 60) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}

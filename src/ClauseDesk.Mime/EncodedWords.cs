using System.Text;

namespace ClauseDesk.Mime;

/// <summary>RFC 2047 encoded words (=?charset?B|Q?text?=): tolerant decoding and strict encoding.</summary>
public static class EncodedWords
{
    private const int MaxWordLength = 75;
    private const int MaxTolerantWordLength = 4096;

    /// <summary>
    /// Decodes the encoded words in a header's text. Whitespace between two encoded words is
    /// dropped; adjacent words in one charset are joined before decoding, so a character split
    /// across two words reads whole; words glued to other text and Q words holding blanks are
    /// accepted. What cannot be decoded is kept as written.
    /// </summary>
    public static string Decode(string text) => Decode(text, null, "a header");

    internal static string Decode(string text, DefectSink? defects, string where)
    {
        if (!text.Contains("=?", StringComparison.Ordinal))
        {
            return text;
        }
        var segments = new List<Segment>();
        var plainStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("=?", i, StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }
            if (!TryReadWord(text, start, out var end, out var charset, out var bytes, out var damaged))
            {
                i = start + 2;
                continue;
            }
            if (damaged)
            {
                defects?.Add(MimeDefectKind.InvalidEncodedWord, $"{where} has a damaged encoded word \"{Charsets.Shorten(text[start..end])}\"");
            }
            if (start > plainStart)
            {
                segments.Add(new Segment(text[plainStart..start], null, null));
            }
            segments.Add(new Segment(null, charset, bytes));
            plainStart = end;
            i = end;
        }
        if (plainStart < text.Length)
        {
            segments.Add(new Segment(text[plainStart..], null, null));
        }

        var builder = new StringBuilder(text.Length);
        for (var s = 0; s < segments.Count; s++)
        {
            var segment = segments[s];
            if (segment.Plain is { } plain)
            {
                var betweenWords = s > 0 && s + 1 < segments.Count
                    && segments[s - 1].Plain is null && segments[s + 1].Plain is null
                    && string.IsNullOrWhiteSpace(plain);
                if (!betweenWords)
                {
                    builder.Append(plain);
                }
                continue;
            }
            // Join the following words in the same charset (skipping the blanks between them).
            var joined = new List<byte>(segment.Bytes!);
            var next = s + 1;
            while (true)
            {
                if (next < segments.Count && segments[next].Plain is null && SameCharset(segments[next], segment))
                {
                    joined.AddRange(segments[next].Bytes!);
                    next++;
                }
                else if (next + 1 < segments.Count
                    && segments[next].Plain is { } gap && string.IsNullOrWhiteSpace(gap)
                    && segments[next + 1].Plain is null && SameCharset(segments[next + 1], segment))
                {
                    joined.AddRange(segments[next + 1].Bytes!);
                    next += 2;
                }
                else
                {
                    break;
                }
            }
            builder.Append(DecodeBytes(joined.ToArray(), segment.Charset!, defects, where));
            s = next - 1;
        }
        return builder.ToString();
    }

    private static bool SameCharset(Segment a, Segment b) =>
        string.Equals(a.Charset, b.Charset, StringComparison.OrdinalIgnoreCase);

    private static string DecodeBytes(byte[] bytes, string charset, DefectSink? defects, string where)
    {
        var sink = defects ?? new DefectSink();
        return Charsets.DecodeText(bytes, charset, sink, $"an encoded word in {where}");
    }

    private static bool TryReadWord(string text, int start, out int end, out string charset, out byte[] bytes, out bool damaged)
    {
        end = 0;
        charset = string.Empty;
        bytes = [];
        damaged = false;
        var q1 = text.IndexOf('?', start + 2);
        if (q1 < 0 || q1 == start + 2 || q1 - start > 80)
        {
            return false;
        }
        for (var c = start + 2; c < q1; c++)
        {
            if (text[c] <= ' ' || text[c] is '=' or '"' or '(' or ')' or '<' or '>' or ',' or ';')
            {
                return false;
            }
        }
        if (q1 + 2 >= text.Length || text[q1 + 2] != '?')
        {
            return false;
        }
        var mode = char.ToUpperInvariant(text[q1 + 1]);
        if (mode is not ('B' or 'Q'))
        {
            return false;
        }
        var payloadStart = q1 + 3;
        var close = text.IndexOf("?=", payloadStart, StringComparison.Ordinal);
        if (close < 0 || close - payloadStart > MaxTolerantWordLength)
        {
            return false;
        }
        var payload = text.AsSpan(payloadStart, close - payloadStart);
        if (mode == 'B' && payload.ContainsAny(' ', '\t'))
        {
            return false; // B words never hold blanks; this is ordinary text
        }
        charset = text[(start + 2)..q1];
        end = close + 2;
        if (mode == 'B')
        {
            var raw = new byte[payload.Length];
            for (var k = 0; k < payload.Length; k++)
            {
                raw[k] = payload[k] < 256 ? (byte)payload[k] : (byte)'?';
            }
            bytes = TransferEncodings.DecodeBase64(raw, out var junk, out var truncated);
            damaged = junk > 0 || truncated;
        }
        else
        {
            var raw = new List<byte>(payload.Length);
            for (var k = 0; k < payload.Length; k++)
            {
                var c = payload[k];
                if (c == '_')
                {
                    raw.Add((byte)' ');
                }
                else if (c == '=' && k + 2 < payload.Length && IsHex(payload[k + 1]) && IsHex(payload[k + 2]))
                {
                    raw.Add(Convert.ToByte(payload.Slice(k + 1, 2).ToString(), 16));
                    k += 2;
                }
                else if (c < 128)
                {
                    if (c is '=' or ' ')
                    {
                        damaged = true;
                    }
                    raw.Add((byte)c);
                }
                else
                {
                    damaged = true; // raw 8-bit inside a word: keep it as UTF-8
                    raw.AddRange(Encoding.UTF8.GetBytes(payload.Slice(k, 1).ToString()));
                }
            }
            bytes = raw.ToArray();
        }
        return true;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private sealed record Segment(string? Plain, string? Charset, byte[]? Bytes);

    /// <summary>True when a header value must be written as encoded words.</summary>
    internal static bool NeedsEncoding(string text)
    {
        foreach (var c in text)
        {
            if (c > 126 || (c < 32 && c != '\t'))
            {
                return true;
            }
        }
        return text.Contains("=?", StringComparison.Ordinal);
    }

    /// <summary>
    /// The text as UTF-8 encoded words of at most 75 characters each, never splitting a character
    /// between two words. Q when most of the text is ASCII, B otherwise.
    /// </summary>
    public static IReadOnlyList<string> Encode(string text)
    {
        var ascii = 0;
        foreach (var c in text)
        {
            if (c < 128)
            {
                ascii++;
            }
        }
        var useQ = text.Length == 0 || ascii * 3 >= text.Length * 2;
        var prefix = useQ ? "=?utf-8?Q?" : "=?utf-8?B?";
        var budget = MaxWordLength - prefix.Length - 2;
        var words = new List<string>();
        var pending = new List<byte>();
        var pendingLength = 0;
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var n = rune.EncodeToUtf8(utf8);
            var cost = useQ ? QCost(utf8[..n]) : 0;
            var fits = useQ
                ? pendingLength + cost <= budget
                : (pending.Count + n + 2) / 3 * 4 <= budget;
            if (!fits && pending.Count > 0)
            {
                words.Add(Word(prefix, pending, useQ));
                pending.Clear();
                pendingLength = 0;
            }
            for (var k = 0; k < n; k++)
            {
                pending.Add(utf8[k]);
            }
            pendingLength += cost;
        }
        if (pending.Count > 0 || words.Count == 0)
        {
            words.Add(Word(prefix, pending, useQ));
        }
        return words;
    }

    private static int QCost(ReadOnlySpan<byte> bytes)
    {
        var cost = 0;
        foreach (var b in bytes)
        {
            cost += IsQSafe(b) ? 1 : 3;
        }
        return cost;
    }

    private static bool IsQSafe(byte b) =>
        b == ' ' || char.IsAsciiLetterOrDigit((char)b) || b is (byte)'!' or (byte)'*' or (byte)'+' or (byte)'-' or (byte)'/';

    private static string Word(string prefix, List<byte> bytes, bool useQ)
    {
        var builder = new StringBuilder(prefix);
        if (useQ)
        {
            foreach (var b in bytes)
            {
                if (b == ' ')
                {
                    builder.Append('_');
                }
                else if (IsQSafe(b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('=').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        else
        {
            builder.Append(Convert.ToBase64String(bytes.ToArray()));
        }
        return builder.Append("?=").ToString();
    }
}

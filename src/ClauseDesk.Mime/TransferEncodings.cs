using System.Text;

namespace ClauseDesk.Mime;

/// <summary>Base64 and quoted-printable, decoding tolerantly and encoding to the letter.</summary>
public static class TransferEncodings
{
    private static readonly sbyte[] Base64Values = BuildBase64Values();
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static sbyte[] BuildBase64Values()
    {
        var values = new sbyte[256];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Base64Alphabet.Length; i++)
        {
            values[Base64Alphabet[i]] = (sbyte)i;
        }
        // URL-safe letters, which some broken senders use.
        values['-'] = 62;
        values['_'] = 63;
        return values;
    }

    /// <summary>
    /// Decodes base64, skipping whitespace and any junk outside the alphabet, accepting missing
    /// padding and several padded blocks in a row. Never throws.
    /// </summary>
    public static byte[] DecodeBase64(ReadOnlySpan<byte> input) => DecodeBase64(input, out _, out _);

    /// <summary>As <see cref="DecodeBase64(ReadOnlySpan{byte})"/>, counting junk characters and dropped bits.</summary>
    public static byte[] DecodeBase64(ReadOnlySpan<byte> input, out int junk, out bool truncated)
    {
        var output = new byte[input.Length / 4 * 3 + 3];
        var length = 0;
        var quantum = 0;
        var count = 0;
        junk = 0;
        truncated = false;
        foreach (var b in input)
        {
            var value = Base64Values[b];
            if (value >= 0)
            {
                quantum = quantum << 6 | (byte)value;
                if (++count == 4)
                {
                    output[length++] = (byte)(quantum >> 16);
                    output[length++] = (byte)(quantum >> 8);
                    output[length++] = (byte)quantum;
                    quantum = 0;
                    count = 0;
                }
            }
            else if (b == '=')
            {
                // Padding ends a block: flush what it holds, then go on (concatenated blocks).
                length = Flush(output, length, quantum, count, ref truncated);
                quantum = 0;
                count = 0;
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or (byte)'\v'))
            {
                junk++;
            }
        }
        length = Flush(output, length, quantum, count, ref truncated);
        Array.Resize(ref output, length);
        return output;
    }

    private static int Flush(byte[] output, int length, int quantum, int count, ref bool truncated)
    {
        switch (count)
        {
            case 1:
                truncated = true; // six bits make no byte
                break;
            case 2:
                output[length++] = (byte)(quantum >> 4);
                break;
            case 3:
                output[length++] = (byte)(quantum >> 10);
                output[length++] = (byte)(quantum >> 2);
                break;
        }
        return length;
    }

    /// <summary>Base64 in lines of <paramref name="lineLength"/> characters (76 for MIME bodies) ending in CRLF.</summary>
    public static string EncodeBase64Lines(ReadOnlySpan<byte> data, int lineLength = 76)
    {
        var encoded = Convert.ToBase64String(data);
        var builder = new StringBuilder(encoded.Length + encoded.Length / lineLength * 2 + 2);
        for (var i = 0; i < encoded.Length; i += lineLength)
        {
            builder.Append(encoded, i, Math.Min(lineLength, encoded.Length - i)).Append("\r\n");
        }
        return builder.ToString();
    }

    /// <summary>
    /// Decodes quoted-printable: =XX in either case, soft line breaks (=CRLF, =LF, with trailing
    /// blanks after the '='), and bad escapes kept as written. Never throws.
    /// </summary>
    public static byte[] DecodeQuotedPrintable(ReadOnlySpan<byte> input) => DecodeQuotedPrintable(input, out _);

    /// <summary>As <see cref="DecodeQuotedPrintable(ReadOnlySpan{byte})"/>, counting bad escapes.</summary>
    public static byte[] DecodeQuotedPrintable(ReadOnlySpan<byte> input, out int badEscapes)
    {
        var output = new byte[input.Length];
        var length = 0;
        badEscapes = 0;
        var i = 0;
        while (i < input.Length)
        {
            var b = input[i];
            if (b != '=')
            {
                output[length++] = b;
                i++;
                continue;
            }
            if (i + 2 < input.Length && Hex(input[i + 1]) is var hi and >= 0 && Hex(input[i + 2]) is var lo and >= 0)
            {
                output[length++] = (byte)(hi << 4 | lo);
                i += 3;
                continue;
            }
            // A soft line break, perhaps with blanks between the '=' and the line end.
            var j = i + 1;
            while (j < input.Length && input[j] is (byte)' ' or (byte)'\t')
            {
                j++;
            }
            if (j == input.Length)
            {
                i = j; // '=' at the very end: a soft break with no line after it
                continue;
            }
            if (input[j] == '\n')
            {
                i = j + 1;
                continue;
            }
            if (input[j] == '\r')
            {
                i = j + 1 < input.Length && input[j + 1] == '\n' ? j + 2 : j + 1;
                continue;
            }
            badEscapes++;
            output[length++] = b; // keep the '=' and what follows as written
            i++;
        }
        return output.AsSpan(0, length).ToArray();
    }

    private static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };

    /// <summary>
    /// Quoted-printable for a text body: line breaks become CRLF, lines are at most 76 characters
    /// with soft breaks, '=', 8-bit and control bytes and trailing blanks are escaped, and a dot or
    /// "From " at the start of a line is escaped so that no relay mangles it. No line break is added
    /// at the end: the CRLF before the next boundary belongs to the boundary.
    /// </summary>
    public static string EncodeQuotedPrintable(ReadOnlySpan<byte> data)
    {
        const int Max = 76;
        var builder = new StringBuilder(data.Length + data.Length / 8 + 16);
        var column = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b == '\r' && i + 1 < data.Length && data[i + 1] == '\n')
            {
                continue; // the '\n' writes the line break
            }
            if (b is (byte)'\n' or (byte)'\r')
            {
                builder.Append("\r\n");
                column = 0;
                continue;
            }
            var atLineEnd = i + 1 == data.Length || data[i + 1] is (byte)'\r' or (byte)'\n';
            var literal = b is >= 33 and <= 126 and not (byte)'='
                || (b is (byte)' ' or (byte)'\t' && !atLineEnd);
            if (column == 0 && (b == '.' || (b == 'F' && data[i..].StartsWith("From "u8))))
            {
                literal = false;
            }
            var width = literal ? 1 : 3;
            // Leave room for the '=' of a soft break unless this is the line's last character.
            var limit = atLineEnd ? Max : Max - 1;
            if (column + width > limit)
            {
                builder.Append("=\r\n");
                column = 0;
            }
            if (literal)
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('=').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 15]);
            }
            column += width;
        }
        return builder.ToString();
    }
}

namespace ClauseDesk.Smtp;

/// <summary>
/// Turns message bytes into the DATA stream (RFC 5321 §4.5.2): every line ends in CRLF (a bare CR or
/// LF becomes CRLF), a line starting with '.' gets another '.', and the end is CRLF "." CRLF.
/// </summary>
internal sealed class SmtpDataEncoder
{
    private bool _lineStart = true;
    private bool _pendingCr;

    /// <summary>The size of the message once its line endings are CRLF (what SIZE= declares, RFC 1870).</summary>
    public static long NormalisedSize(ReadOnlySpan<byte> message)
    {
        long size = message.Length;
        for (var i = 0; i < message.Length; i++)
        {
            if (message[i] == '\n' && (i == 0 || message[i - 1] != '\r'))
            {
                size++;
            }
            else if (message[i] == '\r' && (i + 1 == message.Length || message[i + 1] != '\n'))
            {
                size++;
            }
        }

        return size;
    }

    /// <summary>Encodes one chunk into <paramref name="output"/> (at least twice the chunk's length plus 2); returns the bytes written.</summary>
    public int Encode(ReadOnlySpan<byte> chunk, Span<byte> output)
    {
        var written = 0;
        foreach (var b in chunk)
        {
            if (_pendingCr)
            {
                _pendingCr = false;
                output[written++] = (byte)'\r';
                output[written++] = (byte)'\n';
                _lineStart = true;
                if (b == '\n')
                {
                    continue;
                }
            }

            switch (b)
            {
                case (byte)'\r':
                    _pendingCr = true;
                    continue;
                case (byte)'\n':
                    output[written++] = (byte)'\r';
                    output[written++] = (byte)'\n';
                    _lineStart = true;
                    continue;
                case (byte)'.' when _lineStart:
                    output[written++] = (byte)'.';
                    break;
            }

            output[written++] = b;
            _lineStart = false;
        }

        return written;
    }

    /// <summary>Writes the end of the data: a CRLF if the last line lacked one, then "." CRLF. Needs 5 bytes.</summary>
    public int Finish(Span<byte> output)
    {
        var written = 0;
        if (_pendingCr || !_lineStart)
        {
            output[written++] = (byte)'\r';
            output[written++] = (byte)'\n';
        }

        output[written++] = (byte)'.';
        output[written++] = (byte)'\r';
        output[written++] = (byte)'\n';
        return written;
    }
}

using System.Globalization;
using System.Text;

namespace ClauseDesk.Smtp;

/// <summary>Reads replies: lines "250-..." continue, "250 ..." ends (RFC 5321 §4.2.1).</summary>
internal sealed class SmtpReplyReader
{
    private const int MaxLineLength = 64 * 1024;
    private const int MaxLines = 1000;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    public SmtpReplyReader(Stream stream) => _stream = stream;

    /// <summary>Whether bytes the server sent are buffered but not yet consumed.</summary>
    public bool HasBufferedData => _end > _start;

    public async Task<SmtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var code = -1;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line.Length < 3
                || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var lineCode)
                || lineCode is < 200 or > 599
                || (line.Length > 3 && line[3] is not (' ' or '-'))
                || (code >= 0 && lineCode != code))
            {
                throw new SmtpProtocolException($"The server sent something that is not an SMTP reply: '{Shorten(line)}'.");
            }

            code = lineCode;
            lines.Add(line.Length > 4 ? line[4..] : "");
            if (line.Length == 3 || line[3] == ' ')
            {
                return new SmtpReply(code, lines);
            }

            if (lines.Count >= MaxLines)
            {
                throw new SmtpProtocolException($"The server sent a reply of more than {MaxLines} lines.");
            }
        }
    }

    private static string Shorten(string line) => line.Length > 200 ? line[..200] + "…" : line;

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new MemoryStream();
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var end = newline >= 0 ? newline : _end;
            line.Write(_buffer, _start, end - _start);
            if (newline >= 0)
            {
                _start = newline + 1;
                var bytes = line.GetBuffer().AsSpan(0, (int)line.Length);
                if (bytes.Length > 0 && bytes[^1] == '\r')
                {
                    bytes = bytes[..^1];
                }

                // Replies are ASCII, or UTF-8 under SMTPUTF8.
                return Encoding.UTF8.GetString(bytes);
            }

            if (line.Length > MaxLineLength)
            {
                throw new SmtpProtocolException($"The server sent a line longer than {MaxLineLength} bytes.");
            }

            _start = 0;
            _end = await _stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            if (_end == 0)
            {
                throw new SmtpProtocolException("The server closed the connection.");
            }
        }
    }
}

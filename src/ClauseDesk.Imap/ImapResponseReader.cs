using System.Globalization;
using System.Text;

namespace ClauseDesk.Imap;

/// <summary>
/// Reads responses from the server: a line, then for every line that ends in a literal announcement
/// "{n}" the n bytes of the literal and the line that continues after it.
/// </summary>
/// <remarks>
/// A literal is read straight into an array of its final size, so a 20 MB message costs one
/// allocation and no copies beyond what is already buffered.
/// </remarks>
internal sealed class ImapResponseReader
{
    /// <summary>Longest line (between literals) accepted: a SEARCH over a large mailbox can be long.</summary>
    private const int MaxLineLength = 8 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly long _maxLiteralSize;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public ImapResponseReader(Stream stream, long maxLiteralSize)
    {
        _stream = stream;
        _maxLiteralSize = maxLiteralSize;
    }

    /// <summary>Called after every read that returned bytes; the client restarts its silence timer.</summary>
    public Action? Progress { get; set; }

    /// <summary>Whether bytes the server sent are buffered but not yet consumed.</summary>
    public bool HasBufferedData => _end > _start;

    public async Task<ImapResponse> ReadResponseAsync(CancellationToken cancellationToken)
    {
        var lines = new List<byte[]>(1);
        var literals = new List<byte[]>();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            lines.Add(line);
            var size = LiteralSize(line);
            if (size < 0)
            {
                break;
            }

            if (size > _maxLiteralSize)
            {
                throw new ImapProtocolException(
                    $"The server announced a literal of {size} bytes; the limit is {_maxLiteralSize}.");
            }

            literals.Add(await ReadLiteralAsync((int)size, cancellationToken).ConfigureAwait(false));
        }

        return ImapResponseParser.Parse(lines, literals);
    }

    /// <summary>The size announced by a "{n}" or "{n+}" at the end of the line; -1 when there is none.</summary>
    internal static long LiteralSize(ReadOnlySpan<byte> line)
    {
        if (line.Length < 3 || line[^1] != (byte)'}')
        {
            return -1;
        }

        var open = line.LastIndexOf((byte)'{');
        if (open < 0)
        {
            return -1;
        }

        var digits = line[(open + 1)..^1];
        if (digits.Length > 0 && digits[^1] == (byte)'+')
        {
            digits = digits[..^1];
        }

        return digits.Length is > 0 and <= 12
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            ? size
            : -1;
    }

    private async Task<byte[]> ReadLineAsync(CancellationToken cancellationToken)
    {
        // Most lines fit in the buffer: only a line that spans reads goes through the accumulator.
        MemoryStream? accumulated = null;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                byte[] line;
                if (accumulated is null)
                {
                    line = _buffer.AsSpan(_start, length).ToArray();
                }
                else
                {
                    accumulated.Write(_buffer, _start, length);
                    line = accumulated.ToArray();
                }

                _start = newline + 1;
                return line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
            }

            accumulated ??= new MemoryStream();
            accumulated.Write(_buffer, _start, _end - _start);
            _start = _end = 0;
            if (accumulated.Length > MaxLineLength)
            {
                throw new ImapProtocolException($"The server sent a line longer than {MaxLineLength} bytes.");
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<byte[]> ReadLiteralAsync(int size, CancellationToken cancellationToken)
    {
        var literal = new byte[size];
        var fromBuffer = Math.Min(size, _end - _start);
        _buffer.AsSpan(_start, fromBuffer).CopyTo(literal);
        _start += fromBuffer;
        var filled = fromBuffer;
        while (filled < size)
        {
            var read = await _stream.ReadAsync(literal.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new ImapProtocolException(
                    $"The server closed the connection in the middle of a literal ({filled} of {size} bytes received).");
            }

            filled += read;
            Progress?.Invoke();
        }

        return literal;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new ImapProtocolException("The server closed the connection.");
        }

        _end += read;
        Progress?.Invoke();
    }
}

/// <summary>Turns the lines and literals of one response into an <see cref="ImapResponse"/>.</summary>
internal sealed class ImapResponseParser
{
    private readonly List<byte[]> _lines;
    private readonly List<byte[]> _literals;
    private int _line;
    private int _position;
    private int _literal;

    private ImapResponseParser(List<byte[]> lines, List<byte[]> literals)
    {
        _lines = lines;
        _literals = literals;
    }

    private byte[] Current => _lines[_line];

    private bool AtEnd => _position >= Current.Length && _line == _lines.Count - 1;

    public static ImapResponse Parse(List<byte[]> lines, List<byte[]> literals)
    {
        var parser = new ImapResponseParser(lines, literals);
        try
        {
            return parser.ParseResponse();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IndexOutOfRangeException)
        {
            throw new ImapProtocolException($"Malformed response from the server: {Preview(lines)}", e);
        }
    }

    /// <summary>Parses a response code's text on its own ("UIDNEXT 12", "PERMANENTFLAGS (\Seen \*)").</summary>
    internal static ImapResponseCode ParseCode(string raw)
    {
        var parser = new ImapResponseParser([Encoding.UTF8.GetBytes(raw)], []);
        var name = parser.ReadAtom().ToUpperInvariant();
        var arguments = new List<ImapValue>();
        try
        {
            while (parser.SkipSpaces())
            {
                arguments.Add(parser.ReadValue());
            }
        }
        catch (Exception e) when (e is FormatException or ImapProtocolException)
        {
            // A code whose arguments are free text (REFERRAL, BADCHARSET variants): keep the raw text only.
            arguments.Clear();
        }

        return new ImapResponseCode(name, arguments, raw);
    }

    private static string Preview(List<byte[]> lines)
    {
        var text = Encoding.UTF8.GetString(lines[0]);
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    private ImapResponse ParseResponse()
    {
        var first = Peek();
        if (first == '+')
        {
            _position++;
            SkipSpaces();
            return new ImapResponse { Kind = ImapResponseKind.Continuation, Text = ReadRestAsText() };
        }

        ImapResponseKind kind;
        string? tag = null;
        if (first == '*')
        {
            _position++;
            kind = ImapResponseKind.Untagged;
        }
        else
        {
            tag = ReadAtom();
            kind = ImapResponseKind.Tagged;
        }

        Expect(' ');
        var word = ReadAtom();
        uint? number = null;
        if (kind == ImapResponseKind.Untagged
            && uint.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            number = parsed;
            Expect(' ');
            word = ReadAtom();
        }

        var name = word.ToUpperInvariant();
        if (number is null && name is "OK" or "NO" or "BAD" or "BYE" or "PREAUTH")
        {
            SkipSpaces();
            var code = Peek() == '[' ? ReadCode() : null;
            SkipSpaces();
            return new ImapResponse
            {
                Kind = kind,
                Tag = tag,
                Name = name,
                Code = code,
                Text = ReadRestAsText(),
            };
        }

        if (kind == ImapResponseKind.Tagged)
        {
            throw new ImapProtocolException($"A tagged response must be OK, NO or BAD, not '{word}'.");
        }

        var values = new List<ImapValue>();
        while (SkipSpaces())
        {
            values.Add(ReadValue());
        }

        return new ImapResponse { Kind = kind, Name = name, Number = number, Values = values };
    }

    private ImapResponseCode ReadCode()
    {
        var line = Current;
        var close = Array.IndexOf(line, (byte)']', _position);
        // PERMANENTFLAGS (\Seen \*) holds no ']' and no literal; the first ']' closes the code.
        if (close < 0)
        {
            throw new FormatException("Unterminated response code.");
        }

        var raw = Encoding.UTF8.GetString(line, _position + 1, close - _position - 1);
        _position = close + 1;
        return ParseCode(raw);
    }

    private ImapValue ReadValue()
    {
        switch (Peek())
        {
            case '(':
                {
                    _position++;
                    var items = new List<ImapValue>();
                    while (true)
                    {
                        SkipSpaces();
                        var c = Peek();
                        if (c == ')')
                        {
                            _position++;
                            return ImapValue.FromList(items);
                        }

                        if (c < 0)
                        {
                            throw new FormatException("Unterminated list.");
                        }

                        items.Add(ReadValue());
                    }
                }

            case '"':
                return ImapValue.FromBytes(ReadQuoted());
            case '{':
                return ImapValue.FromBytes(ReadLiteral());
            case -1:
                throw new FormatException("Unexpected end of response.");
            default:
                {
                    var atom = ReadAtom();
                    return atom.Equals("NIL", StringComparison.OrdinalIgnoreCase) ? ImapValue.Nil : ImapValue.FromAtom(atom);
                }
        }
    }

    /// <summary>
    /// An atom, including a bracketed section with spaces inside it as in "BODY[HEADER.FIELDS (TO)]"
    /// and a partial suffix "&lt;0&gt;". Stops at a space, a parenthesis, a quote or an unbalanced ']'.
    /// </summary>
    private string ReadAtom()
    {
        var line = Current;
        var start = _position;
        var depth = 0;
        while (_position < line.Length)
        {
            var c = line[_position];
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (depth == 0 && c is (byte)' ' or (byte)'(' or (byte)')' or (byte)'"' or (byte)'{' or 0x0D or 0x0A)
            {
                break;
            }

            _position++;
        }

        if (_position == start)
        {
            throw new FormatException($"Expected an atom at position {start}.");
        }

        return Encoding.UTF8.GetString(line, start, _position - start);
    }

    private byte[] ReadQuoted()
    {
        var line = Current;
        _position++;
        var result = new List<byte>();
        while (true)
        {
            if (_position >= line.Length)
            {
                throw new FormatException("Unterminated quoted string.");
            }

            var c = line[_position++];
            if (c == '"')
            {
                return [.. result];
            }

            if (c == '\\')
            {
                if (_position >= line.Length)
                {
                    throw new FormatException("Unterminated escape in a quoted string.");
                }

                c = line[_position++];
            }

            result.Add(c);
        }
    }

    private byte[] ReadLiteral()
    {
        // The reader only starts a new line after a literal announced at the very end of a line.
        var line = Current;
        var close = Array.IndexOf(line, (byte)'}', _position);
        if (close != line.Length - 1 || _line + 1 >= _lines.Count || _literal >= _literals.Count)
        {
            throw new FormatException("A literal must end its line.");
        }

        var literal = _literals[_literal++];
        _line++;
        _position = 0;
        return literal;
    }

    private int Peek() => _position < Current.Length ? Current[_position] : -1;

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new FormatException($"Expected '{c}' at position {_position}.");
        }

        _position++;
    }

    /// <summary>Skips spaces; false when the response ends here.</summary>
    private bool SkipSpaces()
    {
        while (Peek() == ' ')
        {
            _position++;
        }

        return !AtEnd && Peek() >= 0;
    }

    private string ReadRestAsText()
    {
        var text = Encoding.UTF8.GetString(Current, _position, Current.Length - _position);
        _position = Current.Length;
        return text;
    }
}

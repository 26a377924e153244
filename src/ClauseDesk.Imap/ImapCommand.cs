using System.Globalization;
using System.Text;

namespace ClauseDesk.Imap;

/// <summary>
/// A command being assembled: text, strings quoted or sent as literals, and lines that may only be
/// sent after the server asks for them with a continuation ("+").
/// </summary>
internal sealed class ImapCommand
{
    private readonly List<Part> _parts = [];
    private readonly StringBuilder _text = new();

    public ImapCommand(string name)
    {
        Name = name;
        _text.Append(name);
    }

    /// <summary>The command name for error messages; never its arguments.</summary>
    public string Name { get; }

    public IReadOnlyList<Part> Parts
    {
        get
        {
            FlushText();
            return _parts;
        }
    }

    public ImapCommand Text(string text)
    {
        _text.Append(text);
        return this;
    }

    public ImapCommand Space() => Text(" ");

    /// <summary>
    /// Appends a string: quoted when that is safe, a literal of its UTF-8 bytes otherwise (control
    /// characters, 8-bit characters, or long).
    /// </summary>
    public ImapCommand String(string value)
    {
        if (value.Length < 1000 && value.All(c => c is >= ' ' and <= '~'))
        {
            _text.Append('"').Append(value.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
            return this;
        }

        return Literal(Encoding.UTF8.GetBytes(value));
    }

    public ImapCommand Literal(ReadOnlyMemory<byte> bytes)
    {
        FlushText();
        _parts.Add(new Part(PartKind.Literal, bytes));
        return this;
    }

    /// <summary>A line (without CRLF) that the server must ask for first, as in AUTHENTICATE without SASL-IR.</summary>
    public ImapCommand AfterContinuation(string line)
    {
        FlushText();
        _parts.Add(new Part(PartKind.AfterContinuation, Encoding.ASCII.GetBytes(line)));
        return this;
    }

    /// <summary>A UID set in its compact form: "1:3,7,9:12".</summary>
    public static string UidSet(IReadOnlyList<uint> sortedUids)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < sortedUids.Count; i++)
        {
            var first = sortedUids[i];
            var last = first;
            while (i + 1 < sortedUids.Count && sortedUids[i + 1] == last + 1)
            {
                last = sortedUids[++i];
            }

            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(first.ToString(CultureInfo.InvariantCulture));
            if (last != first)
            {
                builder.Append(':').Append(last.ToString(CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private void FlushText()
    {
        if (_text.Length > 0)
        {
            _parts.Add(new Part(PartKind.Text, Encoding.UTF8.GetBytes(_text.ToString())));
            _text.Clear();
        }
    }

    internal readonly record struct Part(PartKind Kind, ReadOnlyMemory<byte> Bytes);

    internal enum PartKind
    {
        Text,
        Literal,
        AfterContinuation,
    }
}

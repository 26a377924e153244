using System.Globalization;
using System.Text;

namespace ClauseDesk.Imap;

/// <summary>One element of a parsed response: an atom, a string (quoted or literal), NIL or a parenthesised list.</summary>
internal sealed class ImapValue
{
    public static readonly ImapValue Nil = new(ImapValueKind.Nil, null, null, null);

    private ImapValue(ImapValueKind kind, string? atom, byte[]? bytes, IReadOnlyList<ImapValue>? items)
    {
        Kind = kind;
        Atom = atom;
        Bytes = bytes;
        Items = items;
    }

    public ImapValueKind Kind { get; }

    /// <summary>The atom's text (numbers are atoms too); null for other kinds.</summary>
    public string? Atom { get; }

    /// <summary>The string's bytes (quoted strings unescaped, literals as sent); null for other kinds.</summary>
    public byte[]? Bytes { get; }

    public IReadOnlyList<ImapValue>? Items { get; }

    public static ImapValue FromAtom(string atom) => new(ImapValueKind.Atom, atom, null, null);

    public static ImapValue FromBytes(byte[] bytes) => new(ImapValueKind.String, null, bytes, null);

    public static ImapValue FromList(IReadOnlyList<ImapValue> items) => new(ImapValueKind.List, null, null, items);

    /// <summary>An atom or a string as text (strings decoded as UTF-8); null for NIL.</summary>
    public string? AsText() => Kind switch
    {
        ImapValueKind.Atom => Atom,
        ImapValueKind.String => Encoding.UTF8.GetString(Bytes!),
        ImapValueKind.Nil => null,
        _ => throw new ImapProtocolException("Expected an atom or a string, got a list."),
    };

    public uint AsNumber() =>
        Kind == ImapValueKind.Atom && uint.TryParse(Atom, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ImapProtocolException($"Expected a number, got '{AsText()}'.");

    public IReadOnlyList<ImapValue> AsList() =>
        Kind == ImapValueKind.List ? Items! : throw new ImapProtocolException($"Expected a list, got '{AsText()}'.");

    public override string ToString() => Kind switch
    {
        ImapValueKind.List => "(" + string.Join(' ', Items!) + ")",
        ImapValueKind.Nil => "NIL",
        _ => AsText() ?? "",
    };
}

internal enum ImapValueKind
{
    Atom,
    String,
    Nil,
    List,
}

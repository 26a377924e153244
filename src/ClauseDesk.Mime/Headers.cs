using System.Collections;

namespace ClauseDesk.Mime;

/// <summary>One header field: its name as written, its value unfolded, and that value decoded.</summary>
public sealed class Header
{
    private string? _value;

    /// <summary>Creates a header from a name and an unfolded value.</summary>
    public Header(string name, string rawValue)
    {
        Name = name;
        RawValue = rawValue;
    }

    /// <summary>The field name as written ("Subject", "subject").</summary>
    public string Name { get; }

    /// <summary>The value unfolded and trimmed, 8-bit bytes read as UTF-8 (else Windows-1252), encoded words left as written.</summary>
    public string RawValue { get; }

    /// <summary>The value with its RFC 2047 encoded words decoded, read as unstructured text.</summary>
    public string Value => _value ??= EncodedWords.Decode(RawValue);

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {RawValue}";
}

/// <summary>The headers of a message or part, in order; names compare case-insensitively.</summary>
public sealed class HeaderList : IReadOnlyList<Header>
{
    private readonly List<Header> _headers;

    internal HeaderList(List<Header> headers) => _headers = headers;

    /// <summary>An empty list.</summary>
    public static HeaderList Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _headers.Count;

    /// <inheritdoc />
    public Header this[int index] => _headers[index];

    /// <summary>The decoded value of the first header of that name, or null.</summary>
    public string? this[string name] => Get(name)?.Value;

    /// <summary>The first header of that name, or null.</summary>
    public Header? Get(string name)
    {
        foreach (var header in _headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return header;
            }
        }
        return null;
    }

    /// <summary>Every header of that name, in the order they were written.</summary>
    public IReadOnlyList<Header> GetAll(string name) =>
        _headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>True when a header of that name is present.</summary>
    public bool Contains(string name) => Get(name) is not null;

    /// <inheritdoc />
    public IEnumerator<Header> GetEnumerator() => _headers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

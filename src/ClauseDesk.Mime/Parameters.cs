using System.Globalization;
using System.Text;

namespace ClauseDesk.Mime;

/// <summary>
/// The parameters of a Content-Type or Content-Disposition, with RFC 2231 extended values
/// (charset'language'percent-encoding) and continuations joined and decoded, and RFC 2047 encoded
/// words in quoted values (as Outlook writes file names) decoded.
/// </summary>
public sealed class ParameterList
{
    private const int MaxSections = 1000;
    private readonly Dictionary<string, string> _values;

    private ParameterList(Dictionary<string, string> values) => _values = values;

    internal static ParameterList Empty { get; } = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    /// <summary>The decoded value of a parameter, or null.</summary>
    public string? this[string name] => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>Parameter names (lower case) and decoded values.</summary>
    public IReadOnlyDictionary<string, string> All => _values;

    /// <summary>
    /// Splits "value; a=1; b*=utf-8''%C3%A9" into its leading value and parameters. Never throws;
    /// damage adds defects.
    /// </summary>
    internal static (string Value, ParameterList Parameters) Parse(string text, DefectSink defects, string where)
    {
        var i = 0;
        SkipBlanksAndComments(text, ref i);
        var valueStart = i;
        while (i < text.Length && text[i] != ';' && !char.IsWhiteSpace(text[i]) && text[i] != '(')
        {
            i++;
        }
        var value = text[valueStart..i];

        var raw = new List<(string Name, string Value, bool Quoted)>();
        while (i < text.Length)
        {
            SkipBlanksAndComments(text, ref i);
            if (i < text.Length && text[i] == ';')
            {
                i++;
                continue;
            }
            if (i >= text.Length)
            {
                break;
            }
            var nameStart = i;
            while (i < text.Length && text[i] is not ('=' or ';') && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            var name = text[nameStart..i].ToLowerInvariant();
            SkipBlanksAndComments(text, ref i);
            if (i >= text.Length || text[i] != '=')
            {
                if (name.Length > 0)
                {
                    defects.Add(MimeDefectKind.InvalidParameter, $"{where}: \"{Charsets.Shorten(name)}\" is no name=value parameter");
                }
                while (i < text.Length && text[i] != ';')
                {
                    i++;
                }
                continue;
            }
            i++; // '='
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }
            if (i < text.Length && text[i] == '"')
            {
                var builder = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var c = text[i++];
                    if (c == '\\' && i < text.Length)
                    {
                        builder.Append(text[i++]);
                    }
                    else if (c == '"')
                    {
                        closed = true;
                        break;
                    }
                    else
                    {
                        builder.Append(c);
                    }
                }
                if (!closed)
                {
                    defects.Add(MimeDefectKind.InvalidParameter, $"{where}: the quoted value of \"{Charsets.Shorten(name)}\" is not closed");
                }
                raw.Add((name, builder.ToString(), true));
                // Junk after the closing quote up to the next ';' is ignored.
                while (i < text.Length && text[i] != ';')
                {
                    i++;
                }
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] != ';')
                {
                    i++;
                }
                raw.Add((name, text[start..i].Trim(), false));
            }
        }
        return (value, Combine(raw, defects, where));
    }

    private static void SkipBlanksAndComments(string text, ref int i)
    {
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (text[i] == '(')
            {
                var depth = 0;
                while (i < text.Length)
                {
                    var c = text[i++];
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '(')
                    {
                        depth++;
                    }
                    else if (c == ')' && --depth == 0)
                    {
                        break;
                    }
                }
            }
            else
            {
                return;
            }
        }
    }

    private static ParameterList Combine(List<(string Name, string Value, bool Quoted)> raw, DefectSink defects, string where)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var extended = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sections = new Dictionary<string, SortedDictionary<int, (string Value, bool Encoded)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value, quoted) in raw)
        {
            var star = name.IndexOf('*', StringComparison.Ordinal);
            if (star < 0)
            {
                var decoded = quoted || value.Contains("=?", StringComparison.Ordinal) ? EncodedWords.Decode(value, defects, where) : value;
                if (!values.TryAdd(name, decoded))
                {
                    defects.Add(MimeDefectKind.InvalidParameter, $"{where}: the parameter \"{Charsets.Shorten(name)}\" occurs twice; the first is used");
                }
                continue;
            }
            var baseName = name[..star];
            var rest = name[(star + 1)..];
            if (rest.Length == 0)
            {
                extended.TryAdd(baseName, value); // name*=charset'lang'value
                continue;
            }
            var encoded = rest.EndsWith('*');
            var number = encoded ? rest[..^1] : rest;
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= MaxSections)
            {
                defects.Add(MimeDefectKind.InvalidParameter, $"{where}: \"{Charsets.Shorten(name)}\" is no RFC 2231 section");
                continue;
            }
            if (!sections.TryGetValue(baseName, out var parts))
            {
                parts = [];
                sections[baseName] = parts;
            }
            if (!parts.TryAdd(index, (value, encoded)))
            {
                defects.Add(MimeDefectKind.InvalidParameter, $"{where}: the section {index} of \"{Charsets.Shorten(baseName)}\" occurs twice");
            }
        }

        foreach (var (name, parts) in sections)
        {
            var expected = 0;
            foreach (var index in parts.Keys)
            {
                if (index != expected)
                {
                    defects.Add(MimeDefectKind.InvalidParameter, $"{where}: the sections of \"{Charsets.Shorten(name)}\" skip from {expected - 1} to {index}");
                    break;
                }
                expected++;
            }
            string? charset = null;
            var bytes = new List<byte>();
            var first = true;
            foreach (var (value, encoded) in parts.Values)
            {
                var piece = value;
                if (encoded && first)
                {
                    piece = SplitCharset(piece, out charset);
                }
                if (encoded)
                {
                    PercentDecode(piece, bytes);
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(piece));
                }
                first = false;
            }
            values[name] = charset is null && parts.Values.All(p => !p.Encoded)
                ? Charsets.DecodeUtf8OrWindows1252(bytes.ToArray())
                : Charsets.DecodeText(bytes.ToArray(), charset ?? "utf-8", defects, where);
        }
        foreach (var (name, value) in extended)
        {
            var rest = SplitCharset(value, out var charset);
            var bytes = new List<byte>();
            PercentDecode(rest, bytes);
            values[name] = Charsets.DecodeText(bytes.ToArray(), charset ?? "utf-8", defects, where);
        }
        return new ParameterList(values);
    }

    /// <summary>"utf-8'en'caf%C3%A9" → "caf%C3%A9", charset utf-8. Without two quotes: no charset.</summary>
    private static string SplitCharset(string value, out string? charset)
    {
        charset = null;
        var q1 = value.IndexOf('\'', StringComparison.Ordinal);
        if (q1 < 0)
        {
            return value;
        }
        var q2 = value.IndexOf('\'', q1 + 1);
        if (q2 < 0)
        {
            return value;
        }
        charset = q1 == 0 ? null : value[..q1];
        return value[(q2 + 1)..];
    }

    private static void PercentDecode(string value, List<byte> bytes)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]))
            {
                bytes.Add((byte)(HexValue(value[i + 1]) << 4 | HexValue(value[i + 2])));
                i += 2;
            }
            else if (c < 128)
            {
                bytes.Add((byte)c);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value.Substring(i, char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1)));
                if (char.IsHighSurrogate(c) && i + 1 < value.Length)
                {
                    i++;
                }
            }
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>
    /// Writes a parameter as name="value" when it is ASCII and short, else as RFC 2231 sections
    /// name*0*=utf-8''…; name*1*=… of at most about 60 characters each.
    /// </summary>
    internal static IEnumerable<string> Format(string name, string value)
    {
        var plain = value.All(c => c is >= ' ' and < (char)127);
        if (plain && value.Length + name.Length < 70)
        {
            yield return $"{name}=\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
            yield break;
        }
        var encoded = new StringBuilder();
        var chunks = new List<string>();
        // Each section goes on a line of its own: " name*12*=…;" within 78 characters.
        var budget = 78 - " *99*=;".Length - name.Length - "utf-8''".Length;
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            var n = rune.EncodeToUtf8(utf8);
            var piece = new StringBuilder();
            for (var k = 0; k < n; k++)
            {
                var b = utf8[k];
                if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'-' or (byte)'_' or (byte)'~' or (byte)'!')
                {
                    piece.Append((char)b);
                }
                else
                {
                    piece.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            if (encoded.Length + piece.Length > budget)
            {
                chunks.Add(encoded.ToString());
                encoded.Clear();
            }
            encoded.Append(piece);
        }
        chunks.Add(encoded.ToString());
        if (chunks.Count == 1)
        {
            yield return $"{name}*=utf-8''{chunks[0]}";
            yield break;
        }
        for (var c = 0; c < chunks.Count; c++)
        {
            yield return c == 0 ? $"{name}*0*=utf-8''{chunks[0]}" : $"{name}*{c}*={chunks[c]}";
        }
    }
}

/// <summary>A parsed Content-Type: media type, subtype and parameters.</summary>
public sealed class ContentType
{
    internal ContentType(string mediaType, string mediaSubtype, ParameterList parameters)
    {
        MediaType = mediaType;
        MediaSubtype = mediaSubtype;
        Parameters = parameters;
    }

    /// <summary>text/plain; charset=us-ascii, what a part without Content-Type is.</summary>
    internal static ContentType Default => new("text", "plain", ParameterList.Empty);

    /// <summary>"text", "multipart", … in lower case.</summary>
    public string MediaType { get; }

    /// <summary>"plain", "mixed", … in lower case.</summary>
    public string MediaSubtype { get; }

    /// <summary>"text/plain", in lower case.</summary>
    public string MimeType => $"{MediaType}/{MediaSubtype}";

    /// <summary>The parameters, decoded.</summary>
    public ParameterList Parameters { get; }

    /// <summary>The charset parameter, or null.</summary>
    public string? Charset => Parameters["charset"];

    /// <summary>The boundary parameter of a multipart, or null.</summary>
    public string? Boundary => Parameters["boundary"];

    /// <summary>The name parameter (an old way to give a file name), or null.</summary>
    public string? Name => Parameters["name"];

    /// <summary>True for this type and subtype, case-insensitively.</summary>
    public bool Is(string mediaType, string mediaSubtype) =>
        MediaType == mediaType.ToLowerInvariant() && MediaSubtype == mediaSubtype.ToLowerInvariant();

    /// <inheritdoc />
    public override string ToString() => MimeType;

    internal static ContentType Parse(string text, DefectSink defects, string where)
    {
        var (value, parameters) = ParameterList.Parse(text, defects, $"the Content-Type of {where}");
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var type = (slash < 0 ? value : value[..slash]).Trim().ToLowerInvariant();
        var subtype = (slash < 0 ? string.Empty : value[(slash + 1)..]).Trim().ToLowerInvariant();
        if (type.Length == 0 || subtype.Length == 0 || !IsToken(type) || !IsToken(subtype))
        {
            if (type == "text")
            {
                defects.Add(MimeDefectKind.InvalidContentType, $"the Content-Type of {where} is \"{Charsets.Shorten(text)}\"; read as text/plain");
                return new ContentType("text", "plain", parameters);
            }
            defects.Add(MimeDefectKind.InvalidContentType, $"the Content-Type of {where} is \"{Charsets.Shorten(text)}\"; read as application/octet-stream");
            return new ContentType("application", "octet-stream", parameters);
        }
        return new ContentType(type, subtype, parameters);
    }

    private static bool IsToken(string text)
    {
        foreach (var c in text)
        {
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?=".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>A parsed Content-Disposition: inline or attachment, and a file name.</summary>
public sealed class ContentDisposition
{
    internal ContentDisposition(string disposition, ParameterList parameters)
    {
        Disposition = disposition;
        Parameters = parameters;
    }

    /// <summary>"inline", "attachment", … in lower case.</summary>
    public string Disposition { get; }

    /// <summary>The parameters, decoded.</summary>
    public ParameterList Parameters { get; }

    /// <summary>The filename parameter (filename* and its continuations decoded), or null.</summary>
    public string? FileName => Parameters["filename"];

    /// <summary>True for "attachment".</summary>
    public bool IsAttachment => Disposition == "attachment";

    /// <summary>True for "inline".</summary>
    public bool IsInline => Disposition == "inline";

    internal static ContentDisposition Parse(string text, DefectSink defects, string where)
    {
        var (value, parameters) = ParameterList.Parse(text, defects, $"the Content-Disposition of {where}");
        return new ContentDisposition(value.Trim().ToLowerInvariant(), parameters);
    }
}

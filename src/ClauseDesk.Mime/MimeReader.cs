using System.Text;

namespace ClauseDesk.Mime;

/// <summary>
/// The parser. It works on one byte array with offsets, so a large attachment is sliced, never
/// copied line by line; every loop moves forward, and nesting is capped, so the work stays linear
/// in the size of the message.
/// </summary>
internal sealed class MimeReader
{
    internal const int MaxDepth = 24;
    internal const int MaxParts = 5000;
    private const int MaxLineLength = 998;

    private readonly byte[] _data;
    private readonly DefectSink _defects;
    private int _parts;
    private bool _reportedLongLine;

    private MimeReader(byte[] data, DefectSink defects)
    {
        _data = data;
        _defects = defects;
    }

    internal static MimeMessage ReadMessage(byte[] data, int start, int end, int depth)
    {
        var defects = new DefectSink();
        var reader = new MimeReader(data, defects);
        MimeEntity body;
        try
        {
            body = reader.ReadEntity(start, end, depth, ContentType.Default, "the message", isMessage: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A last resort: the parser must never throw. The fuzz tests fail on this defect.
            defects.Add(MimeDefectKind.InternalError, $"{e.GetType().Name}: {e.Message}");
            body = new MimeEntity(HeaderList.Empty, ContentType.Default, null, "7bit") { Content = data.AsSpan(start, end - start).ToArray() };
        }
        return new MimeMessage(body, defects, data, start, end);
    }

    private MimeEntity ReadEntity(int start, int end, int depth, ContentType defaultType, string where, bool isMessage)
    {
        var (headers, bodyStart) = ReadHeaders(start, end, where, isMessage);
        var contentTypeHeader = First(headers, "Content-Type", where);
        var contentType = contentTypeHeader is null ? defaultType : ContentType.Parse(contentTypeHeader.RawValue, _defects, where);
        var dispositionHeader = First(headers, "Content-Disposition", where);
        var disposition = dispositionHeader is null ? null : ContentDisposition.Parse(dispositionHeader.RawValue, _defects, where);
        var encoding = (First(headers, "Content-Transfer-Encoding", where)?.RawValue ?? "7bit").Trim().ToLowerInvariant();
        var entity = new MimeEntity(headers, contentType, disposition, encoding.Length == 0 ? "7bit" : encoding);
        if (First(headers, "Content-ID", where)?.RawValue is { } contentId)
        {
            var id = contentId.Trim().Trim('<', '>').Trim();
            entity.ContentId = id.Length == 0 ? null : id;
        }

        if (contentType.MediaType == "multipart")
        {
            if (depth >= MaxDepth)
            {
                _defects.Add(MimeDefectKind.NestingTooDeep, $"{where} is nested more than {MaxDepth} deep; kept as it is");
                entity.Content = Slice(bodyStart, end);
                return entity;
            }
            ReadMultipart(entity, bodyStart, end, depth, where);
            return entity;
        }

        var content = Decode(entity.ContentTransferEncoding, bodyStart, end, where);
        entity.Content = content;
        if (contentType.MediaType == "message" && contentType.MediaSubtype is "rfc822" or "global")
        {
            if (depth >= MaxDepth)
            {
                _defects.Add(MimeDefectKind.NestingTooDeep, $"{where} is nested more than {MaxDepth} deep; kept as it is");
                return entity;
            }
            var nested = ReadMessage(content, 0, content.Length, depth + 1);
            entity.Message = nested;
            foreach (var defect in nested.Defects)
            {
                _defects.Add(MimeDefectKind.InAttachedMessage, $"{defect.Kind} in the attached message \"{Charsets.Shorten(nested.Subject ?? "")}\": {defect.Reason}");
            }
            return entity;
        }
        if (contentType.MediaType == "text")
        {
            var text = Charsets.DecodeText(content, contentType.Charset, _defects, where);
            entity.Text = NormaliseLineEnds(text);
        }
        return entity;
    }

    private Header? First(HeaderList headers, string name, string where)
    {
        Header? first = null;
        foreach (var header in headers)
        {
            if (!string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (first is null)
            {
                first = header;
            }
            else
            {
                _defects.Add(MimeDefectKind.DuplicateHeader, $"{where} has {name} more than once; the first is used");
                break;
            }
        }
        return first;
    }

    private void ReadMultipart(MimeEntity entity, int bodyStart, int end, int depth, string where)
    {
        var data = _data;
        var start = bodyStart;
        if (entity.ContentTransferEncoding is "base64" or "quoted-printable")
        {
            // Not allowed on a multipart, but some senders do it: undo it, then read the parts.
            _defects.Add(MimeDefectKind.InvalidContentType, $"{where} is a multipart in {entity.ContentTransferEncoding}; decoded first");
            data = Decode(entity.ContentTransferEncoding, bodyStart, end, where);
            start = 0;
            end = data.Length;
            if (data.Length > 0)
            {
                var inner = new MimeReader(data, _defects) { _parts = _parts };
                inner.ReadMultipartIn(entity, start, end, depth, where);
                _parts = inner._parts;
                return;
            }
        }
        ReadMultipartIn(entity, start, end, depth, where);
    }

    private void ReadMultipartIn(MimeEntity entity, int bodyStart, int end, int depth, string where)
    {
        var boundary = entity.ContentType.Boundary;
        if (string.IsNullOrEmpty(boundary))
        {
            boundary = GuessBoundary(bodyStart, end);
            _defects.Add(MimeDefectKind.MissingBoundary, boundary is null
                ? $"{where} is a multipart without a boundary; read as text"
                : $"{where} is a multipart without a boundary; \"{Charsets.Shorten(boundary)}\" is used, found in the body");
        }
        var delimiters = boundary is null ? [] : FindDelimiters(Encoding.UTF8.GetBytes("--" + boundary), bodyStart, end);
        if (delimiters.Count == 0)
        {
            if (boundary is not null && entity.ContentType.Boundary is not null)
            {
                _defects.Add(MimeDefectKind.MissingBoundary, $"{where}: the boundary \"{Charsets.Shorten(boundary)}\" never occurs; the body is read as text");
            }
            var text = new MimeEntity(HeaderList.Empty, ContentType.Default, null, "7bit") { Content = Slice(bodyStart, end) };
            text.Text = NormaliseLineEnds(Charsets.DecodeText(text.Content, null, _defects, where));
            entity.Parts = [text];
            return;
        }
        var childType = entity.ContentType.MediaSubtype == "digest"
            ? new ContentType("message", "rfc822", ParameterList.Empty)
            : ContentType.Default;
        var parts = new List<MimeEntity>();
        var closed = false;
        for (var d = 0; d < delimiters.Count; d++)
        {
            var delimiter = delimiters[d];
            if (delimiter.IsClose)
            {
                closed = true;
                break;
            }
            var partStart = delimiter.LineEnd;
            var partEnd = d + 1 < delimiters.Count ? delimiters[d + 1].ContentEnd : end;
            if (++_parts > MaxParts)
            {
                _defects.Add(MimeDefectKind.NestingTooDeep, $"the message has more than {MaxParts} parts; the rest are not read");
                break;
            }
            parts.Add(ReadEntity(partStart, Math.Max(partStart, partEnd), depth + 1, childType, $"part {parts.Count + 1} of {where}", isMessage: false));
        }
        if (!closed && _parts <= MaxParts)
        {
            _defects.Add(MimeDefectKind.MissingClosingBoundary, $"{where} has no closing boundary \"--{Charsets.Shorten(boundary!)}--\"; its last part runs to the end");
        }
        if (parts.Count == 0)
        {
            _defects.Add(MimeDefectKind.MissingBoundary, $"{where} has no parts");
        }
        entity.Parts = parts;
    }

    private readonly record struct Delimiter(int ContentEnd, int LineEnd, bool IsClose);

    /// <summary>
    /// The delimiter lines "--boundary" (and the close "--boundary--") at line starts, followed by
    /// nothing but blanks. ContentEnd is where the part before it ends (before its line break).
    /// </summary>
    private List<Delimiter> FindDelimiters(byte[] dashBoundary, int start, int end)
    {
        var found = new List<Delimiter>();
        var position = start;
        while (position < end)
        {
            var index = _data.AsSpan(position, end - position).IndexOf(dashBoundary);
            if (index < 0)
            {
                break;
            }
            var at = position + index;
            var lineEnd = LineEndAfter(at, end);
            position = at + dashBoundary.Length;
            if (at != start && _data[at - 1] != '\n')
            {
                continue;
            }
            var rest = _data.AsSpan(at + dashBoundary.Length, lineEnd.ContentEnd - at - dashBoundary.Length);
            var isClose = rest.StartsWith("--"u8);
            if (isClose)
            {
                rest = rest[2..];
            }
            if (!IsBlank(rest))
            {
                continue;
            }
            var contentEnd = at;
            if (contentEnd > start && _data[contentEnd - 1] == '\n')
            {
                contentEnd--;
                if (contentEnd > start && _data[contentEnd - 1] == '\r')
                {
                    contentEnd--;
                }
            }
            found.Add(new Delimiter(contentEnd, lineEnd.Next, isClose));
            position = lineEnd.Next;
            if (isClose)
            {
                break;
            }
        }
        return found;
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }
        return true;
    }

    private string? GuessBoundary(int start, int end)
    {
        var position = start;
        while (position < end)
        {
            var line = LineEndAfter(position, end);
            var span = _data.AsSpan(position, line.ContentEnd - position).TrimEnd(" \t\r"u8);
            if (span.Length > 2 && span.Length <= 100 && span.StartsWith("--"u8) && !span.EndsWith("--"u8) && Charsets.IsAscii(span))
            {
                return Encoding.ASCII.GetString(span[2..]);
            }
            position = line.Next;
        }
        return null;
    }

    /// <summary>A line from <paramref name="position"/>: where its content ends (before CR LF or LF) and where the next begins.</summary>
    private (int ContentEnd, int Next) LineEndAfter(int position, int end)
    {
        var newline = _data.AsSpan(position, end - position).IndexOf((byte)'\n');
        if (newline < 0)
        {
            return (end, end);
        }
        var lf = position + newline;
        var contentEnd = lf > position && _data[lf - 1] == '\r' ? lf - 1 : lf;
        return (contentEnd, lf + 1);
    }

    private (HeaderList Headers, int BodyStart) ReadHeaders(int start, int end, string where, bool isMessage)
    {
        var headers = new List<Header>();
        var position = start;
        if (isMessage && _data.AsSpan(start, end - start).StartsWith("From "u8))
        {
            position = LineEndAfter(position, end).Next; // an mbox separator line
        }
        int nameStart = -1, nameEnd = -1, valueStart = -1, valueEnd = -1;
        var firstLine = true;
        while (position < end)
        {
            var (contentEnd, next) = LineEndAfter(position, end);
            if (contentEnd - position > MaxLineLength && !_reportedLongLine)
            {
                _reportedLongLine = true;
                _defects.Add(MimeDefectKind.LineTooLong, $"{where} has a header line longer than {MaxLineLength} characters");
            }
            if (contentEnd == position)
            {
                Flush();
                return (new HeaderList(headers), next);
            }
            var first = _data[position];
            if (first is (byte)' ' or (byte)'\t')
            {
                if (valueStart >= 0)
                {
                    valueEnd = contentEnd; // a folded continuation
                }
                else if (!firstLine || IsBlank(_data.AsSpan(position, contentEnd - position)))
                {
                    if (IsBlank(_data.AsSpan(position, contentEnd - position)))
                    {
                        // A line of blanks where the empty line should be: take it as the separator.
                        Flush();
                        _defects.Add(MimeDefectKind.MalformedHeader, $"{where} ends its headers with a line of blanks");
                        return (new HeaderList(headers), next);
                    }
                    _defects.Add(MimeDefectKind.MalformedHeader, $"{where} has a continuation line with no header before it");
                }
                else
                {
                    _defects.Add(MimeDefectKind.MalformedHeader, $"{where} starts with a continuation line");
                }
                position = next;
                firstLine = false;
                continue;
            }
            var colon = _data.AsSpan(position, contentEnd - position).IndexOf((byte)':');
            if (colon > 0 && IsFieldName(_data.AsSpan(position, colon)))
            {
                Flush();
                nameStart = position;
                nameEnd = position + colon;
                valueStart = position + colon + 1;
                valueEnd = contentEnd;
                position = next;
                firstLine = false;
                continue;
            }
            // Not a header: the body starts here, without the empty line.
            Flush();
            if (headers.Count > 0 || !isMessage)
            {
                _defects.Add(MimeDefectKind.MalformedHeader, $"{where}: \"{Charsets.Shorten(Encoding.Latin1.GetString(_data, position, Math.Min(40, contentEnd - position)))}\" is no header; the body starts there");
            }
            else
            {
                _defects.Add(MimeDefectKind.MalformedHeader, $"{where} has no headers");
            }
            return (new HeaderList(headers), position);
        }
        Flush();
        return (new HeaderList(headers), end);

        void Flush()
        {
            if (nameStart < 0)
            {
                return;
            }
            var name = Encoding.ASCII.GetString(_data, nameStart, nameEnd - nameStart).TrimEnd(' ', '\t');
            var raw = _data.AsSpan(valueStart, valueEnd - valueStart);
            string value;
            if (Charsets.IsAscii(raw))
            {
                value = Encoding.ASCII.GetString(raw);
            }
            else
            {
                value = Charsets.DecodeUtf8OrWindows1252(raw, out var fellBack);
                if (fellBack)
                {
                    _defects.Add(MimeDefectKind.InvalidHeaderEncoding, $"the {name} header of {where} has 8-bit bytes that are not UTF-8; read as Windows-1252");
                }
            }
            headers.Add(new Header(name, Unfold(value)));
            nameStart = -1;
            valueStart = -1;
        }
    }

    private static bool IsFieldName(ReadOnlySpan<byte> name)
    {
        // Blanks before the colon are obsolete syntax, tolerated: "Subject : hi".
        name = name.TrimEnd(" \t"u8);
        if (name.IsEmpty)
        {
            return false;
        }
        foreach (var b in name)
        {
            if (b is < 33 or > 126)
            {
                return false;
            }
        }
        return true;
    }

    private static string Unfold(string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            var builder = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                if (c is not ('\r' or '\n'))
                {
                    builder.Append(c);
                }
            }
            value = builder.ToString();
        }
        return value.Trim(' ', '\t');
    }

    private byte[] Decode(string transferEncoding, int start, int end, string where)
    {
        var span = _data.AsSpan(start, Math.Max(0, end - start));
        switch (transferEncoding)
        {
            case "base64":
                var decoded = TransferEncodings.DecodeBase64(span, out var junk, out var truncated);
                if (junk > 0)
                {
                    _defects.Add(MimeDefectKind.InvalidBase64, $"{where} has {junk} characters outside base64; skipped");
                }
                if (truncated)
                {
                    _defects.Add(MimeDefectKind.InvalidBase64, $"{where} ends its base64 with an incomplete quantum");
                }
                return decoded;
            case "quoted-printable":
                var qp = TransferEncodings.DecodeQuotedPrintable(span, out var bad);
                if (bad > 0)
                {
                    _defects.Add(MimeDefectKind.InvalidQuotedPrintable, $"{where} has {bad} '=' not followed by two hex digits; kept as written");
                }
                return qp;
            case "7bit" or "8bit" or "binary" or "7-bit" or "8-bit":
                return span.ToArray();
            default:
                _defects.Add(MimeDefectKind.UnknownTransferEncoding, $"{where} has the unknown transfer encoding \"{Charsets.Shorten(transferEncoding)}\"; the bytes are kept as they are");
                return span.ToArray();
        }
    }

    private byte[] Slice(int start, int end) => _data.AsSpan(start, Math.Max(0, end - start)).ToArray();

    internal static string NormaliseLineEnds(string text)
    {
        if (!text.Contains('\r', StringComparison.Ordinal))
        {
            return text;
        }
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }
}

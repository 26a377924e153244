namespace ClauseDesk.Mime;

/// <summary>
/// One part of a message: a multipart holding parts, a message/rfc822 holding a message, or a leaf
/// holding decoded content.
/// </summary>
public sealed class MimeEntity
{
    internal MimeEntity(HeaderList headers, ContentType contentType, ContentDisposition? disposition, string transferEncoding)
    {
        Headers = headers;
        ContentType = contentType;
        ContentDisposition = disposition;
        ContentTransferEncoding = transferEncoding;
    }

    /// <summary>The part's own headers (for the top-level entity: the message's headers).</summary>
    public HeaderList Headers { get; }

    /// <summary>The Content-Type, text/plain when the part has none.</summary>
    public ContentType ContentType { get; }

    /// <summary>The Content-Disposition, or null.</summary>
    public ContentDisposition? ContentDisposition { get; }

    /// <summary>The Content-Transfer-Encoding in lower case ("7bit" when none was given).</summary>
    public string ContentTransferEncoding { get; }

    /// <summary>The Content-ID without angle brackets, or null.</summary>
    public string? ContentId { get; internal set; }

    /// <summary>The parts of a multipart, in order; empty for other entities.</summary>
    public IReadOnlyList<MimeEntity> Parts { get; internal set; } = [];

    /// <summary>The attached message of a message/rfc822 part, or null.</summary>
    public MimeMessage? Message { get; internal set; }

    /// <summary>The content with its transfer encoding undone; empty for a multipart.</summary>
    public byte[] Content { get; internal set; } = [];

    /// <summary>For text/* parts, the content decoded from its charset with "\n" line ends; else null.</summary>
    public string? Text { get; internal set; }

    /// <summary>True for a multipart whose parts were found.</summary>
    public bool IsMultipart => Parts.Count > 0;

    /// <summary>
    /// The file name: Content-Disposition's filename (RFC 2231 filename* decoded), else Content-Type's
    /// name; folders written before it and control characters are removed. Null when none is given.
    /// </summary>
    public string? FileName
    {
        get
        {
            var name = ContentDisposition?.FileName;
            if (string.IsNullOrWhiteSpace(name))
            {
                name = ContentType.Name;
            }
            if (string.IsNullOrWhiteSpace(name))
            {
                return null;
            }
            var slash = name.LastIndexOfAny(['/', '\\']);
            if (slash >= 0)
            {
                name = name[(slash + 1)..];
            }
            name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
            return name.Length == 0 ? null : name;
        }
    }

    /// <summary>True when the Content-Disposition says attachment.</summary>
    public bool IsAttachment => ContentDisposition?.IsAttachment == true;

    /// <summary>This entity and every entity under it, depth first; attached messages are not entered.</summary>
    public IEnumerable<MimeEntity> Descendants()
    {
        var stack = new Stack<MimeEntity>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var entity = stack.Pop();
            yield return entity;
            for (var i = entity.Parts.Count - 1; i >= 0; i--)
            {
                stack.Push(entity.Parts[i]);
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => FileName is { } name ? $"{ContentType} \"{name}\"" : ContentType.ToString();
}

/// <summary>A file carried by a message: a real attachment or an inline image of the HTML body.</summary>
public sealed record Attachment(string? FileName, string ContentType, string? ContentId, bool IsInline, byte[] Content, MimeEntity Entity)
{
    /// <summary>The decoded size in bytes.</summary>
    public long Size => Content.LongLength;
}

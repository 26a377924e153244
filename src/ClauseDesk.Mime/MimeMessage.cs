namespace ClauseDesk.Mime;

/// <summary>
/// A parsed message. <see cref="Parse(byte[])"/> never throws: whatever is malformed is read as well
/// as it can be and recorded in <see cref="Defects"/>.
/// </summary>
public sealed class MimeMessage
{
    private readonly DefectSink _defects;
    private readonly byte[] _data;
    private readonly int _start;
    private readonly int _end;

    internal MimeMessage(MimeEntity body, DefectSink defects, byte[] data, int start, int end)
    {
        Body = body;
        _defects = defects;
        _data = data;
        _start = start;
        _end = end;
        var headers = body.Headers;
        From = ReplyTo = To = Cc = Bcc = [];
        InReplyTo = References = [];
        Attachments = [];
        try
        {
            Subject = Single(headers, "Subject")?.Value.Trim();
            From = Addresses(headers, "From", combine: false);
            Sender = Addresses(headers, "Sender", combine: false).FirstOrDefault();
            ReplyTo = Addresses(headers, "Reply-To", combine: false);
            To = Addresses(headers, "To", combine: true);
            Cc = Addresses(headers, "Cc", combine: true);
            Bcc = Addresses(headers, "Bcc", combine: true);
            if (Single(headers, "Date") is { } date)
            {
                Date = DateParser.Parse(date.RawValue, defects, "the Date header");
            }
            if (Single(headers, "Message-ID") is { } messageId)
            {
                MessageId = MessageIds.Parse(messageId.RawValue, defects, "the Message-ID header").FirstOrDefault();
            }
            InReplyTo = Single(headers, "In-Reply-To") is { } inReplyTo
                ? MessageIds.Parse(inReplyTo.RawValue, defects, "the In-Reply-To header") : [];
            References = Single(headers, "References") is { } references
                ? MessageIds.Parse(references.RawValue, defects, "the References header") : [];

            var textBody = FindBody("plain");
            var htmlBody = FindBody("html");
            TextBody = textBody?.Text;
            HtmlBody = htmlBody?.Text;
            Attachments = FindAttachments(textBody, htmlBody);
            AutomaticReason = FindAutomaticReason();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A last resort, as in the reader: what was read so far is kept.
            defects.Add(MimeDefectKind.InternalError, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Parses a message. Never throws.</summary>
    public static MimeMessage Parse(byte[] data)
    {
        data ??= [];
        return MimeReader.ReadMessage(data, 0, data.Length, 0);
    }

    /// <summary>Parses a message (the bytes are copied once). Never throws.</summary>
    public static MimeMessage Parse(ReadOnlySpan<byte> data) => Parse(data.ToArray());

    /// <summary>
    /// Reads the stream to its end and parses what it held. Never throws on the content; an error of
    /// the stream itself (an <see cref="IOException"/>) is the caller's.
    /// </summary>
    public static MimeMessage Parse(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = stream.CanSeek ? new MemoryStream((int)Math.Min(int.MaxValue, Math.Max(0, stream.Length - stream.Position))) : new MemoryStream();
        stream.CopyTo(buffer);
        return MimeReader.ReadMessage(buffer.GetBuffer(), 0, (int)buffer.Length, 0);
    }

    /// <summary>The message's headers, in order.</summary>
    public HeaderList Headers => Body.Headers;

    /// <summary>The top-level entity: a multipart tree, or a single leaf.</summary>
    public MimeEntity Body { get; }

    /// <summary>What was malformed and how it was read, in the order found.</summary>
    public IReadOnlyList<MimeDefect> Defects => _defects.Items;

    /// <summary>The Subject with its encoded words decoded, or null.</summary>
    public string? Subject { get; }

    /// <summary>The From mailboxes (usually one).</summary>
    public IReadOnlyList<MailboxAddress> From { get; }

    /// <summary>The Sender mailbox, or null.</summary>
    public MailboxAddress? Sender { get; }

    /// <summary>The Reply-To mailboxes.</summary>
    public IReadOnlyList<MailboxAddress> ReplyTo { get; }

    /// <summary>The To mailboxes, groups flattened.</summary>
    public IReadOnlyList<MailboxAddress> To { get; }

    /// <summary>The Cc mailboxes, groups flattened.</summary>
    public IReadOnlyList<MailboxAddress> Cc { get; }

    /// <summary>The Bcc mailboxes (rarely present on received mail).</summary>
    public IReadOnlyList<MailboxAddress> Bcc { get; }

    /// <summary>The Date, or null when missing or unreadable.</summary>
    public DateTimeOffset? Date { get; }

    /// <summary>The Message-ID without angle brackets, or null.</summary>
    public string? MessageId { get; }

    /// <summary>The In-Reply-To ids without angle brackets.</summary>
    public IReadOnlyList<string> InReplyTo { get; }

    /// <summary>The References ids without angle brackets, oldest first.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>The text of the first text/plain part that is no attachment, or null.</summary>
    public string? TextBody { get; }

    /// <summary>The text of the first text/html part that is no attachment, or null.</summary>
    public string? HtmlBody { get; }

    /// <summary>Files and inline images, in order; attached messages count as one file each.</summary>
    public IReadOnlyList<Attachment> Attachments { get; }

    /// <summary>True for auto-replies, bounces, receipts and list mail: the desk must not answer these.</summary>
    public bool IsAutomatic => AutomaticReason is not null;

    /// <summary>Why the message is taken as automatic ("Auto-Submitted: auto-replied"), or null.</summary>
    public string? AutomaticReason { get; }

    /// <summary>The bytes the message was read from.</summary>
    public ReadOnlyMemory<byte> RawBytes => _data.AsMemory(_start, _end - _start);

    private Header? Single(HeaderList headers, string name)
    {
        var all = headers.GetAll(name);
        if (all.Count > 1)
        {
            _defects.Add(MimeDefectKind.DuplicateHeader, $"the message has {all.Count} {name} headers; the first is used");
        }
        return all.Count == 0 ? null : all[0];
    }

    private IReadOnlyList<MailboxAddress> Addresses(HeaderList headers, string name, bool combine)
    {
        var all = headers.GetAll(name);
        if (all.Count == 0)
        {
            return [];
        }
        if (all.Count > 1)
        {
            _defects.Add(MimeDefectKind.DuplicateHeader, combine
                ? $"the message has {all.Count} {name} headers; their addresses are combined"
                : $"the message has {all.Count} {name} headers; the first is used");
        }
        var result = new List<MailboxAddress>();
        foreach (var header in combine ? all : [all[0]])
        {
            result.AddRange(AddressParser.Parse(header.RawValue, _defects, $"the {name} header"));
        }
        return result;
    }

    private MimeEntity? FindBody(string subtype)
    {
        foreach (var entity in Body.Descendants())
        {
            if (entity.ContentType.MediaType == "text" && entity.ContentType.MediaSubtype == subtype && IsBodyCandidate(entity))
            {
                return entity;
            }
        }
        return null;
    }

    private static bool IsBodyCandidate(MimeEntity entity) =>
        !entity.IsAttachment && entity.FileName is null;

    private List<Attachment> FindAttachments(MimeEntity? textBody, MimeEntity? htmlBody)
    {
        var result = new List<Attachment>();
        var stack = new Stack<(MimeEntity Entity, MimeEntity? Parent)>();
        stack.Push((Body, null));
        while (stack.Count > 0)
        {
            var (entity, parent) = stack.Pop();
            if (entity.IsMultipart)
            {
                for (var i = entity.Parts.Count - 1; i >= 0; i--)
                {
                    stack.Push((entity.Parts[i], entity));
                }
                continue;
            }
            if (ReferenceEquals(entity, textBody) || ReferenceEquals(entity, htmlBody))
            {
                continue;
            }
            if (entity.ContentType.MediaType == "text" && entity.ContentType.MediaSubtype is "plain" or "html" && IsBodyCandidate(entity))
            {
                continue; // a further body part (alternative text, a second inline text)
            }
            if (entity.ContentType.MediaType == "multipart" || (parent is null && entity.Content.Length == 0 && entity.ContentType.MediaType == "text"))
            {
                continue;
            }
            var inline = entity.ContentDisposition?.IsInline == true
                || (entity.ContentDisposition is null && entity.ContentId is not null && parent?.ContentType.MediaSubtype == "related");
            result.Add(new Attachment(entity.FileName, entity.ContentType.MimeType, entity.ContentId, inline, entity.Content, entity));
        }
        return result;
    }

    private string? FindAutomaticReason()
    {
        var headers = Headers;
        if (headers["Auto-Submitted"] is { } autoSubmitted)
        {
            var value = autoSubmitted.Split(';')[0].Trim();
            if (!value.Equals("no", StringComparison.OrdinalIgnoreCase))
            {
                return $"Auto-Submitted: {value}";
            }
        }
        if (headers["Precedence"] is { } precedence)
        {
            var value = precedence.Trim().ToLowerInvariant();
            if (value is "bulk" or "junk" or "list" or "auto_reply")
            {
                return $"Precedence: {value}";
            }
        }
        foreach (var name in (string[])["X-Autoreply", "X-Autorespond", "X-Autogenerated", "X-Mail-Autoreply", "X-AutoReply-From"])
        {
            if (headers[name] is { } flag && !flag.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
            {
                return $"{name}: {flag.Trim()}";
            }
        }
        if (headers.Get("Return-Path") is { } returnPath && returnPath.RawValue.Replace(" ", string.Empty, StringComparison.Ordinal) == "<>")
        {
            return "Return-Path: <> (a delivery report)";
        }
        foreach (var from in From)
        {
            var local = from.LocalPart.ToLowerInvariant();
            if (local is "mailer-daemon" or "postmaster")
            {
                return $"From: {from.Address} (a mail system)";
            }
        }
        if (Body.ContentType.Is("multipart", "report"))
        {
            var type = Body.ContentType.Parameters["report-type"]?.ToLowerInvariant() ?? "unknown";
            return $"multipart/report; report-type={type}";
        }
        if (headers["List-Id"] is { } listId)
        {
            return $"List-Id: {listId.Trim()}";
        }
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Subject} ({From.FirstOrDefault()})";
}

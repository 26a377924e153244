using System.Text;

namespace ClauseDesk.Mime;

/// <summary>How the builder writes text bodies.</summary>
public enum BodyEncoding
{
    /// <summary>Quoted-printable: readable when the text is mostly ASCII.</summary>
    QuotedPrintable,
    /// <summary>Base64: compact when the text is mostly not ASCII.</summary>
    Base64,
}

/// <summary>
/// Writes outbound messages as RFC 5322 bytes with CRLF line ends: addresses, a subject in RFC 2047
/// encoded words when it is not ASCII, headers folded to 78 characters where possible and never
/// over 998, a text and/or HTML body in UTF-8, attachments in base64 with RFC 2231 file names.
/// Values are checked: a line break in a header value can never start a header of its own.
/// </summary>
public sealed class MimeMessageBuilder
{
    private const int FoldAt = 78;
    private const int HardLimit = 998;

    private MailboxAddress? _from;
    private readonly List<MailboxAddress> _to = [];
    private readonly List<MailboxAddress> _cc = [];
    private readonly List<MailboxAddress> _replyTo = [];
    private string _subject = string.Empty;
    private DateTimeOffset? _date;
    private string? _messageId;
    private string? _messageIdDomain;
    private string? _inReplyTo;
    private readonly List<string> _references = [];
    private bool _autoSubmitted;
    private readonly List<(string Name, string Value)> _extraHeaders = [];
    private string? _text;
    private string? _html;
    private BodyEncoding _bodyEncoding = BodyEncoding.QuotedPrintable;
    private readonly List<OutboundAttachment> _attachments = [];

    private sealed record OutboundAttachment(string FileName, string ContentType, byte[] Content, string? ContentId, bool Inline);

    /// <summary>The Message-ID (without brackets) the last <see cref="ToBytes"/> wrote.</summary>
    public string? WrittenMessageId { get; private set; }

    /// <summary>Sets the sender.</summary>
    public MimeMessageBuilder From(string? name, string address) => From(new MailboxAddress(name, address));

    /// <summary>Sets the sender.</summary>
    public MimeMessageBuilder From(MailboxAddress mailbox)
    {
        _from = Checked(mailbox);
        return this;
    }

    /// <summary>Adds recipients.</summary>
    public MimeMessageBuilder To(params MailboxAddress[] mailboxes)
    {
        _to.AddRange(mailboxes.Select(Checked));
        return this;
    }

    /// <summary>Adds a recipient.</summary>
    public MimeMessageBuilder To(string? name, string address) => To(new MailboxAddress(name, address));

    /// <summary>Adds copy recipients.</summary>
    public MimeMessageBuilder Cc(params MailboxAddress[] mailboxes)
    {
        _cc.AddRange(mailboxes.Select(Checked));
        return this;
    }

    /// <summary>Adds Reply-To mailboxes.</summary>
    public MimeMessageBuilder ReplyTo(params MailboxAddress[] mailboxes)
    {
        _replyTo.AddRange(mailboxes.Select(Checked));
        return this;
    }

    /// <summary>Sets the subject; line breaks in it become blanks.</summary>
    public MimeMessageBuilder Subject(string subject)
    {
        _subject = OneLine(subject);
        return this;
    }

    /// <summary>Sets the Date (default: now).</summary>
    public MimeMessageBuilder Date(DateTimeOffset date)
    {
        _date = date;
        return this;
    }

    /// <summary>Uses this Message-ID (without angle brackets).</summary>
    public MimeMessageBuilder MessageId(string id)
    {
        _messageId = CheckedId(id);
        return this;
    }

    /// <summary>Generates the Message-ID at this domain (the default is the sender's domain).</summary>
    public MimeMessageBuilder MessageIdDomain(string domain)
    {
        _messageIdDomain = CheckedId("x@" + domain)[2..];
        return this;
    }

    /// <summary>Sets In-Reply-To (an id without angle brackets).</summary>
    public MimeMessageBuilder InReplyTo(string id)
    {
        _inReplyTo = CheckedId(id);
        return this;
    }

    /// <summary>Sets References (ids without angle brackets, oldest first).</summary>
    public MimeMessageBuilder References(IEnumerable<string> ids)
    {
        _references.Clear();
        _references.AddRange(ids.Select(CheckedId));
        return this;
    }

    /// <summary>Marks the message Auto-Submitted: auto-generated (RFC 3834), so that auto-responders stay quiet.</summary>
    public MimeMessageBuilder AutoSubmitted(bool autoSubmitted = true)
    {
        _autoSubmitted = autoSubmitted;
        return this;
    }

    /// <summary>Adds a header of your own ("X-ClauseDesk-Ticket"). The structural headers are refused.</summary>
    public MimeMessageBuilder Header(string name, string value)
    {
        if (name.Length == 0 || name.Any(c => c is < '!' or > '~' or ':'))
        {
            throw new ArgumentException($"\"{name}\" is no header name", nameof(name));
        }
        if (Reserved.Contains(name))
        {
            throw new ArgumentException($"{name} is written by the builder itself", nameof(name));
        }
        _extraHeaders.Add((name, OneLine(value)));
        return this;
    }

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Cc", "Bcc", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
        "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "Auto-Submitted",
    };

    /// <summary>Sets the plain-text body.</summary>
    public MimeMessageBuilder TextBody(string text)
    {
        _text = text;
        return this;
    }

    /// <summary>Sets the HTML body; with a text body too, the two become multipart/alternative.</summary>
    public MimeMessageBuilder HtmlBody(string html)
    {
        _html = html;
        return this;
    }

    /// <summary>Chooses quoted-printable (default) or base64 for the text bodies.</summary>
    public MimeMessageBuilder Encoding(BodyEncoding encoding)
    {
        _bodyEncoding = encoding;
        return this;
    }

    /// <summary>Attaches a file.</summary>
    public MimeMessageBuilder Attach(string fileName, string contentType, byte[] content)
    {
        _attachments.Add(new OutboundAttachment(CheckedFileName(fileName), CheckedType(contentType), content, null, false));
        return this;
    }

    /// <summary>Attaches an image the HTML body shows as cid:<paramref name="contentId"/>.</summary>
    public MimeMessageBuilder AttachInline(string fileName, string contentType, byte[] content, string contentId)
    {
        _attachments.Add(new OutboundAttachment(CheckedFileName(fileName), CheckedType(contentType), content, CheckedId(contentId), true));
        return this;
    }

    /// <summary>Writes the message.</summary>
    public byte[] ToBytes()
    {
        var output = new MemoryStream();
        WriteTo(output);
        return output.ToArray();
    }

    /// <summary>Writes the message to a stream.</summary>
    public void WriteTo(Stream stream)
    {
        if (_from is null)
        {
            throw new InvalidOperationException("A message needs a From address");
        }
        var writer = new StreamWriter(stream, new UTF8Encoding(false), 65536) { NewLine = "\r\n" };
        var headers = new StringBuilder();
        headers.Append(Fold("From", [.. MailboxWords(_from)]));
        if (_to.Count > 0)
        {
            headers.Append(AddressHeader("To", _to));
        }
        if (_cc.Count > 0)
        {
            headers.Append(AddressHeader("Cc", _cc));
        }
        if (_replyTo.Count > 0)
        {
            headers.Append(AddressHeader("Reply-To", _replyTo));
        }
        headers.Append(Unstructured("Subject", _subject));
        headers.Append($"Date: {DateParser.Format(_date ?? DateTimeOffset.Now)}\r\n");
        WrittenMessageId = _messageId ?? MessageIds.Create(_messageIdDomain ?? (_from.Domain.Length > 0 ? _from.Domain : "localhost"));
        headers.Append($"Message-ID: <{WrittenMessageId}>\r\n");
        if (_inReplyTo is not null)
        {
            headers.Append($"In-Reply-To: <{_inReplyTo}>\r\n");
        }
        if (_references.Count > 0)
        {
            headers.Append(Fold("References", [.. _references.Select(id => $"<{id}>")]));
        }
        if (_autoSubmitted)
        {
            headers.Append("Auto-Submitted: auto-generated\r\n");
        }
        foreach (var (name, value) in _extraHeaders)
        {
            headers.Append(Unstructured(name, value));
        }
        headers.Append("MIME-Version: 1.0\r\n");
        writer.Write(headers.ToString());
        var tree = BuildTree();
        WritePart(writer, tree);
        if (tree is Leaf leaf)
        {
            // The message ends with a line break that adds nothing to the body: after base64 it is
            // ignored, after quoted-printable it is written as a soft break.
            writer.Write(leaf.Terminator);
        }
        writer.Flush();
    }

    private abstract record Node;

    private sealed record Leaf(List<string> Headers, string Body, string Terminator) : Node;

    private sealed record Multi(string Subtype, List<Node> Children) : Node;

    private Node BuildTree()
    {
        var text = _text is null ? null : TextLeaf("plain", _text);
        var html = _html is null ? null : TextLeaf("html", _html);
        Node body = (text, html) switch
        {
            ({ } t, { } h) => new Multi("alternative", [t, h]),
            ({ } t, null) => t,
            (null, { } h) => h,
            _ => TextLeaf("plain", string.Empty),
        };
        var inline = _html is null ? [] : _attachments.Where(a => a.Inline).ToList();
        if (inline.Count > 0)
        {
            body = new Multi("related", [body, .. inline.Select(AttachmentLeaf)]);
        }
        var files = _attachments.Where(a => !inline.Contains(a)).ToList();
        if (files.Count > 0)
        {
            body = new Multi("mixed", [body, .. files.Select(AttachmentLeaf)]);
        }
        return body;
    }

    private Leaf TextLeaf(string subtype, string text)
    {
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace("\n", "\r\n", StringComparison.Ordinal);
        var bytes = System.Text.Encoding.UTF8.GetBytes(normalised);
        var body = _bodyEncoding == BodyEncoding.Base64
            ? TransferEncodings.EncodeBase64Lines(bytes).TrimEnd('\r', '\n')
            : TransferEncodings.EncodeQuotedPrintable(bytes);
        return new Leaf(
        [
            $"Content-Type: text/{subtype}; charset=utf-8\r\n",
            $"Content-Transfer-Encoding: {(_bodyEncoding == BodyEncoding.Base64 ? "base64" : "quoted-printable")}\r\n",
        ], body, _bodyEncoding == BodyEncoding.Base64 ? "\r\n" : "=\r\n");
    }

    private static Leaf AttachmentLeaf(OutboundAttachment attachment)
    {
        var headers = new List<string>
        {
            ParameterHeader("Content-Type", attachment.ContentType, "name", attachment.FileName),
            ParameterHeader("Content-Disposition", attachment.Inline ? "inline" : "attachment", "filename", attachment.FileName),
            "Content-Transfer-Encoding: base64\r\n",
        };
        if (attachment.ContentId is not null)
        {
            headers.Add($"Content-ID: <{attachment.ContentId}>\r\n");
        }
        return new Leaf(headers, TransferEncodings.EncodeBase64Lines(attachment.Content).TrimEnd('\r', '\n'), "\r\n");
    }

    private static string ParameterHeader(string name, string value, string parameter, string parameterValue)
    {
        var builder = new StringBuilder($"{name}: {value}");
        foreach (var piece in ParameterList.Format(parameter, parameterValue))
        {
            builder.Append(";\r\n ").Append(piece);
        }
        return builder.Append("\r\n").ToString();
    }

    private static void WritePart(StreamWriter writer, Node node)
    {
        switch (node)
        {
            case Leaf leaf:
                foreach (var header in leaf.Headers)
                {
                    writer.Write(header);
                }
                writer.Write("\r\n");
                writer.Write(leaf.Body);
                break;
            case Multi multi:
                var boundary = "=_cd_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
                writer.Write($"Content-Type: multipart/{multi.Subtype};\r\n boundary=\"{boundary}\"\r\n\r\n");
                foreach (var child in multi.Children)
                {
                    writer.Write($"\r\n--{boundary}\r\n");
                    WritePart(writer, child);
                }
                writer.Write($"\r\n--{boundary}--\r\n");
                break;
        }
    }

    private static string AddressHeader(string name, List<MailboxAddress> mailboxes)
    {
        var words = new List<string>();
        for (var i = 0; i < mailboxes.Count; i++)
        {
            var mailbox = MailboxWords(mailboxes[i]);
            if (i + 1 < mailboxes.Count)
            {
                mailbox[^1] += ",";
            }
            words.AddRange(mailbox);
        }
        return Fold(name, words);
    }

    private static List<string> MailboxWords(MailboxAddress mailbox)
    {
        var words = new List<string>();
        if (!string.IsNullOrWhiteSpace(mailbox.Name))
        {
            var name = OneLine(mailbox.Name).Trim();
            if (EncodedWords.NeedsEncoding(name))
            {
                words.AddRange(EncodedWords.Encode(name));
            }
            else if (name.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ' || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal)))
            {
                words.AddRange(name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            else
            {
                words.Add("\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
            }
            words.Add($"<{mailbox.Address}>");
        }
        else
        {
            words.Add(mailbox.Address);
        }
        return words;
    }

    private static string Unstructured(string name, string value)
    {
        var words = value.Split(' ');
        if (EncodedWords.NeedsEncoding(value) || words.Any(w => w.Length + name.Length + 3 > HardLimit))
        {
            return Fold(name, [.. EncodedWords.Encode(value)]);
        }
        return Fold(name, words);
    }

    /// <summary>"Name: w1 w2 …" with a fold (CRLF and a blank) before a word that would pass 78 characters.</summary>
    private static string Fold(string name, IReadOnlyList<string> words)
    {
        var builder = new StringBuilder(name).Append(':');
        var line = builder.Length;
        foreach (var word in words)
        {
            if (line + 1 + word.Length > FoldAt && line > name.Length + 1 && word.Length > 0)
            {
                builder.Append("\r\n ");
                line = 1;
            }
            else
            {
                builder.Append(' ');
                line++;
            }
            builder.Append(word);
            line += word.Length;
        }
        return builder.Append("\r\n").ToString();
    }

    private static string OneLine(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c is '\r' or '\n' or '\0' ? ' ' : c);
        }
        return builder.ToString();
    }

    private static MailboxAddress Checked(MailboxAddress mailbox)
    {
        var address = mailbox.Address;
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || address.Any(c => c <= ' ' || c == 127 || "<>()[],;:\"\\".Contains(c, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"\"{address}\" is no address this builder writes", nameof(mailbox));
        }
        return mailbox with { Name = mailbox.Name is null ? null : OneLine(mailbox.Name) };
    }

    private static string CheckedId(string id)
    {
        var trimmed = id.Trim().TrimStart('<').TrimEnd('>');
        if (trimmed.Length == 0 || trimmed.Length > 900 || trimmed.Any(c => c <= ' ' || c >= 127 || c is '<' or '>' or '"' or '\\'))
        {
            throw new ArgumentException($"\"{id}\" is no message id", nameof(id));
        }
        return trimmed;
    }

    private static string CheckedType(string contentType)
    {
        var parts = contentType.Trim().ToLowerInvariant().Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0 || p.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?=".Contains(c, StringComparison.Ordinal))))
        {
            throw new ArgumentException($"\"{contentType}\" is no content type", nameof(contentType));
        }
        return $"{parts[0]}/{parts[1]}";
    }

    private static string CheckedFileName(string fileName)
    {
        var name = new string(fileName.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0)
        {
            throw new ArgumentException("An attachment needs a file name", nameof(fileName));
        }
        return name;
    }
}

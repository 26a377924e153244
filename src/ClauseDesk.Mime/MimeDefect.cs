namespace ClauseDesk.Mime;

/// <summary>What kind of damage the parser tolerated.</summary>
public enum MimeDefectKind
{
    /// <summary>The header section did not end with an empty line, or a line in it was no header.</summary>
    MalformedHeader,
    /// <summary>A header held 8-bit bytes that are not UTF-8; they were read as Windows-1252.</summary>
    InvalidHeaderEncoding,
    /// <summary>An RFC 2047 encoded word could not be decoded as written.</summary>
    InvalidEncodedWord,
    /// <summary>A charset the runtime does not know; the text was read as UTF-8 or Windows-1252.</summary>
    UnknownCharset,
    /// <summary>A text part with 8-bit content and no charset.</summary>
    MissingCharset,
    /// <summary>The charset label does not fit the bytes (us-ascii with 8-bit bytes, invalid UTF-8).</summary>
    MislabelledCharset,
    /// <summary>An address list held something that is no address.</summary>
    InvalidAddress,
    /// <summary>A date header that could not be read, or only partly.</summary>
    InvalidDate,
    /// <summary>A message id list held something that is no id.</summary>
    InvalidMessageId,
    /// <summary>A Content-Type or Content-Disposition that could not be read as written.</summary>
    InvalidContentType,
    /// <summary>A broken parameter: bad RFC 2231 section, duplicate, unterminated quote.</summary>
    InvalidParameter,
    /// <summary>A multipart without a boundary parameter, or whose boundary never occurs.</summary>
    MissingBoundary,
    /// <summary>A multipart whose closing boundary is missing.</summary>
    MissingClosingBoundary,
    /// <summary>Base64 content with characters outside the alphabet or a truncated quantum.</summary>
    InvalidBase64,
    /// <summary>Quoted-printable content with an escape that is not =XX.</summary>
    InvalidQuotedPrintable,
    /// <summary>A Content-Transfer-Encoding this parser does not know; the bytes are kept as they are.</summary>
    UnknownTransferEncoding,
    /// <summary>Multiparts or attached messages nested deeper than the parser follows.</summary>
    NestingTooDeep,
    /// <summary>A line longer than the 998 characters RFC 5322 allows.</summary>
    LineTooLong,
    /// <summary>A header that may occur once occurs several times; the first is used.</summary>
    DuplicateHeader,
    /// <summary>Damage in a message attached as message/rfc822.</summary>
    InAttachedMessage,
    /// <summary>More defects than are worth recording; the rest were dropped.</summary>
    TooManyDefects,
    /// <summary>The parser met a case it did not foresee; it kept what it had read.</summary>
    InternalError,
}

/// <summary>One piece of damage the parser tolerated: what kind, and a sentence saying where and why.</summary>
public sealed record MimeDefect(MimeDefectKind Kind, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Reason}";
}

/// <summary>Collects defects, capped so that a hostile message cannot make the list grow without bound.</summary>
internal sealed class DefectSink
{
    internal const int Limit = 500;
    private readonly List<MimeDefect> _defects = [];

    public IReadOnlyList<MimeDefect> Items => _defects;

    public void Add(MimeDefectKind kind, string reason)
    {
        if (_defects.Count < Limit)
        {
            _defects.Add(new MimeDefect(kind, reason));
        }
        else if (_defects.Count == Limit)
        {
            _defects.Add(new MimeDefect(MimeDefectKind.TooManyDefects, $"more than {Limit} defects; the rest were not recorded"));
        }
    }

    public void AddRange(IEnumerable<MimeDefect> defects)
    {
        foreach (var defect in defects)
        {
            Add(defect.Kind, defect.Reason);
        }
    }
}

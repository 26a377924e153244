namespace ClauseDesk.Imap;

/// <summary>The system flags of RFC 3501 §2.3.2. Keywords ("$Ticketed") are plain atoms without the backslash.</summary>
public static class ImapFlags
{
    /// <summary>The message has been read.</summary>
    public const string Seen = "\\Seen";

    /// <summary>The message has been answered.</summary>
    public const string Answered = "\\Answered";

    /// <summary>The message is flagged for attention.</summary>
    public const string Flagged = "\\Flagged";

    /// <summary>The message is marked for removal by EXPUNGE.</summary>
    public const string Deleted = "\\Deleted";

    /// <summary>The message is a draft.</summary>
    public const string Draft = "\\Draft";
}

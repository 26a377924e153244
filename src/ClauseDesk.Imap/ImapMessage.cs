namespace ClauseDesk.Imap;

/// <summary>One message fetched with <see cref="ImapClient.FetchAsync"/>.</summary>
/// <param name="Uid">The message's UID in the selected mailbox.</param>
/// <param name="Size">RFC822.SIZE as the server reported it (normally the length of <paramref name="Raw"/>).</param>
/// <param name="Flags">System flags ("\Seen") and keywords ("$Ticketed") as the server spells them.</param>
/// <param name="InternalDate">When the server received the message; null when it did not say.</param>
/// <param name="Raw">The whole message exactly as stored: headers and body, CRLF line endings.</param>
public sealed record ImapMessage(uint Uid, long Size, IReadOnlyList<string> Flags, DateTimeOffset? InternalDate, byte[] Raw)
{
    /// <summary>Whether <see cref="Flags"/> holds this flag (flags compare case-insensitively).</summary>
    public bool HasFlag(string flag) => Flags.Contains(flag, StringComparer.OrdinalIgnoreCase);
}

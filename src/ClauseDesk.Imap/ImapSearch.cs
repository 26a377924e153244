using System.Globalization;

namespace ClauseDesk.Imap;

/// <summary>A search that <see cref="ImapClient.SearchAsync"/> understands.</summary>
public sealed class ImapSearch
{
    private ImapSearch(string criteria, uint minimumUid)
    {
        Criteria = criteria;
        MinimumUid = minimumUid;
    }

    /// <summary>Every message in the mailbox.</summary>
    public static ImapSearch All { get; } = new("ALL", 0);

    /// <summary>Messages without the \Seen flag.</summary>
    public static ImapSearch Unseen { get; } = new("UNSEEN", 0);

    internal string Criteria { get; }

    /// <summary>UIDs below this are dropped from the server's answer (see <see cref="UidsFrom"/>).</summary>
    internal uint MinimumUid { get; }

    /// <summary>
    /// Messages whose UID is <paramref name="firstUid"/> or larger: the new mail since a checkpoint
    /// (pass the UIDNEXT remembered last time). The server answers "UID n:*" with the last message even
    /// when its UID is below n (the range is read as "*:n"); the client drops those, so the answer
    /// is empty when nothing new arrived.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="firstUid"/> is 0 (UIDs start at 1).</exception>
    public static ImapSearch UidsFrom(uint firstUid)
    {
        ArgumentOutOfRangeException.ThrowIfZero(firstUid);
        return new ImapSearch($"UID {firstUid.ToString(CultureInfo.InvariantCulture)}:*", firstUid);
    }

    /// <inheritdoc/>
    public override string ToString() => Criteria;
}

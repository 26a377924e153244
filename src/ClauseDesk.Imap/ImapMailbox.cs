namespace ClauseDesk.Imap;

/// <summary>What SELECT or EXAMINE reported about the mailbox just opened.</summary>
/// <param name="Name">The mailbox name as given to SELECT.</param>
/// <param name="UidValidity">
/// UIDVALIDITY: while it stays the same, a UID names the same message forever; when it changes, every
/// stored UID of this mailbox is void. 0 when the server did not send it (a broken server).
/// </param>
/// <param name="UidNext">
/// UIDNEXT: every message that arrives later gets a UID at least this large; null when the server
/// did not send it (IMAP4rev1 made it optional).
/// </param>
/// <param name="Exists">How many messages the mailbox holds.</param>
/// <param name="IsReadOnly">True after EXAMINE, or when the server opened the mailbox read-only.</param>
public sealed record ImapMailbox(string Name, uint UidValidity, uint? UidNext, uint Exists, bool IsReadOnly);

namespace ClauseDesk.Imap;

/// <summary>How <see cref="ImapClient.IdleAsync"/> ended.</summary>
/// <param name="Changed">True when messages arrived or were expunged; false when the wait timed out.</param>
/// <param name="Exists">How many messages the selected mailbox holds now.</param>
public sealed record ImapIdleResult(bool Changed, uint Exists);

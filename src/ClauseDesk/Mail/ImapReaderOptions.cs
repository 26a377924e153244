namespace ClauseDesk.Mail;

/// <summary>
/// How the mailbox reader waits for mail, from configuration (<c>Mail:Imap:PollInterval</c>, … or the
/// variables <c>Mail__Imap__PollInterval</c>, …). Where the IMAP server offers IDLE the reader waits in
/// it and fetches as soon as mail arrives; elsewhere it polls.
/// </summary>
public sealed class ImapReaderOptions
{
    /// <summary>How often mailboxes are polled where the server has no IDLE, and how often the list of mailboxes is read again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one IDLE lasts before the reader ends it, renews its lease on the mailbox and idles
    /// again. RFC 2177 asks for less than 29 minutes; it is kept to half the lease (1 minute) as well.
    /// </summary>
    public TimeSpan IdleRenewal { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A PEM certificate file to trust for the IMAP servers (a self-signed one); empty: the system's trust.</summary>
    public string? TrustedCertificate { get; set; }
}

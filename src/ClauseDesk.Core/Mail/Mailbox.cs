namespace ClauseDesk.Mail;

/// <summary>How a mailbox connection is secured.</summary>
public enum MailSecurity
{
    /// <summary>TLS from the first byte (IMAPS, port 993).</summary>
    Tls,

    /// <summary>A plain connection upgraded with STARTTLS (port 143).</summary>
    StartTls,

    /// <summary>No encryption: only for a server on the same machine.</summary>
    None,
}

/// <summary>
/// A provider's support mailbox (SPEC §3 channels): the address customers write to, read over IMAP or
/// fed by an MTA (<c>clausedesk mail receive</c>). The IMAP checkpoint (UIDVALIDITY, last UID) moves in
/// the same transaction as the tickets the messages made, so a restart neither repeats nor skips one.
/// </summary>
public sealed class Mailbox
{
    private Mailbox()
    {
    }

    /// <param name="tenantId">The provider.</param>
    /// <param name="name">A short name, unique on this installation (an MTA pipes to it by name): 1–64 letters, digits, '-', '_', '.'.</param>
    /// <param name="address">The address customers write to; the desk's mail comes from it.</param>
    /// <exception cref="DeskRuleException">The name or address is not valid.</exception>
    public Mailbox(Guid tenantId, string name, string address)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new DeskRuleException("name", "1–64 letters, digits, '-', '_' or '.'");
        }

        if (string.IsNullOrWhiteSpace(address) || address.Length > 320 || address.Count(c => c == '@') != 1 || address.StartsWith('@') || address.EndsWith('@') || address.Any(char.IsWhiteSpace))
        {
            throw new DeskRuleException("address", "an e-mail address like support@provider.example");
        }

        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Name = name;
        Address = address.Trim().ToLowerInvariant();
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string Name { get; private set; } = "";
    public string Address { get; private set; } = "";
    public bool Active { get; private set; } = true;

    /// <summary>The IMAP server; null when mail only arrives through an MTA.</summary>
    public string? ImapHost { get; private set; }

    public int ImapPort { get; private set; }
    public MailSecurity ImapSecurity { get; private set; }
    public string? ImapUser { get; private set; }

    /// <summary>The IMAP password, encrypted with the installation's secret key; never shown again.</summary>
    public string? ImapPasswordSealed { get; private set; }

    public string ImapFolder { get; private set; } = "INBOX";

    /// <summary>The folder's UIDVALIDITY when <see cref="LastUid"/> was taken; a change means the UIDs were renumbered.</summary>
    public long? UidValidity { get; private set; }

    /// <summary>The highest UID processed; the next round fetches from the one after it.</summary>
    public long LastUid { get; private set; }

    /// <summary>Reads the mailbox over IMAP.</summary>
    /// <exception cref="DeskRuleException">The host, port, user or folder is not valid.</exception>
    public void UseImap(string host, int port, MailSecurity security, string user, string passwordSealed, string? folder)
    {
        if (string.IsNullOrWhiteSpace(host) || host.Length > 255)
        {
            throw new DeskRuleException("imapHost", "a host name");
        }

        if (port is < 1 or > 65535)
        {
            throw new DeskRuleException("imapPort", "1–65535");
        }

        if (string.IsNullOrWhiteSpace(user) || user.Length > 320)
        {
            throw new DeskRuleException("imapUser", "the account name");
        }

        ImapHost = host.Trim();
        ImapPort = port;
        ImapSecurity = security;
        ImapUser = user;
        ImapPasswordSealed = passwordSealed;
        ImapFolder = string.IsNullOrWhiteSpace(folder) ? "INBOX" : folder.Trim();
        UidValidity = null;
        LastUid = 0;
    }

    /// <summary>
    /// Moves the checkpoint past <paramref name="uid"/>. A new UIDVALIDITY restarts from zero: the folder
    /// was renumbered, and Message-IDs already seen keep the messages from being processed twice.
    /// </summary>
    public void Checkpoint(long uidValidity, long uid)
    {
        if (UidValidity != uidValidity)
        {
            UidValidity = uidValidity;
            LastUid = 0;
        }

        LastUid = Math.Max(LastUid, uid);
    }

    public void Deactivate() => Active = false;
}

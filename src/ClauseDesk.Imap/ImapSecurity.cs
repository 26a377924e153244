namespace ClauseDesk.Imap;

/// <summary>How the connection to the IMAP server is protected.</summary>
public enum ImapSecurity
{
    /// <summary>TLS from the first byte (IMAPS, usually port 993). The default.</summary>
    ImplicitTls,

    /// <summary>
    /// Plain TCP upgraded with STARTTLS before anything else is sent (usually port 143). Connecting
    /// fails when the server does not offer STARTTLS: the client never falls back to plain text.
    /// </summary>
    StartTls,

    /// <summary>Plain TCP without encryption. Only for a server on the same host or a trusted network.</summary>
    None,
}

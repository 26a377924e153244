namespace ClauseDesk.Smtp;

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>
    /// Plain TCP upgraded with STARTTLS before authenticating or sending (submission, port 587). The
    /// default. Connecting fails when the server does not offer STARTTLS: no fallback to plain text.
    /// </summary>
    StartTls,

    /// <summary>TLS from the first byte (submissions, port 465, RFC 8314).</summary>
    ImplicitTls,

    /// <summary>Plain TCP without encryption. Only for a relay on the same host or a trusted network.</summary>
    None,
}

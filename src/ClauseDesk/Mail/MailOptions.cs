namespace ClauseDesk.Mail;

/// <summary>
/// Outgoing mail, from configuration (<c>Mail:Smtp:Host</c>, … or the variables
/// <c>Mail__Smtp__Host</c>, …). Without a host nothing is sent: notifications wait in the outbox.
/// </summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>start-tls (default), tls or none.</summary>
    public string Security { get; set; } = "start-tls";

    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender when the provider has no mailbox, e.g. <c>desk@provider.example</c>.</summary>
    public string From { get; set; } = "clausedesk@localhost";

    /// <summary>A PEM certificate file to trust for this server (a self-signed relay); empty: the system's trust.</summary>
    public string? TrustedCertificate { get; set; }
}

using System.Security.Cryptography.X509Certificates;

namespace ClauseDesk.Smtp;

/// <summary>Where and how <see cref="SmtpClient"/> connects. Validated by <see cref="SmtpClient.ConnectAsync"/>.</summary>
public sealed class SmtpClientOptions
{
    /// <summary>Host name or IP address of the server. Required.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port, 1–65535. Defaults to 587 (submission); 465 is usual for <see cref="SmtpSecurity.ImplicitTls"/>.</summary>
    public int Port { get; init; } = 587;

    /// <summary>Transport protection. Defaults to <see cref="SmtpSecurity.StartTls"/>.</summary>
    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTls;

    /// <summary>Name the server certificate must carry (and the SNI sent). Defaults to <see cref="Host"/>.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>
    /// A certificate to accept even when it does not chain to a trusted root or does not carry the
    /// expected name (a self-hosted relay with a self-signed certificate). Only this exact certificate
    /// is accepted that way; any other must pass the normal validation. Null (the default): normal
    /// validation only.
    /// </summary>
    public X509Certificate2? AcceptedCertificate { get; init; }

    /// <summary>
    /// The name the client gives in EHLO/HELO: a fully qualified domain name, or null (the default) for
    /// the address literal of the local end of the connection, e.g. "[192.0.2.7]" (RFC 5321 §4.1.4).
    /// </summary>
    public string? ClientName { get; init; }

    /// <summary>
    /// How long the server may stay silent while the client waits for a reply, and how long one
    /// write may block. 1 second to 1 hour; defaults to 2 minutes. RFC 5321 §4.5.3.2 allows servers
    /// up to 10 minutes after the end of DATA: raise it for slow relays.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    internal string ServerName => TlsServerName ?? Host;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("Host is required.", nameof(Host));
        }

        if (Port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "The port must be between 1 and 65535.");
        }

        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Between 1 second and 1 hour.");
        }

        if (ClientName is not null && (ClientName.Length == 0 || ClientName.Any(c => c <= ' ' || c >= 0x7F)))
        {
            throw new ArgumentException("ClientName must be a domain name or an address literal.", nameof(ClientName));
        }
    }
}

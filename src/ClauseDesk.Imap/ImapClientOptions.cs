using System.Security.Cryptography.X509Certificates;

namespace ClauseDesk.Imap;

/// <summary>Where and how <see cref="ImapClient"/> connects. Validated by <see cref="ImapClient.ConnectAsync"/>.</summary>
public sealed class ImapClientOptions
{
    /// <summary>Host name or IP address of the server. Required.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port, 1–65535. Defaults to 993 (IMAPS); use 143 for <see cref="ImapSecurity.StartTls"/>.</summary>
    public int Port { get; init; } = 993;

    /// <summary>Transport protection. Defaults to <see cref="ImapSecurity.ImplicitTls"/>.</summary>
    public ImapSecurity Security { get; init; } = ImapSecurity.ImplicitTls;

    /// <summary>
    /// Name the server certificate must carry (and the SNI sent). Defaults to <see cref="Host"/>.
    /// </summary>
    public string? TlsServerName { get; init; }

    /// <summary>
    /// A certificate to accept even when it does not chain to a trusted root or does not carry the
    /// expected name (a self-hosted server with a self-signed certificate). Only this exact
    /// certificate is accepted that way; any other certificate still has to pass the normal
    /// validation. Null (the default) means normal validation only.
    /// </summary>
    public X509Certificate2? AcceptedCertificate { get; init; }

    /// <summary>
    /// How long the server may stay silent while a command waits for its reply (connecting and the
    /// TLS handshake included). The clock restarts whenever bytes arrive, so a large fetch over a
    /// slow link does not time out while it progresses. 1 second to 1 hour; defaults to 2 minutes.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The longest single IDLE command: <see cref="ImapClient.IdleAsync"/> ends IDLE and issues it
    /// again after this long, because servers may drop a client idle for 30 minutes (RFC 2177).
    /// 1 second to 29 minutes; defaults to 25 minutes.
    /// </summary>
    public TimeSpan IdleRefreshInterval { get; init; } = TimeSpan.FromMinutes(25);

    /// <summary>
    /// How often <see cref="ImapClient.IdleAsync"/> polls with NOOP when the server does not offer
    /// IDLE or <see cref="UseIdle"/> is false. 100 ms to 1 hour; defaults to 1 minute.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether to use IDLE when the server offers it (true, the default) or always poll.</summary>
    public bool UseIdle { get; init; } = true;

    /// <summary>
    /// The largest literal (one message body, for instance) the client accepts, so that a broken or
    /// hostile server cannot make it allocate without bound. 1 KiB to 2 GiB; defaults to 256 MiB.
    /// </summary>
    public long MaxLiteralSize { get; init; } = 256L * 1024 * 1024;

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

        CheckRange(Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), nameof(Timeout));
        CheckRange(IdleRefreshInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(29), nameof(IdleRefreshInterval));
        CheckRange(PollInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1), nameof(PollInterval));
        if (MaxLiteralSize is < 1024 or > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLiteralSize), MaxLiteralSize, "Between 1 KiB and 2 GiB.");
        }
    }

    private static void CheckRange(TimeSpan value, TimeSpan min, TimeSpan max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }
    }
}

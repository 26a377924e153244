using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace ClauseDesk.Imap;

/// <summary>
/// A connection to an IMAP server (RFC 3501 / RFC 9051 subset): authentication, selecting a mailbox,
/// searching, fetching whole messages, flags, copy/move, append, create and IDLE.
/// </summary>
/// <remarks>
/// One command at a time: the client is not thread-safe, and a second call while one runs throws
/// <see cref="InvalidOperationException"/>. A command's reply code NO/BAD throws
/// <see cref="ImapCommandException"/> and leaves the connection usable; a broken connection, a
/// timeout or a cancellation in the middle of a command leaves it unusable (every later call throws
/// <see cref="ImapProtocolException"/>), except a cancelled <see cref="IdleAsync"/>, which ends IDLE
/// cleanly. TLS failures surface as <see cref="System.Security.Authentication.AuthenticationException"/>.
/// </remarks>
public sealed partial class ImapClient : IAsyncDisposable
{
    private readonly ImapClientOptions _options;
    private readonly TcpClient _tcp;
    private readonly List<string> _alerts = [];
    private Stream _stream;
    private ImapResponseReader _reader;
    private HashSet<string> _capabilities = new(StringComparer.OrdinalIgnoreCase);
    private int _nextTag;
    private int _busy;
    private string? _brokenReason;
    private string? _byeText;

    private ImapClient(ImapClientOptions options, TcpClient tcp, Stream stream)
    {
        _options = options;
        _tcp = tcp;
        _stream = stream;
        _reader = NewReader(stream);
    }

    /// <summary>The capabilities the server announced last (refreshed after STARTTLS and after login).</summary>
    public IReadOnlySet<string> Capabilities => _capabilities;

    /// <summary>Whether the server logged the client in, by LOGIN, AUTHENTICATE or PREAUTH.</summary>
    public bool IsAuthenticated { get; private set; }

    /// <summary>Whether the connection is encrypted.</summary>
    public bool IsEncrypted => _stream is SslStream;

    /// <summary>The mailbox SELECT or EXAMINE opened last; null before that.</summary>
    public ImapMailbox? SelectedMailbox { get; private set; }

    /// <summary>[ALERT] texts the server sent; RFC 3501 asks that a person sees them.</summary>
    public IReadOnlyList<string> Alerts => _alerts;

    /// <summary>Whether the server announced this capability (case-insensitive), e.g. "IDLE" or "AUTH=PLAIN".</summary>
    public bool HasCapability(string capability) => _capabilities.Contains(capability);

    /// <summary>Connects, reads the greeting, upgrades with STARTTLS when asked and learns the capabilities.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="ImapProtocolException">The server refused the connection or does not speak IMAP.</exception>
    /// <exception cref="ImapCommandException">STARTTLS was asked for and the server does not offer or refuses it.</exception>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The server's certificate was not accepted.</exception>
    /// <exception cref="TimeoutException">The server did not answer within <see cref="ImapClientOptions.Timeout"/>.</exception>
    public static async Task<ImapClient> ConnectAsync(ImapClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var tcp = new TcpClient { NoDelay = true };
        ImapClient? client = null;
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(options.Timeout);
                try
                {
                    await tcp.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
                    Stream stream = tcp.GetStream();
                    if (options.Security == ImapSecurity.ImplicitTls)
                    {
                        stream = await AuthenticateTlsAsync(stream, options, timeout.Token).ConfigureAwait(false);
                    }

                    client = new ImapClient(options, tcp, stream);
                    await client.ReadGreetingAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException(
                        $"The IMAP server {options.Host}:{options.Port} did not answer within {options.Timeout}.");
                }
                catch (SocketException e)
                {
                    throw new ImapProtocolException($"Cannot connect to the IMAP server {options.Host}:{options.Port}: {e.Message}", e);
                }
            }

            // Servers need not put their capabilities in the greeting; STARTTLS must be looked up first.
            if (client._capabilities.Count == 0)
            {
                await client.RefreshCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
            }

            if (options.Security == ImapSecurity.StartTls)
            {
                await client.StartTlsAsync(cancellationToken).ConfigureAwait(false);
            }

            return client;
        }
        catch
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                tcp.Dispose();
            }

            throw;
        }
    }

    /// <summary>Asks the server for its capabilities again (CAPABILITY).</summary>
    public Task RefreshCapabilitiesAsync(CancellationToken cancellationToken = default) =>
        RunAsync(new ImapCommand("CAPABILITY"), null, cancellationToken);

    /// <summary>Logs in with LOGIN (user name and password in the clear inside the connection).</summary>
    /// <exception cref="ImapAuthenticationException">The server refused the credentials.</exception>
    /// <exception cref="InvalidOperationException">The server announced LOGINDISABLED, or the client is already logged in.</exception>
    public async Task LoginAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        EnsureNotAuthenticated();
        if (HasCapability("LOGINDISABLED"))
        {
            throw new InvalidOperationException("The server disabled LOGIN on this connection (LOGINDISABLED); use TLS.");
        }

        var command = new ImapCommand("LOGIN").Space().String(userName).Space().String(password);
        await AuthenticatedAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Logs in with SASL PLAIN (RFC 4616), sending the credentials with the command when the server
    /// offers SASL-IR and after its continuation otherwise.
    /// </summary>
    /// <exception cref="ImapAuthenticationException">The server refused the credentials.</exception>
    /// <exception cref="InvalidOperationException">The server does not offer AUTH=PLAIN, or the client is already logged in.</exception>
    public async Task AuthenticatePlainAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        EnsureNotAuthenticated();
        if (!HasCapability("AUTH=PLAIN"))
        {
            throw new InvalidOperationException("The server does not offer AUTHENTICATE PLAIN.");
        }

        var response = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{userName}\0{password}"));
        // A challenge after the credentials makes no sense for PLAIN: "*" cancels the exchange (RFC 3501 §6.2.2).
        await AuthenticateAsync("PLAIN", response, _ => "*", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Logs in with an OAuth 2.0 access token (Microsoft 365, Google Workspace): OAUTHBEARER (RFC 7628)
    /// when the server offers it, XOAUTH2 otherwise, or the <paramref name="mechanism"/> given. The
    /// token is used as is; getting and refreshing it is the caller's business.
    /// </summary>
    /// <param name="userName">The mailbox's user name (usually its address).</param>
    /// <param name="accessToken">A current access token with the IMAP scope.</param>
    /// <param name="mechanism">The mechanism; null (the default) picks OAUTHBEARER, then XOAUTH2.</param>
    /// <param name="cancellationToken">Cancels the exchange (and breaks the connection).</param>
    /// <exception cref="ImapAuthenticationException">The server refused the token (expired, wrong scope, wrong user).</exception>
    /// <exception cref="InvalidOperationException">The server offers neither mechanism (or not the one asked for), or the client is already logged in.</exception>
    public async Task AuthenticateOAuthAsync(
        string userName,
        string accessToken,
        ImapOAuthMechanism? mechanism = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        EnsureNotAuthenticated();
        mechanism ??= HasCapability("AUTH=OAUTHBEARER") ? ImapOAuthMechanism.OAuthBearer
            : HasCapability("AUTH=XOAUTH2") ? ImapOAuthMechanism.XOAuth2
            : throw new InvalidOperationException("The server offers neither AUTHENTICATE OAUTHBEARER nor XOAUTH2.");
        var name = mechanism == ImapOAuthMechanism.OAuthBearer ? "OAUTHBEARER" : "XOAUTH2";
        if (!HasCapability("AUTH=" + name))
        {
            throw new InvalidOperationException($"The server does not offer AUTHENTICATE {name}.");
        }

        // After a refusal the server sends an error challenge (JSON); the client must answer it before
        // the NO comes: with a single 0x01 for OAUTHBEARER (RFC 7628 §3.2.3), an empty line for XOAUTH2.
        var (message, errorAnswer) = mechanism == ImapOAuthMechanism.OAuthBearer
            ? ($"n,a={SaslName(userName)},\u0001auth=Bearer {accessToken}\u0001\u0001", "AQ==")
            : ($"user={userName}\u0001auth=Bearer {accessToken}\u0001\u0001", "");
        await AuthenticateAsync(name, Convert.ToBase64String(Encoding.UTF8.GetBytes(message)), _ => errorAnswer, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Sends NOOP: keeps the connection alive and collects news (new messages, expunges).</summary>
    public Task NoopAsync(CancellationToken cancellationToken = default) =>
        RunAsync(new ImapCommand("NOOP"), null, cancellationToken);

    /// <summary>Logs out (LOGOUT) and closes the connection. Does nothing when the connection is already broken.</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken = default)
    {
        if (_brokenReason is not null)
        {
            return;
        }

        try
        {
            await RunAsync(new ImapCommand("LOGOUT"), null, cancellationToken).ConfigureAwait(false);
        }
        catch (ImapProtocolException)
        {
            // The server may close right after its BYE; logging out succeeded either way.
        }
        finally
        {
            Break("logged out");
        }
    }

    /// <summary>Closes the connection without logging out.</summary>
    public ValueTask DisposeAsync()
    {
        Break("disposed");
        return ValueTask.CompletedTask;
    }

    private static async Task<SslStream> AuthenticateTlsAsync(Stream inner, ImapClientOptions options, CancellationToken cancellationToken)
    {
        var accepted = options.AcceptedCertificate;
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = options.ServerName,
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                        errors == SslPolicyErrors.None
                        // Only the one certificate the operator handed us, byte for byte.
                        || (accepted is not null && certificate is not null
                            && certificate.GetRawCertData().AsSpan().SequenceEqual(accepted.RawData)),
                },
                cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private ImapResponseReader NewReader(Stream stream) => new(stream, _options.MaxLiteralSize);

    private async Task ReadGreetingAsync(CancellationToken cancellationToken)
    {
        var greeting = await _reader.ReadResponseAsync(cancellationToken).ConfigureAwait(false);
        if (greeting.Kind != ImapResponseKind.Untagged || greeting.Name is not ("OK" or "PREAUTH"))
        {
            throw new ImapProtocolException($"The server refused the connection: {greeting.Name} {greeting.Text}".TrimEnd());
        }

        Observe(greeting);
        IsAuthenticated = greeting.Name == "PREAUTH";
    }

    private async Task StartTlsAsync(CancellationToken cancellationToken)
    {
        if (!HasCapability("STARTTLS"))
        {
            throw new ImapCommandException("STARTTLS", "NO", null, "The server does not offer STARTTLS.");
        }

        await RunAsync(new ImapCommand("STARTTLS"), null, cancellationToken).ConfigureAwait(false);
        // Anything the server sent after its OK but before the handshake could be an injected reply.
        if (_reader.HasBufferedData)
        {
            Break("plain-text data after STARTTLS");
            throw new ImapProtocolException("The server sent unencrypted data after accepting STARTTLS.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            _stream = await AuthenticateTlsAsync(_stream, _options, timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            Break("TLS handshake failed");
            throw;
        }

        _reader = NewReader(_stream);
        // RFC 3501 §6.2.1: capabilities learnt before TLS must be discarded.
        _capabilities = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await RefreshCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task AuthenticatedAsync(ImapCommand command, CancellationToken cancellationToken)
    {
        var before = _capabilities;
        var response = await RunAsync(command, null, cancellationToken).ConfigureAwait(false);
        await AfterLoginAsync(before, response, cancellationToken).ConfigureAwait(false);
    }

    private async Task AfterLoginAsync(HashSet<string> before, ImapResponse response, CancellationToken cancellationToken)
    {
        IsAuthenticated = true;
        // Servers usually send the new capabilities with the OK; ask when they did not.
        if (ReferenceEquals(before, _capabilities) && response.Code?.Name != "CAPABILITY")
        {
            await RefreshCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>RFC 5801 saslname: ',' and '=' escaped as "=2C" and "=3D".</summary>
    private static string SaslName(string name) => name.Replace("=", "=3D").Replace(",", "=2C");

    /// <summary>AUTHENTICATE with one initial response, sent with the command (SASL-IR) or after the first continuation.</summary>
    private async Task AuthenticateAsync(string mechanism, string initialResponse, Func<string, string> onChallenge, CancellationToken cancellationToken)
    {
        var command = new ImapCommand("AUTHENTICATE").Space().Text(mechanism);
        if (HasCapability("SASL-IR"))
        {
            // An empty initial response would be "=" (RFC 4959); ours are never empty.
            command.Space().Text(initialResponse);
        }
        else
        {
            command.AfterContinuation(initialResponse);
        }

        var before = _capabilities;
        var response = await RunAsync(command, null, cancellationToken, onChallenge).ConfigureAwait(false);
        await AfterLoginAsync(before, response, cancellationToken).ConfigureAwait(false);
    }

    private void EnsureNotAuthenticated()
    {
        if (IsAuthenticated)
        {
            throw new InvalidOperationException("The client is already logged in.");
        }
    }

    private void Break(string reason)
    {
        _brokenReason ??= reason;
        _stream.Dispose();
        _tcp.Dispose();
    }
}

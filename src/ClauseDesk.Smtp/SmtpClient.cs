using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace ClauseDesk.Smtp;

/// <summary>
/// A connection to an SMTP submission server (RFC 5321 with STARTTLS, AUTH, SIZE and 8BITMIME) that
/// sends already MIME-formatted messages, several over one connection.
/// </summary>
/// <remarks>
/// One command at a time: the client is not thread-safe, and a second call while one runs throws
/// <see cref="InvalidOperationException"/>. An error reply throws <see cref="SmtpCommandException"/>
/// (check <see cref="SmtpException.IsTransient"/>: 4xx may be retried, 5xx not) and leaves the
/// connection ready for the next message; a broken connection, a timeout or a cancellation throws
/// <see cref="SmtpProtocolException"/> or <see cref="OperationCanceledException"/> and leaves it
/// unusable. Commands are not pipelined, so every refusal is tied to its recipient. TLS failures
/// surface as <see cref="System.Security.Authentication.AuthenticationException"/>.
/// </remarks>
public sealed class SmtpClient : IAsyncDisposable
{
    private readonly SmtpClientOptions _options;
    private readonly TcpClient _tcp;
    private readonly string _clientName;
    private Stream _stream;
    private SmtpReplyReader _reader;
    private Dictionary<string, string> _extensions = new(StringComparer.OrdinalIgnoreCase);
    private int _busy;
    private string? _brokenReason;

    private SmtpClient(SmtpClientOptions options, TcpClient tcp, Stream stream)
    {
        _options = options;
        _tcp = tcp;
        _stream = stream;
        _reader = new SmtpReplyReader(stream);
        _clientName = options.ClientName ?? AddressLiteral(((IPEndPoint)tcp.Client.LocalEndPoint!).Address);
    }

    /// <summary>
    /// The service extensions from the last EHLO, keyword to parameters ("SIZE" → "35882577",
    /// "AUTH" → "PLAIN LOGIN"); empty when the server only understood HELO.
    /// </summary>
    public IReadOnlyDictionary<string, string> Extensions => _extensions;

    /// <summary>Whether the connection is encrypted.</summary>
    public bool IsEncrypted => _stream is SslStream;

    /// <summary>Whether AUTH succeeded on this connection.</summary>
    public bool IsAuthenticated { get; private set; }

    /// <summary>
    /// Connects, reads the greeting, says EHLO (HELO when the server does not understand EHLO) and
    /// upgrades with STARTTLS when asked.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="SmtpCommandException">The server refused the connection (e.g. 554) or STARTTLS.</exception>
    /// <exception cref="SmtpProtocolException">The connection failed, or STARTTLS was asked for and is not offered.</exception>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The server's certificate was not accepted.</exception>
    public static async Task<SmtpClient> ConnectAsync(SmtpClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var tcp = new TcpClient { NoDelay = true };
        SmtpClient? client = null;
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(options.Timeout);
                try
                {
                    await tcp.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
                    Stream stream = tcp.GetStream();
                    if (options.Security == SmtpSecurity.ImplicitTls)
                    {
                        stream = await AuthenticateTlsAsync(stream, options, timeout.Token).ConfigureAwait(false);
                    }

                    client = new SmtpClient(options, tcp, stream);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new SmtpProtocolException($"The SMTP server {options.Host}:{options.Port} did not answer within {options.Timeout}.");
                }
                catch (SocketException e)
                {
                    throw new SmtpProtocolException($"Cannot connect to the SMTP server {options.Host}:{options.Port}: {e.Message}", e);
                }
            }

            var greeting = await client.CommandAsync(null, "greeting", cancellationToken).ConfigureAwait(false);
            client.Expect(greeting, "greeting", 220);
            await client.HelloAsync(cancellationToken).ConfigureAwait(false);
            if (options.Security == SmtpSecurity.StartTls)
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

    /// <summary>Whether the last EHLO announced this extension (case-insensitive), e.g. "8BITMIME".</summary>
    public bool HasExtension(string keyword) => _extensions.ContainsKey(keyword);

    /// <summary>
    /// Authenticates with AUTH PLAIN (RFC 4616) when the server offers it, AUTH LOGIN otherwise, or
    /// with the <paramref name="mechanism"/> given.
    /// </summary>
    /// <param name="userName">The account.</param>
    /// <param name="password">Its password.</param>
    /// <param name="mechanism">The mechanism to use; null (the default) picks PLAIN, then LOGIN.</param>
    /// <param name="cancellationToken">Cancels the exchange; the connection is then unusable.</param>
    /// <exception cref="SmtpAuthenticationException">The server refused the credentials (535 is permanent, 454 transient).</exception>
    /// <exception cref="NotSupportedException">The server does not offer the mechanism (or neither PLAIN nor LOGIN).</exception>
    /// <exception cref="InvalidOperationException">Already authenticated.</exception>
    public async Task AuthenticateAsync(
        string userName,
        string password,
        SmtpAuthMechanism? mechanism = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        if (IsAuthenticated)
        {
            throw new InvalidOperationException("Already authenticated.");
        }

        var mechanisms = AuthMechanisms();
        mechanism ??= mechanisms.Contains("PLAIN") ? SmtpAuthMechanism.Plain
            : mechanisms.Contains("LOGIN") ? SmtpAuthMechanism.Login
            : throw new NotSupportedException("The server offers neither AUTH PLAIN nor AUTH LOGIN.");
        if (!mechanisms.Contains(mechanism.Value.ToString()))
        {
            throw new NotSupportedException($"The server does not offer AUTH {mechanism.Value.ToString().ToUpperInvariant()}.");
        }

        SmtpReply reply;
        if (mechanism == SmtpAuthMechanism.Plain)
        {
            var response = Base64($"\0{userName}\0{password}");
            reply = await CommandAsync("AUTH PLAIN " + response, "AUTH", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // LOGIN (draft-murchison-sasl-login, never an RFC but everywhere): user name, then password, each base64.
            reply = await CommandAsync("AUTH LOGIN", "AUTH", cancellationToken).ConfigureAwait(false);
            if (reply.Code == 334)
            {
                reply = await CommandAsync(Base64(userName), "AUTH", cancellationToken).ConfigureAwait(false);
            }

            if (reply.Code == 334)
            {
                reply = await CommandAsync(Base64(password), "AUTH", cancellationToken).ConfigureAwait(false);
            }
        }

        if (reply.Code != 235)
        {
            if (reply.Code == 334)
            {
                // A challenge we cannot answer: cancel the exchange (RFC 4954 §4) so the connection stays in step.
                await CommandAsync("*", "AUTH", cancellationToken).ConfigureAwait(false);
            }

            throw new SmtpAuthenticationException(reply);
        }

        IsAuthenticated = true;
    }

    /// <summary>
    /// Authenticates with an OAuth 2.0 access token (Microsoft 365, Google Workspace): OAUTHBEARER
    /// (RFC 7628) when the server offers it, XOAUTH2 otherwise, or the <paramref name="mechanism"/>
    /// given. The token is used as is; getting and refreshing it is the caller's business.
    /// </summary>
    /// <param name="userName">The sending account (usually its address).</param>
    /// <param name="accessToken">A current access token with the SMTP scope.</param>
    /// <param name="mechanism">The mechanism; null (the default) picks OAUTHBEARER, then XOAUTH2.</param>
    /// <param name="cancellationToken">Cancels the exchange; the connection is then unusable.</param>
    /// <exception cref="SmtpAuthenticationException">The server refused the token.</exception>
    /// <exception cref="NotSupportedException">The server offers neither mechanism, or not the one asked for.</exception>
    /// <exception cref="InvalidOperationException">Already authenticated.</exception>
    public async Task AuthenticateOAuthAsync(
        string userName,
        string accessToken,
        SmtpOAuthMechanism? mechanism = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        if (IsAuthenticated)
        {
            throw new InvalidOperationException("Already authenticated.");
        }

        var mechanisms = AuthMechanisms();
        mechanism ??= mechanisms.Contains("OAUTHBEARER") ? SmtpOAuthMechanism.OAuthBearer
            : mechanisms.Contains("XOAUTH2") ? SmtpOAuthMechanism.XOAuth2
            : throw new NotSupportedException("The server offers neither AUTH OAUTHBEARER nor AUTH XOAUTH2.");
        var name = mechanism == SmtpOAuthMechanism.OAuthBearer ? "OAUTHBEARER" : "XOAUTH2";
        if (!mechanisms.Contains(name))
        {
            throw new NotSupportedException($"The server does not offer AUTH {name}.");
        }

        var message = mechanism == SmtpOAuthMechanism.OAuthBearer
            ? $"n,a={userName.Replace("=", "=3D").Replace(",", "=2C")},\u0001auth=Bearer {accessToken}\u0001\u0001"
            : $"user={userName}\u0001auth=Bearer {accessToken}\u0001\u0001";
        var reply = await CommandAsync($"AUTH {name} {Base64(message)}", "AUTH", cancellationToken).ConfigureAwait(false);
        if (reply.Code == 334)
        {
            // A refusal comes as an error challenge (JSON) first; the client answers it to get the
            // final reply: a single 0x01 for OAUTHBEARER (RFC 7628 §3.2.3), an empty line for XOAUTH2.
            var answer = mechanism == SmtpOAuthMechanism.OAuthBearer ? "AQ==" : "";
            reply = await CommandAsync(answer, "AUTH", cancellationToken).ConfigureAwait(false);
        }

        if (reply.Code != 235)
        {
            throw new SmtpAuthenticationException(reply);
        }

        IsAuthenticated = true;
    }

    /// <summary>
    /// Sends one message: MAIL FROM (with SIZE when offered, BODY=8BITMIME when the message has 8-bit
    /// bytes and the server offers it), RCPT TO for each recipient, then DATA with the message's line
    /// endings made CRLF and lines starting with '.' doubled. Recipients the server refuses are reported
    /// in the result while the others get the message.
    /// </summary>
    /// <param name="from">The envelope sender (bounce address); empty for a bounce itself ("MAIL FROM:&lt;&gt;").</param>
    /// <param name="recipients">One or more envelope recipients.</param>
    /// <param name="message">The whole MIME message (headers and body) exactly as it should arrive.</param>
    /// <param name="cancellationToken">Cancels the send; the connection is then unusable.</param>
    /// <exception cref="ArgumentException">An address is empty or holds characters that cannot be sent (CR, LF, '&lt;', '&gt;', space).</exception>
    /// <exception cref="SmtpCommandException">MAIL FROM or DATA was refused; the connection was reset and can send the next message.</exception>
    /// <exception cref="SmtpRecipientsRefusedException">Every recipient was refused; nothing was sent.</exception>
    /// <exception cref="SmtpProtocolException">The connection failed (after DATA was sent, the message may have been delivered).</exception>
    /// <exception cref="NotSupportedException">An address is not ASCII and the server does not offer SMTPUTF8.</exception>
    public async Task<SmtpSendResult> SendAsync(
        string from,
        IEnumerable<string> recipients,
        ReadOnlyMemory<byte> message,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(recipients);
        var to = recipients.ToList();
        if (from.Length > 0)
        {
            CheckAddress(from, nameof(from));
        }

        if (to.Count == 0)
        {
            throw new ArgumentException("At least one recipient is needed.", nameof(recipients));
        }

        foreach (var recipient in to)
        {
            CheckAddress(recipient, nameof(recipients));
        }

        var parameters = new StringBuilder();
        if (HasExtension("SIZE"))
        {
            parameters.Append(CultureInfo.InvariantCulture, $" SIZE={SmtpDataEncoder.NormalisedSize(message.Span)}");
        }

        if (HasExtension("8BITMIME") && message.Span.ContainsAnyInRange((byte)0x80, (byte)0xFF))
        {
            parameters.Append(" BODY=8BITMIME");
        }

        var utf8 = !from.All(char.IsAscii) || to.Any(r => !r.All(char.IsAscii));
        if (utf8)
        {
            if (!HasExtension("SMTPUTF8"))
            {
                throw new NotSupportedException("The server does not offer SMTPUTF8, needed for non-ASCII addresses.");
            }

            parameters.Append(" SMTPUTF8");
        }

        var mail = await CommandAsync($"MAIL FROM:<{from}>{parameters}", "MAIL FROM", cancellationToken).ConfigureAwait(false);
        if (mail.Code != 250)
        {
            await ResetQuietlyAsync(cancellationToken).ConfigureAwait(false);
            throw new SmtpCommandException("MAIL FROM", mail);
        }

        var accepted = new List<string>();
        var refused = new List<SmtpRecipientRefusal>();
        foreach (var recipient in to)
        {
            var reply = await CommandAsync($"RCPT TO:<{recipient}>", "RCPT TO", cancellationToken).ConfigureAwait(false);
            if (reply.Code is 250 or 251)
            {
                accepted.Add(recipient);
            }
            else if (reply.Code == 421)
            {
                // The server is closing the connection: nothing more will get through.
                Break("the server closes the connection (421)");
                throw new SmtpCommandException("RCPT TO", reply);
            }
            else
            {
                refused.Add(new SmtpRecipientRefusal(recipient, reply));
            }
        }

        if (accepted.Count == 0)
        {
            await ResetQuietlyAsync(cancellationToken).ConfigureAwait(false);
            throw new SmtpRecipientsRefusedException(refused);
        }

        var data = await CommandAsync("DATA", "DATA", cancellationToken).ConfigureAwait(false);
        if (data.Code != 354)
        {
            await ResetQuietlyAsync(cancellationToken).ConfigureAwait(false);
            throw new SmtpCommandException("DATA", data);
        }

        var end = await SendDataAsync(message, cancellationToken).ConfigureAwait(false);
        if (end.Code != 250)
        {
            // The transaction is over either way: no RSET needed.
            throw new SmtpCommandException("DATA", end);
        }

        return new SmtpSendResult(accepted, refused, end);
    }

    /// <summary>Aborts the current transaction (RSET).</summary>
    /// <exception cref="SmtpCommandException">The server refused RSET.</exception>
    public async Task ResetAsync(CancellationToken cancellationToken = default) =>
        Expect(await CommandAsync("RSET", "RSET", cancellationToken).ConfigureAwait(false), "RSET", 250);

    /// <summary>Sends NOOP: checks that the connection is alive before reusing it.</summary>
    /// <exception cref="SmtpCommandException">The server refused NOOP.</exception>
    public async Task NoopAsync(CancellationToken cancellationToken = default) =>
        Expect(await CommandAsync("NOOP", "NOOP", cancellationToken).ConfigureAwait(false), "NOOP", 250);

    /// <summary>Says QUIT and closes the connection. Does nothing when the connection is already broken.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken = default)
    {
        if (_brokenReason is not null)
        {
            return;
        }

        try
        {
            await CommandAsync("QUIT", "QUIT", cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpProtocolException)
        {
            // Some servers close without answering QUIT; the conversation is over either way.
        }
        finally
        {
            Break("quit");
        }
    }

    /// <summary>Closes the connection without QUIT.</summary>
    public ValueTask DisposeAsync()
    {
        Break("disposed");
        return ValueTask.CompletedTask;
    }

    private static async Task<SslStream> AuthenticateTlsAsync(Stream inner, SmtpClientOptions options, CancellationToken cancellationToken)
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

    private static string AddressLiteral(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[IPv6:{address}]" : $"[{address}]";
    }

    /// <summary>The SASL mechanisms of the last EHLO's AUTH line.</summary>
    private HashSet<string> AuthMechanisms() =>
        _extensions.TryGetValue("AUTH", out var list)
            ? list.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static void CheckAddress(string address, string parameter)
    {
        if (address.Length == 0 || address.Any(c => c is '\r' or '\n' or '<' or '>' or ' ' or '\0' || char.IsControl(c)))
        {
            throw new ArgumentException($"'{address}' cannot be sent as an SMTP address.", parameter);
        }
    }

    private async Task HelloAsync(CancellationToken cancellationToken)
    {
        var reply = await CommandAsync("EHLO " + _clientName, "EHLO", cancellationToken).ConfigureAwait(false);
        if (reply.Code == 250)
        {
            _extensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in reply.Lines.Skip(1))
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var keyword = space < 0 ? line : line[..space];
                // Old servers announce "AUTH=LOGIN" as well as "AUTH LOGIN".
                if (keyword.Length > 0 && !keyword.Contains('=', StringComparison.Ordinal))
                {
                    _extensions[keyword] = space < 0 ? "" : line[(space + 1)..].Trim();
                }
            }

            return;
        }

        if (reply.Code is 500 or 501 or 502 or 504 or 550)
        {
            // RFC 5321 §4.1.4: a server that does not know EHLO gets HELO.
            _extensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            reply = await CommandAsync("HELO " + _clientName, "HELO", cancellationToken).ConfigureAwait(false);
        }

        Expect(reply, reply.Code == 250 ? "EHLO" : "HELO", 250);
    }

    private async Task StartTlsAsync(CancellationToken cancellationToken)
    {
        if (!HasExtension("STARTTLS"))
        {
            Break("STARTTLS not offered");
            throw new SmtpProtocolException("The SMTP server does not offer STARTTLS.");
        }

        Expect(await CommandAsync("STARTTLS", "STARTTLS", cancellationToken).ConfigureAwait(false), "STARTTLS", 220);
        // Anything the server sent after its 220 but before the handshake could be an injected reply.
        if (_reader.HasBufferedData)
        {
            Break("plain-text data after STARTTLS");
            throw new SmtpProtocolException("The server sent unencrypted data after accepting STARTTLS.");
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

        _reader = new SmtpReplyReader(_stream);
        // RFC 3207 §4.2: forget everything learnt before TLS and say EHLO again.
        await HelloAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Expect(SmtpReply reply, string command, int code)
    {
        if (reply.Code != code)
        {
            if (reply.Code == 421)
            {
                Break("the server closes the connection (421)");
            }

            throw new SmtpCommandException(command, reply);
        }
    }

    /// <summary>RSET after a failed step, so that the next message starts clean; a failing RSET breaks the connection.</summary>
    private async Task ResetQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reply = await CommandAsync("RSET", "RSET", cancellationToken).ConfigureAwait(false);
            if (reply.Code != 250)
            {
                Break($"RSET failed: {reply}");
            }
        }
        catch (SmtpProtocolException)
        {
            // The connection is already gone (a 421 closes it); the refusal being reported matters more.
        }
    }

    /// <summary>Sends a command line (or nothing, for the greeting) and reads the reply.</summary>
    private async Task<SmtpReply> CommandAsync(string? line, string verb, CancellationToken cancellationToken)
    {
        Enter();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            if (line is not null)
            {
                await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), timeout.Token).ConfigureAwait(false);
                await _stream.FlushAsync(timeout.Token).ConfigureAwait(false);
            }

            return await _reader.ReadReplyAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (Failed(e, verb, cancellationToken) is { } failure)
        {
            throw failure;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Streams the message after 354 and reads the final reply.</summary>
    private async Task<SmtpReply> SendDataAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        const int ChunkSize = 32 * 1024;
        Enter();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var encoder = new SmtpDataEncoder();
            var output = new byte[(2 * ChunkSize) + 8];
            for (var offset = 0; offset < message.Length; offset += ChunkSize)
            {
                var chunk = message.Slice(offset, Math.Min(ChunkSize, message.Length - offset));
                var length = encoder.Encode(chunk.Span, output);
                timeout.CancelAfter(_options.Timeout);
                await _stream.WriteAsync(output.AsMemory(0, length), timeout.Token).ConfigureAwait(false);
            }

            var tail = encoder.Finish(output);
            timeout.CancelAfter(_options.Timeout);
            await _stream.WriteAsync(output.AsMemory(0, tail), timeout.Token).ConfigureAwait(false);
            await _stream.FlushAsync(timeout.Token).ConfigureAwait(false);
            return await _reader.ReadReplyAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (Failed(e, "DATA", cancellationToken) is { } failure)
        {
            throw failure;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Breaks the connection after a failure and says what to throw; null to rethrow as is.</summary>
    private Exception? Failed(Exception e, string verb, CancellationToken cancellationToken)
    {
        switch (e)
        {
            case OperationCanceledException when !cancellationToken.IsCancellationRequested:
                Break("timeout");
                return new SmtpProtocolException($"The SMTP server did not answer {verb} within {_options.Timeout}.", e);
            case OperationCanceledException:
                Break("cancelled in the middle of a command");
                return null;
            case IOException or SocketException or ObjectDisposedException:
                Break(e.Message);
                return new SmtpProtocolException($"The connection failed during {verb}: {e.Message}", e);
            case SmtpProtocolException:
                Break(e.Message);
                return null;
            default:
                return null;
        }
    }

    private void Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            throw new InvalidOperationException("Another SMTP command is running on this connection.");
        }

        if (_brokenReason is not null)
        {
            _busy = 0;
            throw new SmtpProtocolException($"The connection is no longer usable ({_brokenReason}).");
        }
    }

    private void Exit() => Volatile.Write(ref _busy, 0);

    private void Break(string reason)
    {
        _brokenReason ??= reason;
        _stream.Dispose();
        _tcp.Dispose();
    }
}

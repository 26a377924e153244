using System.Text;

namespace ClauseDesk.Imap;

/// <summary>Sending commands and dispatching the responses that come back.</summary>
public sealed partial class ImapClient
{
    private static readonly byte[] Crlf = "\r\n"u8.ToArray();

    /// <summary>
    /// Sends a command and reads responses until its tagged completion. Untagged responses go to
    /// <see cref="Observe"/> and then to <paramref name="onUntagged"/>.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="onUntagged">Sees every untagged response of the command.</param>
    /// <param name="cancellationToken">Cancels the command (and breaks the connection).</param>
    /// <param name="onChallenge">
    /// Answers a continuation that no part of the command waits for (a SASL challenge), given its text;
    /// without it such a continuation is a protocol error.
    /// </param>
    /// <returns>The tagged OK.</returns>
    private async Task<ImapResponse> RunAsync(
        ImapCommand command,
        Action<ImapResponse>? onUntagged,
        CancellationToken cancellationToken,
        Func<string, string>? onChallenge = null)
    {
        Enter();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        _reader.Progress = () => timeout.CancelAfter(_options.Timeout);
        try
        {
            var tag = NextTag();
            var pending = new Queue<ImapCommand.Part>(command.Parts);
            await SendUntilContinuationAsync(tag, pending, timeout.Token).ConfigureAwait(false);
            while (true)
            {
                var response = await _reader.ReadResponseAsync(timeout.Token).ConfigureAwait(false);
                switch (response.Kind)
                {
                    case ImapResponseKind.Continuation:
                        if (pending.Count == 0 && onChallenge is not null)
                        {
                            await _stream.WriteAsync(Encoding.ASCII.GetBytes(onChallenge(response.Text) + "\r\n"), timeout.Token)
                                .ConfigureAwait(false);
                            await _stream.FlushAsync(timeout.Token).ConfigureAwait(false);
                            break;
                        }

                        if (pending.Count == 0)
                        {
                            throw new ImapProtocolException($"Unexpected continuation during {command.Name}: {response.Text}");
                        }

                        await SendUntilContinuationAsync(null, pending, timeout.Token).ConfigureAwait(false);
                        break;
                    case ImapResponseKind.Untagged:
                        Observe(response);
                        onUntagged?.Invoke(response);
                        break;
                    default:
                        if (response.Tag != tag)
                        {
                            throw new ImapProtocolException($"Reply with unknown tag '{response.Tag}' during {command.Name}.");
                        }

                        if (pending.Count > 0 && response.Name == "OK")
                        {
                            throw new ImapProtocolException($"The server completed {command.Name} before it was sent in full.");
                        }

                        Observe(response);
                        return response.Name == "OK" ? response : throw Refused(command.Name, response);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Break("timeout");
            throw new TimeoutException($"The IMAP server did not answer {command.Name} within {_options.Timeout}.");
        }
        catch (OperationCanceledException)
        {
            Break("cancelled in the middle of a command");
            throw;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // ObjectDisposedException: the client was disposed while the command ran.
            Break(e.Message);
            throw new ImapProtocolException($"The connection failed during {command.Name}: {e.Message}{ByeNote()}", e);
        }
        catch (ImapProtocolException e)
        {
            Break(e.Message);
            if (_byeText is not null && !e.Message.Contains(_byeText, StringComparison.Ordinal))
            {
                throw new ImapProtocolException(e.Message + ByeNote(), e);
            }

            throw;
        }
        finally
        {
            _reader.Progress = null;
            Exit();
        }
    }

    /// <summary>
    /// Sends the parts of a command until one must wait for the server's continuation "+" (a
    /// synchronising literal, or a line only sent when asked), and CRLF after the last part. With no
    /// tag, resumes after a continuation: the waiting part goes first.
    /// </summary>
    private async Task SendUntilContinuationAsync(string? tag, Queue<ImapCommand.Part> pending, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        if (tag is not null)
        {
            buffer.Write(Encoding.ASCII.GetBytes(tag + " "));
        }
        else
        {
            // Resuming after "+": the part that waited (a literal, or a line asked for).
            await WriteLiteralAsync(pending.Dequeue().Bytes, cancellationToken).ConfigureAwait(false);
        }

        while (pending.TryPeek(out var part))
        {
            if (part.Kind == ImapCommand.PartKind.Text)
            {
                buffer.Write(pending.Dequeue().Bytes.Span);
                continue;
            }

            if (part.Kind == ImapCommand.PartKind.AfterContinuation)
            {
                buffer.Write(Crlf);
                await WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
                return;
            }

            // LITERAL+ (RFC 7888) lets us send without waiting; LITERAL- only up to 4096 bytes.
            var nonSynchronising = HasCapability("LITERAL+") || (HasCapability("LITERAL-") && part.Bytes.Length <= 4096);
            buffer.Write(Encoding.ASCII.GetBytes($"{{{part.Bytes.Length}{(nonSynchronising ? "+" : "")}}}\r\n"));
            await WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            buffer.SetLength(0);
            if (!nonSynchronising)
            {
                // The literal itself goes out after the server's "+": it stays first in the queue.
                var rest = pending.Skip(1).ToArray();
                pending.Clear();
                pending.Enqueue(part with { Kind = ImapCommand.PartKind.AfterContinuation });
                foreach (var other in rest)
                {
                    pending.Enqueue(other);
                }

                return;
            }

            pending.Dequeue();
            await WriteLiteralAsync(part.Bytes, cancellationToken).ConfigureAwait(false);
        }

        buffer.Write(Crlf);
        await WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a literal in pieces, restarting the silence timer after each, so a large APPEND over a slow link goes through.</summary>
    private async Task WriteLiteralAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        const int Piece = 64 * 1024;
        for (var offset = 0; offset < bytes.Length; offset += Piece)
        {
            await _stream.WriteAsync(bytes.Slice(offset, Math.Min(Piece, bytes.Length - offset)), cancellationToken).ConfigureAwait(false);
            _reader.Progress?.Invoke();
        }
    }

    private async Task WriteAsync(MemoryStream buffer, CancellationToken cancellationToken)
    {
        if (buffer.Length > 0)
        {
            await _stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
        }

        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps what every response may change: capabilities, alerts, the message count, BYE.</summary>
    private void Observe(ImapResponse response)
    {
        if (response.Name == "CAPABILITY" && response.Kind == ImapResponseKind.Untagged)
        {
            _capabilities = new HashSet<string>(response.Values.Select(v => v.AsText() ?? ""), StringComparer.OrdinalIgnoreCase);
        }

        switch (response.Code?.Name)
        {
            case "CAPABILITY":
                _capabilities = new HashSet<string>(
                    response.Code.Arguments.Select(v => v.AsText() ?? ""),
                    StringComparer.OrdinalIgnoreCase);
                break;
            case "ALERT":
                _alerts.Add(response.Text);
                break;
        }

        if (response.Name == "BYE")
        {
            _byeText = response.Text;
        }

        if (SelectedMailbox is { } mailbox && response.Number is { } number)
        {
            if (response.Name == "EXISTS")
            {
                SelectedMailbox = mailbox with { Exists = number };
            }
            else if (response.Name == "EXPUNGE" && mailbox.Exists > 0)
            {
                SelectedMailbox = mailbox with { Exists = mailbox.Exists - 1 };
            }
        }
    }

    private static ImapCommandException Refused(string command, ImapResponse response) =>
        command is "LOGIN" or "AUTHENTICATE" && response.Name == "NO"
            ? new ImapAuthenticationException(command, response.Name, response.Code?.Raw, response.Text)
            : new ImapCommandException(command, response.Name, response.Code?.Raw, response.Text);

    private string ByeNote() => _byeText is null ? "" : $" (the server said BYE: {_byeText})";

    private string NextTag() => $"C{++_nextTag:D4}";

    private void Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            throw new InvalidOperationException("Another IMAP command is running on this connection.");
        }

        if (_brokenReason is not null)
        {
            _busy = 0;
            throw new ImapProtocolException($"The connection is no longer usable ({_brokenReason}){ByeNote()}.");
        }
    }

    private void Exit() => Volatile.Write(ref _busy, 0);
}

namespace ClauseDesk.Imap;

/// <summary>Waiting for new mail: IDLE (RFC 2177) where offered, NOOP polling otherwise.</summary>
public sealed partial class ImapClient
{
    /// <summary>
    /// Waits until messages arrive in or are expunged from the selected mailbox, or until
    /// <paramref name="timeout"/> passes. Uses IDLE when the server offers it (ending it with DONE and
    /// issuing it again every <see cref="ImapClientOptions.IdleRefreshInterval"/>), NOOP every
    /// <see cref="ImapClientOptions.PollInterval"/> otherwise. Changes that happened before the call
    /// and were already reported by an earlier command do not count.
    /// </summary>
    /// <param name="timeout">How long to wait at most; zero to 24 hours.</param>
    /// <param name="cancellationToken">
    /// Ends the wait: IDLE is ended with DONE and the server's OK awaited, so the connection stays
    /// usable; then <see cref="OperationCanceledException"/> is thrown.
    /// </param>
    /// <exception cref="InvalidOperationException">No mailbox is selected.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled.</exception>
    public async Task<ImapIdleResult> IdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeout, TimeSpan.FromHours(24));
        EnsureSelected();
        var deadline = DateTimeOffset.UtcNow + timeout;
        var idle = _options.UseIdle && HasCapability("IDLE");
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = deadline - DateTimeOffset.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                return new ImapIdleResult(false, SelectedMailbox!.Exists);
            }

            var changed = idle
                ? await IdleOnceAsync(Min(remaining, _options.IdleRefreshInterval), cancellationToken).ConfigureAwait(false)
                : await PollOnceAsync(Min(remaining, _options.PollInterval), cancellationToken).ConfigureAwait(false);
            if (changed)
            {
                return new ImapIdleResult(true, SelectedMailbox!.Exists);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static bool IsChange(ImapResponse response) =>
        response.Kind == ImapResponseKind.Untagged && response.Name is "EXISTS" or "EXPUNGE" or "VANISHED";

    private async Task<bool> PollOnceAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        var changed = false;
        await RunAsync(new ImapCommand("NOOP"), response => changed |= IsChange(response), cancellationToken).ConfigureAwait(false);
        return changed;
    }

    /// <summary>One IDLE command: true when a change arrived, false when <paramref name="wait"/> passed.</summary>
    private async Task<bool> IdleOnceAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        Enter();
        var tag = NextTag();
        Task<ImapResponse>? next = null;
        bool ended;
        // A change the server reports as IDLE starts, before its continuation, is a change too: the
        // message arrived after the last command looked, and no later EXISTS will announce it.
        var early = false;
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.Timeout);
                await _stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(tag + " IDLE\r\n"), timeout.Token).ConfigureAwait(false);
                await _stream.FlushAsync(timeout.Token).ConfigureAwait(false);
                while (true)
                {
                    var response = await _reader.ReadResponseAsync(timeout.Token).ConfigureAwait(false);
                    if (response.Kind == ImapResponseKind.Continuation)
                    {
                        break;
                    }

                    if (response.Kind == ImapResponseKind.Tagged)
                    {
                        throw response.Name == "OK"
                            ? new ImapProtocolException("The server ended IDLE before accepting it.")
                            : Refused("IDLE", response);
                    }

                    early |= IsChange(response);
                    Observe(response);
                }
            }

            // Reads are never cancelled half-way (that would lose bytes): a pending read races a
            // timer, and after DONE the same read goes on until the tagged OK.
            var changed = early;
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                stop.CancelAfter(wait);
                var stopped = Task.Delay(Timeout.Infinite, stop.Token);
                while (!changed)
                {
                    next ??= _reader.ReadResponseAsync(CancellationToken.None);
                    if (await Task.WhenAny(next, stopped).ConfigureAwait(false) != next)
                    {
                        break;
                    }

                    var response = await ConsumeAsync();
                    if (response.Kind == ImapResponseKind.Tagged)
                    {
                        throw new ImapProtocolException($"The server ended IDLE: {response.Name} {response.Text}");
                    }

                    changed = IsChange(response);
                }
            }

            await _stream.WriteAsync("DONE\r\n"u8.ToArray(), CancellationToken.None)
                .AsTask().WaitAsync(_options.Timeout, CancellationToken.None).ConfigureAwait(false);
            await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            while (true)
            {
                next ??= _reader.ReadResponseAsync(CancellationToken.None);
                var response = await next.WaitAsync(_options.Timeout, CancellationToken.None).ConfigureAwait(false);
                next = null;
                if (response.Kind == ImapResponseKind.Tagged)
                {
                    if (response.Tag != tag)
                    {
                        throw new ImapProtocolException($"Reply with unknown tag '{response.Tag}' after IDLE.");
                    }

                    if (response.Name != "OK")
                    {
                        throw Refused("IDLE", response);
                    }

                    break;
                }

                Observe(response);
                changed |= IsChange(response);
            }

            ended = changed;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Break("timeout");
            throw new TimeoutException($"The IMAP server did not answer IDLE within {_options.Timeout}.");
        }
        catch (OperationCanceledException)
        {
            // Cancelled before the server accepted IDLE: the exchange is half-done.
            Break("cancelled in the middle of a command");
            throw;
        }
        catch (TimeoutException)
        {
            Break("timeout");
            throw new TimeoutException($"The IMAP server did not end IDLE within {_options.Timeout}.");
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Break(e.Message);
            throw new ImapProtocolException($"The connection failed during IDLE: {e.Message}{ByeNote()}", e);
        }
        catch (ImapProtocolException e)
        {
            Break(e.Message);
            throw new ImapProtocolException(e.Message + ByeNote(), e);
        }
        finally
        {
            Exit();
        }

        // IDLE ended cleanly with the server's OK: only now is a cancellation reported.
        if (!ended)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return ended;

        async Task<ImapResponse> ConsumeAsync()
        {
            var response = await next!.ConfigureAwait(false);
            next = null;
            Observe(response);
            return response;
        }
    }
}

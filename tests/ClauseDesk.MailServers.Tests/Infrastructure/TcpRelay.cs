using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClauseDesk.Infrastructure;

/// <summary>
/// A TCP relay in front of a real server that keeps a transcript of both directions and can drop
/// the connection in the middle of a reply: once armed with <see cref="CutAfter"/>, it closes both
/// sides after relaying that many more bytes from the server. It only moves bytes, so the protocol
/// (and TLS, when used) runs through it unchanged; the transcript is readable on plain connections.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _sockets = [];
    private readonly MemoryStream _fromServer = new();
    private readonly MemoryStream _fromClient = new();
    private readonly Task _accepting;
    private long _budget = long.MaxValue;
    private volatile bool _stalled;

    public TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Everything the server sent so far, as UTF-8 text.</summary>
    public string ServerText => Text(_fromServer);

    /// <summary>Everything the client sent so far, as UTF-8 text.</summary>
    public string ClientText => Text(_fromClient);

    /// <summary>After relaying <paramref name="bytes"/> more bytes from the server, close every connection.</summary>
    public void CutAfter(long bytes) => Interlocked.Exchange(ref _budget, bytes);

    /// <summary>From now on the server's bytes are swallowed: to the client, the server falls silent.</summary>
    public void Stall() => _stalled = true;

    /// <summary>Waits until the server has sent <paramref name="text"/> <paramref name="count"/> times; throws after a minute.</summary>
    public async Task WaitForServerAsync(string text, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (Occurrences(ServerText, text) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The server did not send '{text}' {count} time(s). It sent: {ServerText}");
            }

            await Task.Delay(10);
        }
    }

    public static int Occurrences(string haystack, string needle)
    {
        var count = 0;
        for (var i = haystack.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(needle, i + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CloseAll();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private static string Text(MemoryStream stream)
    {
        lock (stream)
        {
            return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(server);
            }

            _ = PumpAsync(client.GetStream(), server.GetStream(), _fromClient, counted: false);
            _ = PumpAsync(server.GetStream(), client.GetStream(), _fromServer, counted: true);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, MemoryStream transcript, bool counted)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                if (counted && _stalled)
                {
                    continue;
                }

                var allowed = read;
                if (counted)
                {
                    allowed = (int)Math.Min(read, Interlocked.Read(ref _budget));
                    Interlocked.Add(ref _budget, -allowed);
                }

                lock (transcript)
                {
                    transcript.Write(buffer, 0, allowed);
                }

                await to.WriteAsync(buffer.AsMemory(0, allowed), _stop.Token);
                if (allowed < read)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away: the other follows below.
        }

        CloseAll();
    }

    private void CloseAll()
    {
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }

            _sockets.Clear();
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace ClauseDesk.Infrastructure;

/// <summary>
/// A TCP relay to a real server that can drop the connection in the middle of a reply: once armed
/// with <see cref="CutAfter"/>, it closes both sides after relaying that many more bytes from the server.
/// It sees only bytes, so the client's TLS (or plain IMAP) runs through it unchanged.
/// </summary>
public sealed class CuttingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _sockets = [];
    private readonly Task _accepting;
    private long _budget = long.MaxValue;

    public CuttingProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>After relaying <paramref name="bytes"/> more bytes from the server, close every connection.</summary>
    public void CutAfter(long bytes) => Interlocked.Exchange(ref _budget, bytes);

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

            _ = PumpAsync(client.GetStream(), server.GetStream(), counted: false);
            _ = PumpAsync(server.GetStream(), client.GetStream(), counted: true);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool counted)
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

                var allowed = read;
                if (counted)
                {
                    var budget = Interlocked.Read(ref _budget);
                    allowed = (int)Math.Min(read, budget);
                    Interlocked.Add(ref _budget, -allowed);
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

using System.Net;
using System.Net.Sockets;

namespace ClauseDesk.Infrastructure;

/// <summary>Ports on 127.0.0.1 that nothing listens on right now.</summary>
public static class FreePorts
{
    public static int[] Take(int count)
    {
        // Keep all listeners open until every port is known, so the same port is not handed out twice.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>Waits until something accepts connections on the port, or throws after the timeout.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<string?> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                if (failure() is { } reason)
                {
                    throw new InvalidOperationException(reason);
                }

                await Task.Delay(50);
            }
        }
    }
}

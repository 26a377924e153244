using System.Diagnostics;
using System.Globalization;

namespace ClauseDesk.LoadBench;

/// <summary>
/// The real server as its own process (<c>dotnet clausedesk.dll serve --port 0 --database …</c>): waits for
/// "ClauseDesk listening on …", keeps the first-start API token, drains its output (the server logs at
/// Information by default) and samples its resident memory every 100 ms.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _tail = new();
    private readonly CancellationTokenSource _stopSampling = new();
    private readonly Task _sampler;
    private long _outputLines;
    private long _peakRssKb;

    private ServerProcess(Process process)
    {
        _process = process;
        _sampler = Task.Run(SampleAsync);
    }

    public int Pid => _process.Id;

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public string Token { get; private set; } = "";

    /// <summary>Lines the server wrote to stdout and stderr so far (its request logs included).</summary>
    public long OutputLines => Interlocked.Read(ref _outputLines);

    /// <summary>Peak resident set in MB (10^6 bytes): the kernel's high-water mark (VmHWM) and the highest 100 ms sample (VmRSS).</summary>
    public double PeakRssMB => Math.Max(ProcStats.StatusKilobytes(Pid, "VmHWM"), Interlocked.Read(ref _peakRssKb)) * 1024 / 1e6;

    public double CurrentRssMB => ProcStats.StatusKilobytes(Pid, "VmRSS") * 1024 / 1e6;

    public static async Task<ServerProcess> StartAsync(string dll, string database, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in (string[])[dll, "serve", "--port", "0", "--database", database, "--provider", "Load bench"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove(WebAppDatabaseVariable);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Exited += (_, _) => server._listening.TrySetException(new InvalidOperationException("the server exited before it listened:\n" + server.Tail()));
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var address = await server._listening.Task.WaitAsync(TimeSpan.FromSeconds(120));
        server.Address = new Uri(address.TrimEnd('/') + "/");
        if (server.Token.Length == 0)
        {
            throw new InvalidOperationException("the server printed no first-start API token (is the database fresh?)");
        }

        return server;
    }

    private const string WebAppDatabaseVariable = "CLAUSEDESK_DATABASE";

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref _outputLines);
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 40)
            {
                _tail.Dequeue();
            }
        }

        const string tokenMarker = "API token (shown once): ";
        const string listeningMarker = "ClauseDesk listening on ";
        if (line.Contains(tokenMarker, StringComparison.Ordinal))
        {
            Token = line[(line.IndexOf(tokenMarker, StringComparison.Ordinal) + tokenMarker.Length)..].Trim();
        }
        else if (line.StartsWith(listeningMarker, StringComparison.Ordinal))
        {
            _listening.TrySetResult(line[listeningMarker.Length..].Split(' ')[0]);
        }
    }

    public string Tail()
    {
        lock (_tail)
        {
            return string.Join('\n', _tail);
        }
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stopSampling.Token))
            {
                if (!_process.HasExited)
                {
                    var rss = ProcStats.StatusKilobytes(_process.Id, "VmRSS");
                    if (rss > Interlocked.Read(ref _peakRssKb))
                    {
                        Interlocked.Exchange(ref _peakRssKb, rss);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (InvalidOperationException)
        {
            // Not started yet or already gone.
        }
    }

    /// <summary>Stops the server with SIGTERM (graceful), then kills it if it has not exited within 15 s.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopSampling.CancelAsync();
        await _sampler;
        try
        {
            if (!_process.HasExited)
            {
                using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync();
                }

                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        _stopSampling.Dispose();
    }
}

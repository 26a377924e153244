using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ClauseDesk.Desk;

/// <summary>
/// The real <c>clausedesk serve</c> as its own OS process (<c>dotnet clausedesk.dll serve --port 0</c>)
/// on a given database: started, read until it listens, and killed with SIGKILL when a test wants a crash.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _outputLock = new();

    private ServerProcess(Process process, string connection)
    {
        _process = process;
        Connection = connection;
    }

    public string Connection { get; }

    /// <summary>The address the server listens on, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The provider admin's API token, printed only on the very first start of a database.</summary>
    public string? AdminToken { get; private set; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far (standard output and error, interleaved by line).</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the server on the database and waits until it listens (and, on a first start, printed the
    /// admin's token); <paramref name="environment"/> adds configuration as variables, e.g. <c>Mail__Smtp__Host</c>.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string connection, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "clausedesk.dll");
        File.Exists(dll).ShouldBeTrue($"{dll} is missing: the test project references the executable, which copies it here");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Nothing (a default ./data database, a log) lands in the repository.
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in (string[])[dll, "serve", "--port", "0", "--database", connection])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("CLAUSEDESK_DATABASE");
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet clausedesk.dll serve");
        var server = new ServerProcess(process, connection);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data, "", listening);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data, "stderr: ", listening);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        try
        {
            var exited = process.WaitForExitAsync();
            var limit = timeout ?? DefaultTimeout;
            var first = await Task.WhenAny(listening.Task, exited, Task.Delay(limit));
            if (first != listening.Task)
            {
                var why = first == exited ? $"exited with code {process.ExitCode} before it listened" : $"did not listen within {limit.TotalSeconds:0} s";
                throw new InvalidOperationException($"clausedesk serve {why}. Output:\n{server.Output}");
            }

            server.Address = await listening.Task;
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private void OnLine(string? line, string prefix, TaskCompletionSource<Uri> listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.Append(prefix).AppendLine(line);
        }

        if (prefix.Length > 0)
        {
            return;
        }

        if (TokenLine().Match(line) is { Success: true } token)
        {
            // Printed before the listening line, so it is known when StartAsync returns.
            AdminToken = token.Groups["token"].Value;
        }
        else if (ListeningLine().Match(line) is { Success: true } address)
        {
            listening.TrySetResult(new Uri(address.Groups["url"].Value));
        }
    }

    /// <summary>SIGKILL (on Linux, Process.Kill is SIGKILL): no shutdown, no flushing, requests cut off mid-flight.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000).ShouldBeTrue($"clausedesk serve (pid {_process.Id}) still runs 10 s after SIGKILL");
        _process.HasExited.ShouldBeTrue();
        Infrastructure.Processes.IsAlive(_process.Id).ShouldBeFalse($"process {_process.Id} is still there after SIGKILL");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"^ClauseDesk listening on (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"API token \(shown once\): (?<token>cd_\S+)")]
    private static partial Regex TokenLine();
}

using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace ClauseDesk.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests of this process: Debian's server binaries, a fresh
/// data directory under the temp directory, trust authentication on 127.0.0.1 only, a free port and
/// no durability (fsync, synchronous commit and full page writes off). It starts on first use and is
/// stopped and deleted when the process exits; every test process has its own cluster.
/// </summary>
/// <remarks>
/// initdb and pg_ctl refuse to run as root: a root process runs them as Debian's <c>postgres</c>
/// system user (runuser) and hands it the directory. Tests fail, never skip, when PostgreSQL is not
/// installed.
/// </remarks>
public static class PostgresServer
{
    /// <summary>Where Debian's postgresql-&lt;version&gt; packages put their server binaries.</summary>
    private const string DebianBinaries = "/usr/lib/postgresql";

    /// <summary>Name prefix of the cluster directories: "clausedesk-pg-&lt;pid&gt;-&lt;hex&gt;".</summary>
    private const string DirectoryPrefix = "clausedesk-pg-";

    private static readonly Lazy<Cluster> Shared = new(Cluster.Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Connection string of the superuser <c>postgres</c> to the <c>postgres</c> database.</summary>
    public static string AdminConnectionString => Shared.Value.ConnectionString("postgres");

    /// <summary>
    /// Creates a fresh database named "&lt;prefix&gt;_&lt;8 hex digits&gt;" (the prefix lowercased, characters
    /// other than a-z, 0-9 and _ replaced by _) and returns a connection string for it.
    /// </summary>
    public static string CreateDatabase(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var name = $"{DatabasePrefix(prefix)}_{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }

        return Shared.Value.ConnectionString(name);
    }

    /// <summary>A prefix that is a valid unquoted identifier and leaves room for the suffix (63 bytes at most).</summary>
    private static string DatabasePrefix(string prefix)
    {
        var builder = new StringBuilder(prefix.Length);
        foreach (var c in prefix.ToLowerInvariant())
        {
            builder.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' ? c : '_');
        }

        var result = builder.ToString();
        if (result.Length > 40)
        {
            result = result[..40];
        }

        return result.Length == 0 || char.IsAsciiDigit(result[0]) ? "db_" + result : result;
    }

    private sealed class Cluster
    {
        private readonly object _stopLock = new();
        private bool _stopped;

        private Cluster(string binaries, bool asPostgres, string root)
        {
            Binaries = binaries;
            AsPostgres = asPostgres;
            Root = root;
        }

        public int Port { get; private set; }

        private string Binaries { get; }

        private bool AsPostgres { get; }

        /// <summary>The directory of this cluster: data/ and server.log.</summary>
        private string Root { get; }

        private string DataDirectory => Path.Combine(Root, "data");

        private string LogFile => Path.Combine(Root, "server.log");

        public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            Pooling = true,
            // Every test has its own database, so its own pool: idle connections are closed soon, or the
            // suite's pools together would exceed the server's connections.
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 2,
        }.ConnectionString;

        public static Cluster Start()
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("The test PostgreSQL cluster needs Debian's postgresql packages.");
            }

            var binaries = FindBinaries();
            var asPostgres = Environment.IsPrivilegedProcess || Environment.UserName == "root";
            RemoveStaleClusters(binaries, asPostgres);

            var root = Path.Combine(
                Path.GetTempPath(),
                $"{DirectoryPrefix}{Environment.ProcessId}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}");
            Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var cluster = new Cluster(binaries, asPostgres, root);
            try
            {
                cluster.Initialize();
                cluster.StartServer();
                cluster.StartWatchdog();
            }
            catch
            {
                cluster.Stop(wait: true);
                throw;
            }

            // dotnet test kills the test host about 100 ms after it starts exiting: signal the server
            // without waiting for it; the watchdog finishes the job if the host is killed first.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop(wait: false);
            return cluster;
        }

        /// <summary>The bin directory of the highest PostgreSQL version Debian installed.</summary>
        private static string FindBinaries()
        {
            var candidates = Directory.Exists(DebianBinaries) ? Directory.GetDirectories(DebianBinaries) : [];
            var best = candidates
                .Select(directory => (Directory: directory, Version: ParseVersion(Path.GetFileName(directory))))
                .Where(c => c.Version is not null
                    && File.Exists(Path.Combine(c.Directory, "bin", "initdb"))
                    && File.Exists(Path.Combine(c.Directory, "bin", "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .FirstOrDefault();
            return best.Directory is null
                ? throw new InvalidOperationException(
                    "PostgreSQL is not installed: ./test.sh installs Debian's postgresql " +
                    $"(found no {DebianBinaries}/<version>/bin/initdb and pg_ctl)")
                : Path.Combine(best.Directory, "bin");
        }

        private static Version? ParseVersion(string name) =>
            int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
                ? new Version(major, 0)
                : Version.TryParse(name, out var version) ? version : null;

        /// <summary>Stops and deletes the clusters of test processes that died without cleaning up.</summary>
        private static void RemoveStaleClusters(string binaries, bool asPostgres)
        {
            string[] directories;
            try
            {
                directories = Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*");
            }
            catch (IOException)
            {
                return;
            }

            foreach (var directory in directories)
            {
                var rest = Path.GetFileName(directory)[DirectoryPrefix.Length..];
                var dash = rest.IndexOf('-');
                if (dash <= 0
                    || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    || pid == Environment.ProcessId
                    || Processes.IsAlive(pid))
                {
                    continue;
                }

                var stale = new Cluster(binaries, asPostgres, directory);
                stale.Stop(wait: true);
            }
        }

        private void Initialize()
        {
            if (AsPostgres)
            {
                var chown = Run("chown", asPostgres: false, ["postgres:postgres", Root]);
                if (chown.ExitCode != 0)
                {
                    throw Failure($"chown postgres:postgres {Root} failed (is Debian's postgresql installed?)", chown.Output);
                }
            }

            var initdb = Run(
                Path.Combine(Binaries, "initdb"),
                AsPostgres,
                ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]);
            if (initdb.ExitCode != 0)
            {
                throw Failure("initdb failed", initdb.Output);
            }

            // Trust, from 127.0.0.1 only: there is no unix socket and no other address to listen on.
            File.WriteAllText(
                Path.Combine(DataDirectory, "pg_hba.conf"),
                "# Throwaway test cluster: trust, from 127.0.0.1 only.\nhost all all 127.0.0.1/32 trust\n");
            File.AppendAllText(
                Path.Combine(DataDirectory, "postgresql.conf"),
                """

                # Throwaway test cluster (ClauseDesk tests): loopback only, no durability.
                listen_addresses = '127.0.0.1'
                unix_socket_directories = ''
                max_connections = 1000
                fsync = off
                synchronous_commit = off
                full_page_writes = off

                """);
        }

        private void StartServer()
        {
            // The port is free when chosen but another process may take it before the server binds it.
            const int attempts = 5;
            for (var attempt = 1; ; attempt++)
            {
                Port = FreePort();
                var start = Run(
                    Path.Combine(Binaries, "pg_ctl"),
                    AsPostgres,
                    ["-D", DataDirectory, "-l", LogFile, "-o", $"-p {Port}", "-w", "-t", "60", "start"]);
                if (start.ExitCode == 0)
                {
                    return;
                }

                var log = ReadLog();
                if (attempt == attempts || !log.Contains("could not bind", StringComparison.Ordinal))
                {
                    throw Failure($"pg_ctl start (port {Port}) failed", start.Output, log);
                }
            }
        }

        /// <summary>
        /// Starts a detached shell that waits for this process to end (however it ends: killed, crashed)
        /// and then stops the server and deletes the directory, unless <see cref="Stop"/> did already.
        /// </summary>
        private void StartWatchdog()
        {
            const string script = """
                exec </dev/null >/dev/null 2>&1
                pid=$1 root=$2 data=$3
                shift 3
                while kill -0 "$pid"; do sleep 0.5; done
                if [ -f "$data/postmaster.pid" ]; then "$@" -D "$data" -m immediate -w -t 30 stop; fi
                rm -rf "$root"
                """;
            string[] pgCtl = AsPostgres
                ? ["runuser", "-u", "postgres", "--", Path.Combine(Binaries, "pg_ctl")]
                : [Path.Combine(Binaries, "pg_ctl")];
            var watchdog = Run(
                "setsid",
                asPostgres: false,
                ["-f", "sh", "-c", script, "clausedesk-pg-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), Root, DataDirectory, .. pgCtl]);
            if (watchdog.ExitCode != 0)
            {
                throw Failure("could not start the watchdog that stops the server when this process ends", watchdog.Output);
            }
        }

        /// <summary>
        /// Stops the server (pg_ctl -m immediate stop) if it runs and deletes the directory; never throws.
        /// Without <paramref name="wait"/>, pg_ctl only signals the server (it is gone a few ms later).
        /// </summary>
        public void Stop(bool wait)
        {
            lock (_stopLock)
            {
                if (_stopped)
                {
                    return;
                }

                _stopped = true;
                try
                {
                    if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
                    {
                        Run(
                            Path.Combine(Binaries, "pg_ctl"),
                            AsPostgres,
                            ["-D", DataDirectory, "-m", "immediate", .. wait ? (string[])["-w", "-t", "30"] : ["-W"], "stop"]);
                    }
                }
                catch (Exception exception) when (exception is IOException or InvalidOperationException or Win32Exception)
                {
                    // Best effort: the watchdog or the next test process stops it.
                }

                // The server may still be removing its files: retry a little.
                for (var attempt = 1; attempt <= 5 && Directory.Exists(Root); attempt++)
                {
                    try
                    {
                        Directory.Delete(Root, recursive: true);
                    }
                    catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                    {
                        Thread.Sleep(20);
                    }
                }
            }
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            finally
            {
                listener.Stop();
            }
        }

        private string ReadLog()
        {
            try
            {
                return File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no server log)";
            }
            catch (IOException exception)
            {
                return $"(could not read the server log: {exception.Message})";
            }
        }

        private InvalidOperationException Failure(string what, string output, string? log = null)
        {
            var message = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"Could not start the test PostgreSQL cluster in {Root}: {what}")
                .Append(AsPostgres ? " (run as the postgres user because this process is root)." : ".")
                .AppendLine()
                .AppendLine("--- output ---")
                .AppendLine(output.TrimEnd());
            if (log is not null)
            {
                message.AppendLine("--- server log ---").AppendLine(log.TrimEnd());
            }

            return new InvalidOperationException(message.ToString());
        }

        /// <summary>Runs a program (as the postgres user when asked) and returns its exit code and output.</summary>
        private (int ExitCode, string Output) Run(string program, bool asPostgres, IReadOnlyList<string> arguments)
        {
            var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Directory.Exists(Root) ? Root : Path.GetTempPath(),
            };
            if (asPostgres)
            {
                foreach (var argument in (string[])["-u", "postgres", "--", program])
                {
                    start.ArgumentList.Add(argument);
                }
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // Nothing from the environment (PGDATA, PGPORT, a locale) may change the cluster.
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(name);
            }

            start.Environment["LC_ALL"] = "C";

            using var process = Process.Start(start)
                ?? throw new InvalidOperationException($"could not start {start.FileName}");
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                throw Failure($"{Path.GetFileName(program)} did not finish within 90 s", output.IsCompleted ? output.Result : "");
            }

            return (process.ExitCode, (output.Result + error.Result).TrimEnd());
        }
    }
}

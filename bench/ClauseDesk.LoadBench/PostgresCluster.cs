using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ClauseDesk.LoadBench;

/// <summary>
/// A throwaway PostgreSQL cluster started like the test fixture's (Debian's server binaries, initdb and
/// pg_ctl as the postgres user when root, trust on 127.0.0.1 only, a free port) but durable: fsync,
/// synchronous_commit and full_page_writes on, as in a default installation. Stopped and deleted on dispose.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    /// <summary>The lines appended to postgresql.conf; the benchmark prints them with its results.</summary>
    public const string Settings = """
        listen_addresses = '127.0.0.1'
        unix_socket_directories = ''
        max_connections = 200
        fsync = on
        synchronous_commit = on
        full_page_writes = on
        """;

    private readonly string _binaries;
    private readonly bool _asPostgres;
    private readonly string _root;

    private PostgresCluster(string binaries, bool asPostgres, string root)
    {
        _binaries = binaries;
        _asPostgres = asPostgres;
        _root = root;
    }

    public int Port { get; private set; }

    public string Version { get; private set; } = "";

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>The postmaster's process id: its tree holds every backend.</summary>
    public int Pid => int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
    }.ConnectionString;

    public static PostgresCluster Start(bool statements = false)
    {
        var binaries = Directory.GetDirectories("/usr/lib/postgresql")
            .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault() ?? throw new InvalidOperationException("PostgreSQL server binaries not found (Debian's postgresql package)");
        var asPostgres = Environment.IsPrivilegedProcess;
        var root = Path.Combine(Path.GetTempPath(), $"clausedesk-loadbench-pg-{Environment.ProcessId}");
        Directory.CreateDirectory(root);
        var cluster = new PostgresCluster(binaries, asPostgres, root);
        try
        {
            if (asPostgres)
            {
                cluster.Run("chown", false, ["postgres:postgres", root]);
            }

            cluster.Run(Path.Combine(binaries, "initdb"), asPostgres, ["-D", cluster.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-instructions"]);
            File.WriteAllText(Path.Combine(cluster.DataDirectory, "pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
            File.AppendAllText(Path.Combine(cluster.DataDirectory, "postgresql.conf"), "\n# ClauseDesk load benchmark: loopback only, durable.\n" + Settings + "\n"
                + (statements ? "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = all\n" : ""));
            cluster.Port = FreePort();
            cluster.Run(Path.Combine(binaries, "pg_ctl"), asPostgres, ["-D", cluster.DataDirectory, "-l", Path.Combine(root, "server.log"), "-o", $"-p {cluster.Port}", "-w", "-t", "60", "start"]);
            using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres"));
            connection.Open();
            using (var create = new NpgsqlCommand("CREATE DATABASE clausedesk", connection))
            {
                create.ExecuteNonQuery();
            }

            if (statements)
            {
                using var database = new NpgsqlConnection(cluster.ConnectionString("clausedesk"));
                database.Open();
                using var extension = new NpgsqlCommand("CREATE EXTENSION pg_stat_statements", database);
                extension.ExecuteNonQuery();
            }

            using var version = new NpgsqlCommand("SELECT current_setting('server_version') || ', fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', full_page_writes=' || current_setting('full_page_writes') || ', shared_buffers=' || current_setting('shared_buffers')", connection);
            cluster.Version = (string)version.ExecuteScalar()!;
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Forgets the statements counted so far (with <c>--statements</c>).</summary>
    public async Task ResetStatementsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString("clausedesk"));
        await connection.OpenAsync();
        await using var reset = new NpgsqlCommand("SELECT pg_stat_statements_reset()", connection);
        await reset.ExecuteNonQueryAsync();
    }

    /// <summary>The statements counted since the last reset, most total execution time first, per unit of work.</summary>
    public async Task<IReadOnlyList<string>> StatementsAsync(long units, int top = 20)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("clausedesk"));
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand(
            """
            -- Multi-row inserts differ in their text by row count: statements are summed by their first 60 characters.
            WITH s AS (
                SELECT left(regexp_replace(query, '\s+', ' ', 'g'), 60) AS head, calls, total_exec_time, total_plan_time, rows, wal_bytes
                FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%')
            SELECT sum(calls)::bigint, sum(total_exec_time), sum(total_plan_time), sum(rows)::bigint, sum(wal_bytes), head, count(*)::bigint
            FROM s GROUP BY head
            ORDER BY sum(total_exec_time + total_plan_time) DESC LIMIT @top
            """, connection);
        read.Parameters.AddWithValue("top", top);
        var lines = new List<string> { "| Calls per unit | Exec µs per unit | Plan µs per unit | Rows per call | WAL bytes per unit | Texts | Statement |", "|---:|---:|---:|---:|---:|---:|---|" };
        await using var reader = await read.ExecuteReaderAsync();
        double n = Math.Max(1, units);
        while (await reader.ReadAsync())
        {
            var calls = reader.GetInt64(0);
            lines.Add(FormattableString.Invariant($"| {calls / n:0.000} | {reader.GetDouble(1) * 1000 / n:0.0} | {reader.GetDouble(2) * 1000 / n:0.0} | {reader.GetInt64(3) / (double)Math.Max(1, calls):0.0} | {reader.GetDecimal(4) / (decimal)n:0} | {reader.GetInt64(6)} | `{reader.GetString(5).Replace("|", "\\|", StringComparison.Ordinal)}` |"));
        }

        return lines;
    }

    public void Dispose()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                Run(Path.Combine(_binaries, "pg_ctl"), _asPostgres, ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"]);
            }
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"Stopping PostgreSQL failed: {e.Message}");
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"Could not delete the cluster directory: {e.Message}");
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

    private void Run(string program, bool asPostgres, string[] arguments)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
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

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within 120 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output.Result}{error.Result}");
        }
    }
}

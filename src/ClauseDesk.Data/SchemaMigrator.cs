using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Data;

/// <summary>
/// Applies the versioned SQL scripts of the context's database (<c>Migrations/Sqlite/*.sql</c> or
/// <c>Migrations/Postgres/*.sql</c>, embedded), in order, each once, recorded in
/// <c>schema_migrations</c>. Several servers starting together apply them once: on PostgreSQL under
/// an advisory lock, on SQLite inside an immediate (write-locking) transaction.
/// </summary>
/// <remarks>EF Core's own migrations need the Design package, which is not available to us; see docs/decisions/0005.</remarks>
public static class SchemaMigrator
{
    private const long LockKey = 0x436c61757365; // "Clause"

    /// <summary>The scripts for a database, ordered by version.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts(bool sqlite)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var folder = sqlite ? ".Migrations.Sqlite." : ".Migrations.Postgres.";
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.Contains(folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[(n.IndexOf(folder, StringComparison.Ordinal) + folder.Length)..^4];
                var version = int.Parse(file[..file.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
                return (version, file, Read(assembly, n));
            })
            .OrderBy(s => s.version)];
    }

    /// <summary>Applies what is missing; returns the versions applied now.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(DeskDbContext db, CancellationToken cancellation = default)
    {
        var sqlite = db.IsSqlite;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellation);
        }

        try
        {
            if (!sqlite)
            {
                // Session-wide, before anything else: even CREATE TABLE IF NOT EXISTS races on PostgreSQL.
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKey});", cancellation);
            }

            await ExecuteAsync(connection, null, sqlite
                ? "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"
                : "CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamp with time zone NOT NULL);", cancellation);

            await using var transaction = await connection.BeginTransactionAsync(cancellation);

            var applied = new HashSet<int>();
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "SELECT version FROM schema_migrations";
                await using var reader = await command.ExecuteReaderAsync(cancellation);
                while (await reader.ReadAsync(cancellation))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var done = new List<int>();
            foreach (var (version, name, sql) in Scripts(sqlite).Where(s => !applied.Contains(s.Version)))
            {
                await ExecuteAsync(connection, transaction, sql, cancellation);
                await using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = sqlite
                    ? "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, datetime('now'))"
                    : "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, now())";
                AddParameter(record, sqlite ? "$v" : "@v", version);
                AddParameter(record, sqlite ? "$n" : "@n", name);
                await record.ExecuteNonQueryAsync(cancellation);
                done.Add(version);
            }

            await transaction.CommitAsync(cancellation);
            if (!sqlite)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({LockKey});", cancellation);
            }

            return done;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

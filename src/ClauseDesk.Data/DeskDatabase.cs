using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ClauseDesk.Data;

/// <summary>Which database a connection string means, and how the context is set up for it.</summary>
public static class DeskDatabase
{
    /// <summary>The default: an embedded SQLite file under <c>./data</c>.</summary>
    public const string DefaultSqlite = "Data Source=data/clausedesk.db";

    /// <summary>PostgreSQL connection strings name a host; everything else is a SQLite data source.</summary>
    public static bool IsPostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase);

    /// <summary>Configures a context for the connection string's database.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString)
    {
        if (IsPostgres(connectionString))
        {
            // The same few statements run for every request: prepared on the server once per connection,
            // they are not parsed and planned again each time (unless the connection string says otherwise).
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
            {
                builder.MaxAutoPrepare = 64;
                builder.AutoPrepareMinUsages = 3;
            }

            // Handing a connection back to the pool would otherwise make the server reset the session
            // (a series of statements) before its next use; nothing here leaves session state behind: no SET,
            // LISTEN or temporary table, and advisory locks are released where they are taken.
            if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
            {
                builder.NoResetOnClose = true;
            }

            options.UseNpgsql(builder.ToString());
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            options.UseSqlite(builder.ToString()).AddInterceptors(SqlitePragmas.Instance);
        }

        // Migrations are our own SQL scripts (SchemaMigrator), so EF has no snapshot to compare with;
        // an all-empty bug report reads back as none, which is what it is.
        return options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning, CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning, RelationalEventId.OptionalDependentWithoutIdentifyingPropertyWarning));
    }

    public static DbContextOptions<DeskDbContext> Options(string connectionString) =>
        (DbContextOptions<DeskDbContext>)Configure(new DbContextOptionsBuilder<DeskDbContext>(), connectionString).Options;

    /// <summary>
    /// Every SQLite connection: write-ahead log, foreign keys on, full sync (nothing acknowledged is
    /// lost even if the machine stops), and waiting rather than failing when another writer holds the lock.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA temp_store=MEMORY;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

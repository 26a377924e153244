using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ClauseDesk.LoadBench;

/// <summary>
/// Fills the tickets table up to a count by copying one ticket the API opened (its tenant, organisation,
/// contract, requester, texts and codes) into generated rows, straight in SQL, in batches of one
/// transaction each; every copy gets its own id and number, a Submitted clock entry, and either an open
/// status with a next due spread over the coming 90 days or Closed with no due.
/// </summary>
public sealed class TicketSeeder(string connectionString, bool postgres)
{
    private const int Batch = 100_000;

    public async Task<long> CountAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM tickets";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Inserts <paramref name="count"/> tickets, <paramref name="openPercent"/> of them open. Returns the seconds it took.</summary>
    public async Task<double> SeedAsync(string templateNumber, long count, int openPercent)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = await OpenAsync();
        var ticketColumns = await ColumnsAsync(connection, "tickets");
        var clockColumns = await ColumnsAsync(connection, "ticket_clock");
        var now = DateTimeOffset.UtcNow;

        // n is the row's number; open rows are the first openPercent of every hundred.
        var open = $"(n % 100 < {openPercent})";
        var id = postgres
            ? "('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid"
            : "printf('00000000-0000-4000-8000-%012X', n)";
        var minutes = postgres ? "* interval '1 minute'" : "* 600000000";
        var nowValue = postgres ? "@now" : "$now";
        var submitted = $"({nowValue} - (n % 525600) {minutes})";
        var ticketOverrides = new Dictionary<string, string>
        {
            ["id"] = id,
            ["number"] = postgres ? "'LB-' || lpad(n::text, 8, '0')" : "printf('LB-%08d', n)",
            ["subject"] = "'Seeded ticket ' || n",
            ["status"] = $"CASE WHEN {open} THEN 'New' ELSE 'Closed' END",
            ["closing_reason"] = $"CASE WHEN {open} THEN NULL ELSE 'Fixed' END",
            ["submitted_at"] = submitted,
            ["updated_at"] = submitted,
            ["occurred_at"] = "NULL",
            ["closed_at"] = $"CASE WHEN {open} THEN NULL ELSE {submitted} END",
            ["next_due_at"] = $"CASE WHEN {open} THEN {nowValue} + (1 + (n * 7919) % 129600) {minutes} ELSE NULL END",
            // The queue columns (migration 4) mirror status and next_due_at.
            ["is_open"] = postgres ? $"({open})" : $"CASE WHEN {open} THEN 1 ELSE 0 END",
            ["queue_key"] = $"CASE WHEN {open} THEN {nowValue} + (1 + (n * 7919) % 129600) {minutes} ELSE {(postgres ? "TIMESTAMPTZ '9999-01-01 00:00:00+00'" : "3155063616000000000")} END",
        };
        var clockOverrides = new Dictionary<string, string>
        {
            ["ticket_id"] = id,
            ["at"] = submitted,
        };

        var first = await NextNumberAsync(connection);
        for (long done = 0; done < count; done += Batch)
        {
            var from = first + done;
            var to = from + Math.Min(Batch, count - done) - 1;
            var rows = postgres
                ? $"generate_series({from}::bigint, {to}::bigint) AS g(n)"
                : $"(WITH RECURSIVE g(n) AS (SELECT {from} UNION ALL SELECT n + 1 FROM g WHERE n < {to}) SELECT n FROM g) AS g";
            await using var transaction = await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, transaction, now, templateNumber,
                $"INSERT INTO tickets ({string.Join(", ", ticketColumns)}) SELECT {string.Join(", ", ticketColumns.Select(c => ticketOverrides.GetValueOrDefault(c, "t." + c)))} " +
                $"FROM tickets t CROSS JOIN {rows} WHERE t.number = {Parameter("template")}");
            await ExecuteAsync(connection, transaction, now, templateNumber,
                $"INSERT INTO ticket_clock ({string.Join(", ", clockColumns)}) SELECT {string.Join(", ", clockColumns.Select(c => clockOverrides.GetValueOrDefault(c, "c." + c)))} " +
                $"FROM ticket_clock c JOIN tickets t ON t.id = c.ticket_id CROSS JOIN {rows} WHERE t.number = {Parameter("template")} AND c.sequence = 1");
            await transaction.CommitAsync();
            Console.WriteLine($"  seeded {done + (to - from + 1):N0} of {count:N0} tickets ({watch.Elapsed.TotalSeconds:0} s)");
        }

        if (postgres)
        {
            // Autovacuum vacuums and analyses a table soon after such an insert (autovacuum_vacuum_insert_threshold,
            // PostgreSQL 13 and later), which also sets the visibility map that index-only scans rely on. Do it
            // now, so that the figures do not depend on whether it finished before the list levels began.
            await ExecuteAsync(connection, null, now, templateNumber, "VACUUM (ANALYZE) tickets, ticket_clock");
        }
        else
        {
            // Fold the write-ahead log into the database file, as SQLite's automatic checkpoints would over time.
            await ExecuteAsync(connection, null, now, templateNumber, "PRAGMA wal_checkpoint(TRUNCATE)");
        }

        return watch.Elapsed.TotalSeconds;
    }

    private string Parameter(string name) => (postgres ? "@" : "$") + name;

    /// <summary>The first row number not used by an earlier seeding of this database.</summary>
    private async Task<long> NextNumberAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM tickets WHERE number LIKE 'LB-%'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) + 1;
    }

    private async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, DateTimeOffset now, string template, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 600;
        if (sql.Contains(Parameter("now"), StringComparison.Ordinal))
        {
            AddParameter(command, "now", postgres ? now : now.UtcTicks);
        }

        if (sql.Contains(Parameter("template"), StringComparison.Ordinal))
        {
            AddParameter(command, "template", template);
        }

        await command.ExecuteNonQueryAsync();
    }

    private void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = Parameter(name);
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private async Task<List<string>> ColumnsAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = postgres
            ? $"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY ordinal_position"
            : $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = postgres
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        if (!postgres)
        {
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA busy_timeout=60000; PRAGMA foreign_keys=ON;";
            await pragmas.ExecuteNonQueryAsync();
        }

        return connection;
    }
}

using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClauseDesk.Data.Infrastructure;

/// <summary>
/// Numbers that must be unique and increasing per key and year (ticket numbers, invoice numbers):
/// one upsert in the caller's transaction, so a rolled-back use gives its number back.
/// </summary>
public static class Counters
{
    /// <summary>The next value of the key's year: 1 for the first.</summary>
    /// <remarks>The key is at most 36 characters: a tenant's id, or a letter and the id for a second series.</remarks>
    public static async Task<long> NextAsync(DeskDbContext db, string key, int year, CancellationToken cancellation)
    {
        if (db.Numbers is { } group)
        {
            return await group.NextAsync(db, key, year, cancellation);
        }

        return await UpsertAsync(db, key, year,
            "VALUES ({0}key, {0}year, 1) ON CONFLICT (tenant_key, year) DO UPDATE SET last_value = ticket_counters.last_value + 1", cancellation);
    }

    /// <summary>The key's last value, its row held until the transaction ends (created at 0 if missing).</summary>
    internal static Task<long> HoldAsync(DeskDbContext db, string key, int year, CancellationToken cancellation) =>
        UpsertAsync(db, key, year, "VALUES ({0}key, {0}year, 0) ON CONFLICT (tenant_key, year) DO UPDATE SET last_value = ticket_counters.last_value", cancellation);

    /// <summary>The key's last value as committed (0 if none), without holding anything.</summary>
    internal static async Task<long> ReadAsync(DeskDbContext db, string key, int year, CancellationToken cancellation)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellation);
        }

        try
        {
            await using var command = Command(db, key, year, "SELECT last_value FROM ticket_counters WHERE tenant_key = {0}key AND year = {0}year");
            return await command.ExecuteScalarAsync(cancellation) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>The statement that sets a held counter row, its parameters $1 key, $2 year, $3 value (PostgreSQL).</summary>
    internal const string SetHeldSql = "UPDATE ticket_counters SET last_value = $3 WHERE tenant_key = $1 AND year = $2";

    /// <summary>Sets a counter row not held before, only if it still has the value $4 (PostgreSQL).</summary>
    internal const string SetIfStillSql = "UPDATE ticket_counters SET last_value = $3 WHERE tenant_key = $1 AND year = $2 AND last_value = $4";

    /// <summary>Sets the key's last value, in the caller's transaction.</summary>
    internal static Task<long> SetAsync(DeskDbContext db, string key, int year, long value, CancellationToken cancellation) =>
        UpsertAsync(db, key, year,
            "VALUES ({0}key, {0}year, " + value.ToString(CultureInfo.InvariantCulture) + ") ON CONFLICT (tenant_key, year) DO UPDATE SET last_value = excluded.last_value", cancellation);

    private static async Task<long> UpsertAsync(DeskDbContext db, string key, int year, string values, CancellationToken cancellation)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = Command(db, key, year, "INSERT INTO ticket_counters (tenant_key, year, last_value) " + values + " RETURNING last_value");
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellation);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation), CultureInfo.InvariantCulture);
    }

    /// <summary>A command on the context's connection and transaction, with the key and year as parameters ({0} is their prefix).</summary>
    private static DbCommand Command(DeskDbContext db, string key, int year, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var p = db.IsSqlite ? "$" : "@";
        command.CommandText = string.Format(CultureInfo.InvariantCulture, sql, p);
        var keyParameter = command.CreateParameter();
        keyParameter.ParameterName = p + "key";
        keyParameter.Value = key;
        command.Parameters.Add(keyParameter);
        var yearParameter = command.CreateParameter();
        yearParameter.ParameterName = p + "year";
        yearParameter.Value = year;
        command.Parameters.Add(yearParameter);
        return command;
    }
}

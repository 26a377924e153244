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
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var p = db.IsSqlite ? "$" : "@";
        command.CommandText =
            $"INSERT INTO ticket_counters (tenant_key, year, last_value) VALUES ({p}key, {p}year, 1) " +
            "ON CONFLICT (tenant_key, year) DO UPDATE SET last_value = ticket_counters.last_value + 1 RETURNING last_value";
        var keyParameter = command.CreateParameter();
        keyParameter.ParameterName = p + "key";
        keyParameter.Value = key;
        command.Parameters.Add(keyParameter);
        var yearParameter = command.CreateParameter();
        yearParameter.ParameterName = p + "year";
        yearParameter.Value = year;
        command.Parameters.Add(yearParameter);
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellation);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation), CultureInfo.InvariantCulture);
    }
}

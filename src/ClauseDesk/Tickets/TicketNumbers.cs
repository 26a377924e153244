using System.Globalization;
using ClauseDesk.Access;
using ClauseDesk.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace ClauseDesk.Tickets;

/// <summary>
/// Gives the next number of a provider's year, e.g. <c>CD-2026-000123</c>: unique and increasing,
/// taken inside the caller's transaction so a rolled-back ticket gives its number back.
/// </summary>
public static class TicketNumbers
{
    public static async Task<string> NextAsync(DeskDbContext db, Tenant tenant, DateTimeOffset now, CancellationToken cancellation)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(tenant.TimeZone) ?? DateTimeZoneProviders.Tzdb["Europe/Brussels"];
        var year = Instant.FromDateTimeOffset(now).InZone(zone).Year;
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var p = db.IsSqlite ? "$" : "@";
        command.CommandText =
            $"INSERT INTO ticket_counters (tenant_key, year, last_value) VALUES ({p}tenant, {p}year, 1) " +
            "ON CONFLICT (tenant_key, year) DO UPDATE SET last_value = ticket_counters.last_value + 1 RETURNING last_value";
        var tenantParameter = command.CreateParameter();
        tenantParameter.ParameterName = p + "tenant";
        tenantParameter.Value = tenant.Id.ToString("N");
        command.Parameters.Add(tenantParameter);
        var yearParameter = command.CreateParameter();
        yearParameter.ParameterName = p + "year";
        yearParameter.Value = year;
        command.Parameters.Add(yearParameter);
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellation);
        }

        var value = Convert.ToInt64(await command.ExecuteScalarAsync(cancellation), CultureInfo.InvariantCulture);
        return $"{tenant.TicketPrefix}-{year}-{value:000000}";
    }
}

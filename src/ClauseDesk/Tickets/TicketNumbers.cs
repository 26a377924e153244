using ClauseDesk.Access;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
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
        var zone = tenant.Zone();
        var year = Instant.FromDateTimeOffset(now).InZone(zone).Year;
        var value = await Counters.NextAsync(db, tenant.Id.ToString("N"), year, cancellation);
        return $"{tenant.TicketPrefix}-{year}-{value:000000}";
    }
}

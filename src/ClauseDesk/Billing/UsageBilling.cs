using System.Globalization;
using System.Text.Json;
using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk.Billing;

/// <summary>
/// Time entries, support credits and metered volume (SPEC §5): the endpoints of each use case, and
/// what they share — the contract's billing row, the turn writers take on it, and workings kept as JSON.
/// </summary>
public static class UsageBilling
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapUsageBilling(this IEndpointRouteBuilder endpoints)
    {
        ContractRates.Map(endpoints);
        TicketTime.Map(endpoints);
        SupportCredits.Map(endpoints);
        MeteredVolume.Map(endpoints);
        UsageReports.Map(endpoints);
        OverageInvoice.Map(endpoints);
        return endpoints;
    }

    /// <summary>The contract, if the user may see it: staff see the tenant's, customers their organisation's.</summary>
    internal static async Task<ServiceContract> ContractAsync(DeskDbContext db, CurrentUser user, Guid id, CancellationToken cancellation) =>
        await db.Contracts.FirstOrDefaultAsync(c => c.Id == id && (user.IsStaff || c.OrganisationId == user.OrganisationId), cancellation)
            ?? throw RequestException.NotFound("id", "no such contract");

    /// <summary>Refuses customer users: figures of a contract are for staff, the customer's admins and contact persons.</summary>
    internal static void RequireContractReader(CurrentUser user)
    {
        if (user.Role == Role.CustomerUser)
        {
            throw RequestException.Forbidden("a contract's billing is shown to the customer's admins and contact persons");
        }
    }

    /// <summary>
    /// Makes the writers of one contract's ledgers take turns: on PostgreSQL the updated row stays locked
    /// until the transaction ends; on SQLite the write transaction already admits one writer.
    /// </summary>
    internal static Task TakeTurnAsync(DeskDbContext db, Guid contractId, CancellationToken cancellation) =>
        db.Database.ExecuteSqlInterpolatedAsync($"UPDATE contract_billing SET turn = turn + 1 WHERE contract_id = {contractId}", cancellation);

    internal static string Keep(Working working) => JsonSerializer.Serialize(WorkingView.Of(working), Json);

    internal static WorkingView Kept(string json) => JsonSerializer.Deserialize<WorkingView>(json, Json)!;

    internal static async Task<DateTimeZone> ZoneAsync(DeskDbContext db, CurrentUser user, CancellationToken cancellation) =>
        Tenant.ZoneOf(await db.Tenants.Where(t => t.Id == user.TenantId).Select(t => t.TimeZone).FirstAsync(cancellation));

    internal static LocalDate Today(TimeProvider clock, DateTimeZone zone) => Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date;

    internal static LocalDate Day(DateOnly d) => new(d.Year, d.Month, d.Day);

    internal static DateOnly Day(LocalDate d) => new(d.Year, d.Month, d.Day);

    internal static string Iso(LocalDate d) => d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}

using System.Globalization;
using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk;

/// <summary>What the contract-and-billing endpoints share: finding a contract the caller may see, its term, and today in the provider's zone.</summary>
internal static class ContractLookup
{
    /// <summary>The contract, if the caller is staff or of its organisation; 404 otherwise.</summary>
    public static async Task<ServiceContract> FindAsync(DeskDbContext db, CurrentUser user, Guid id, CancellationToken cancellation, bool tracked = false)
    {
        var contracts = tracked ? db.Contracts : db.Contracts.AsNoTracking();
        return await contracts.FirstOrDefaultAsync(c => c.Id == id && (user.IsStaff || c.OrganisationId == user.OrganisationId), cancellation)
            ?? throw RequestException.NotFound("id", "no such contract");
    }

    /// <summary>Staff, or the customer's own admin: who sees what ending the contract would cost.</summary>
    public static void RequireStaffOrCustomerAdmin(CurrentUser user)
    {
        if (!user.IsStaff && user.Role != Role.CustomerAdmin)
        {
            throw RequestException.Forbidden("the provider's staff and the customer's admin see this");
        }
    }

    public static ContractTerm TermOf(ServiceContract contract) =>
        contract.Term() ?? throw new RequestException(StatusCodes.Status422UnprocessableEntity, "No term", "term", "the contract has no term yet: PUT /api/contracts/{id}/term");

    public static async Task<LocalDate> TodayAsync(DeskDbContext db, TimeProvider clock, Guid tenantId, CancellationToken cancellation)
    {
        var zone = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.TimeZone).FirstAsync(cancellation);
        return Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(Tenant.ZoneOf(zone)).Date;
    }

    public static LocalDate Day(DateOnly d) => new(d.Year, d.Month, d.Day);

    public static string Iso(LocalDate d) => d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>An amount and how it was obtained.</summary>
public sealed record AmountView(decimal Amount, string Currency, WorkingView Working)
{
    public static AmountView Of(Computed<Money> computed) => new(computed.Value.Amount, "EUR", WorkingView.Of(computed.Working));
}

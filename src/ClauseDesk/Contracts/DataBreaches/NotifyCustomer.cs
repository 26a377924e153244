using ClauseDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Contracts.DataBreaches;

/// <summary>When (default: now) and to whom, and how, one affected customer was informed in writing.</summary>
public sealed record NotifyRequest(Guid? OrganisationId, DateTimeOffset? NotifiedAt, string? To);

/// <summary>Records the written notification of one affected customer; the register keeps the first and refuses a second.</summary>
public static class NotifyCustomer
{
    internal static async Task<DataBreachView> Post(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, NotifyRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var report = await db.DataBreaches.FirstOrDefaultAsync(b => b.Id == id, cancellation) ?? throw RequestException.NotFound("id", "no such data breach");
        var organisationId = request.OrganisationId ?? throw RequestException.Invalid("organisationId", "which affected customer was informed?");
        var notice = await db.DataBreachNotices.FirstOrDefaultAsync(n => n.BreachId == id && n.OrganisationId == organisationId, cancellation)
            ?? throw RequestException.NotFound("organisationId", "this breach does not affect that organisation");
        var now = clock.GetUtcNow();
        notice.Notify(request.NotifiedAt ?? now, request.To, user.Name, report.DiscoveredAt, now);
        await db.SaveChangesAsync(cancellation);
        return (await DataBreachEndpoints.ViewsAsync(db, user, [report], now, cancellation))[0];
    }
}

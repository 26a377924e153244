using ClauseDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Contracts.DataBreaches;

/// <summary>
/// What a provider admin records (GDPR art. 33(3) asks for the nature, the categories and approximate
/// numbers of people and records, and the measures). <c>OrganisationIds</c>: the customers whose
/// personal data it concerns, each to be informed within 48 hours (seed 004 §12.9).
/// </summary>
public sealed record DataBreachRequest(
    DateTimeOffset? DiscoveredAt, string? Nature, string? DataCategories, string? SubjectCategories,
    int? ApproximateSubjects, int? ApproximateRecords, IReadOnlyList<Guid>? OrganisationIds, string? Measures);

/// <summary>Records a data breach in the register, with a notice to give to each affected customer.</summary>
public static class RecordDataBreach
{
    internal static async Task<IResult> Post(HttpContext http, DeskDbContext db, TimeProvider clock, DataBreachRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var discoveredAt = request.DiscoveredAt ?? throw RequestException.Invalid("discoveredAt", "when was the breach discovered? The 48 hours run from then");
        if (request.OrganisationIds is not { Count: > 0 } organisations)
        {
            throw RequestException.Invalid("organisationIds", "which customers' personal data does it concern? At least one");
        }

        var distinct = organisations.Distinct().ToList();
        if (await db.Organisations.CountAsync(o => distinct.Contains(o.Id), cancellation) != distinct.Count)
        {
            throw RequestException.NotFound("organisationIds", "not every organisation given is one of your customers");
        }

        var now = clock.GetUtcNow();
        var report = new DataBreachReport(user.TenantId, discoveredAt, request.Nature, request.DataCategories, request.SubjectCategories,
            request.ApproximateSubjects, request.ApproximateRecords, request.Measures, user.Name, now);
        db.DataBreaches.Add(report);
        db.DataBreachNotices.AddRange(distinct.Select(o => new DataBreachNotice(user.TenantId, report.Id, o)));
        await db.SaveChangesAsync(cancellation);
        var view = (await DataBreachEndpoints.ViewsAsync(db, user, [report], now, cancellation))[0];
        return Results.Created($"/api/data-breaches/{report.Id}", view);
    }
}

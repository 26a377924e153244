using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Contracts.DataBreaches;
using ClauseDesk.Data;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk;

/// <summary>One affected customer: the 48-hour deadline and where its notification stands.</summary>
public sealed record BreachNoticeView(
    Guid OrganisationId, string Organisation, string Status, string NotifyBy, string? NotifiedAt, string? NotifiedTo, string? NotifiedBy, WorkingView Working);

/// <summary>
/// An entry of the data-breach register. <c>Status</c> is the most urgent of the customers' statuses:
/// overdue, then open, then notified-late, then notified-in-time.
/// </summary>
public sealed record DataBreachView(
    Guid Id, string DiscoveredAt, string Nature, string DataCategories, string SubjectCategories, int? ApproximateSubjects, int? ApproximateRecords,
    string Measures, string RecordedAt, string RecordedBy, string NotifyBy, WorkingView NotifyByWorking, string Status, IReadOnlyList<BreachNoticeView> Organisations);

/// <summary>
/// The data-breach register (SPEC §7, seed 004 §12.9): provider admins record breaches and the
/// notification of each affected customer; provider staff read the register, a customer admin the
/// entries that affect their organisation (and only their own organisation's notification).
/// </summary>
public static class DataBreachEndpoints
{
    public static IEndpointRouteBuilder MapDataBreaches(this IEndpointRouteBuilder endpoints)
    {
        var breaches = endpoints.MapGroup("/api/data-breaches").WithTags("Data breaches").RequireAuthorization();
        breaches.MapPost("/", RecordDataBreach.Post).WithSummary("Record a personal-data breach: discovery, nature, categories and approximate numbers, affected customers, measures (provider admin)")
            .Produces<DataBreachView>(StatusCodes.Status201Created).ProducesValidationProblem();
        breaches.MapGet("/", List).WithSummary("The data-breach register with each customer's 48-hour notification deadline and status (staff; a customer admin: breaches affecting their organisation)");
        breaches.MapGet("/{id:guid}", Get).WithSummary("One data breach with the working of its notification deadline");
        breaches.MapPost("/{id:guid}/notify", NotifyCustomer.Post).WithSummary("Record when and to whom an affected customer was informed in writing, once per customer (provider admin)");
        return endpoints;
    }

    private static async Task<IReadOnlyList<DataBreachView>> List(HttpContext http, DeskDbContext db, TimeProvider clock, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var reports = await Visible(db, user).OrderByDescending(b => b.DiscoveredAt).Take(500).ToListAsync(cancellation);
        return await ViewsAsync(db, user, reports, clock.GetUtcNow(), cancellation);
    }

    private static async Task<DataBreachView> Get(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var report = await Visible(db, user).FirstOrDefaultAsync(b => b.Id == id, cancellation) ?? throw RequestException.NotFound("id", "no such data breach");
        return (await ViewsAsync(db, user, [report], clock.GetUtcNow(), cancellation))[0];
    }

    /// <summary>The entries the user may read: all for staff, their organisation's for a customer admin; others are refused.</summary>
    internal static IQueryable<DataBreachReport> Visible(DeskDbContext db, CurrentUser user) => user.Role switch
    {
        _ when user.IsStaff => db.DataBreaches.AsNoTracking(),
        Role.CustomerAdmin => db.DataBreaches.AsNoTracking().Where(b => db.DataBreachNotices.Any(n => n.BreachId == b.Id && n.OrganisationId == user.OrganisationId)),
        _ => throw RequestException.Forbidden("the data-breach register is kept by the provider and shown to each customer's admin"),
    };

    internal static async Task<IReadOnlyList<DataBreachView>> ViewsAsync(DeskDbContext db, CurrentUser user, IReadOnlyList<DataBreachReport> reports, DateTimeOffset now, CancellationToken cancellation)
    {
        var ids = reports.Select(r => r.Id).ToList();
        var notices = await db.DataBreachNotices.AsNoTracking()
            .Where(n => ids.Contains(n.BreachId) && (user.IsStaff || n.OrganisationId == user.OrganisationId))
            .ToListAsync(cancellation);
        var organisationIds = notices.Select(n => n.OrganisationId).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellation);
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, cancellation);
        var zone = tenant.Zone();
        return [.. reports.Select(r => View(r, [.. notices.Where(n => n.BreachId == r.Id)], names, zone, now))];
    }

    private static DataBreachView View(DataBreachReport report, IReadOnlyList<DataBreachNotice> notices, IReadOnlyDictionary<Guid, string> names, DateTimeZone zone, DateTimeOffset now)
    {
        string Local(DateTimeOffset t) => TicketViewMapping.Iso(Instant.FromDateTimeOffset(t).InZone(zone).ToDateTimeOffset());
        var instant = Instant.FromDateTimeOffset(now);
        var rule = new DataBreach(Instant.FromDateTimeOffset(report.DiscoveredAt), report.Nature, zone);
        var deadline = rule.NotifyBy;
        var views = notices
            .Select(n =>
            {
                var status = report.For(n, zone).StatusAt(instant);
                return (Status: status.Value, View: new BreachNoticeView(
                    n.OrganisationId, names.GetValueOrDefault(n.OrganisationId, ""), status.Value.Code(), Local(deadline.Value.ToDateTimeOffset()),
                    n.NotifiedAt is { } at ? Local(at) : null, n.NotifiedTo, n.NotifiedBy, WorkingView.Of(status.Working)));
            })
            .OrderBy(v => v.View.Organisation, StringComparer.Ordinal)
            .ToList();
        var overall = views.Count == 0 ? rule.StatusAt(instant).Value : views.Select(v => v.Status).MinBy(Urgency);
        return new DataBreachView(
            report.Id, Local(report.DiscoveredAt), report.Nature, report.DataCategories, report.SubjectCategories, report.ApproximateSubjects, report.ApproximateRecords,
            report.Measures, Local(report.RecordedAt), report.RecordedBy, Local(deadline.Value.ToDateTimeOffset()), WorkingView.Of(deadline.Working), overall.Code(),
            [.. views.Select(v => v.View)]);
    }

    private static int Urgency(BreachNotificationStatus status) => status switch
    {
        BreachNotificationStatus.Overdue => 0,
        BreachNotificationStatus.Open => 1,
        BreachNotificationStatus.NotifiedLate => 2,
        _ => 3,
    };
}

using System.Globalization;
using System.Net;
using System.Text;
using ClauseDesk.Access;
using ClauseDesk.Data;
using ClauseDesk.Data.Outbox;
using ClauseDesk.Mail.Notices;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk.Maintenance;

/// <summary>What staff send to announce maintenance. <c>OrganisationIds</c> empty or absent: every customer.</summary>
public sealed record AnnounceRequest(string? Kind, string? Title, string? Services, string? Description, DateTimeOffset? Start, DateTimeOffset? End, IReadOnlyList<Guid>? OrganisationIds);

/// <summary>A maintenance window as the API shows it; customers do not see which other customers it affects.</summary>
public sealed record MaintenanceView(
    Guid Id, string Kind, string State, string Title, string Services, string Description, string Start, string End, string TimeZone,
    bool AffectsEveryone, IReadOnlyList<Guid>? OrganisationIds, string AnnouncedAt, string AnnouncedBy, string? CancelledBy, string StatusPage);

/// <summary>
/// Announced maintenance (SPEC §6): staff announce and cancel windows; subscribers are mailed through the
/// outbox; affected tickets' SLA figures follow at once; a public status page and iCalendar feed show them.
/// </summary>
public static class MaintenanceEndpoints
{
    public static IEndpointRouteBuilder MapMaintenance(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/maintenance").WithTags("Maintenance").RequireAuthorization();
        group.MapPost("/", Announce)
            .WithSummary("Announce maintenance (staff): planned at least 2 weeks ahead (seed 001 art. 27.2.3), unplanned or critical at once; excluded from the affected tickets' SLA clocks")
            .Produces<MaintenanceView>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapGet("/", List).WithSummary("Maintenance windows you may see, by start; customers see those that affect them");
        group.MapGet("/{id:guid}", Get).WithSummary("One maintenance window");
        group.MapPost("/{id:guid}/cancel", Cancel).WithSummary("Cancel a window that has not ended (staff); one under way ends now");

        var status = endpoints.MapGroup("/status").WithTags("Status page").AllowAnonymous();
        status.MapGet("/{tenantId:guid}", StatusPage).WithSummary("The provider's public status page: maintenance under way and ahead").Produces(StatusCodes.Status200OK, contentType: "text/html");
        status.MapGet("/{tenantId:guid}/maintenance.ics", Feed).WithSummary("The provider's maintenance as an iCalendar feed (RFC 5545)").Produces(StatusCodes.Status200OK, contentType: "text/calendar");
        return endpoints;
    }

    private static async Task<IResult> Announce(HttpContext http, DeskDbContext db, TimeProvider clock, AnnounceRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        RequireStaff(user);
        var kind = OpenTicket.Parse<MaintenanceKind>(request.Kind, "kind", required: true);
        var start = request.Start ?? throw RequestException.Invalid("start", "when does the window start? (an instant with its offset)");
        var end = request.End ?? throw RequestException.Invalid("end", "when does the window end? (an instant with its offset)");
        var organisations = request.OrganisationIds ?? [];
        var known = await db.Organisations.Where(o => organisations.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellation);
        if (organisations.Except(known).Any())
        {
            throw RequestException.NotFound("organisationIds", "not every organisation given is one of your customers");
        }

        var now = clock.GetUtcNow();
        var window = MaintenanceWindow.Announce(user.TenantId, kind, request.Title ?? "", request.Services ?? "", request.Description, start, end, organisations, user.Name, now);
        var tenant = await db.Tenants.FirstAsync(t => t.Id == user.TenantId, cancellation);

        db.MaintenanceWindows.Add(window);
        await PublishAsync(db, window, tenant, "announced", now, cancellation);
        return Results.Created($"/api/maintenance/{window.Id}", View(window, tenant, user, now));
    }

    private static async Task<IReadOnlyList<MaintenanceView>> List(HttpContext http, DeskDbContext db, TimeProvider clock, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var tenant = await db.Tenants.FirstAsync(t => t.Id == user.TenantId, cancellation);
        var windows = await db.MaintenanceWindows.AsNoTracking().OrderBy(w => w.Start).ToListAsync(cancellation);
        var now = clock.GetUtcNow();
        return [.. windows.Where(w => MaySee(user, w)).Select(w => View(w, tenant, user, now))];
    }

    private static async Task<MaintenanceView> Get(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var window = await db.MaintenanceWindows.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellation);
        if (window is null || !MaySee(user, window))
        {
            throw RequestException.NotFound("id", "no such maintenance window");
        }

        var tenant = await db.Tenants.FirstAsync(t => t.Id == user.TenantId, cancellation);
        return View(window, tenant, user, clock.GetUtcNow());
    }

    private static async Task<MaintenanceView> Cancel(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        RequireStaff(user);
        var window = await db.MaintenanceWindows.FirstOrDefaultAsync(w => w.Id == id, cancellation) ?? throw RequestException.NotFound("id", "no such maintenance window");
        var tenant = await db.Tenants.FirstAsync(t => t.Id == user.TenantId, cancellation);
        var now = clock.GetUtcNow();
        window.Cancel(user.Name, now);

        await PublishAsync(db, window, tenant, window.CancelledAt is null ? "ended-early" : "cancelled", now, cancellation);
        return View(window, tenant, user, now);
    }

    private static async Task<IResult> StatusPage(DeskDbContext db, TimeProvider clock, Guid tenantId, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var (tenant, windows) = await PublicWindowsAsync(db, tenantId, now, cancellation);
        var zone = Zone(tenant);
        var html = new StringBuilder();
        string E(string s) => WebUtility.HtmlEncode(s);
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{E(tenant.Name)}: status</title>");
        html.Append("<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}li{margin:.75rem 0}.state{font-weight:600}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(tenant.Name)}: status</h1><p><a href=\"/status/{tenantId}/maintenance.ics\">Subscribe to the maintenance calendar (iCalendar)</a></p>");
        var current = windows.Where(w => w.CancelledAt is null && w.End > now).ToList();
        html.Append(current.Count == 0 ? "<p>No maintenance under way or announced.</p><ul>" : "<h2>Maintenance</h2><ul>");
        foreach (var w in current)
        {
            var state = w.Start <= now ? "Under way" : "Ahead";
            html.Append(CultureInfo.InvariantCulture,
                $"<li><span class=\"state\">{state}</span> · {E(w.Kind.ToString())} · <strong>{E(w.Title)}</strong><br>{E(Local(w.Start, zone))} – {E(Local(w.End, zone))}<br>Services: {E(w.Services)} · {(w.AffectsEveryone ? "all customers" : "some customers")}{(w.Description.Length > 0 ? "<br>" + E(w.Description) : "")}</li>");
        }

        html.Append("</ul></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static async Task<IResult> Feed(DeskDbContext db, TimeProvider clock, Guid tenantId, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var (tenant, windows) = await PublicWindowsAsync(db, tenantId, now, cancellation);
        return Results.Text(ICalendar.Write(tenant.Name, windows, now), "text/calendar; charset=utf-8");
    }

    /// <summary>The windows of the public page and feed: everything but long-ended windows, without customers' names.</summary>
    private static async Task<(Tenant Tenant, List<MaintenanceWindow> Windows)> PublicWindowsAsync(DeskDbContext db, Guid tenantId, DateTimeOffset now, CancellationToken cancellation)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, cancellation) ?? throw RequestException.NotFound("tenantId", "no such provider");
        db.Scope.TenantId = tenant.Id;
        var since = now.AddDays(-90);
        var windows = await db.MaintenanceWindows.AsNoTracking().Where(w => w.End > since).OrderBy(w => w.Start).ToListAsync(cancellation);
        return (tenant, windows);
    }

    /// <summary>
    /// Saves a new or changed window, tells its subscribers and refreshes the affected tickets, in one
    /// transaction: the tickets' figures are read with the window already saved.
    /// </summary>
    private static async Task PublishAsync(DeskDbContext db, MaintenanceWindow window, Tenant tenant, string what, DateTimeOffset now, CancellationToken cancellation)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await db.SaveChangesAsync(cancellation);
        await NotifySubscribersAsync(db, window, tenant, what, now, cancellation);
        await RefreshAffectedTicketsAsync(db, window, now, cancellation);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
    }

    /// <summary>Mails the affected customers' contact persons and admins, once per window, event and person.</summary>
    private static async Task NotifySubscribersAsync(DeskDbContext db, MaintenanceWindow window, Tenant tenant, string what, DateTimeOffset now, CancellationToken cancellation)
    {
        var organisations = window.OrganisationIds;
        var subscribers = await db.People
            .Where(p => p.Active && p.OrganisationId != null && (p.Role == Role.ContactPerson || p.Role == Role.CustomerAdmin))
            .Where(p => window.AffectsEveryone || organisations.Contains(p.OrganisationId!.Value))
            .Select(p => new { p.Id, p.Email, p.Name, p.Language })
            .ToListAsync(cancellation);
        var notice = new MaintenanceMail(what switch { "announced" => MaintenanceEvent.Announced, "cancelled" => MaintenanceEvent.Cancelled, _ => MaintenanceEvent.EndedEarly },
            tenant.Name, window.Kind, window.Title, window.Services, window.Description, window.Start, window.End);
        foreach (var person in subscribers)
        {
            var mail = NoticeCatalogue.Render(notice, person.Language, new NoticeContext(tenant.Name, Zone(tenant), person.Name));
            db.Outbox.Add(new OutboxMessage
            {
                TenantId = window.TenantId,
                DedupKey = $"maintenance:{window.Id:N}:{what}:{person.Id:N}",
                Kind = $"maintenance-{what}",
                Audience = "subscriber",
                Recipients = person.Email,
                Subject = mail.Subject.Length > 300 ? mail.Subject[..300] : mail.Subject,
                Body = mail.Text,
                HtmlBody = mail.Html,
                Language = mail.Language,
                CreatedAt = now,
            });
        }
    }

    /// <summary>The kept SLA figures (next due, breached, tier) of the affected open tickets follow the window at once.</summary>
    private static async Task RefreshAffectedTicketsAsync(DeskDbContext db, MaintenanceWindow window, DateTimeOffset now, CancellationToken cancellation)
    {
        var organisations = window.OrganisationIds;
        var tickets = await db.Tickets.Where(t => t.IsOpen && (window.AffectsEveryone || organisations.Contains(t.OrganisationId))).ToListAsync(cancellation);
        var contractIds = tickets.Select(t => t.ContractId).Distinct().ToList();
        var contracts = await db.Contracts.Where(c => contractIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellation);
        await MaintenanceExclusions.ApplyAsync(db, contracts.Values, cancellation);
        foreach (var ticket in tickets)
        {
            var contract = contracts[ticket.ContractId];
            ticket.Refresh(contract.Policy(), contract.Fees(), now);
            await TicketAccess.QueueNoticesAsync(db, ticket, contract, now, cancellation);
        }
    }

    private static bool MaySee(CurrentUser user, MaintenanceWindow window) =>
        user.IsStaff || (window.CancelledAt is null && user.OrganisationId is { } organisation && window.Affects(organisation));

    private static void RequireStaff(CurrentUser user)
    {
        if (!user.IsStaff)
        {
            throw RequestException.Forbidden("maintenance is announced by the provider's staff");
        }
    }

    private static MaintenanceView View(MaintenanceWindow w, Tenant tenant, CurrentUser user, DateTimeOffset now)
    {
        var zone = Zone(tenant);
        string Iso(DateTimeOffset t) => TicketViewMapping.Iso(Instant.FromDateTimeOffset(t).InZone(zone).ToDateTimeOffset());
        var state = w.CancelledAt is not null ? "cancelled" : w.End <= now ? "ended" : w.Start <= now ? "under-way" : "ahead";
        return new MaintenanceView(w.Id, w.Kind.Code(), state, w.Title, w.Services, w.Description, Iso(w.Start), Iso(w.End), zone.Id,
            w.AffectsEveryone, user.IsStaff ? w.OrganisationIds : null, Iso(w.AnnouncedAt), w.AnnouncedBy, w.CancelledBy, $"/status/{w.TenantId}");
    }

    private static DateTimeZone Zone(Tenant tenant) => tenant.Zone();

    private static string Local(DateTimeOffset t, DateTimeZone zone)
    {
        var local = Instant.FromDateTimeOffset(t).InZone(zone);
        return $"{local.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({zone.GetZoneInterval(local.ToInstant()).Name})";
    }
}

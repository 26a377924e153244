using ClauseDesk.Data;
using ClauseDesk.Sla;
using ClauseDesk.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Portal.Pages.Tickets;

/// <summary>
/// The agents' queue, next deadline first. Filters live in the URL so a view can be bookmarked:
/// <c>view</c> (all, mine: assigned to me, team: at my support line), <c>status</c> (open, closed), <c>priority</c>, <c>page</c>.
/// </summary>
public sealed class QueueModel(DeskDbContext db, TimeProvider clock) : PortalPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string View { get; set; } = "all";

    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = "open";

    [BindProperty(SupportsGet = true)]
    public Priority? Priority { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<TicketRow> Rows { get; private set; } = [];
    public bool HasMore { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation)
    {
        if (!Me.IsStaff)
        {
            return Redirect("/tickets");
        }

        Now = clock.GetUtcNow();
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var query = db.Tickets.AsNoTracking().VisibleTo(db, Me);
        // Compared with a parameter, as the API's list does, so SQLite seeks the queue index.
        var open = Status != "closed";
        query = query.Where(t => t.IsOpen == open);
        switch (View)
        {
            case "mine":
                query = query.Where(t => t.AssigneeId == Me.PersonId);
                break;
            case "team":
                var line = await db.People.Where(p => p.Id == Me.PersonId).Select(p => p.AgentLine).FirstOrDefaultAsync(cancellation) ?? SupportLine.First;
                query = query.Where(t => t.Line == line);
                break;
            default:
                View = "all";
                break;
        }

        if (Priority is { } priority)
        {
            query = query.Where(t => t.Priority == priority);
        }

        var tickets = await query.OrderBy(t => t.QueueKey).ThenBy(t => t.Number)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellation);
        HasMore = tickets.Count > PageSize;
        tickets = [.. tickets.Take(PageSize)];
        var contractIds = tickets.Select(t => t.ContractId).Distinct().ToList();
        var organisationIds = tickets.Select(t => t.OrganisationId).Distinct().ToList();
        var contracts = await db.Contracts.AsNoTracking().Where(c => contractIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellation);
        await Maintenance.MaintenanceExclusions.ApplyAsync(db, contracts.Values, cancellation);
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellation);
        Rows = TicketRow.Of(tickets, contracts, organisations, Now);
        return Page();
    }

    /// <summary>This view's URL with one filter changed.</summary>
    public string With(string? view = null, string? status = null, string? priority = null, int? page = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["view"] = view ?? View,
            ["status"] = status ?? Status,
            ["priority"] = priority ?? Priority?.ToString(),
            ["page"] = page is { } p && p > 1 ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        if (priority == "")
        {
            query["priority"] = null;
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/queue", query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }
}

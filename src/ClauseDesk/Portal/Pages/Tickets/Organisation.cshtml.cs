using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Portal.Pages.Tickets;

/// <summary>
/// A customer's page: the organisation's tickets they may see (<see cref="TicketAccess.VisibleTo"/>),
/// next deadline first, and their contracts' service levels in words.
/// </summary>
public sealed class OrganisationModel(DeskDbContext db, TimeProvider clock) : PortalPage
{
    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = "open";

    public IReadOnlyList<TicketRow> Rows { get; private set; } = [];
    public IReadOnlyList<ServiceContract> Contracts { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation)
    {
        if (Me.IsStaff)
        {
            return Redirect("/queue");
        }

        Now = clock.GetUtcNow();
        var open = Status != "closed";
        var tickets = await db.Tickets.AsNoTracking().VisibleTo(db, Me)
            .Where(t => t.IsOpen == open)
            .OrderBy(t => t.QueueKey).ThenBy(t => t.Number)
            .Take(200).ToListAsync(cancellation);
        Contracts = await db.Contracts.AsNoTracking().Where(c => c.OrganisationId == Me.OrganisationId && c.Active).OrderBy(c => c.Name).ToListAsync(cancellation);
        var all = await db.Contracts.AsNoTracking().Where(c => c.OrganisationId == Me.OrganisationId).ToDictionaryAsync(c => c.Id, cancellation);
        await Maintenance.MaintenanceExclusions.ApplyAsync(db, all.Values, cancellation);
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.Id == Me.OrganisationId).ToDictionaryAsync(o => o.Id, cancellation);
        Rows = TicketRow.Of(tickets, all, organisations, Now);
        return Page();
    }
}

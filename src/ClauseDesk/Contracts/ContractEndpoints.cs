using System.Text.Json;
using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Maintenance;
using ClauseDesk.Sla;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk;

public sealed record ContractRequest(
    Guid? OrganisationId,
    string? Name,
    string? SlaPreset,
    decimal? MonthlyFee,
    int? AutoCloseWorkingDays,
    bool? OnlyContactPersonsMayOpen,
    string? IncidentReportRule,
    Guid? ServiceManagerId,
    string? Tier2Contacts,
    string? Tier3Contacts,
    string? SupplierResume,
    JsonElement? Calendar,
    JsonElement? Targets);

public sealed record TargetView(string Priority, string? Reaction, string? Resolution);

public sealed record ContractView(
    Guid Id,
    Guid OrganisationId,
    string Name,
    string SlaPreset,
    string Policy,
    string Clause,
    string Calendar,
    string TimeZone,
    IReadOnlyList<TargetView> Targets,
    decimal? MonthlyFee,
    int? AutoCloseWorkingDays,
    bool OnlyContactPersonsMayOpen,
    string IncidentReportRule,
    Guid? ServiceManagerId,
    string Tier2Contacts,
    string Tier3Contacts,
    string SupplierResume,
    bool Active);

/// <summary>Contracts, the part the desk needs: the SLA policy and the rules around tickets.</summary>
public static class ContractEndpoints
{
    public static IEndpointRouteBuilder MapContracts(this IEndpointRouteBuilder endpoints)
    {
        var contracts = endpoints.MapGroup("/api/contracts").WithTags("Contracts").RequireAuthorization();
        contracts.MapGet("/", List).WithSummary("Contracts you may see, with their service levels in words");
        contracts.MapGet("/{id:guid}", Get).WithSummary("One contract");
        contracts.MapPost("/", Create).WithSummary("Add a contract to an organisation (provider admin)").Produces<ContractView>(StatusCodes.Status201Created).ProducesValidationProblem();
        contracts.MapPost("/{id:guid}/sla", ChangeSla).WithSummary("Move the contract to another SLA preset; open tickets keep the time already used and paused (provider admin)");
        contracts.MapGet("/{id:guid}/rights", Rights).WithSummary("Who of the customer's people may view the contract's tickets (provider admin, customer admin)");
        contracts.MapPut("/{id:guid}/rights/{personId:guid}", SetRight).WithSummary("Let a customer user view all of a contract's tickets, or not (provider admin, customer admin)");
        contracts.MapPost("/{id:guid}/deactivate", Deactivate).WithSummary("End a contract: its tickets stop escalating and auto-closing (provider admin)");
        return endpoints;
    }

    private static async Task<IReadOnlyList<ContractView>> List(HttpContext http, DeskDbContext db, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var query = db.Contracts.AsNoTracking();
        if (!user.IsStaff)
        {
            query = query.Where(c => c.OrganisationId == user.OrganisationId);
        }

        var contracts = await query.OrderBy(c => c.Name).ToListAsync(cancellation);
        return [.. contracts.Select(View)];
    }

    private static async Task<ContractView> Get(HttpContext http, DeskDbContext db, Guid id, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && (user.IsStaff || c.OrganisationId == user.OrganisationId), cancellation)
            ?? throw RequestException.NotFound("id", "no such contract");
        return View(contract);
    }

    private static async Task<IResult> Create(HttpContext http, DeskDbContext db, ContractRequest request, CancellationToken cancellation)
    {
        var contract = await AddContract.HandleAsync(db, CurrentUser.Of(http), request, cancellation);
        return Results.Created($"/api/contracts/{contract.Id}", View(contract));
    }

    public sealed record SlaChange(string? SlaPreset);

    public sealed record RightRequest(bool CanView);

    public sealed record RightView(Guid PersonId, Guid ContractId, bool CanView);

    private static async Task<IReadOnlyList<RightView>> Rights(HttpContext http, DeskDbContext db, Guid id, CancellationToken cancellation)
    {
        var contract = await ContractRights.ManagedAsync(db, CurrentUser.Of(http), id, cancellation);
        return await db.ContractRights.Where(r => r.ContractId == contract.Id)
            .Select(r => new RightView(r.PersonId, r.ContractId, r.CanView)).ToListAsync(cancellation);
    }

    private static async Task<RightView> SetRight(HttpContext http, DeskDbContext db, Guid id, Guid personId, RightRequest request, CancellationToken cancellation)
    {
        var right = await ContractRights.SetAsync(db, CurrentUser.Of(http), id, personId, request.CanView, cancellation);
        return new RightView(personId, id, right.CanView);
    }

    private static async Task<ContractView> ChangeSla(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, SlaChange request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();

        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.Id == id, cancellation) ?? throw RequestException.NotFound("id", "no such contract");
        contract.ChangePreset(request.SlaPreset ?? "");
        await MaintenanceExclusions.ApplyAsync(db, [contract], cancellation);
        var now = clock.GetUtcNow();
        // The kept figures (next due, breached, tier) of open tickets follow the new targets at once.
        var open = await db.Tickets.Where(t => t.ContractId == id && t.IsOpen).ToListAsync(cancellation);
        foreach (var ticket in open)
        {
            ticket.Refresh(contract.Policy(), contract.Fees(), now);
            await TicketAccess.QueueNoticesAsync(db, ticket, contract, now, cancellation);
        }

        await db.SaveChangesAsync(cancellation);
        return View(contract);
    }

    private static async Task<ContractView> Deactivate(HttpContext http, DeskDbContext db, Guid id, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();

        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.Id == id, cancellation) ?? throw RequestException.NotFound("id", "no such contract");
        contract.Deactivate();
        await db.SaveChangesAsync(cancellation);
        return View(contract);
    }

    public static ContractView View(ServiceContract c)
    {
        var policy = c.Policy();
        var calendar = policy.Calendar;
        return new ContractView(
            c.Id, c.OrganisationId, c.Name, c.SlaPreset, policy.Name, policy.Clause, calendar.Name, calendar.TimeZone.Id,
            [.. Enum.GetValues<Priority>().Select(p => new TargetView(p.ToString(), policy.ReactionTarget(p)?.Describe(calendar), policy.ResolutionTarget(p)?.Describe(calendar)))],
            c.MonthlyFee, policy.AutoCloseWorkingDays, c.OnlyContactPersonsMayOpen, c.IncidentReportRule.Code(), c.ServiceManagerId,
            c.Tier2Contacts, c.Tier3Contacts, c.SupplierResume.Code(), c.Active);
    }
}

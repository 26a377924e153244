using ClauseDesk.Data;
using ClauseDesk.Data.Audit;
using ClauseDesk.Sla;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Tickets;

/// <summary>What an action on a ticket may carry; each action reads the fields it needs.</summary>
public sealed record TicketActionRequest(string? Note, string? Reason, int? Line, string? Urgency, string? Impact, string? Question, string? ClosingReason);

public sealed record MessageRequest(string? Body, bool Internal);

public sealed record MessageView(Guid Id, string Author, string Body, bool Internal, string Channel, string At);

public sealed record AuditView(int Sequence, string Action, string Actor, string At, string? Before, string? After, string Hash, string PreviousHash);

public sealed record AuditTrailView(string Number, bool ChainIntact, int? FirstBrokenSequence, IReadOnlyList<AuditView> Entries);

/// <summary>One page of tickets. <c>Total</c> counts matches up to <see cref="TicketEndpoints.CountLimit"/>; beyond it <c>TotalIsAtLeast</c> is true.</summary>
public sealed record TicketPage(int Page, int PageSize, int Total, bool TotalIsAtLeast, IReadOnlyList<TicketView> Items);

/// <summary>The ticket API: open, list, read, act, message, SLA and audit.</summary>
public static class TicketEndpoints
{
    public static IEndpointRouteBuilder MapTickets(this IEndpointRouteBuilder endpoints)
    {
        var tickets = endpoints.MapGroup("/api/tickets").WithTags("Tickets").RequireAuthorization();
        tickets.MapPost("/", OpenTicket.HandleAsync)
            .WithSummary("Open a ticket (send Idempotency-Key to make retries safe)")
            .Accepts<OpenTicketRequest>("application/json")
            .Produces<TicketView>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        tickets.MapGet("/", List).WithSummary("Tickets you may see, sorted by next due; filters: status, organisation, priority, breached, dueBefore");
        tickets.MapGet("/{number}", Get).WithSummary("A ticket with its live SLA and the working of every figure (ETag: its version, for If-Match)").Produces<TicketView>();
        tickets.MapGet("/{number}/sla", Sla).WithSummary("The live SLA of a ticket");
        tickets.MapPost("/{number}/actions/{action}", Act)
            .WithSummary("acknowledge, start, ask-customer, wait-on-supplier, supplier-delivered, hand-over, on-site, pause, resume, reclassify, workaround, resolve, accept, reopen, close — If-Match required")
            .Produces<TicketView>()
            .ProducesValidationProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem(StatusCodes.Status428PreconditionRequired);
        tickets.MapGet("/{number}/messages", Messages).WithSummary("Public messages, and internal notes for staff");
        tickets.MapPost("/{number}/messages", AddMessage).WithSummary("Reply or add an internal note").Produces<MessageView>(StatusCodes.Status201Created).ProducesValidationProblem();
        tickets.MapGet("/{number}/audit", Audit).WithSummary("Every change of the ticket, hash-chained, with the chain verified");
        return endpoints;
    }

    public const int CountLimit = 1_000;

    public static string ETag(Ticket ticket) => ActOnTicket.ETag(ticket);

    private static async Task<TicketPage> List(
        HttpContext http,
        DeskDbContext db,
        string? status,
        Guid? organisation,
        string? priority,
        bool? breached,
        DateTimeOffset? dueBefore,
        int page = 1,
        int pageSize = 50,
        CancellationToken cancellation = default)
    {
        var user = CurrentUser.Of(http);
        if (page < 1)
        {
            throw RequestException.Invalid("page", "pages start at 1");
        }

        if (pageSize is < 1 or > 200)
        {
            throw RequestException.Invalid("pageSize", "1 to 200");
        }

        if (page > 1_000_000)
        {
            throw RequestException.Invalid("page", "at most 1,000,000");
        }

        var query = db.Tickets.AsNoTracking().VisibleTo(db, user);
        if (status is not null)
        {
            if (status.Equals("open", StringComparison.OrdinalIgnoreCase))
            {
                // Compared with a parameter, not as a bare column: SQLite then seeks the (tenant, is_open, …) index.
                var open = true;
                query = query.Where(t => t.IsOpen == open);
            }
            else
            {
                var s = OpenTicket.Parse<TicketStatus>(status, "status", required: true);
                query = query.Where(t => t.Status == s);
            }
        }

        if (organisation is { } org)
        {
            query = query.Where(t => t.OrganisationId == org);
        }

        if (priority is not null)
        {
            var p = Enum.TryParse<Priority>(priority, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw RequestException.Invalid("priority", $"'{priority}' is not P1, P2, P3 or P4");
            query = query.Where(t => t.Priority == p);
        }

        if (breached is { } b)
        {
            query = query.Where(t => t.Breached == b);
        }

        if (dueBefore is { } due)
        {
            query = query.Where(t => t.NextDueAt != null && t.NextDueAt < due);
        }

        // Next due first, tickets with no running clock after them; the number is unique, so pages never overlap.
        var queue = query.OrderBy(t => t.QueueKey).ThenBy(t => t.Number);

        // The stored fields only: a list shows no SLA, so the clock entries are not loaded.
        var skipped = (page - 1) * pageSize;
        var items = await queue
            .Skip(skipped).Take(pageSize)
            .Select(TicketRow.Of)
            .ToListAsync(cancellation);

        // A page that is not full is the end of the queue, and so tells the total itself. Otherwise count,
        // up to a limit: counting every match would cost more than the page on a large desk (a queue
        // shows "1,000+"). In the queue's order, so that the rows counted are the first ones of the index
        // range the page reads too, and the count stops there.
        var total = items.Count < pageSize && (items.Count > 0 || page == 1)
            ? skipped + items.Count
            : await queue.Take(CountLimit + 1).CountAsync(cancellation);

        // A list shows times in each contract's zone and computes no SLA: the contracts' calendars, without
        // the maintenance windows an SLA would exclude.
        var contractIds = items.Select(t => t.ContractId).Distinct().ToList();
        var contracts = await db.Contracts.AsNoTracking().Where(c => contractIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellation);
        return new TicketPage(page, pageSize, Math.Min(total, CountLimit), total > CountLimit, [.. items.Select(t => t.View(contracts[t.ContractId].Policy().Calendar, sla: null))]);
    }

    private static async Task<IResult> Get(HttpContext http, DeskDbContext db, TimeProvider clock, string number, CancellationToken cancellation)
    {
        var (ticket, contract) = await TicketAccess.FindAsync(db, CurrentUser.Of(http), number, cancellation);
        http.Response.Headers.ETag = ETag(ticket);
        return Results.Ok(ticket.View(contract, clock.GetUtcNow()));
    }

    private static async Task<SlaView> Sla(HttpContext http, DeskDbContext db, TimeProvider clock, string number, CancellationToken cancellation)
    {
        var (ticket, contract) = await TicketAccess.FindAsync(db, CurrentUser.Of(http), number, cancellation);
        return ticket.SlaView(contract, clock.GetUtcNow());
    }

    private static async Task<IResult> Act(HttpContext http, DeskDbContext db, TimeProvider clock, string number, string action, TicketActionRequest? request, CancellationToken cancellation)
    {
        var acted = await ActOnTicket.TakeAsync(db, clock, CurrentUser.Of(http), number, action, request, http.Request.Headers.IfMatch.ToString(), Channel.Api, cancellation);
        http.Response.Headers.ETag = ETag(acted.Ticket);
        return Results.Ok(acted.Ticket.View(acted.Contract, acted.At, sla: acted.Sla));
    }

    private static async Task<IReadOnlyList<MessageView>> Messages(HttpContext http, DeskDbContext db, string number, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var (ticket, contract) = await TicketAccess.FindAsync(db, user, number, cancellation);
        var zone = contract.Policy().Calendar;
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.TicketId == ticket.Id && (user.IsStaff || !m.IsInternal))
            .OrderBy(m => m.At).ToListAsync(cancellation);
        return [.. messages.Select(m => new MessageView(m.Id, m.AuthorName, m.Body, m.IsInternal, m.Channel.Code(), TicketViewMapping.Iso(zone.InZone(m.At))))];
    }

    private static async Task<IResult> AddMessage(HttpContext http, DeskDbContext db, TimeProvider clock, string number, MessageRequest request, CancellationToken cancellation)
    {
        var (message, contract) = await ActOnTicket.AddMessageAsync(db, clock, CurrentUser.Of(http), number, request.Body, request.Internal, Channel.Api, cancellation);
        var zone = contract.Policy().Calendar;
        return Results.Created($"/api/tickets/{number}/messages/{message.Id}",
            new MessageView(message.Id, message.AuthorName, message.Body, message.IsInternal, message.Channel.Code(), TicketViewMapping.Iso(zone.InZone(message.At))));
    }

    private static async Task<AuditTrailView> Audit(HttpContext http, DeskDbContext db, string number, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var (ticket, contract) = await TicketAccess.FindAsync(db, user, number, cancellation);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Ticket) && a.EntityId == ticket.Id)
            .OrderBy(a => a.Sequence).ToListAsync(cancellation);
        var broken = AuditTrail.FirstBroken(entries);
        var zone = contract.Policy().Calendar;
        // The chain is verified on the stored text; customers then get it without the notes staff wrote on actions.
        return new AuditTrailView(number, broken is null, broken, [.. entries.Select(e => new AuditView(
            e.Sequence, e.Action, e.ActorName, TicketViewMapping.Iso(zone.InZone(e.At)), e.Before, user.IsStaff ? e.After : WithoutNotes(e.After), e.Hash, e.PreviousHash))]);
    }

    private static string? WithoutNotes(string? after)
    {
        if (after is null || !after.Contains("slaEvents", StringComparison.Ordinal))
        {
            return after;
        }

        var values = System.Text.Json.JsonSerializer.Deserialize<SortedDictionary<string, string?>>(after)!;
        if (values.TryGetValue("slaEvents", out var events) && events is not null)
        {
            // "3. Paused (ForceMajeure) at … by Eva: note" → without ": note".
            values["slaEvents"] = string.Join("; ", events.Split("; ").Select(line => System.Text.RegularExpressions.Regex.Replace(line, @"^(\d+\. .*? by [^:]*):.*$", "$1")));
        }

        return System.Text.Json.JsonSerializer.Serialize(values);
    }
}

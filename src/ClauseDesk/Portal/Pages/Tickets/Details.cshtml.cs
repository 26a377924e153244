using System.Text.Json;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Sla;
using ClauseDesk.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Portal.Pages.Tickets;

/// <summary>One entry of a ticket's timeline: a message, an internal note, an SLA event or an audit entry.</summary>
public sealed record TimelineItem(DateTimeOffset At, int Order, string Kind, string Who, string Title, string? Text);

/// <summary>
/// A ticket: the timeline on the left, the clocks with their working and the actions on the right.
/// Every action goes through <see cref="ActOnTicket"/> with the version the page was read at, so a
/// form that went stale says so instead of overwriting someone else's change.
/// </summary>
public sealed class DetailsModel(DeskDbContext db, TimeProvider clock) : PortalPage
{
    // Audit fields that change on every save and say nothing to a reader.
    private static readonly HashSet<string> Noise = new(["Version", "UpdatedAt", "QueueKey", "NextDueAt", "SlaEvents", "IsOpen", "TenantId", "Id"], StringComparer.OrdinalIgnoreCase);

    [BindProperty(SupportsGet = true)]
    public string Number { get; set; } = "";

    /// <summary>The reply or note being written, kept when it is refused.</summary>
    [BindProperty]
    public string? Body { get; set; }

    public Ticket Ticket { get; private set; } = null!;
    public ServiceContract Contract { get; private set; } = null!;
    public string Organisation { get; private set; } = "";
    public string Requester { get; private set; } = "";
    public PortalClock Reaction { get; private set; } = null!;
    public PortalClock Resolution { get; private set; } = null!;
    public SlaStatus Sla { get; private set; } = null!;
    public SlaView SlaView { get; private set; } = null!;
    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public bool Missing { get; private set; }
    public string? Error { get; private set; }
    public bool Stale { get; private set; }

    public Calendars.BusinessCalendar Calendar => Reaction.Calendar;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation)
    {
        await LoadAsync(cancellation);
        return Page();
    }

    public async Task<IActionResult> OnPostActAsync(string action, int version, string? note, string? reason, int? line, string? urgency, string? impact, string? question, string? closingReason, CancellationToken cancellation)
    {
        var request = new TicketActionRequest(Blank(note), Blank(reason), line, urgency, impact, Blank(question), closingReason);
        return await SaveAsync(() => ActOnTicket.TakeAsync(db, clock, Me, Number, action, request, $"\"{version}\"", Channel.Portal, cancellation), cancellation);
    }

    public async Task<IActionResult> OnPostMessageAsync(bool isInternal, CancellationToken cancellation) =>
        await SaveAsync(() => ActOnTicket.AddMessageAsync(db, clock, Me, Number, Body?.ReplaceLineEndings("\n"), isInternal, Channel.Portal, cancellation), cancellation);

    private async Task<IActionResult> SaveAsync(Func<Task> change, CancellationToken cancellation)
    {
        try
        {
            await change();
            Flash = T.Done;
            return RedirectToPage(new { number = Number });
        }
        catch (RequestException e) when (e.Status == StatusCodes.Status412PreconditionFailed)
        {
            Stale = true;
        }
        catch (DbUpdateConcurrencyException)
        {
            Stale = true;
        }
        catch (RequestException e) when (e.Status != StatusCodes.Status404NotFound)
        {
            Error = $"{T.Refused}: {e.Message}";
            Response.StatusCode = e.Status;
        }
        catch (DeskRuleException e)
        {
            Error = $"{T.Refused}: {RefusalText.Explain(e)}";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        if (Stale)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        db.ChangeTracker.Clear();
        await LoadAsync(cancellation);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellation)
    {
        Now = clock.GetUtcNow();
        try
        {
            (Ticket, Contract) = await TicketAccess.FindAsync(db, Me, Number, cancellation);
        }
        catch (RequestException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            // Another organisation's ticket and a ticket that does not exist look the same.
            Missing = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        (Reaction, Resolution, Sla, SlaView) = PortalClock.Of(Ticket, Contract, Now);
        Organisation = await db.Organisations.Where(o => o.Id == Ticket.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(cancellation) ?? "";
        Requester = await db.People.Where(p => p.Id == Ticket.RequesterId).Select(p => p.Name).FirstOrDefaultAsync(cancellation) ?? "";

        var staff = Me.IsStaff;
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.TicketId == Ticket.Id && (staff || !m.IsInternal))
            .ToListAsync(cancellation);
        var items = new List<TimelineItem>();
        items.AddRange(messages.Select(m => new TimelineItem(m.At, 2, m.IsInternal ? "note" : "message", m.AuthorName, m.IsInternal ? T.InternalNote : T.Message, m.Body)));
        items.AddRange(Ticket.Clock.Select(c => new TimelineItem(c.At, 1, "event", c.Actor, EventTitle(c),
            // Customers do not read the notes staff write on actions (as in the API's audit).
            staff ? c.Note : null)));
        if (staff)
        {
            var audit = await db.AuditEntries.AsNoTracking()
                .Where(a => a.EntityType == nameof(Ticket) && a.EntityId == Ticket.Id)
                .OrderBy(a => a.Sequence).ToListAsync(cancellation);
            items.AddRange(audit.Select(a => new TimelineItem(a.At, 3, "audit", a.ActorName,
                $"#{a.Sequence} {(a.Action == "created" ? T.Created : T.ChangedBy)}",
                // What a creation holds is on the page already; a change lists its fields.
                a.Action == "created" ? null : Changes(a.Before, a.After))));
        }

        Timeline = [.. items.OrderBy(i => i.At).ThenBy(i => i.Order)];
    }

    private string EventTitle(ClockEntry entry)
    {
        var title = T.Events[entry.Kind];
        if (entry.Priority is { } priority)
        {
            title += $": {priority} · {T.PriorityName(priority)}";
        }

        if (entry.Reason is { } reason)
        {
            title += $": {T.PauseReasons[reason]}";
        }

        return title;
    }

    // "status: new → acknowledged", one line per field that a reader cares about.
    private static string? Changes(string? before, string? after)
    {
        var old = Read(before);
        var lines = Read(after)
            .Where(p => !Noise.Contains(p.Key))
            .Select(p => old.TryGetValue(p.Key, out var was) ? $"{p.Key}: {was} → {p.Value}" : $"{p.Key}: {p.Value}")
            .Where(line => line.Length <= 160)
            .ToList();
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    private static Dictionary<string, string> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind != JsonValueKind.Object
            ? []
            : document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText());
    }

    // Browsers send a textarea's line breaks as CR LF; the desk keeps LF.
    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.ReplaceLineEndings("\n");
}

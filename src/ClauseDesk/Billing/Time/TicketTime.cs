using System.Text.Json;
using ClauseDesk.Billing.Credits;
using ClauseDesk.Billing.Time;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk.Billing;

/// <summary>Time spent on a ticket: <c>start</c>, and <c>end</c> or <c>minutes</c>; <c>place</c> remote or on-site; kilometres only on site.</summary>
public sealed record TimeRequest(DateTimeOffset? Start, DateTimeOffset? End, int? Minutes, string? Place, decimal? TravelKm, string? Note);

public sealed record PricedLineView(string Kind, string? Category, string? Start, string? End, long BilledMinutes, decimal Amount, WorkingView Working);

public sealed record CreditLineView(int Sequence, string Kind, string At, int QuarterHours, decimal Amount, string Reference, int BalanceAfter, Guid? TimeEntryId, WorkingView Working, string? Invoice);

public sealed record TimeEntryView(
    Guid Id, string Ticket, string Start, string End, int Minutes, string Place, decimal TravelKm, string Note,
    string Payment, IReadOnlyList<PricedLineView> Lines, decimal Total, IReadOnlyList<CreditLineView> Credits, string RecordedBy, string RecordedAt);

/// <summary>
/// Time entries on tickets (SPEC §5): recorded by staff, priced with the contract's tariff line by line
/// (each line names its reading and shows its working), or, when the contract pays remote time from
/// support credits, taken from the credits per started quarter hour.
/// </summary>
public static class TicketTime
{
    /// <summary>The longest entry given in minutes: 14 days, as <see cref="TimeEntry.MaxLength"/>.</summary>
    private const int MaxMinutes = 14 * 24 * 60;

    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        var tickets = endpoints.MapGroup("/api/tickets").WithTags("Billing").RequireAuthorization();
        tickets.MapPost("/{number}/time", Record).WithSummary("Record time spent on the ticket (start, end or minutes, remote or on-site, travel km, note), priced with the contract's rates or paid from its support credits (agent, provider admin)")
            .Produces<TimeEntryView>(StatusCodes.Status201Created).ProducesValidationProblem();
        tickets.MapGet("/{number}/time", List).WithSummary("The time recorded on the ticket, each entry with its priced lines or credit lines and their working (staff, customers who may see the ticket)");
    }

    private static async Task<IResult> Record(HttpContext http, DeskDbContext db, TimeProvider clock, WriteGate gate, string number, TimeRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        if (!user.IsStaff)
        {
            throw RequestException.Forbidden("time is recorded by agents and provider admins");
        }

        var entry = Entry(request);
        var note = request.Note ?? "";
        if (note.Length > LoggedTime.MaxNoteLength)
        {
            throw RequestException.Invalid("note", $"at most {LoggedTime.MaxNoteLength} characters");
        }

        var (ticket, contract) = await TicketAccess.FindAsync(db, user, number, cancellation);
        var billing = await db.ContractBilling.FirstOrDefaultAsync(b => b.ContractId == contract.Id, cancellation);
        var tariff = billing?.Tariff()
            ?? throw new RequestException(StatusCodes.Status422UnprocessableEntity, "No rates", "contract", $"the ticket's contract has no rates yet: PUT /api/contracts/{contract.Id}/rates");
        var now = clock.GetUtcNow();

        // Seed 002 art. 4.7 covers support at a distance; work on site is billed by the hour (art. 13.1).
        var fromCredits = billing!.PaysFromCredits && entry.Place == WorkPlace.Remote;
        var lines = fromCredits ? [] : tariff.Price(entry).Lines.Select(LineView).ToList();
        var total = lines.Sum(l => l.Amount);

        using var passage = await gate.EnterAsync(db, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var logged = new LoggedTime(user.TenantId, ticket.Id, contract.Id, entry, note, fromCredits ? TimePayment.Credits : TimePayment.Hourly, total, JsonSerializer.Serialize(lines, UsageBilling.Json), user.Name, now);
        db.TimeEntries.Add(logged);
        var credits = new List<CreditLine>();
        if (fromCredits)
        {
            await UsageBilling.TakeTurnAsync(db, contract.Id, cancellation);
            var last = await SupportCredits.LastAsync(db, contract.Id, cancellation);
            var account = billing.Credits(last?.BalanceAfter ?? 0, last is null ? null : Instant.FromDateTimeOffset(last.At));
            IReadOnlyList<CreditEntry> used;
            try
            {
                used = account.Consume(Instant.FromDateTimeOffset(now), entry.End - entry.Start, ticket.Number);
            }
            catch (DeskRuleException refused)
            {
                throw new DeskRuleException("credits", refused.Message, refused.Clause);
            }

            var sequence = last?.Sequence ?? 0;
            credits.AddRange(used.Select(e => new CreditLine(user.TenantId, contract.Id, ++sequence, e, logged.Id, UsageBilling.Keep(e.Working))));
            db.CreditLines.AddRange(credits);
        }

        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return Results.Created($"/api/tickets/{ticket.Number}/time", View(logged, ticket.Number, credits));
    }

    private static async Task<IReadOnlyList<TimeEntryView>> List(HttpContext http, DeskDbContext db, string number, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var ticket = await db.Tickets.VisibleTo(db, user).AsNoTracking().FirstOrDefaultAsync(t => t.Number == number, cancellation)
            ?? throw RequestException.NotFound("number", $"no ticket {number}");
        var entries = await db.TimeEntries.AsNoTracking().Where(t => t.TicketId == ticket.Id).ToListAsync(cancellation);
        var ids = entries.Select(e => (Guid?)e.Id).ToList();
        var credits = await db.CreditLines.AsNoTracking().Where(c => c.ContractId == ticket.ContractId && ids.Contains(c.TimeEntryId)).ToListAsync(cancellation);
        return [.. entries.OrderBy(e => e.Start).ThenBy(e => e.RecordedAt).Select(e => View(e, ticket.Number, credits.Where(c => c.TimeEntryId == e.Id).OrderBy(c => c.Sequence).ToList()))];
    }

    private static TimeEntry Entry(TimeRequest request)
    {
        var start = request.Start ?? throw RequestException.Invalid("start", "when the work started, e.g. 2026-11-27T16:00:00+01:00");
        var end = (request.End, request.Minutes) switch
        {
            ({ } e, null) => e,
            (null, { } m) when m is >= 1 and <= MaxMinutes => start.AddMinutes(m),
            (null, { }) => throw RequestException.Invalid("minutes", $"1 to {MaxMinutes} minutes"),
            (null, null) => throw RequestException.Invalid("end", "give end or minutes"),
            _ => throw RequestException.Invalid("minutes", "give end or minutes, not both"),
        };
        var place = request.Place is null ? WorkPlace.Remote : OpenTicket.Parse<WorkPlace>(request.Place, "place", required: true);
        try
        {
            return new TimeEntry(Instant.FromDateTimeOffset(start), Instant.FromDateTimeOffset(end), place, request.TravelKm ?? 0m);
        }
        catch (ArgumentException e)
        {
            var field = e.ParamName switch
            {
                "start" => "start",
                "travelKm" => "travelKm",
                _ => request.Minutes is null ? "end" : "minutes",
            };
            throw new RequestException(StatusCodes.Status422UnprocessableEntity, "Not a valid time entry", field, e.Message.Split(" (Parameter '")[0].Split('\n')[0].Trim());
        }
    }

    private static PricedLineView LineView(PricedLine line) => new(
        line.Kind.Code(), line.Category?.Code(), line.Start is { } s ? TicketViewMapping.Iso(s.ToDateTimeOffset()) : null, line.End is { } e ? TicketViewMapping.Iso(e.ToDateTimeOffset()) : null,
        line.BilledMinutes, line.Amount.Amount, WorkingView.Of(line.Working));

    internal static CreditLineView CreditView(CreditLine line) => new(
        line.Sequence, line.Kind.Code(), TicketViewMapping.Iso(line.At), line.QuarterHours, line.Amount, line.Reference, line.BalanceAfter, line.TimeEntryId, UsageBilling.Kept(line.WorkingJson), line.InvoiceNumber);

    private static TimeEntryView View(LoggedTime t, string ticket, IReadOnlyList<CreditLine> credits) => new(
        t.Id, ticket, TicketViewMapping.Iso(t.Start), TicketViewMapping.Iso(t.End), t.Minutes, t.Place.Code(), t.TravelKm, t.Note, t.Payment.Code(),
        JsonSerializer.Deserialize<List<PricedLineView>>(t.PricingJson, UsageBilling.Json)!, t.Total, [.. credits.Select(CreditView)], t.RecordedBy, TicketViewMapping.Iso(t.RecordedAt));
}

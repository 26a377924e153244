using ClauseDesk.Contracts;
using ClauseDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Tickets;

/// <summary>
/// Which tickets a person may see. The tenant is already enforced by the context's query filters;
/// this adds the customer's side: their own organisation's tickets only (SPEC §7).
/// </summary>
public static class TicketAccess
{
    public static IQueryable<Ticket> VisibleTo(this IQueryable<Ticket> tickets, CurrentUser user) =>
        user.IsStaff ? tickets : tickets.Where(t => t.OrganisationId == user.OrganisationId);

    /// <summary>The ticket and its contract, or 404 when it does not exist or is not the user's to see.</summary>
    public static async Task<(Ticket Ticket, ServiceContract Contract)> FindAsync(DeskDbContext db, CurrentUser user, string number, CancellationToken cancellation)
    {
        var ticket = await db.Tickets.VisibleTo(user).FirstOrDefaultAsync(t => t.Number == number, cancellation)
            ?? throw RequestException.NotFound("number", $"no ticket {number}");
        var contract = await db.Contracts.FirstAsync(c => c.Id == ticket.ContractId, cancellation);
        return (ticket, contract);
    }

    /// <summary>Writes the ticket's pending notices to the outbox, in the caller's unit of work.</summary>
    public static void QueueNotices(DeskDbContext db, Ticket ticket, DateTimeOffset now)
    {
        foreach (var notice in ticket.TakeNotices())
        {
            db.Outbox.Add(new Data.Outbox.OutboxMessage
            {
                TenantId = ticket.TenantId,
                // One notice per ticket, kind and version: a repeated job adds nothing (unique key).
                DedupKey = $"{ticket.Number}:{notice.Kind}:{ticket.Version}",
                Kind = notice.Kind,
                TicketId = ticket.Id,
                Audience = notice.Audience,
                Subject = $"[{ticket.Number}] {ticket.Subject}",
                Body = notice.Text,
                CreatedAt = now,
            });
        }
    }
}

using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Mail.Notices;
using ClauseDesk.Maintenance;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Tickets;

/// <summary>
/// Which tickets a person may see. The tenant is already enforced by the context's query filters;
/// this adds the customer's side (SPEC §7, seed 000): customer admins and contact persons see their
/// organisation's tickets; a customer user sees the tickets they asked for, and a contract's
/// tickets only with the right to view that contract.
/// </summary>
public static class TicketAccess
{
    public static IQueryable<Ticket> VisibleTo(this IQueryable<Ticket> tickets, DeskDbContext db, CurrentUser user) => user.Role switch
    {
        _ when user.IsStaff => tickets,
        Role.CustomerAdmin or Role.ContactPerson => tickets.Where(t => t.OrganisationId == user.OrganisationId),
        _ => tickets.Where(t => t.OrganisationId == user.OrganisationId
            && (t.RequesterId == user.PersonId || db.ContractRights.Any(r => r.PersonId == user.PersonId && r.ContractId == t.ContractId && r.CanView))),
    };

    /// <summary>The ticket and its contract, or 404 when it does not exist or is not the user's to see.</summary>
    public static async Task<(Ticket Ticket, ServiceContract Contract)> FindAsync(DeskDbContext db, CurrentUser user, string number, CancellationToken cancellation)
    {
        var ticket = await db.Tickets.VisibleTo(db, user).FirstOrDefaultAsync(t => t.Number == number, cancellation)
            ?? throw RequestException.NotFound("number", $"no ticket {number}");
        var contract = await db.Contracts.FirstAsync(c => c.Id == ticket.ContractId, cancellation);
        await MaintenanceExclusions.ApplyAsync(db, [contract], cancellation);
        return (ticket, contract);
    }

    /// <summary>
    /// Writes the ticket's pending notices to the outbox, in the caller's unit of work, addressed:
    /// the requester, the contract's service manager, or its tier 2 / tier 3 contacts. A caller that
    /// already holds the requester or the provider's name passes them, and they are not read again.
    /// </summary>
    public static async Task QueueNoticesAsync(DeskDbContext db, Ticket ticket, ServiceContract contract, DateTimeOffset now, CancellationToken cancellation, Person? requester = null, string? providerName = null)
    {
        var notices = ticket.TakeNotices();
        if (notices.Count == 0)
        {
            return;
        }

        // Only the people the notices address, and only those the caller did not hand over.
        var persons = new Dictionary<Guid, Person>();
        if (requester is not null && requester.Id == ticket.RequesterId)
        {
            persons[requester.Id] = requester;
        }

        var wanted = new HashSet<Guid>();
        if (notices.Any(n => n.Audience == "requester"))
        {
            wanted.Add(ticket.RequesterId);
        }

        if (contract.ServiceManagerId is { } managerId && notices.Any(n => n.Audience == "service-manager"))
        {
            wanted.Add(managerId);
        }

        wanted.ExceptWith(persons.Keys);
        if (wanted.Count > 0)
        {
            foreach (var person in await db.People.Where(p => wanted.Contains(p.Id)).ToListAsync(cancellation))
            {
                persons[person.Id] = person;
            }
        }

        string Recipients(string audience) => audience switch
        {
            "requester" => persons.GetValueOrDefault(ticket.RequesterId)?.Email ?? "",
            // Without a named service manager a complaint goes to the first escalation tier's people.
            "service-manager" => contract.ServiceManagerId is { } manager ? persons.GetValueOrDefault(manager)?.Email ?? "" : contract.Tier2Contacts,
            "tier-2" => contract.Tier2Contacts,
            "tier-3" => contract.Tier3Contacts,
            _ => "",
        };

        var provider = providerName ?? await db.Tenants.Where(t => t.Id == ticket.TenantId).Select(t => t.Name).FirstAsync(cancellation);
        var zone = contract.Policy().Calendar.TimeZone;
        foreach (var notice in notices)
        {
            var recipients = Recipients(notice.Audience);
            // The recipient's language; a tier's list of addresses reads in its first known person's, else Dutch.
            var first = recipients.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
            var person = persons.Values.FirstOrDefault(p => p.Email == first)
                ?? await db.People.FirstOrDefaultAsync(p => p.Email == first.ToLower() && p.Active, cancellation);
            var mail = TicketMails.Of(db, ticket, notice) is { } typed
                ? NoticeCatalogue.Render(typed, person?.Language, new NoticeContext(provider, zone, person?.Name))
                : new RenderedNotice("en", $"[{ticket.Number}] {ticket.Subject}", notice.Text, "");
            db.Outbox.Add(new Data.Outbox.OutboxMessage
            {
                TenantId = ticket.TenantId,
                // A repeated job adds nothing (unique key): an escalation is sent once per tier and a
                // breach once per breach, whoever raised it; the claim reminder once per ticket; other
                // notices once per ticket version.
                DedupKey = notice.Kind switch
                {
                    _ when notice.Kind.StartsWith("escalation-", StringComparison.Ordinal) => $"{ticket.Number}:{notice.Kind}",
                    "sla-breached" => $"{ticket.Number}:{notice.Kind}:{notice.Count}",
                    "penalty-claim-deadline" => $"{ticket.Number}:{notice.Kind}",
                    _ => $"{ticket.Number}:{notice.Kind}:{ticket.Version}",
                },
                Kind = notice.Kind,
                TicketId = ticket.Id,
                Audience = notice.Audience,
                Recipients = recipients,
                Subject = mail.Subject.Length > 300 ? mail.Subject[..300] : mail.Subject,
                Body = mail.Text,
                HtmlBody = mail.Html.Length > 0 ? mail.Html : null,
                Language = mail.Language,
                CreatedAt = now,
            });
        }
    }
}

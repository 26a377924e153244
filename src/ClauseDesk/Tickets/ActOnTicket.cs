using System.Globalization;
using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Sla;

namespace ClauseDesk.Tickets;

/// <summary>What an acted-on ticket looks like afterwards: the ticket, its contract and the SLA just computed.</summary>
public sealed record ActedOn(Ticket Ticket, ServiceContract Contract, SlaStatus Sla, DateTimeOffset At);

/// <summary>
/// Actions and messages on a ticket, for the API and the portal alike: who may take which action,
/// the version check that keeps two people from overwriting each other, and the one unit of work
/// that saves the change with its notices.
/// </summary>
public static class ActOnTicket
{
    /// <summary>Which role may take which action; the ticket itself enforces the rest.</summary>
    private static readonly Dictionary<string, (bool Staff, bool Customer)> Actions = new()
    {
        ["acknowledge"] = (true, false),
        ["start"] = (true, false),
        ["ask-customer"] = (true, false),
        ["wait-on-supplier"] = (true, false),
        ["supplier-delivered"] = (true, false),
        ["hand-over"] = (true, false),
        ["on-site"] = (true, false),
        ["pause"] = (true, false),
        ["resume"] = (true, false),
        ["reclassify"] = (true, false),
        ["workaround"] = (true, false),
        ["resolve"] = (true, false),
        ["accept"] = (false, true),
        ["reopen"] = (true, true),
        ["close"] = (true, true),
    };

    public static string ETag(Ticket ticket) => $"\"{ticket.Version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Whether the user's role may take the action at all (the portal shows only these).</summary>
    public static bool MayTake(CurrentUser user, string action) =>
        Actions.TryGetValue(action, out var who) && (user.IsStaff ? who.Staff : who.Customer);

    /// <summary>
    /// Takes an action on a ticket the user may see, if it is still at the version in <c>ifMatch</c>
    /// (the ETag the client last read, <c>"3"</c>; empty when the client sent none). <c>channel</c> is
    /// where a question to the customer was written.
    /// </summary>
    /// <exception cref="RequestException">Unknown action (404), not the user's to take (403), no ticket (404), no or a stale version (428, 412), bad input (400).</exception>
    /// <exception cref="DeskRuleException">The ticket or contract refuses the action.</exception>
    public static async Task<ActedOn> TakeAsync(DeskDbContext db, TimeProvider clock, CurrentUser user, string number, string action, TicketActionRequest? request, string ifMatch, Channel channel, CancellationToken cancellation)
    {
        if (!Actions.TryGetValue(action, out var who))
        {
            throw RequestException.NotFound("action", $"no action '{action}'; actions: {string.Join(", ", Actions.Keys)}");
        }

        if (user.IsStaff ? !who.Staff : !who.Customer)
        {
            throw RequestException.Forbidden($"'{action}' is for {(who.Staff ? "provider staff" : "the customer")}");
        }

        var (ticket, contract) = await TicketAccess.FindAsync(db, user, number, cancellation);
        if (!user.IsStaff && user.PersonId != ticket.RequesterId && user.Role is not (Role.ContactPerson or Role.CustomerAdmin))
        {
            throw RequestException.Forbidden($"only the requester, a contact person or the customer's admin may {action} this ticket");
        }

        RequireMatch(ifMatch, ticket);
        request ??= new TicketActionRequest(null, null, null, null, null, null, null);
        var now = clock.GetUtcNow();
        var by = user.Actor;
        var policy = contract.Policy();
        switch (action)
        {
            case "acknowledge": ticket.Acknowledge(by, now); break;
            case "start": ticket.StartWork(by, now); break;
            case "ask-customer":
                var question = string.IsNullOrWhiteSpace(request.Question) ? throw RequestException.Invalid("question", "ask a question") : request.Question;
                var days = policy.AutoCloseWorkingDays;
                ticket.AskCustomer(by, now, question, days is { } d ? policy.Calendar.AddWorkingDays(now, d) : null);
                db.Messages.Add(new TicketMessage(ticket, by, question, isInternal: false, channel, now));
                break;
            case "wait-on-supplier": ticket.WaitOnSupplier(by, now, request.Note); break;
            case "supplier-delivered": ticket.SupplierDelivered(by, now, request.Note); break;
            case "hand-over":
                ticket.HandOver(by, now, request.Line is >= 1 and <= 3 ? (SupportLine)request.Line.Value : throw RequestException.Invalid("line", "1, 2 or 3 (the supplier)"));
                break;
            case "on-site": ticket.AgreeOnSite(by, now, request.Note); break;
            case "pause": ticket.Pause(by, now, OpenTicket.Parse<PauseReason>(request.Reason, "reason", required: true), request.Note); break;
            case "resume": ticket.Resume(by, now, request.Note); break;
            case "reclassify":
                ticket.Reclassify(by, now, OpenTicket.Parse<Urgency>(request.Urgency, "urgency", required: true), OpenTicket.Parse<Impact>(request.Impact, "impact", required: true));
                break;
            case "workaround": ticket.ProvideWorkaround(by, now, request.Note); break;
            case "resolve": ticket.Resolve(by, now, OpenTicket.Parse<ClosingReason>(request.ClosingReason ?? "fixed", "closingReason", required: true), request.Note); break;
            case "accept": ticket.Accept(by, now); break;
            case "reopen": ticket.Reopen(by, now, request.Reason ?? request.Note); break;
            case "close": ticket.CloseByAgent(); break;
        }

        var sla = ticket.Refresh(policy, contract.Fees(), now);
        await TicketAccess.QueueNoticesAsync(db, ticket, contract, now, cancellation);
        await db.SaveChangesAsync(cancellation);
        return new ActedOn(ticket, contract, sla, now);
    }

    /// <summary>A reply, or an internal note by staff; a customer's reply answers a pending question.</summary>
    /// <exception cref="RequestException">No such ticket for the user (404).</exception>
    /// <exception cref="DeskRuleException">An empty or overlong body, or an internal note by a customer.</exception>
    public static async Task<(TicketMessage Message, ServiceContract Contract)> AddMessageAsync(DeskDbContext db, TimeProvider clock, CurrentUser user, string number, string? body, bool isInternal, Channel channel, CancellationToken cancellation)
    {
        var (ticket, contract) = await TicketAccess.FindAsync(db, user, number, cancellation);
        var now = clock.GetUtcNow();
        var message = new TicketMessage(ticket, user.Actor, body ?? "", isInternal, channel, now);
        db.Messages.Add(message);
        ticket.MessageAdded(user.Actor, now, isInternal);
        ticket.Refresh(contract.Policy(), contract.Fees(), now);
        await TicketAccess.QueueNoticesAsync(db, ticket, contract, now, cancellation);
        await db.SaveChangesAsync(cancellation);
        return (message, contract);
    }

    private static void RequireMatch(string ifMatch, Ticket ticket)
    {
        var match = ifMatch.Trim();
        if (match.Length == 0)
        {
            throw new RequestException(StatusCodes.Status428PreconditionRequired, "If-Match required", "If-Match",
                $"send If-Match with the ticket's ETag ({ETag(ticket)}) so that two people never overwrite each other");
        }

        if (match != ETag(ticket) && match != $"W/{ETag(ticket)}")
        {
            throw new RequestException(StatusCodes.Status412PreconditionFailed, "Changed by someone else", "If-Match",
                $"the ticket is at version {ticket.Version.ToString(CultureInfo.InvariantCulture)}; reload it and try again");
        }
    }
}

using ClauseDesk.Access;
using ClauseDesk.Calendars;
using ClauseDesk.Contracts;
using ClauseDesk.Sla;
using ClauseDesk.Tickets;

namespace ClauseDesk.Portal;

/// <summary>
/// One SLA clock as the portal shows it: the state word from <see cref="TicketViewMapping"/> (the one
/// place "at risk" is defined), the instants from the engine, and whether the countdown ticks now.
/// </summary>
public sealed record PortalClock(ClockStatus Status, ClockView View, BusinessCalendar Calendar, bool Ticking)
{
    public string State => View.State;

    public static (PortalClock Reaction, PortalClock Resolution, SlaStatus Status, SlaView View) Of(Ticket ticket, ServiceContract contract, DateTimeOffset now)
    {
        var policy = contract.Policy();
        var status = ticket.Sla(policy, contract.Fees(), now);
        var view = ticket.SlaView(contract, now, status);
        // Business time only passes while the calendar is open; the page is the truth on reload.
        PortalClock Clock(ClockStatus s, ClockView v) =>
            new(s, v, policy.Calendar, s.IsRunning && !s.IsPaused && !s.WaitingOnSupplier && s.Left is not null && policy.Calendar.IsOpen(now));
        return (Clock(status.Reaction, view.Reaction), Clock(status.Resolution, view.Resolution), status, view);
    }

    /// <summary>The clock a queue sorts by: the running one (reaction first), or none.</summary>
    public static PortalClock? Next(PortalClock reaction, PortalClock resolution) =>
        reaction.Status.IsRunning && reaction.Status.Target is not null ? reaction
        : resolution.Status.IsRunning && resolution.Status.Target is not null ? resolution
        : null;
}

/// <summary>A line of a ticket list: the ticket, its customer and its next clock.</summary>
public sealed record TicketRow(Ticket Ticket, string Organisation, PortalClock? Next, PortalClock Reaction)
{
    public static IReadOnlyList<TicketRow> Of(IEnumerable<Ticket> tickets, IReadOnlyDictionary<Guid, ServiceContract> contracts, IReadOnlyDictionary<Guid, Organisation> organisations, DateTimeOffset now) =>
        [.. tickets.Select(t =>
        {
            var (reaction, resolution, _, _) = PortalClock.Of(t, contracts[t.ContractId], now);
            return new TicketRow(t, organisations.TryGetValue(t.OrganisationId, out var o) ? o.Name : "", PortalClock.Next(reaction, resolution), reaction);
        })];
}

using System.Reflection;
using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Sla;

namespace ClauseDesk.Tickets;

/// <summary>
/// A ticket reads its SLA history in sequence order even when the entries were loaded in another
/// order, as PostgreSQL may return them: each test fills the collection backwards first.
/// </summary>
public class ClockOrderTests
{
    private static readonly Guid TenantId = Guid.NewGuid();
    private static readonly Organisation Customer = new(TenantId, "Brouwerij Het Anker");
    private static readonly Person Contact = new(TenantId, Customer.Id, "An Peeters", "an@anker.example", Role.ContactPerson);
    private static readonly Person User = new(TenantId, Customer.Id, "Bart Claes", "bart@anker.example", Role.CustomerUser);
    private static readonly Actor Agent = Actor.Of(new Person(TenantId, null, "Eva Agent", "eva@desk.example", Role.Agent));
    private static readonly DateTimeOffset Monday10 = DateTimeOffset.Parse("2026-11-23T10:00:00+01:00");

    private static Ticket Open(ServiceContract contract, Person requester) =>
        Ticket.Open("CD-2026-000001", contract, requester, Actor.Of(requester), new TicketRequest("Mail server down", "Nobody receives mail since 09:40.", Urgency.Blocking, Impact.All), ["An Peeters"], Monday10);

    /// <summary>Reverses the stored entries through the field EF Core fills, as a query could have loaded them.</summary>
    private static void LoadBackwards(Ticket ticket)
    {
        var field = typeof(Ticket).GetField("_clock", BindingFlags.Instance | BindingFlags.NonPublic)!;
        var entries = (List<ClockEntry>)field.GetValue(ticket)!;
        entries.Count.ShouldBeGreaterThan(1);
        entries.Reverse();
    }

    [Fact]
    public void An_event_earlier_than_the_last_one_is_refused_whatever_the_load_order()
    {
        Ticket WorkedAround()
        {
            var ticket = Open(new ServiceContract(TenantId, Customer.Id, "Managed services", "managed-type4"), Contact);
            ticket.Acknowledge(Agent, Monday10.AddMinutes(30));
            ticket.ProvideWorkaround(Agent, Monday10.AddHours(2), null);
            LoadBackwards(ticket);
            return ticket;
        }

        // Later than the submission (the first entry) but earlier than the workaround (the last).
        var untouched = WorkedAround();
        var (status, priority, version) = (untouched.Status, untouched.Priority, untouched.Version);
        var refused = Should.Throw<DeskRuleException>(() => untouched.Reopen(Actor.Of(Contact), Monday10.AddHours(1), "down again"));
        refused.Code.ShouldBe("ticket-event-order");
        // Refused as a whole: nothing of the reopening happened.
        (untouched.Status, untouched.Priority, untouched.Version).ShouldBe((status, priority, version));
        untouched.Notices.ShouldNotContain(n => n.Kind == "reopened");

        var reopened = WorkedAround();
        reopened.Reopen(Actor.Of(Contact), Monday10.AddHours(3), "down again");
        reopened.Clock.Select(c => c.Sequence).ShouldBe([1, 2, 3, 4]);
        reopened.Clock[^1].Kind.ShouldBe(ClockEntryKind.Reopened);
    }

    [Fact]
    public void Reopening_reads_the_last_stop_of_the_clock_not_the_last_entry_loaded()
    {
        var contract = new ServiceContract(TenantId, Customer.Id, "Public desk", "public-desk");
        var calendar = contract.Policy().Calendar;
        var ticket = Open(contract, User);
        ticket.Acknowledge(Agent, Monday10.AddMinutes(5));
        ticket.Resolve(Agent, Monday10.AddHours(1), ClosingReason.Fixed, null);
        ticket.Reopen(Actor.Of(User), Monday10.AddHours(2), "still broken");
        ticket.AskCustomer(Agent, Monday10.AddHours(3), "Which browser do you use?", null);
        ticket.AutoCloseIfDue(calendar, 5, Monday10.AddDays(14)).ShouldBeTrue();
        ticket.Clock.Select(c => c.Kind).ShouldBe([
            ClockEntryKind.Submitted, ClockEntryKind.Acknowledged, ClockEntryKind.Resolved,
            ClockEntryKind.Reopened, ClockEntryKind.Paused, ClockEntryKind.Resumed]);
        LoadBackwards(ticket);

        // The clock already runs again since the first reopening: reopening the closed ticket adds no entry.
        ticket.Reopen(Actor.Of(User), Monday10.AddDays(15), "still broken");
        ticket.Clock.Count.ShouldBe(6);
        ticket.Clock.Select(c => c.Sequence).ShouldBe([1, 2, 3, 4, 5, 6]);
    }

    [Fact]
    public void The_live_sla_is_the_same_for_entries_loaded_backwards()
    {
        var contract = new ServiceContract(TenantId, Customer.Id, "Managed services", "managed-type4");
        var ticket = Open(contract, Contact);
        ticket.Acknowledge(Agent, Monday10.AddMinutes(30));
        ticket.Pause(Agent, Monday10.AddHours(1), PauseReason.ForceMajeure, "flood");
        ticket.Resume(Agent, Monday10.AddHours(5), null);
        var now = Monday10.AddHours(6);
        var inOrder = ticket.Sla(contract.Policy(), null, now);
        LoadBackwards(ticket);

        var loadedBackwards = ticket.Sla(contract.Policy(), null, now);
        loadedBackwards.Resolution.Due.ShouldBe(inOrder.Resolution.Due);
        loadedBackwards.Resolution.Used.ShouldBe(inOrder.Resolution.Used);
        loadedBackwards.Reaction.MetAt.ShouldBe(Monday10.AddMinutes(30));
        loadedBackwards.Resolution.IsRunning.ShouldBeTrue();
    }
}

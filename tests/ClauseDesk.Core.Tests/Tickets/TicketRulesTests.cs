using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Sla;

namespace ClauseDesk.Tickets;

/// <summary>The rules of SPEC §2–3 a ticket enforces itself, each citing its clause.</summary>
public class TicketRulesTests
{
    private static readonly Guid TenantId = Guid.NewGuid();
    private static readonly Organisation Customer = new(TenantId, "Brouwerij Het Anker");
    private static readonly Person Contact = new(TenantId, Customer.Id, "An Peeters", "an@anker.example", Role.ContactPerson);
    private static readonly Person User = new(TenantId, Customer.Id, "Bart Claes", "bart@anker.example", Role.CustomerUser);
    private static readonly Person AgentPerson = new(TenantId, null, "Eva Agent", "eva@desk.example", Role.Agent);
    private static readonly Actor Agent = Actor.Of(AgentPerson);
    private static readonly DateTimeOffset Monday10 = DateTimeOffset.Parse("2026-11-23T10:00:00+01:00");

    private static ServiceContract Contract(string preset = "managed-type4") => new(TenantId, Customer.Id, "Managed services", preset);

    private static Ticket Open(ServiceContract contract, Person requester, Urgency urgency = Urgency.Blocking, Impact impact = Impact.Some, Channel channel = Channel.Portal, TicketType type = TicketType.Incident, DateTimeOffset? occurred = null, Actor? enteredBy = null) =>
        Ticket.Open("CD-2026-000001", contract, requester, enteredBy ?? Actor.Of(requester), new TicketRequest("Mail server down", "Nobody receives mail since 09:40.", urgency, impact, type, channel, occurred), ["An Peeters"], Monday10);

    [Fact]
    public void Seed001_art35_2_only_contact_persons_open_tickets_and_the_refusal_names_them()
    {
        var error = Should.Throw<DeskRuleException>(() => Open(Contract(), User));
        error.Field.ShouldBe("requesterId");
        error.Message.ShouldContain("An Peeters");
        error.Clause.ShouldBe("seed 001 art. 35.2, 36.1");
        Open(Contract(), Contact).Status.ShouldBe(TicketStatus.New);
    }

    [Fact]
    public void Software_support_contracts_let_any_customer_user_open()
    {
        Open(Contract("software-support"), User).Status.ShouldBe(TicketStatus.New);
    }

    [Fact]
    public void Ids_are_time_ordered_so_that_new_rows_go_at_the_end_of_their_indexes()
    {
        // Decision 0025: random ids put each new row on a different page of every index keyed by them.
        var first = Open(Contract(), Contact);
        Thread.Sleep(2);
        var second = Open(Contract(), Contact);
        first.Id.Version.ShouldBe(7);
        string.CompareOrdinal(first.Id.ToString("D").ToUpperInvariant(), second.Id.ToString("D").ToUpperInvariant()).ShouldBeLessThan(0);
        first.Id.CompareTo(second.Id).ShouldBeLessThan(0);
    }

    [Fact]
    public void Seed001_art39_2_2_phone_only_for_P1_and_P2_with_a_written_confirmation_asked()
    {
        var refused = Should.Throw<DeskRuleException>(() => Open(Contract(), Contact, Urgency.NonBlocking, Impact.All, Channel.Phone, enteredBy: Agent));
        refused.Field.ShouldBe("channel");
        refused.Clause.ShouldBe("seed 001 art. 39.2.2");

        var ticket = Open(Contract(), Contact, Urgency.Blocking, Impact.Some, Channel.Phone, enteredBy: Agent);
        ticket.WrittenConfirmationRequested.ShouldBeTrue();
        ticket.Notices.ShouldContain(n => n.Kind == "written-confirmation-requested" && n.Audience == "requester");
    }

    [Fact]
    public void Seed001_art39_1_1_priority_follows_the_matrix()
    {
        Open(Contract(), Contact, Urgency.Blocking, Impact.All).Priority.ShouldBe(Priority.P1);
        Open(Contract(), Contact, Urgency.NonBlocking, Impact.Some).Priority.ShouldBe(Priority.P4);
    }

    [Fact]
    public void Seed003_complaints_go_to_the_service_manager()
    {
        var contract = Contract();
        contract.ServiceManagerId = Guid.NewGuid();
        var ticket = Open(contract, Contact, type: TicketType.Complaint);
        ticket.AssigneeId.ShouldBe(contract.ServiceManagerId);
        ticket.Notices.ShouldContain(n => n.Audience == "service-manager");
    }

    [Fact]
    public void Late_reports_are_flagged_against_the_contracts_deadline()
    {
        // Seed 001 art. 16.1: more than 15 working days after it should have been noticed.
        Open(Contract(), Contact, occurred: Monday10.AddDays(-28)).LateReport.ShouldNotBeNull().ShouldContain("art. 16.1");
        Open(Contract(), Contact, occurred: Monday10.AddDays(-14)).LateReport.ShouldBeNull();

        // Seed 000: more than 24 hours after it occurred.
        var technical = Contract();
        technical.IncidentReportRule = IncidentReportRule.TwentyFourHours;
        Open(technical, Contact, occurred: Monday10.AddHours(-25)).LateReport.ShouldNotBeNull().ShouldContain("seed 000");

        // Seed 002 art. 15.1: a complaint more than 8 days after discovery.
        Open(Contract(), Contact, type: TicketType.Complaint, occurred: Monday10.AddDays(-9)).LateReport.ShouldNotBeNull().ShouldContain("art. 15.1");
    }

    [Fact]
    public void Seed001_art39_3_1_a_workaround_drops_the_ticket_to_P3_and_stops_the_resolution_clock()
    {
        var contract = Contract();
        var ticket = Open(contract, Contact, Urgency.Blocking, Impact.All);
        ticket.Acknowledge(Agent, Monday10.AddMinutes(30));
        ticket.ProvideWorkaround(Agent, Monday10.AddHours(3), "rerouted mail");
        ticket.Priority.ShouldBe(Priority.P3);
        var sla = ticket.Sla(contract.Policy(), null, Monday10.AddHours(4));
        sla.Resolution.IsRunning.ShouldBeFalse();
        sla.Resolution.MetAt.ShouldNotBeNull();
    }

    [Fact]
    public void Seed004_section6_closing_needs_the_customers_acceptance()
    {
        var ticket = Open(Contract(), Contact);
        ticket.Acknowledge(Agent, Monday10.AddMinutes(5));
        ticket.Resolve(Agent, Monday10.AddHours(1), ClosingReason.Fixed, null);
        Should.Throw<DeskRuleException>(() => ticket.CloseByAgent()).Clause.ShouldBe("seed 004 §6");
        Should.Throw<DeskRuleException>(() => ticket.Accept(Agent, Monday10.AddHours(2)));
        ticket.Accept(Actor.Of(Contact), Monday10.AddHours(2));
        ticket.Status.ShouldBe(TicketStatus.Closed);
        ticket.ClosingReason.ShouldBe(ClosingReason.Fixed);
    }

    [Fact]
    public void Seed003_a_question_unanswered_for_5_working_days_closes_the_ticket_with_no_reply()
    {
        var contract = Contract("public-desk");
        var calendar = contract.Policy().Calendar;
        var ticket = Open(contract, User);
        ticket.Acknowledge(Agent, Monday10.AddMinutes(5));
        var asked = Monday10.AddHours(1);
        var closesAt = ticket.AutoClosesAt(calendar, 5);
        closesAt.ShouldBeNull();
        ticket.AskCustomer(Agent, asked, "Which browser do you use?", calendar.AddWorkingDays(asked, 5));
        ticket.Notices.Last().Text.ShouldContain("closes on 2026-11-30");
        ticket.AutoClosesAt(calendar, 5).ShouldBe(DateTimeOffset.Parse("2026-11-30T11:00:00+01:00"));

        ticket.AutoCloseIfDue(calendar, 5, DateTimeOffset.Parse("2026-11-30T10:59:00+01:00")).ShouldBeFalse();
        ticket.AutoCloseIfDue(calendar, 5, DateTimeOffset.Parse("2026-11-30T11:00:00+01:00")).ShouldBeTrue();
        ticket.Status.ShouldBe(TicketStatus.Closed);
        ticket.ClosingReason.ShouldBe(ClosingReason.NoReply);
    }

    [Fact]
    public void A_reply_of_the_customer_stops_the_countdown_and_resumes_the_clocks()
    {
        var contract = Contract("software-support");
        var ticket = Open(contract, User);
        ticket.Acknowledge(Agent, Monday10.AddMinutes(5));
        ticket.AskCustomer(Agent, Monday10.AddHours(1), "Screenshot please", null);
        ticket.PausedFor.ShouldBe(PauseReason.AwaitingCustomer);
        ticket.CustomerReplied(Actor.Of(User), Monday10.AddHours(3));
        ticket.Status.ShouldBe(TicketStatus.InProgress);
        ticket.PausedFor.ShouldBeNull();
        ticket.AutoCloseIfDue(contract.Policy().Calendar, 10, Monday10.AddDays(30)).ShouldBeFalse();
    }

    [Fact]
    public void Reopening_after_a_workaround_restores_the_priority_and_runs_the_clock_again()
    {
        var contract = Contract();
        var ticket = Open(contract, Contact, Urgency.Blocking, Impact.All);
        ticket.Acknowledge(Agent, Monday10.AddMinutes(30));
        ticket.ProvideWorkaround(Agent, Monday10.AddHours(2), null);
        ticket.Reopen(Actor.Of(Contact), Monday10.AddHours(3), "mail down again");
        ticket.Priority.ShouldBe(Priority.P1);
        ticket.Sla(contract.Policy(), null, Monday10.AddHours(4)).Resolution.IsRunning.ShouldBeTrue();
    }

    [Fact]
    public void Seed001_art39_4_1_each_breach_escalates_one_tier_once()
    {
        var contract = Contract();
        var ticket = Open(contract, Contact, Urgency.Blocking, Impact.All);
        ticket.TakeNotices();
        // P1 reaction 2 h on type 4: due 12:00; not acknowledged until Wednesday.
        ticket.Refresh(contract.Policy(), null, Monday10.AddHours(1)).Breaches.ShouldBeEmpty();
        ticket.EscalationTier.ShouldBe(1);
        ticket.Refresh(contract.Policy(), null, Monday10.AddHours(3));
        ticket.EscalationTier.ShouldBe(2);
        ticket.Refresh(contract.Policy(), null, Monday10.AddHours(4));
        ticket.TakeNotices().Count(n => n.Kind == "escalation-tier-2").ShouldBe(1);
        ticket.Acknowledge(Agent, Monday10.AddHours(5));
        // Resolution P1 = 1 business day (18 h) from Monday 15:00: due Tuesday 15:00.
        ticket.Refresh(contract.Policy(), null, DateTimeOffset.Parse("2026-11-24T15:01:00+01:00"));
        ticket.EscalationTier.ShouldBe(3);
        ticket.TakeNotices().ShouldContain(n => n.Audience == "tier-3");
    }

    [Fact]
    public void Illegal_transitions_are_refused_naming_the_status()
    {
        var ticket = Open(Contract(), Contact);
        Should.Throw<DeskRuleException>(() => ticket.Resolve(Agent, Monday10.AddHours(1), ClosingReason.Fixed, null)).Message.ShouldContain("new");
        Should.Throw<DeskRuleException>(() => ticket.Resume(Agent, Monday10.AddHours(1), null));
        ticket.Pause(Agent, Monday10.AddMinutes(10), PauseReason.ForceMajeure, "flood");
        Should.Throw<DeskRuleException>(() => ticket.Pause(Agent, Monday10.AddMinutes(20), PauseReason.CustomerSystems, null));
    }

    [Fact]
    public void Seed001_art39_3_1_reclassifying_during_a_workaround_keeps_P3()
    {
        var ticket = Open(Contract(), Contact, Urgency.NonBlocking, Impact.Some);
        ticket.Acknowledge(Agent, Monday10.AddMinutes(5));
        ticket.ProvideWorkaround(Agent, Monday10.AddHours(1), null);
        ticket.Reclassify(Agent, Monday10.AddHours(2), Urgency.Blocking, Impact.All);
        ticket.Priority.ShouldBe(Priority.P3);
        ticket.Reopen(Actor.Of(Contact), Monday10.AddHours(3), "down again");
        ticket.Priority.ShouldBe(Priority.P1);
    }

    [Fact]
    public void A_ticket_with_the_supplier_is_not_handed_over_before_the_supplier_delivered()
    {
        var ticket = Open(Contract(), Contact);
        ticket.Acknowledge(Agent, Monday10.AddMinutes(5));
        ticket.WaitOnSupplier(Agent, Monday10.AddHours(1), "vendor case 42");
        Should.Throw<DeskRuleException>(() => ticket.HandOver(Agent, Monday10.AddHours(2), SupportLine.First)).Field.ShouldBe("line");
        ticket.SupplierDelivered(Agent, Monday10.AddHours(3), null);
        ticket.HandOver(Agent, Monday10.AddHours(4), SupportLine.Second);
        ticket.Line.ShouldBe(SupportLine.Second);
    }
}

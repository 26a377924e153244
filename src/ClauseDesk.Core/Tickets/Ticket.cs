using ClauseDesk.Access;
using ClauseDesk.Calendars;
using ClauseDesk.Contracts;
using ClauseDesk.Sla;

namespace ClauseDesk.Tickets;

/// <summary>Who did something: kept on every event and audit entry.</summary>
public sealed record Actor(Guid Id, string Name, Role Role)
{
    public static Actor Of(Person person) => new(person.Id, person.Name, person.Role);

    /// <summary>The desk itself (auto-close, escalation).</summary>
    public static readonly Actor System = new(Guid.Empty, "ClauseDesk", Role.ProviderAdmin);

    public override string ToString() => Name;
}

/// <summary>The bug-report fields of seed 004 §6.5.</summary>
public sealed record BugReport(string? CompanyOrDatabase, string? AffectedUser, bool? OtherUsersAffected, string? StepsToReproduce);

/// <summary>What someone asks when opening a ticket.</summary>
public sealed record TicketRequest(
    string Subject,
    string Description,
    Urgency Urgency,
    Impact Impact,
    TicketType Type = TicketType.Incident,
    Channel Channel = Channel.Portal,
    DateTimeOffset? OccurredAt = null,
    BugReport? BugReport = null);

/// <summary>Something a person must be told; the service writes it to the outbox.</summary>
/// <param name="Kind">What happened, e.g. <c>acknowledged</c>, <c>written-confirmation-requested</c>.</param>
/// <param name="Audience">Who: <c>requester</c>, <c>service-manager</c>, <c>tier-2</c>, <c>tier-3</c>.</param>
/// <param name="Text">The message, in English, for logs; mail renders the notice in the recipient's language from the facts below.</param>
public sealed record TicketNotice(string Kind, string Audience, string Text)
{
    /// <summary>The moment the notice is about: the auto-close date of a question, the missed due of an escalation.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The words the notice quotes: a question, a closing reason's code, a missed target's kind, a replier's name.</summary>
    public string? Detail { get; init; }

    /// <summary>The number the notice states: a support line, an escalation tier, the working days before auto-close, a breach's rank.</summary>
    public int? Count { get; init; }

    /// <summary>The amount the notice states: the penalty so far of a breach or a claim reminder.</summary>
    public Money? Amount { get; init; }

    /// <summary>The day the notice states: the last day to claim the penalty (seed 001 art. 40.4).</summary>
    public NodaTime.LocalDate? Date { get; init; }
}

/// <summary>
/// A ticket: its lifecycle (SPEC §3), the rules that refuse what the contract does not allow, and the
/// SLA history its clocks are computed from (SPEC §2). Every refusal is a <see cref="DeskRuleException"/>.
/// </summary>
public sealed class Ticket
{
    public const int MaxSubjectLength = 200;

    private readonly List<ClockEntry> _clock = [];
    private readonly List<TicketNotice> _notices = [];

    private Ticket()
    {
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }

    /// <summary>E.g. <c>CD-2026-000123</c>: unique per provider, increasing, quoted in every mail (seed 003).</summary>
    public string Number { get; private set; } = "";

    public Guid OrganisationId { get; private set; }
    public Guid ContractId { get; private set; }
    public Guid RequesterId { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public string Subject { get; private set; } = "";
    public string Description { get; private set; } = "";
    public BugReport? BugReport { get; private set; }
    public Urgency Urgency { get; private set; }
    public Impact Impact { get; private set; }

    /// <summary>The priority shown: the matrix's, or P3 after a workaround (seed 001 art. 39.3.1).</summary>
    public Priority Priority { get; private set; }

    public TicketType Type { get; private set; }
    public Channel Channel { get; private set; }
    public TicketStatus Status { get; private set; }
    public SupportLine Line { get; private set; } = SupportLine.First;
    public ClosingReason? ClosingReason { get; private set; }
    public ClosingReason? ProposedClosingReason { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public DateTimeOffset? OccurredAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Since when the desk waits for the customer's answer: the auto-close countdown runs from here.</summary>
    public DateTimeOffset? AwaitingCustomerSince { get; private set; }

    /// <summary>A phone report that must be confirmed in writing (seed 001 art. 39.2.2).</summary>
    public bool WrittenConfirmationRequested { get; private set; }

    /// <summary>Why the report is late against the contract's reporting deadline; null when it is not.</summary>
    public string? LateReport { get; private set; }

    /// <summary>Whether an excluded event currently suspends the clocks.</summary>
    public PauseReason? PausedFor { get; private set; }

    /// <summary>The earliest due of a running clock, kept so queues sort by it; null when none runs.</summary>
    public DateTimeOffset? NextDueAt { get; private set; }

    public bool Breached { get; private set; }
    public int EscalationTier { get; private set; } = 1;

    /// <summary>Bumped on every change: the ETag that keeps two agents from overwriting each other.</summary>
    public int Version { get; private set; }

    /// <summary>The SLA history in sequence order, whatever order the entries were loaded in.</summary>
    public IReadOnlyList<ClockEntry> Clock => InSequence();

    /// <summary>Notices raised by the last changes, for the outbox; cleared by <see cref="TakeNotices"/>.</summary>
    public IReadOnlyList<TicketNotice> Notices => _notices;

    /// <summary>Not closed. Kept as a column so that queues of open tickets read an index.</summary>
    public bool IsOpen { get; private set; } = true;

    /// <summary>
    /// The queue's sort key: the next due, or <see cref="NoDue"/> when no clock runs. Kept as a column
    /// (never null) so that "open tickets by next due" is one index range on both databases.
    /// </summary>
    public DateTimeOffset? QueueKey { get; private set; }

    /// <summary>The queue key of a ticket with no running clock: after every real due.</summary>
    public static readonly DateTimeOffset NoDue = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Opens a ticket under a contract, enforcing who may open (seed 001 art. 35.2), the phone rule
    /// (art. 39.2.2), the complaint route (seed 003) and the reporting deadlines (SPEC §3).
    /// </summary>
    /// <param name="number">The allocated ticket number.</param>
    /// <param name="contract">The contract the ticket falls under.</param>
    /// <param name="requester">The customer's person the ticket is for.</param>
    /// <param name="enteredBy">Who entered it: the requester, or an agent for phone calls.</param>
    /// <param name="request">What was asked.</param>
    /// <param name="contactPersons">The organisation's contact persons, named in a refusal.</param>
    /// <param name="now">The moment of submission.</param>
    /// <exception cref="DeskRuleException">A rule refuses the ticket; the message names who can or what is needed.</exception>
    public static Ticket Open(string number, ServiceContract contract, Person requester, Actor enteredBy, TicketRequest request, IReadOnlyList<string> contactPersons, DateTimeOffset now)
    {
        if (!contract.Active)
        {
            throw new DeskRuleException("contractId", $"contract '{contract.Name}' is no longer active", code: "ticket-contract-inactive", values: [contract.Name]);
        }

        if (requester.OrganisationId != contract.OrganisationId)
        {
            throw new DeskRuleException("requesterId", "the requester does not belong to the contract's organisation", code: "ticket-requester-organisation");
        }

        if (contract.OnlyContactPersonsMayOpen && requester.Role != Role.ContactPerson)
        {
            var who = contactPersons.Count == 0 ? "no contact person is designated yet: ask your customer admin to designate one" : string.Join(", ", contactPersons);
            throw new DeskRuleException(
                "requesterId",
                $"under contract '{contract.Name}' only the designated contact persons may open tickets: {who}",
                "seed 001 art. 35.2, 36.1",
                contactPersons.Count == 0 ? "ticket-no-contact-person" : "ticket-contact-persons-only",
                [contract.Name, string.Join(", ", contactPersons)]);
        }

        var subject = request.Subject?.Trim() ?? "";
        if (subject.Length == 0 || subject.Length > MaxSubjectLength)
        {
            throw new DeskRuleException("subject", $"a subject is 1 to {MaxSubjectLength} characters: one subject per ticket", "seed 003", "ticket-subject", [MaxSubjectLength.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (string.IsNullOrWhiteSpace(request.Description))
        {
            throw new DeskRuleException("description", "describe the problem: what happens, for whom, and the steps that lead to it", "seed 004 §6.5", "ticket-description");
        }

        if (!Enum.IsDefined(request.Urgency) || !Enum.IsDefined(request.Impact) || !Enum.IsDefined(request.Type) || !Enum.IsDefined(request.Channel))
        {
            throw new DeskRuleException("urgency", "urgency, impact, type and channel must be known values", code: "ticket-classification");
        }

        var priority = PriorityMatrix.From(request.Urgency, request.Impact);
        if (request.Channel == Channel.Phone)
        {
            if (priority is not (Priority.P1 or Priority.P2))
            {
                throw new DeskRuleException("channel", $"only Critical (P1) and High (P2) incidents may be reported by phone; this one is {priority}: report it in writing", "seed 001 art. 39.2.2", "ticket-phone-priority", [priority.ToString()]);
            }

            if (!enteredBy.Role.IsProviderStaff())
            {
                throw new DeskRuleException("channel", "phone reports are entered by an agent", code: "ticket-phone-by-agent");
            }
        }

        if (request.OccurredAt > now || request.OccurredAt?.Year < 1900)
        {
            throw new DeskRuleException("occurredAt", "when the problem occurred: not in the future, not before 1900", code: "ticket-occurred-at");
        }

        var ticket = new Ticket
        {
            Id = Guid.CreateVersion7(),
            TenantId = contract.TenantId,
            Number = number,
            OrganisationId = contract.OrganisationId,
            ContractId = contract.Id,
            RequesterId = requester.Id,
            Subject = subject,
            Description = request.Description.Trim(),
            BugReport = request.BugReport,
            Urgency = request.Urgency,
            Impact = request.Impact,
            Priority = priority,
            Type = request.Type,
            Channel = request.Channel,
            Status = TicketStatus.New,
            SubmittedAt = now,
            OccurredAt = request.OccurredAt,
            UpdatedAt = now,
        };
        ticket.Append(ClockEntryKind.Submitted, now, enteredBy, priority: priority);
        ticket.LateReport = LateAgainst(contract, request, now);

        if (request.Channel == Channel.Phone)
        {
            ticket.WrittenConfirmationRequested = true;
            ticket._notices.Add(new TicketNotice("written-confirmation-requested", "requester", $"{number}: please confirm your phone report in writing (seed 001 art. 39.2.2)."));
        }

        if (request.Type == TicketType.Complaint)
        {
            ticket.AssigneeId = contract.ServiceManagerId;
            ticket._notices.Add(new TicketNotice("complaint", "service-manager", $"{number}: a complaint for the service manager: {subject}"));
        }

        ticket._notices.Add(new TicketNotice("received", "requester", $"{number}: we received your ticket \"{subject}\"."));
        return ticket;
    }

    private static string? LateAgainst(ServiceContract contract, TicketRequest request, DateTimeOffset now)
    {
        if (request.OccurredAt is not { } occurred)
        {
            return null;
        }

        if (request.Type == TicketType.Complaint)
        {
            return contract.ComplaintReportDays is { } days && now - occurred > TimeSpan.FromDays(days)
                ? $"complaint made more than {days} days after discovery (seed 002 art. 15.1)"
                : null;
        }

        return contract.IncidentReportRule switch
        {
            IncidentReportRule.FifteenWorkingDays when contract.Policy().Calendar.WorkingDaysBetween(occurred, now) > 15
                => "reported more than 15 working days after it should have been noticed (seed 001 art. 16.1)",
            IncidentReportRule.TwentyFourHours when now - occurred > TimeSpan.FromHours(24)
                => "reported more than 24 hours after it occurred (seed 000)",
            _ => null,
        };
    }

    /// <summary>The provider informs the customer that the ticket is being handled (seed 001 art. 33.9).</summary>
    public void Acknowledge(Actor by, DateTimeOffset now)
    {
        Require("acknowledge", TicketStatus.New);
        Status = TicketStatus.Acknowledged;
        Append(ClockEntryKind.Acknowledged, now, by);
        Notify("acknowledged", "requester", $"{Number}: your ticket is being handled.");
    }

    /// <summary>Work starts after the acknowledgement.</summary>
    public void StartWork(Actor by, DateTimeOffset now)
    {
        Require("start work", TicketStatus.Acknowledged);
        Status = TicketStatus.InProgress;
        Touch(now);
    }

    /// <summary>
    /// The desk asks the customer a question: the clocks pause (seed 004 §6) and the auto-close
    /// countdown starts; the notice states the date the ticket will close.
    /// </summary>
    public void AskCustomer(Actor by, DateTimeOffset now, string question, DateTimeOffset? closesAt)
    {
        Require("ask the customer", TicketStatus.Acknowledged, TicketStatus.InProgress);
        Status = TicketStatus.WaitingOnCustomer;
        AwaitingCustomerSince = now;
        if (PausedFor is null)
        {
            Append(ClockEntryKind.Paused, now, by, reason: PauseReason.AwaitingCustomer, note: question);
            PausedFor = PauseReason.AwaitingCustomer;
        }

        var closing = closesAt is { } at ? $" Without your answer the ticket closes on {at:yyyy-MM-dd}." : "";
        Notify("question", "requester", $"{Number}: {question}{closing}", closesAt, question);
    }

    /// <summary>A message was added: a customer's answers a pending question; staff replies are sent to the requester.</summary>
    public void MessageAdded(Actor by, DateTimeOffset now, bool isInternal)
    {
        if (!by.Role.IsProviderStaff())
        {
            CustomerReplied(by, now);
            return;
        }

        Touch(now);
        if (!isInternal)
        {
            Notify("reply", "requester", $"{Number}: {by.Name} replied to your ticket.", detail: by.Name);
        }
    }

    /// <summary>The customer answered: the clocks run again.</summary>
    public void CustomerReplied(Actor by, DateTimeOffset now)
    {
        if (Status != TicketStatus.WaitingOnCustomer)
        {
            Touch(now);
            return;
        }

        Status = TicketStatus.InProgress;
        AwaitingCustomerSince = null;
        if (PausedFor == PauseReason.AwaitingCustomer)
        {
            Append(ClockEntryKind.Resumed, now, by);
            PausedFor = null;
        }
    }

    /// <summary>Handling needs the supplier (third line, seed 004 §7): the resolution clock is suspended (seed 001 art. 39.1.3).</summary>
    public void WaitOnSupplier(Actor by, DateTimeOffset now, string? note)
    {
        Require("wait on the supplier", TicketStatus.Acknowledged, TicketStatus.InProgress);
        Status = TicketStatus.WaitingOnSupplier;
        Line = SupportLine.Supplier;
        Append(ClockEntryKind.WaitingOnSupplier, now, by, note: note);
        Notify("handed-over", "requester", $"{Number}: handed over to the supplier (third line); we keep you informed.", count: (int)SupportLine.Supplier);
    }

    public void SupplierDelivered(Actor by, DateTimeOffset now, string? note)
    {
        Require("record the supplier's delivery", TicketStatus.WaitingOnSupplier);
        Status = TicketStatus.InProgress;
        Append(ClockEntryKind.SupplierDelivered, now, by, note: note);
    }

    /// <summary>Hands the ticket to another line; the customer is informed at each hand-over (seed 004 §7).</summary>
    public void HandOver(Actor by, DateTimeOffset now, SupportLine line)
    {
        RequireOpen("hand over");
        if (line == SupportLine.Supplier)
        {
            WaitOnSupplier(by, now, null);
            return;
        }

        if (Status == TicketStatus.WaitingOnSupplier)
        {
            throw new DeskRuleException("line", "the supplier has the ticket: record the supplier's delivery first (supplier-delivered), then hand it over", code: "ticket-supplier-has-it");
        }

        if (line == Line)
        {
            throw new DeskRuleException("line", $"the ticket is already at line {(int)line}", code: "ticket-same-line", values: [((int)line).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        Line = line;
        Touch(now);
        Notify("handed-over", "requester", $"{Number}: handed over to support line {(int)line}.", count: (int)line);
    }

    /// <summary>An on-site intervention was agreed (seed 001 art. 39.3.4): the resolution due moves one business day.</summary>
    public void AgreeOnSite(Actor by, DateTimeOffset now, string? note)
    {
        RequireOpen("agree an on-site intervention");
        Append(ClockEntryKind.OnSiteAgreed, now, by, note: note);
    }

    /// <summary>An event the contract excludes began (force majeure, the customer's systems, announced maintenance).</summary>
    public void Pause(Actor by, DateTimeOffset now, PauseReason reason, string? note)
    {
        RequireOpen("pause");
        if (PausedFor is { } current)
        {
            throw new DeskRuleException("status", $"the clocks are already paused for {current.Describe()}", code: "ticket-already-paused", values: [current.Code()]);
        }

        if (!Enum.IsDefined(reason))
        {
            throw new DeskRuleException("reason", "an unknown pause reason", code: "ticket-pause-reason");
        }

        Append(ClockEntryKind.Paused, now, by, reason: reason, note: note);
        PausedFor = reason;
    }

    public void Resume(Actor by, DateTimeOffset now, string? note)
    {
        if (PausedFor is null)
        {
            throw new DeskRuleException("status", "the clocks are not paused", code: "ticket-not-paused");
        }

        Append(ClockEntryKind.Resumed, now, by, note: note);
        PausedFor = null;
        if (Status == TicketStatus.WaitingOnCustomer)
        {
            Status = TicketStatus.InProgress;
            AwaitingCustomerSince = null;
        }
    }

    /// <summary>New urgency and impact: the priority follows the matrix and targets are recomputed (SPEC §2).</summary>
    public void Reclassify(Actor by, DateTimeOffset now, Urgency urgency, Impact impact)
    {
        RequireOpen("reclassify");
        var priority = PriorityMatrix.From(urgency, impact);
        Urgency = urgency;
        Impact = impact;
        if (Status == TicketStatus.Workaround)
        {
            // Seed 001 art. 39.3.1: after a workaround the ticket continues at P3; the new urgency and
            // impact apply if it is reopened.
            Touch(now);
            return;
        }

        if (priority != Priority)
        {
            Priority = priority;
            Append(ClockEntryKind.PriorityChanged, now, by, priority: priority);
        }
        else
        {
            Touch(now);
        }
    }

    /// <summary>A workaround restored operation: the resolution clock stops and the ticket continues at P3 (seed 001 art. 39.3.1).</summary>
    public void ProvideWorkaround(Actor by, DateTimeOffset now, string? note)
    {
        Require("provide a workaround", TicketStatus.Acknowledged, TicketStatus.InProgress);
        Status = TicketStatus.Workaround;
        Priority = Priority.P3;
        Append(ClockEntryKind.WorkaroundProvided, now, by, note: note);
        Notify("workaround", "requester", $"{Number}: a workaround is in place; we continue at priority Medium (P3) for the definitive fix.");
    }

    /// <summary>The desk considers it solved; the customer's acceptance closes it (seed 004 §6).</summary>
    public void Resolve(Actor by, DateTimeOffset now, ClosingReason reason, string? note)
    {
        Require("resolve", TicketStatus.Acknowledged, TicketStatus.InProgress, TicketStatus.Workaround);
        if (reason == Tickets.ClosingReason.NoReply)
        {
            throw new DeskRuleException("reason", "'no reply' is for auto-close only", code: "ticket-no-reply-reason");
        }

        var clockStopped = Status == TicketStatus.Workaround;
        Status = TicketStatus.Resolved;
        ProposedClosingReason = reason;
        if (clockStopped)
        {
            Touch(now);
        }
        else
        {
            Append(ClockEntryKind.Resolved, now, by, note: note);
        }

        Notify("resolved", "requester", $"{Number}: solved ({reason.Code()}). Please accept the solution or reopen the ticket.", detail: reason.Code());
    }

    /// <summary>The customer accepts the solution: the ticket closes with the proposed reason.</summary>
    public void Accept(Actor by, DateTimeOffset now)
    {
        Require("accept", TicketStatus.Resolved);
        if (by.Role.IsProviderStaff())
        {
            throw new DeskRuleException("status", "only the customer can accept a solution (seed 004 §6)", "seed 004 §6", "ticket-accept-by-customer");
        }

        Close(now, ProposedClosingReason ?? Tickets.ClosingReason.Fixed);
    }

    /// <summary>Closing needs the customer's acceptance; agents cannot close directly (seed 004 §6).</summary>
    public void CloseByAgent()
    {
        throw new DeskRuleException(
            "status",
            "a ticket closes when the customer accepts the solution, or by itself when the customer does not answer a question in time; resolve it instead",
            "seed 004 §6",
            "ticket-close-by-acceptance");
    }

    /// <summary>The solution did not hold, or the customer rejects it: work resumes.</summary>
    public void Reopen(Actor by, DateTimeOffset now, string? reason)
    {
        Require("reopen", TicketStatus.Resolved, TicketStatus.Workaround, TicketStatus.Closed);
        // Refused before anything changes, so that a refused reopening leaves the ticket as it was.
        RequireNotBeforeLastEvent(now);
        Status = TicketStatus.InProgress;
        ClosingReason = null;
        ProposedClosingReason = null;
        ClosedAt = null;
        // A workaround's P3 no longer holds once the ticket is reopened.
        Priority = PriorityMatrix.From(Urgency, Impact);
        var lastStop = InSequence().LastOrDefault(c => c.Kind is ClockEntryKind.WorkaroundProvided or ClockEntryKind.Resolved or ClockEntryKind.Reopened);
        if (lastStop is not null && lastStop.Kind != ClockEntryKind.Reopened)
        {
            Append(ClockEntryKind.Reopened, now, by, note: reason);
        }
        else
        {
            Touch(now);
        }

        Notify("reopened", "requester", $"{Number}: reopened.");
    }

    /// <summary>
    /// Closes the ticket with reason "no reply" when the customer has not answered the desk's question
    /// within the contract's working days (seed 003: 5; seed 004 §6: 10).
    /// </summary>
    /// <returns>Whether it closed.</returns>
    public bool AutoCloseIfDue(BusinessCalendar calendar, int? workingDays, DateTimeOffset now)
    {
        if (Status != TicketStatus.WaitingOnCustomer || AwaitingCustomerSince is not { } since || workingDays is not { } days)
        {
            return false;
        }

        if (now < calendar.AddWorkingDays(since, days))
        {
            return false;
        }

        Close(now, Tickets.ClosingReason.NoReply);
        Notify("closed-no-reply", "requester", $"{Number}: closed because we received no reply within {days} working days. You can always open a new ticket.", count: days);
        return true;
    }

    /// <summary>When the auto-close countdown ends, or null when none runs.</summary>
    public DateTimeOffset? AutoClosesAt(BusinessCalendar calendar, int? workingDays) =>
        Status == TicketStatus.WaitingOnCustomer && AwaitingCustomerSince is { } since && workingDays is { } days
            ? calendar.AddWorkingDays(since, days)
            : null;

    /// <summary>The live SLA of the ticket under its contract at <paramref name="now"/>, with the windows the contract excludes (announced maintenance).</summary>
    public SlaStatus Sla(SlaPolicy policy, FeeSchedule? fees, DateTimeOffset now, IReadOnlyList<ExcludedWindow>? excluded = null) =>
        SlaEngine.Evaluate(policy, [.. InSequence().Select(c => c.ToEvent())], now < UpdatedAt ? UpdatedAt : now, fees, excluded);

    /// <summary>
    /// Recomputes the kept SLA figures (next due, breached, escalation tier) and raises a notice for
    /// each tier reached (seed 001 art. 39.4.1). Returns the status computed.
    /// </summary>
    public SlaStatus Refresh(SlaPolicy policy, FeeSchedule? fees, DateTimeOffset now, IReadOnlyList<ExcludedWindow>? excluded = null)
    {
        var status = Sla(policy, fees, now, excluded);
        NextDueAt = new[] { status.Reaction, status.Resolution }
            .Where(c => c.IsRunning && c.Due is not null)
            .Select(c => c.Due)
            .Min();
        QueueKey = NextDueAt ?? NoDue;
        Breached = status.Breaches.Count > 0;
        var tier = status.EscalationTier.Value;
        while (EscalationTier < tier)
        {
            EscalationTier++;
            var breach = status.Breaches[EscalationTier - 2];
            Notify(
                $"escalation-tier-{EscalationTier}",
                $"tier-{EscalationTier}",
                $"{Number}: escalated to tier {EscalationTier}: the {breach.Kind.ToString().ToLowerInvariant()} target was missed at {policy.Calendar.InZone(breach.Due):yyyy-MM-dd HH:mm zzz} (seed 001 art. 39.4.1).",
                breach.Due,
                breach.Kind.ToString().ToLowerInvariant(),
                EscalationTier);

            // The customer is told too, since only the customer can claim (art. 40.4). Seed 001 names no
            // one on the customer's side for this: art. 39.4.1 lists the provider's people per tier, and
            // art. 40.4 puts the claim on "de Klant". We read it as the requester, who under a
            // managed contract is one of the designated contact persons (art. 35.2, 36) and is the one
            // the desk corresponds with about this ticket; the other contact persons are not copied.
            _notices.Add(new TicketNotice(
                "sla-breached",
                "requester",
                $"{Number}: the {breach.Kind.ToString().ToLowerInvariant()} target was missed at {policy.Calendar.InZone(breach.Due):yyyy-MM-dd HH:mm zzz}; penalty so far {status.Penalty.Value}, to be claimed by registered letter by {status.ClaimDeadline.Value:yyyy-MM-dd} (seed 001 art. 40.3–40.4).")
            {
                At = breach.Due,
                Detail = breach.Kind.ToString().ToLowerInvariant(),
                Count = EscalationTier - 1,
                Amount = status.Penalty.Value,
                Date = status.ClaimDeadline.Value,
            });
        }

        return status;
    }

    /// <summary>
    /// How long before the claim deadline the customer is reminded: two working days of the contract's
    /// calendar. The claim is a registered letter (art. 40.4), posted on a working day; two calendar
    /// days before a Monday deadline would fall on a Saturday and leave one posting day at most.
    /// </summary>
    public const int ClaimReminderWorkingDays = 2;

    /// <summary>
    /// Raises the reminder of the last day to claim the penalty (seed 001 art. 40.4) when
    /// <paramref name="now"/> is on or after the reminder day and the right has not lapsed, and only
    /// when there is a penalty to claim. Changes nothing on the ticket; sending it once is the outbox's
    /// (one key per ticket). Returns whether the notice was raised.
    /// </summary>
    public bool RemindOfClaimDeadline(SlaPolicy policy, FeeSchedule? fees, DateTimeOffset now, IReadOnlyList<ExcludedWindow>? excluded = null)
    {
        var status = Sla(policy, fees, now, excluded);
        if (status.ClaimDeadline.Value is not { } deadline || status.Penalty.Value <= Money.Zero)
        {
            return false;
        }

        var calendar = policy.Calendar;
        var today = NodaTime.Instant.FromDateTimeOffset(now).InZone(calendar.TimeZone).Date;
        var remindOn = deadline;
        for (var counted = 0; counted < ClaimReminderWorkingDays;)
        {
            remindOn = remindOn.PlusDays(-1);
            counted += calendar.IsWorkingDay(remindOn) ? 1 : 0;
        }

        if (today < remindOn || today > deadline)
        {
            return false;
        }

        _notices.Add(new TicketNotice(
            "penalty-claim-deadline",
            "requester",
            $"{Number}: the penalty so far ({status.Penalty.Value}) must be claimed by registered letter by {deadline:yyyy-MM-dd} (seed 001 art. 40.4).")
        {
            Amount = status.Penalty.Value,
            Date = deadline,
        });
        return true;
    }

    /// <summary>Takes the notices raised since the last call.</summary>
    public IReadOnlyList<TicketNotice> TakeNotices()
    {
        var taken = _notices.ToList();
        _notices.Clear();
        return taken;
    }

    private void Close(DateTimeOffset now, ClosingReason reason)
    {
        Status = TicketStatus.Closed;
        ClosingReason = reason;
        ClosedAt = now;
        AwaitingCustomerSince = null;
        if (PausedFor is not null && _clock.Count > 0)
        {
            Append(ClockEntryKind.Resumed, now, Actor.System, note: "closed");
            PausedFor = null;
        }

        Touch(now);
    }

    private void Require(string action, params TicketStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new DeskRuleException("status", $"cannot {action} a ticket that is {Status.Code()}; allowed when {string.Join(" or ", allowed.Select(s => s.Code()))}", code: "ticket-status", values: [Status.Code(), .. allowed.Select(s => s.Code())]);
        }
    }

    private void RequireOpen(string action)
    {
        if (Status is TicketStatus.Closed or TicketStatus.Resolved)
        {
            throw new DeskRuleException("status", $"cannot {action} a ticket that is {Status.Code()}", code: "ticket-closed", values: [Status.Code()]);
        }
    }

    private void Append(ClockEntryKind kind, DateTimeOffset at, Actor by, Priority? priority = null, PauseReason? reason = null, string? note = null)
    {
        RequireNotBeforeLastEvent(at);
        var clock = InSequence();
        _clock.Add(new ClockEntry(clock.Count > 0 ? clock[^1].Sequence + 1 : 1, kind, at, by.Name, priority, reason, note));
        Touch(at);
    }

    private void RequireNotBeforeLastEvent(DateTimeOffset at)
    {
        var clock = InSequence();
        if (clock.Count > 0 && at < clock[^1].At)
        {
            throw new DeskRuleException("at", "an event cannot be earlier than the ticket's last event", code: "ticket-event-order");
        }
    }

    /// <summary>
    /// The entries sorted by sequence, in place. A database returns rows in no particular order unless
    /// asked, and EF Core fills the collection in the order the rows come: PostgreSQL gives a ticket's
    /// entries in whatever order its join produces (after a bulk load, not the sequence's). Every rule
    /// that reads "the last" entry, or all of them in order, reads them from here.
    /// </summary>
    private List<ClockEntry> InSequence()
    {
        for (var i = 1; i < _clock.Count; i++)
        {
            if (_clock[i].Sequence < _clock[i - 1].Sequence)
            {
                _clock.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
                break;
            }
        }

        return _clock;
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now > UpdatedAt ? now : UpdatedAt;
        IsOpen = Status != TicketStatus.Closed;
        QueueKey ??= NoDue;
        Version++;
    }

    private void Notify(string kind, string audience, string text, DateTimeOffset? at = null, string? detail = null, int? count = null) =>
        _notices.Add(new TicketNotice(kind, audience, text) { At = at, Detail = detail, Count = count });
}

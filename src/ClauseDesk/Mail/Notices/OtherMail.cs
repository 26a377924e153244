using ClauseDesk.Contracts;
using ClauseDesk.Maintenance;
using ClauseDesk.Tickets;

namespace ClauseDesk.Mail.Notices;

/// <summary>What happened to a maintenance window.</summary>
public enum MaintenanceEvent
{
    Announced,
    Cancelled,
    EndedEarly,
}

/// <summary>Announced maintenance, or its cancellation, to the affected customers' subscribers (SPEC §6).</summary>
public sealed record MaintenanceMail(MaintenanceEvent Event, string Provider, MaintenanceKind Maintenance, string Title, string Services, string Description, DateTimeOffset Start, DateTimeOffset End) : Notice
{
    public override string Kind => Event switch
    {
        MaintenanceEvent.Announced => "maintenance-announced",
        MaintenanceEvent.Cancelled => "maintenance-cancelled",
        _ => "maintenance-ended-early",
    };

    public override string Subject(NoticeFormat format) =>
        $"[{(Event == MaintenanceEvent.Announced ? format.Text.MaintenanceTag : format.Text.MaintenanceCancelledTag)}] {Title}, {format.Short(Start)}";

    public override IReadOnlyList<NoticeBlock> Body(NoticeFormat format)
    {
        var template = Event switch
        {
            MaintenanceEvent.Announced => format.Text.MaintenanceAnnounced,
            MaintenanceEvent.Cancelled => format.Text.MaintenanceCancelled,
            _ => format.Text.MaintenanceEndedEarly,
        };
        var blocks = new List<NoticeBlock>
        {
            new Paragraph(F(format, template, Provider, format.Text.MaintenanceKinds[Maintenance], Title)),
            new Facts([(format.Text.LabelWindow, $"{format.When(Start)} – {format.When(End)}"), (format.Text.LabelServices, Services)]),
        };
        if (Description.Length > 0)
        {
            blocks.Add(new Quote(Description));
        }

        if (Event == MaintenanceEvent.Announced)
        {
            blocks.Add(new Paragraph(format.Text.MaintenanceClocks));
        }

        return blocks;
    }
}

/// <summary>A contract reminder that has fallen due (SPEC §4), with its working.</summary>
public sealed record ContractReminderMail(string ContractName, ContractReminderKind Reminder, NodaTime.LocalDate About, Working Working) : Notice
{
    public override string Kind => $"contract-{Reminder.Code()}";

    public override string Subject(NoticeFormat format) => $"[{ContractName}] {format.Text.ContractReminders[Reminder]}: {format.Date(About)}";

    // The working is the engine's own account (clause, inputs, steps) and is quoted as it computed it.
    public override IReadOnlyList<NoticeBlock> Body(NoticeFormat format) =>
    [
        new Paragraph(F(format, format.Text.ContractReminder, ContractName)),
        new Facts([(format.Text.ContractReminders[Reminder], format.Date(About))]),
        new Paragraph(format.Text.LabelWorking + ":"),
        new Quote(string.Join("\n", [Working.Clause, .. Working.Steps])),
    ];
}

/// <summary>Why a mail did not become a ticket.</summary>
public enum RefusalReason
{
    /// <summary>The sender is not a known, active person of the provider's customers.</summary>
    UnknownSender,

    /// <summary>Only the contract's designated contact persons may open tickets (seed 001 art. 35.2, 36.1).</summary>
    ContactPersonsOnly,

    /// <summary>Another rule refused it; <see cref="RefusedMail.Detail"/> says which.</summary>
    Other,
}

/// <summary>The one polite answer to a mail that could not become a ticket, saying who can open one.</summary>
public sealed record RefusedMail(string OriginalSubject, RefusalReason Reason, string? ContractName = null, IReadOnlyList<string>? ContactPersons = null, string? Detail = null) : Notice
{
    public override string Kind => "mail-refused";

    public override string Subject(NoticeFormat format) =>
        OriginalSubject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? OriginalSubject : $"Re: {OriginalSubject}";

    public override IReadOnlyList<NoticeBlock> Body(NoticeFormat format)
    {
        var blocks = new List<NoticeBlock> { new Paragraph(format.Text.RefusalIntro) };
        switch (Reason)
        {
            case RefusalReason.UnknownSender:
                blocks.Add(new Paragraph(format.Text.RefusalUnknownSender));
                break;
            case RefusalReason.ContactPersonsOnly:
                blocks.Add(new Paragraph(F(format, format.Text.RefusalContactPersonsOnly, ContractName ?? "")));
                blocks.Add(ContactPersons is { Count: > 0 } people ? new Items(people) : new Paragraph(format.Text.RefusalNoContactPerson));
                break;
            default:
                blocks.Add(new Paragraph(F(format, format.Text.RefusalOther, Detail ?? "")));
                break;
        }

        return blocks;
    }
}

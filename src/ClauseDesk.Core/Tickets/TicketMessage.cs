namespace ClauseDesk.Tickets;

/// <summary>A public message on a ticket, or an internal note customers never see.</summary>
public sealed class TicketMessage
{
    public const int MaxBodyLength = 100_000;

    private TicketMessage()
    {
    }

    /// <exception cref="DeskRuleException">An empty or too long body, or an internal note by a customer.</exception>
    public TicketMessage(Ticket ticket, Actor author, string body, bool isInternal, Channel channel, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(body) || body.Length > MaxBodyLength)
        {
            throw new DeskRuleException("body", $"a message is 1 to {MaxBodyLength:N0} characters", code: "message-length", values: [MaxBodyLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (isInternal && !Access.Roles.IsProviderStaff(author.Role))
        {
            throw new DeskRuleException("internal", "only provider staff write internal notes", code: "message-internal");
        }

        Id = Guid.CreateVersion7();
        TenantId = ticket.TenantId;
        TicketId = ticket.Id;
        AuthorId = author.Id;
        AuthorName = author.Name;
        Body = body;
        IsInternal = isInternal;
        Channel = channel;
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid TicketId { get; private set; }
    public Guid AuthorId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public string Body { get; private set; } = "";
    public bool IsInternal { get; private set; }
    public Channel Channel { get; private set; }
    public DateTimeOffset At { get; private set; }
}

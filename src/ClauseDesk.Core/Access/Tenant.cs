namespace ClauseDesk.Access;

/// <summary>A provider running the desk. Nothing of one tenant is ever shown to another.</summary>
public sealed class Tenant
{
    private Tenant()
    {
    }

    /// <param name="name">The provider's name.</param>
    /// <param name="ticketPrefix">The letters before ticket numbers, e.g. <c>CD</c> in <c>CD-2026-000123</c>: 2–6 capitals.</param>
    /// <param name="timeZone">The provider's IANA zone: ticket years are counted in it.</param>
    /// <exception cref="ArgumentException">The name is blank or the prefix is not 2–6 capital letters.</exception>
    public Tenant(string name, string ticketPrefix = "CD", string timeZone = "Europe/Brussels")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (ticketPrefix.Length is < 2 or > 6 || !ticketPrefix.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException("a ticket prefix is 2–6 capital letters, e.g. CD", nameof(ticketPrefix));
        }

        Id = Guid.CreateVersion7();
        Name = name.Trim();
        TicketPrefix = ticketPrefix;
        TimeZone = timeZone;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string TicketPrefix { get; private set; } = "CD";
    public string TimeZone { get; private set; } = "Europe/Brussels";

    /// <summary>The invoicing details (name, address, enterprise and VAT number, bank account) as JSON, checked when set; null until given.</summary>
    public string? BillingJson { get; private set; }

    public void SetBilling(string json) => BillingJson = json;

    /// <summary>The zone of a provider's <see cref="TimeZone"/> name; Brussels when the name is not a known IANA zone.</summary>
    public static NodaTime.DateTimeZone ZoneOf(string? timeZone) =>
        NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone ?? "") ?? NodaTime.DateTimeZoneProviders.Tzdb["Europe/Brussels"];

    /// <summary>The provider's zone: ticket and invoice years, local dates and times are counted in it.</summary>
    public NodaTime.DateTimeZone Zone() => ZoneOf(TimeZone);
}

using System.Globalization;
using NodaTime;

namespace ClauseDesk.Mail.Notices;

/// <summary>
/// How a notice writes dates, times and money in its language: instants in the provider's zone with the
/// zone's abbreviation (CET, CEST), never bare UTC; amounts as the language writes euro.
/// </summary>
public sealed class NoticeFormat
{
    // Belgian Dutch and French; English with the euro (Ireland) rather than the pound, as the portal.
    private static readonly Dictionary<string, CultureInfo> Cultures = new()
    {
        ["nl"] = CultureInfo.GetCultureInfo("nl-BE"),
        ["fr"] = CultureInfo.GetCultureInfo("fr-BE"),
        ["en"] = CultureInfo.GetCultureInfo("en-IE"),
    };

    public NoticeFormat(NoticeText text, DateTimeZone zone)
    {
        Text = text;
        Zone = zone;
        Culture = Cultures[text.Lang];
    }

    public NoticeText Text { get; }
    public DateTimeZone Zone { get; }
    public CultureInfo Culture { get; }

    /// <summary>E.g. <c>maandag 23 november 2026 om 10:30 (CET)</c>, <c>lundi 23 novembre 2026 à 10:30 (CET)</c>.</summary>
    public string When(DateTimeOffset at)
    {
        var instant = Instant.FromDateTimeOffset(at);
        var local = instant.InZone(Zone).LocalDateTime;
        return string.Format(Culture, Text.DateAtTime, Date(local.Date), local.ToString("HH:mm", CultureInfo.InvariantCulture), Zone.GetZoneInterval(instant).Name);
    }

    /// <summary>Short, for a subject: <c>ma 23 nov 2026 10:30 (CET)</c>.</summary>
    public string Short(DateTimeOffset at)
    {
        var instant = Instant.FromDateTimeOffset(at);
        var local = instant.InZone(Zone).LocalDateTime;
        return $"{local.ToDateTimeUnspecified().ToString("ddd d MMM yyyy HH:mm", Culture)} ({Zone.GetZoneInterval(instant).Name})";
    }

    /// <summary>The local date of an instant in the provider's zone.</summary>
    public string Date(DateTimeOffset at) => Date(Instant.FromDateTimeOffset(at).InZone(Zone).Date);

    /// <summary>E.g. <c>maandag 30 november 2026</c>.</summary>
    public string Date(LocalDate date) => date.ToDateTimeUnspecified().ToString("dddd d MMMM yyyy", Culture);

    /// <summary>E.g. <c>€ 1.200,00</c>, <c>1 200,00 €</c>, <c>€1,200.00</c>.</summary>
    public string Money(Money amount) => amount.Amount.ToString("C", Culture);

    public string Number(decimal value) => value.ToString("#,0.##", Culture);
}

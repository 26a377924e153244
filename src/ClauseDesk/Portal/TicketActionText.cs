namespace ClauseDesk.Portal;

/// <summary>
/// The ticket page's actions for the supplier (third line, seed 004 §7) and on-site interventions
/// (seed 001 art. 39.3.4), in Dutch, French and English.
/// </summary>
public sealed class TicketActionText
{
    public static TicketActionText Current => PortalLanguage.Current switch
    {
        "fr" => French,
        "en" => English,
        _ => Dutch,
    };

    public required string HandOverToSupplier { get; init; }
    public required string HandOverToSupplierExplained { get; init; }
    public required string SupplierDelivered { get; init; }
    public required string SupplierDeliveredExplained { get; init; }
    public required string AgreeOnSite { get; init; }
    public required string AgreeOnSiteExplained { get; init; }

    public static readonly TicketActionText English = new()
    {
        HandOverToSupplier = "Hand over to the supplier (line 3)",
        HandOverToSupplierExplained = "The resolution clock is suspended while the supplier has the ticket (seed 001 art. 39.1.3); the customer is informed.",
        SupplierDelivered = "Supplier delivered",
        SupplierDeliveredExplained = "The resolution clock resumes at the next business day's opening (seed 001 art. 39.1.3).",
        AgreeOnSite = "On-site intervention agreed",
        AgreeOnSiteExplained = "The resolution due moves by one business day (seed 001 art. 39.1.3, 39.3.4).",
    };

    public static readonly TicketActionText Dutch = new()
    {
        HandOverToSupplier = "Overdragen aan de leverancier (lijn 3)",
        HandOverToSupplierExplained = "De oplossingsklok staat stil zolang de leverancier het ticket heeft (seed 001 art. 39.1.3); de klant wordt op de hoogte gebracht.",
        SupplierDelivered = "Leverancier heeft geleverd",
        SupplierDeliveredExplained = "De oplossingsklok loopt weer vanaf de opening van de volgende werkdag (seed 001 art. 39.1.3).",
        AgreeOnSite = "Interventie ter plaatse afgesproken",
        AgreeOnSiteExplained = "De oplossingstermijn schuift één werkdag op (seed 001 art. 39.1.3, 39.3.4).",
    };

    public static readonly TicketActionText French = new()
    {
        HandOverToSupplier = "Transférer au fournisseur (ligne 3)",
        HandOverToSupplierExplained = "Le délai de résolution est suspendu tant que le fournisseur a le ticket (seed 001 art. 39.1.3) ; le client en est informé.",
        SupplierDelivered = "Le fournisseur a livré",
        SupplierDeliveredExplained = "Le délai de résolution reprend à l'ouverture du jour ouvrable suivant (seed 001 art. 39.1.3).",
        AgreeOnSite = "Intervention sur site convenue",
        AgreeOnSiteExplained = "L'échéance de résolution est reportée d'un jour ouvrable (seed 001 art. 39.1.3, 39.3.4).",
    };
}

using ClauseDesk.Billing.Pdf;
using ClauseDesk.Sla;
using NodaTime;

namespace ClauseDesk.Contracts.Penalties;

/// <summary>The words of the claim letter in one language; amounts and dates as on invoices.</summary>
internal sealed record ClaimLetterTexts(
    string Registered,
    string Subject,
    string Salutation,
    string Body,
    string Ticket,
    string Clock,
    string Due,
    string LateBy,
    string Days,
    string Penalty,
    string Reaction,
    string Resolution,
    string Total,
    string Cap,
    string NoCap,
    string Deadline,
    string Request,
    string Closing,
    string Place,
    string Date,
    string Signature,
    string NameAndCapacity,
    string Contract,
    string EnterpriseNumber,
    string Page,
    string[] Months)
{
    public InvoiceTexts Numbers { get; init; } = InvoiceTexts.For(InvoiceLanguage.Nl);

    public static ClaimLetterTexts For(InvoiceLanguage language) => language switch
    {
        InvoiceLanguage.Nl => Dutch with { Numbers = InvoiceTexts.For(language) },
        InvoiceLanguage.Fr => French with { Numbers = InvoiceTexts.For(language) },
        InvoiceLanguage.En => English with { Numbers = InvoiceTexts.For(language) },
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Dutch, French or English."),
    };

    public string Month(YearMonth month) => $"{Months[month.Month - 1]} {month.Year}";

    public string ClockName(ClockKind kind) => kind == ClockKind.Reaction ? Reaction : Resolution;

    private static readonly ClaimLetterTexts Dutch = new(
        "AANGETEKEND",
        "Betreft: ingebrekestelling en aanspraak op vergoeding wegens overschrijding van de service levels – {0}",
        "Geachte heer, mevrouw,",
        "Overeenkomstig artikel 40.3 van de algemene voorwaarden die van toepassing zijn op onze overeenkomst „{0}” melden wij u per aangetekend schrijven, binnen de termijn van artikel 40.4, dat de reactie- en oplossingstijden van artikel 39.1.2 voor de onderstaande tickets niet werden nagekomen. Wij maken aanspraak op de vergoeding van tien procent (10 %) van de maandelijkse som voor service levels per overschreden dag.",
        "Ticket", "Termijn", "Uiterlijk", "Te laat", "Dagen", "Vergoeding",
        "reactietijd", "oplossingstijd",
        "Totaal gevorderd",
        "Elke overschrijding is begrensd op 100 % van de maandelijkse som van {0}: {1} (art. 40.3).",
        "Voor {0} is geen maandelijkse som voor service levels bekend.",
        "Deze aanspraak moet uiterlijk op {0} aangetekend worden verzonden (art. 40.4: binnen 7 dagen vanaf de eerste overschrijding).",
        "Wij verzoeken u dit bedrag te betalen of te verrekenen met uw volgende factuur.",
        "Met de meeste hoogachting,",
        "Plaats", "Datum", "Handtekening", "Naam en hoedanigheid", "Overeenkomst", "Ondernemingsnummer", "Pagina",
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]);

    private static readonly ClaimLetterTexts French = new(
        "RECOMMANDÉ",
        "Objet : mise en demeure et demande d'indemnité pour dépassement des niveaux de service – {0}",
        "Madame, Monsieur,",
        "Conformément à l'article 40.3 des conditions générales applicables à notre contrat « {0} », nous vous notifions par lettre recommandée, dans le délai de l'article 40.4, que les délais de réaction et de résolution de l'article 39.1.2 n'ont pas été respectés pour les tickets ci-dessous. Nous réclamons l'indemnité de dix pour cent (10 %) de la redevance mensuelle des niveaux de service par jour de dépassement.",
        "Ticket", "Délai", "Échéance", "Retard", "Jours", "Indemnité",
        "réaction", "résolution",
        "Total réclamé",
        "Chaque dépassement est plafonné à 100 % de la redevance mensuelle de {0} : {1} (art. 40.3).",
        "Aucune redevance mensuelle des niveaux de service n'est connue pour {0}.",
        "Cette demande doit être envoyée par recommandé au plus tard le {0} (art. 40.4 : dans les 7 jours à compter du premier dépassement).",
        "Nous vous prions de payer ce montant ou de le déduire de votre prochaine facture.",
        "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
        "Lieu", "Date", "Signature", "Nom et qualité", "Contrat", "Numéro d'entreprise", "Page",
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]);

    private static readonly ClaimLetterTexts English = new(
        "REGISTERED LETTER",
        "Subject: formal notice and claim for service-level penalties – {0}",
        "Dear Sir or Madam,",
        "In accordance with article 40.3 of the general terms that apply to our contract \"{0}\", we hereby notify you by registered letter, within the period of article 40.4, that the reaction and resolution times of article 39.1.2 were not met for the tickets below. We claim the compensation of ten percent (10 %) of the monthly service-level fee per day exceeded.",
        "Ticket", "Clock", "Due", "Late by", "Days", "Penalty",
        "reaction", "resolution",
        "Total claimed",
        "Each breach is capped at 100 % of the monthly fee of {0}: {1} (art. 40.3).",
        "No monthly service-level fee is known for {0}.",
        "This claim must be posted by registered mail by {0} at the latest (art. 40.4: within 7 days of the first breach).",
        "Please pay this amount or deduct it from your next invoice.",
        "Yours faithfully,",
        "Place", "Date", "Signature", "Name and capacity", "Contract", "Enterprise number", "Page",
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]);
}

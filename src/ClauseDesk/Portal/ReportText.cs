namespace ClauseDesk.Portal;

/// <summary>
/// The texts of the SLA report pages in Dutch, French and English; like <see cref="PortalText"/>, a
/// missing translation does not compile.
/// </summary>
public sealed class ReportText
{
    public static ReportText Current => PortalLanguage.Current switch
    {
        "fr" => French,
        "en" => English,
        _ => Dutch,
    };

    public required string Reports { get; init; }
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Customer { get; init; }
    public required string AllCustomers { get; init; }
    public required string Show { get; init; }
    public required string DownloadCsv { get; init; }
    public required string Month { get; init; }
    public required string Tickets { get; init; }
    public required string ReactionMet { get; init; }
    public required string ReactionBreached { get; init; }
    public required string ResolutionMet { get; init; }
    public required string ResolutionBreached { get; init; }
    public required string Breaches { get; init; }
    public required string PenaltyExposure { get; init; }

    /// <summary>{0}: the cap of one breach.</summary>
    public required string CapPerBreach { get; init; }

    /// <summary>{0}: how many breaches reached their cap.</summary>
    public required string Capped { get; init; }

    public required string NotDecided { get; init; }
    public required string NoTickets { get; init; }
    public required string NoneInPeriod { get; init; }

    /// <summary>{0}: the customer.</summary>
    public required string ChartTitle { get; init; }

    /// <summary>{0}: the customer, {1}: the first month, {2}: the last.</summary>
    public required string ChartDescription { get; init; }

    public required string Met { get; init; }
    public required string Breached { get; init; }
    public required string Pending { get; init; }
    public required string ReactionShort { get; init; }
    public required string ResolutionShort { get; init; }
    public required string TicketsAxis { get; init; }
    public required string MonthUnreadable { get; init; }
    public required string FromAfterTo { get; init; }

    /// <summary>{0}: the most months.</summary>
    public required string TooLong { get; init; }

    public required string UnknownCustomer { get; init; }
    public required string NotAllowed { get; init; }
    public required string ClaimNote { get; init; }
    public required string ReadingNote { get; init; }
    public required string Breach { get; init; }
    public required string LateBy { get; init; }
    public required string DaysExceeded { get; init; }

    public static readonly ReportText English = new()
    {
        Reports = "Reports",
        Title = "SLA compliance",
        Intro = "Per customer and month: the tickets submitted in the month, how their reaction and resolution clocks fared, the breaches and the penalty they expose the provider to (seed 001 art. 40.3).",
        From = "From",
        To = "To",
        Customer = "Customer",
        AllCustomers = "All customers",
        Show = "Show",
        DownloadCsv = "Download CSV",
        Month = "Month",
        Tickets = "Tickets",
        ReactionMet = "Reaction met",
        ReactionBreached = "Reaction breached",
        ResolutionMet = "Resolution met",
        ResolutionBreached = "Resolution breached",
        Breaches = "Breaches",
        PenaltyExposure = "Penalty exposure",
        CapPerBreach = "at most {0} per breach",
        Capped = "{0} at the cap",
        NotDecided = "not decided yet",
        NoTickets = "No tickets",
        NoneInPeriod = "No tickets were submitted in this period.",
        ChartTitle = "{0}: reaction and resolution per month",
        ChartDescription = "Bars per month from {1} to {2} for {0}: reaction (Rea.) and resolution (Res.) clocks, each split into met, breached and not decided yet. The numbers are in the table below.",
        Met = "Met",
        Breached = "Breached",
        Pending = "Not decided yet",
        ReactionShort = "Rea.",
        ResolutionShort = "Res.",
        TicketsAxis = "Tickets",
        MonthUnreadable = "Choose a month, such as 2026-11.",
        FromAfterTo = "The first month comes after the last.",
        TooLong = "A report covers at most {0} months.",
        UnknownCustomer = "No such customer, or not yours to see.",
        NotAllowed = "The SLA report is for the provider's staff and for your organisation's admin.",
        ClaimNote = "Penalties assume the provider alone is at fault; the customer claims by registered letter within 7 days of the first breach (seed 001 art. 40.4).",
        ReadingNote = "A ticket counts in the month it was submitted; percentages are of the clocks already decided (met or breached). Running clocks are evaluated now.",
        Breach = "Breach",
        LateBy = "late by",
        DaysExceeded = "days exceeded",
    };

    public static readonly ReportText Dutch = new()
    {
        Reports = "Rapporten",
        Title = "SLA-naleving",
        Intro = "Per klant en maand: de tickets die in de maand werden ingediend, hoe hun reactie- en oplossingsklok verliepen, de overschrijdingen en de boete die ze de dienstverlener kunnen kosten (seed 001 art. 40.3).",
        From = "Van",
        To = "Tot en met",
        Customer = "Klant",
        AllCustomers = "Alle klanten",
        Show = "Tonen",
        DownloadCsv = "CSV downloaden",
        Month = "Maand",
        Tickets = "Tickets",
        ReactionMet = "Reactie gehaald",
        ReactionBreached = "Reactie overschreden",
        ResolutionMet = "Oplossing gehaald",
        ResolutionBreached = "Oplossing overschreden",
        Breaches = "Overschrijdingen",
        PenaltyExposure = "Mogelijke boete",
        CapPerBreach = "hoogstens {0} per overschrijding",
        Capped = "{0} aan het plafond",
        NotDecided = "nog niet beslist",
        NoTickets = "Geen tickets",
        NoneInPeriod = "In deze periode werden geen tickets ingediend.",
        ChartTitle = "{0}: reactie en oplossing per maand",
        ChartDescription = "Staven per maand van {1} tot {2} voor {0}: reactieklok (Rea.) en oplossingsklok (Opl.), elk verdeeld in gehaald, overschreden en nog niet beslist. De cijfers staan in de tabel eronder.",
        Met = "Gehaald",
        Breached = "Overschreden",
        Pending = "Nog niet beslist",
        ReactionShort = "Rea.",
        ResolutionShort = "Opl.",
        TicketsAxis = "Tickets",
        MonthUnreadable = "Kies een maand, zoals 2026-11.",
        FromAfterTo = "De eerste maand ligt na de laatste.",
        TooLong = "Een rapport beslaat hoogstens {0} maanden.",
        UnknownCustomer = "Deze klant bestaat niet, of u mag hem niet inzien.",
        NotAllowed = "Het SLA-rapport is voor de medewerkers van de dienstverlener en voor de beheerder van uw organisatie.",
        ClaimNote = "De boetes gaan ervan uit dat alleen de dienstverlener in fout is; de klant eist ze aangetekend op binnen 7 dagen na de eerste overschrijding (seed 001 art. 40.4).",
        ReadingNote = "Een ticket telt in de maand waarin het werd ingediend; percentages zijn van de klokken die al beslist zijn (gehaald of overschreden). Lopende klokken worden nu beoordeeld.",
        Breach = "Overschrijding",
        LateBy = "te laat",
        DaysExceeded = "dagen overschreden",
    };

    public static readonly ReportText French = new()
    {
        Reports = "Rapports",
        Title = "Respect du SLA",
        Intro = "Par client et par mois : les tickets soumis dans le mois, le sort de leurs délais de réaction et de résolution, les dépassements et la pénalité à laquelle ils exposent le prestataire (seed 001 art. 40.3).",
        From = "Du mois",
        To = "Au mois",
        Customer = "Client",
        AllCustomers = "Tous les clients",
        Show = "Afficher",
        DownloadCsv = "Télécharger le CSV",
        Month = "Mois",
        Tickets = "Tickets",
        ReactionMet = "Réaction respectée",
        ReactionBreached = "Réaction dépassée",
        ResolutionMet = "Résolution respectée",
        ResolutionBreached = "Résolution dépassée",
        Breaches = "Dépassements",
        PenaltyExposure = "Pénalité possible",
        CapPerBreach = "au plus {0} par dépassement",
        Capped = "{0} au plafond",
        NotDecided = "pas encore décidé",
        NoTickets = "Aucun ticket",
        NoneInPeriod = "Aucun ticket n'a été soumis pendant cette période.",
        ChartTitle = "{0} : réaction et résolution par mois",
        ChartDescription = "Barres par mois de {1} à {2} pour {0} : délai de réaction (Réa.) et de résolution (Rés.), chacun réparti en respecté, dépassé et pas encore décidé. Les chiffres figurent dans le tableau ci-dessous.",
        Met = "Respecté",
        Breached = "Dépassé",
        Pending = "Pas encore décidé",
        ReactionShort = "Réa.",
        ResolutionShort = "Rés.",
        TicketsAxis = "Tickets",
        MonthUnreadable = "Choisissez un mois, par exemple 2026-11.",
        FromAfterTo = "Le premier mois vient après le dernier.",
        TooLong = "Un rapport couvre au plus {0} mois.",
        UnknownCustomer = "Ce client n'existe pas, ou vous ne pouvez pas le consulter.",
        NotAllowed = "Le rapport SLA est destiné au personnel du prestataire et à l'administrateur de votre organisation.",
        ClaimNote = "Les pénalités supposent que seul le prestataire est en faute ; le client les réclame par lettre recommandée dans les 7 jours suivant le premier dépassement (seed 001 art. 40.4).",
        ReadingNote = "Un ticket compte dans le mois où il a été soumis ; les pourcentages portent sur les délais déjà décidés (respectés ou dépassés). Les délais en cours sont évalués maintenant.",
        Breach = "Dépassement",
        LateBy = "retard",
        DaysExceeded = "jours dépassés",
    };
}

using ClauseDesk.Sla;
using ClauseDesk.Tickets;

namespace ClauseDesk.Portal;

/// <summary>
/// Every text the portal shows, in Dutch, French and English. A missing translation does not
/// compile: each language sets every property.
/// </summary>
public sealed class PortalText
{
    public static PortalText Current => PortalLanguage.Current switch
    {
        "fr" => French,
        "en" => English,
        _ => Dutch,
    };

    public required string Lang { get; init; }

    // Sign-in and frame
    public required string SignIn { get; init; }
    public required string SignOut { get; init; }
    public required string Email { get; init; }
    public required string Password { get; init; }
    public required string SignInFailed { get; init; }
    public required string LockedOut { get; init; }
    public required string Language { get; init; }
    public required string Navigation { get; init; }
    public required string Queue { get; init; }
    public required string MyTickets { get; init; }
    public required string TeamTickets { get; init; }
    public required string AllTickets { get; init; }
    public required string NotFound { get; init; }
    public required string NotFoundText { get; init; }

    // Queue
    public required string OpenTickets { get; init; }
    public required string ClosedTickets { get; init; }
    public required string Number { get; init; }
    public required string Subject { get; init; }
    public required string Customer { get; init; }
    public required string Priority { get; init; }
    public required string Status { get; init; }
    public required string Line { get; init; }
    public required string NextDeadline { get; init; }
    public required string NoTickets { get; init; }
    public required string Previous { get; init; }
    public required string Next { get; init; }
    public required string TicketCount { get; init; }
    public required string NoRunningClock { get; init; }

    // SLA states and countdowns ({0} hours, {1} minutes)
    public required string OnTrack { get; init; }
    public required string AtRisk { get; init; }
    public required string Breached { get; init; }
    public required string Paused { get; init; }
    public required string Met { get; init; }
    public required string NotStarted { get; init; }
    public required string Stopped { get; init; }
    public required string NoTarget { get; init; }
    public required string LeftHoursMinutes { get; init; }
    public required string LeftMinutes { get; init; }
    public required string OverHoursMinutes { get; init; }
    public required string OverMinutes { get; init; }

    // The ticket page
    public required string Reaction { get; init; }
    public required string Resolution { get; init; }
    public required string Due { get; init; }
    public required string Target { get; init; }
    public required string BusinessTimeUsed { get; init; }
    public required string PausedBecause { get; init; }
    public required string BreachedAt { get; init; }
    public required string EscalationTier { get; init; }
    public required string PenaltySoFar { get; init; }
    public required string ClaimDeadline { get; init; }
    public required string AutoClosesAt { get; init; }
    public required string HowComputed { get; init; }
    public required string Clause { get; init; }
    public required string Reading { get; init; }
    public required string Inputs { get; init; }
    public required string Steps { get; init; }
    public required string Timeline { get; init; }
    public required string Clocks { get; init; }
    public required string Description { get; init; }
    public required string Requester { get; init; }
    public required string Submitted { get; init; }
    public required string InternalNote { get; init; }
    public required string Message { get; init; }
    public required string Reply { get; init; }
    public required string SendReply { get; init; }
    public required string AddInternalNote { get; init; }
    public required string Actions { get; init; }
    public required string Note { get; init; }
    public required string Reason { get; init; }
    public required string Question { get; init; }
    public required string Done { get; init; }
    public required string Stale { get; init; }
    public required string Refused { get; init; }
    public required string ClosesWhenAccepted { get; init; }
    public required string ChangedBy { get; init; }
    public required string Created { get; init; }

    // Actions
    public required string Acknowledge { get; init; }
    public required string StartWork { get; init; }
    public required string Reclassify { get; init; }
    public required string PauseClocks { get; init; }
    public required string Resume { get; init; }
    public required string HandOver { get; init; }
    public required string Workaround { get; init; }
    public required string Resolve { get; init; }
    public required string AskCustomer { get; init; }
    public required string Accept { get; init; }
    public required string Reopen { get; init; }
    public required string AcceptExplained { get; init; }

    // Classification
    public required string Urgency { get; init; }
    public required string Impact { get; init; }
    public required string Blocking { get; init; }
    public required string NonBlocking { get; init; }
    public required string SomeStaff { get; init; }
    public required string AllStaff { get; init; }
    public required string Type { get; init; }
    public required string Incident { get; init; }
    public required string QuestionType { get; init; }
    public required string Complaint { get; init; }
    public required string LineFirst { get; init; }
    public required string LineSecond { get; init; }
    public required string LineSupplier { get; init; }

    // Customers and the bug report (seed 004 §6.5)
    public required string YourTickets { get; init; }
    public required string OpenATicket { get; init; }
    public required string ServiceLevel { get; init; }
    public required string PriorityTargets { get; init; }
    public required string ReactionWithin { get; init; }
    public required string ResolutionWithin { get; init; }
    public required string BusinessHours { get; init; }
    public required string BusinessDay { get; init; }
    public required string BusinessDays { get; init; }
    public required string HolidaysClosed { get; init; }
    public required string Contract { get; init; }
    public required string BugReport { get; init; }
    public required string CompanyOrDatabase { get; init; }
    public required string AffectedUser { get; init; }
    public required string OtherUsersAffected { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required string DontKnow { get; init; }
    public required string StepsToReproduce { get; init; }
    public required string Screenshot { get; init; }
    public required string Submit { get; init; }
    public required string MayNotOpen { get; init; }
    public required string Required { get; init; }
    public required string Opened { get; init; }
    public required string ScreenshotRefused { get; init; }

    public required IReadOnlyDictionary<TicketStatus, string> Statuses { get; init; }
    public required IReadOnlyDictionary<PauseReason, string> PauseReasons { get; init; }
    public required IReadOnlyDictionary<ClosingReason, string> ClosingReasons { get; init; }
    public required IReadOnlyDictionary<ClockEntryKind, string> Events { get; init; }
    public required Func<Priority, string> PriorityName { get; init; }

    public static readonly PortalText English = new()
    {
        Lang = "en",
        SignIn = "Sign in",
        SignOut = "Sign out",
        Email = "E-mail address",
        Password = "Password",
        SignInFailed = "Unknown e-mail address or wrong password.",
        LockedOut = "Too many failed sign-ins: try again in 15 minutes.",
        Language = "Language",
        Navigation = "Navigation",
        Queue = "Queue",
        MyTickets = "My tickets",
        TeamTickets = "My line",
        AllTickets = "All",
        NotFound = "Not found",
        NotFoundText = "There is no such ticket, or it is not yours to see.",
        OpenTickets = "Open",
        ClosedTickets = "Closed",
        Number = "Number",
        Subject = "Subject",
        Customer = "Customer",
        Priority = "Priority",
        Status = "Status",
        Line = "Line",
        NextDeadline = "Next deadline",
        NoTickets = "No tickets here.",
        Previous = "Previous",
        Next = "Next",
        TicketCount = "{0} tickets",
        NoRunningClock = "no clock running",
        OnTrack = "On track",
        AtRisk = "At risk",
        Breached = "Breached",
        Paused = "Paused",
        Met = "Met",
        NotStarted = "Not started",
        Stopped = "Stopped",
        NoTarget = "No target",
        LeftHoursMinutes = "{0} h {1:00} business minutes left",
        LeftMinutes = "{1} business minutes left",
        OverHoursMinutes = "{0} h {1:00} business minutes over",
        OverMinutes = "{1} business minutes over",
        Reaction = "Reaction",
        Resolution = "Resolution",
        Due = "Due",
        Target = "Target",
        BusinessTimeUsed = "Business time used",
        PausedBecause = "Paused because",
        BreachedAt = "Breached at",
        EscalationTier = "Escalation tier",
        PenaltySoFar = "Penalty so far",
        ClaimDeadline = "Claim by registered letter until",
        AutoClosesAt = "Closes without a reply on",
        HowComputed = "How was this computed?",
        Clause = "Clause",
        Reading = "Reading",
        Inputs = "Inputs",
        Steps = "Steps",
        Timeline = "Timeline",
        Clocks = "Service level",
        Description = "Description",
        Requester = "Requester",
        Submitted = "Submitted",
        InternalNote = "Internal note",
        Message = "Message",
        Reply = "Reply",
        SendReply = "Send reply",
        AddInternalNote = "Add internal note",
        Actions = "Actions",
        Note = "Note",
        Reason = "Reason",
        Question = "Question",
        Done = "Saved.",
        Stale = "Someone changed this ticket after you opened it, so nothing was saved. This is the ticket as it stands now: check it and try again.",
        Refused = "Refused",
        ClosesWhenAccepted = "A ticket closes when the customer accepts the solution, or by itself when a question stays unanswered (seed 004 §6).",
        ChangedBy = "changed by",
        Created = "created by",
        Acknowledge = "Acknowledge",
        StartWork = "Start work",
        Reclassify = "Reclassify",
        PauseClocks = "Pause the clocks",
        Resume = "Resume the clocks",
        HandOver = "Hand over",
        Workaround = "Workaround in place",
        Resolve = "Resolve",
        AskCustomer = "Ask the customer",
        Accept = "Accept the solution",
        Reopen = "Reopen",
        AcceptExplained = "We consider this solved. Accept the solution to close the ticket, or reopen it if the problem remains.",
        Urgency = "Urgency",
        Impact = "Impact",
        Blocking = "Blocking",
        NonBlocking = "Not blocking",
        SomeStaff = "One or some members of staff",
        AllStaff = "All staff",
        Type = "Type",
        Incident = "Incident",
        QuestionType = "Question",
        Complaint = "Complaint",
        LineFirst = "Line 1",
        LineSecond = "Line 2",
        LineSupplier = "Line 3 (supplier)",
        YourTickets = "Your organisation's tickets",
        OpenATicket = "Open a ticket",
        ServiceLevel = "Your service level",
        PriorityTargets = "Priority {0} ({1})",
        ReactionWithin = "reaction within {0}",
        ResolutionWithin = "resolution within {0}",
        BusinessHours = "{0} business hours",
        BusinessDay = "1 business day",
        BusinessDays = "{0} business days",
        HolidaysClosed = "Belgian holidays closed",
        Contract = "Contract",
        BugReport = "Bug report",
        CompanyOrDatabase = "Company or database",
        AffectedUser = "User who sees the problem",
        OtherUsersAffected = "Do other users see it too?",
        Yes = "Yes",
        No = "No",
        DontKnow = "I don't know",
        StepsToReproduce = "Steps to reproduce",
        Screenshot = "Screenshot",
        Submit = "Open the ticket",
        MayNotOpen = "You may not open this ticket",
        Required = "Please fill this in.",
        Opened = "Your ticket {0} was opened.",
        ScreenshotRefused = "The ticket was opened, but the screenshot was refused",
        Statuses = new Dictionary<TicketStatus, string>
        {
            [TicketStatus.New] = "New",
            [TicketStatus.Acknowledged] = "Acknowledged",
            [TicketStatus.InProgress] = "In progress",
            [TicketStatus.WaitingOnCustomer] = "Waiting on customer",
            [TicketStatus.WaitingOnSupplier] = "Waiting on supplier",
            [TicketStatus.Workaround] = "Workaround",
            [TicketStatus.Resolved] = "Resolved",
            [TicketStatus.Closed] = "Closed",
        },
        PauseReasons = new Dictionary<PauseReason, string>
        {
            [PauseReason.ForceMajeure] = "Force majeure",
            [PauseReason.CustomerSystems] = "The customer's own systems",
            [PauseReason.AnnouncedMaintenance] = "Announced maintenance",
            [PauseReason.AwaitingCustomer] = "Awaiting the customer",
        },
        ClosingReasons = new Dictionary<ClosingReason, string>
        {
            [ClosingReason.Fixed] = "Fixed",
            [ClosingReason.AdviceGiven] = "Advice given",
            [ClosingReason.FixedInLaterVersion] = "Fixed in a later version",
            [ClosingReason.NoReply] = "No reply",
            [ClosingReason.NoFaultFound] = "No fault found",
        },
        Events = new Dictionary<ClockEntryKind, string>
        {
            [ClockEntryKind.Submitted] = "Submitted",
            [ClockEntryKind.Acknowledged] = "Acknowledged",
            [ClockEntryKind.PriorityChanged] = "Priority changed",
            [ClockEntryKind.Paused] = "Clocks paused",
            [ClockEntryKind.Resumed] = "Clocks resumed",
            [ClockEntryKind.WaitingOnSupplier] = "Waiting on the supplier",
            [ClockEntryKind.SupplierDelivered] = "Supplier delivered",
            [ClockEntryKind.OnSiteAgreed] = "On-site intervention agreed",
            [ClockEntryKind.WorkaroundProvided] = "Workaround in place",
            [ClockEntryKind.Resolved] = "Resolved",
            [ClockEntryKind.Reopened] = "Reopened",
        },
        PriorityName = PriorityNames.English,
    };

    public static readonly PortalText Dutch = new()
    {
        Lang = "nl",
        SignIn = "Aanmelden",
        SignOut = "Afmelden",
        Email = "E-mailadres",
        Password = "Wachtwoord",
        SignInFailed = "Onbekend e-mailadres of verkeerd wachtwoord.",
        LockedOut = "Te veel mislukte aanmeldingen: probeer het over 15 minuten opnieuw.",
        Language = "Taal",
        Navigation = "Navigatie",
        Queue = "Wachtrij",
        MyTickets = "Mijn tickets",
        TeamTickets = "Mijn lijn",
        AllTickets = "Alle",
        NotFound = "Niet gevonden",
        NotFoundText = "Dit ticket bestaat niet, of u mag het niet inzien.",
        OpenTickets = "Open",
        ClosedTickets = "Gesloten",
        Number = "Nummer",
        Subject = "Onderwerp",
        Customer = "Klant",
        Priority = "Prioriteit",
        Status = "Status",
        Line = "Lijn",
        NextDeadline = "Volgende deadline",
        NoTickets = "Geen tickets.",
        Previous = "Vorige",
        Next = "Volgende",
        TicketCount = "{0} tickets",
        NoRunningClock = "geen lopende klok",
        OnTrack = "Op schema",
        AtRisk = "In gevaar",
        Breached = "Overschreden",
        Paused = "Gepauzeerd",
        Met = "Gehaald",
        NotStarted = "Niet gestart",
        Stopped = "Gestopt",
        NoTarget = "Geen termijn",
        LeftHoursMinutes = "nog {0} u {1:00} werkminuten",
        LeftMinutes = "nog {1} werkminuten",
        OverHoursMinutes = "{0} u {1:00} werkminuten te laat",
        OverMinutes = "{1} werkminuten te laat",
        Reaction = "Reactietijd",
        Resolution = "Oplossingstijd",
        Due = "Uiterlijk",
        Target = "Termijn",
        BusinessTimeUsed = "Verbruikte werktijd",
        PausedBecause = "Gepauzeerd wegens",
        BreachedAt = "Overschreden op",
        EscalationTier = "Escalatieniveau",
        PenaltySoFar = "Boete tot nu",
        ClaimDeadline = "Aangetekend claimen tot",
        AutoClosesAt = "Sluit zonder antwoord op",
        HowComputed = "Hoe is dit berekend?",
        Clause = "Clausule",
        Reading = "Lezing",
        Inputs = "Gegevens",
        Steps = "Stappen",
        Timeline = "Tijdlijn",
        Clocks = "Serviceniveau",
        Description = "Omschrijving",
        Requester = "Aanvrager",
        Submitted = "Ingediend",
        InternalNote = "Interne notitie",
        Message = "Bericht",
        Reply = "Antwoorden",
        SendReply = "Antwoord versturen",
        AddInternalNote = "Interne notitie toevoegen",
        Actions = "Acties",
        Note = "Notitie",
        Reason = "Reden",
        Question = "Vraag",
        Done = "Opgeslagen.",
        Stale = "Iemand heeft dit ticket gewijzigd nadat u het opende; er is niets opgeslagen. Dit is het ticket zoals het nu is: controleer het en probeer opnieuw.",
        Refused = "Geweigerd",
        ClosesWhenAccepted = "Een ticket sluit wanneer de klant de oplossing aanvaardt, of vanzelf wanneer een vraag onbeantwoord blijft (seed 004 §6).",
        ChangedBy = "gewijzigd door",
        Created = "aangemaakt door",
        Acknowledge = "Bevestigen",
        StartWork = "Werk starten",
        Reclassify = "Herclassificeren",
        PauseClocks = "Klokken pauzeren",
        Resume = "Klokken hervatten",
        HandOver = "Overdragen",
        Workaround = "Tijdelijke oplossing",
        Resolve = "Oplossen",
        AskCustomer = "Vraag aan de klant",
        Accept = "Oplossing aanvaarden",
        Reopen = "Heropenen",
        AcceptExplained = "Wij beschouwen dit als opgelost. Aanvaard de oplossing om het ticket te sluiten, of heropen het als het probleem blijft.",
        Urgency = "Urgentie",
        Impact = "Impact",
        Blocking = "Blokkerend",
        NonBlocking = "Niet blokkerend",
        SomeStaff = "Eén of enkele medewerkers",
        AllStaff = "Alle medewerkers",
        Type = "Soort",
        Incident = "Incident",
        QuestionType = "Vraag",
        Complaint = "Klacht",
        LineFirst = "Lijn 1",
        LineSecond = "Lijn 2",
        LineSupplier = "Lijn 3 (leverancier)",
        YourTickets = "Tickets van uw organisatie",
        OpenATicket = "Ticket openen",
        ServiceLevel = "Uw serviceniveau",
        PriorityTargets = "Prioriteit {0} ({1})",
        ReactionWithin = "reactie binnen {0}",
        ResolutionWithin = "oplossing binnen {0}",
        BusinessHours = "{0} werkuren",
        BusinessDay = "1 werkdag",
        BusinessDays = "{0} werkdagen",
        HolidaysClosed = "gesloten op Belgische feestdagen",
        Contract = "Contract",
        BugReport = "Foutmelding",
        CompanyOrDatabase = "Bedrijf of databank",
        AffectedUser = "Gebruiker die het probleem ziet",
        OtherUsersAffected = "Zien andere gebruikers het ook?",
        Yes = "Ja",
        No = "Nee",
        DontKnow = "Weet ik niet",
        StepsToReproduce = "Stappen om het probleem te herhalen",
        Screenshot = "Schermafdruk",
        Submit = "Ticket openen",
        MayNotOpen = "U mag dit ticket niet openen",
        Required = "Vul dit in.",
        Opened = "Uw ticket {0} is geopend.",
        ScreenshotRefused = "Het ticket is geopend, maar de schermafdruk werd geweigerd",
        Statuses = new Dictionary<TicketStatus, string>
        {
            [TicketStatus.New] = "Nieuw",
            [TicketStatus.Acknowledged] = "Bevestigd",
            [TicketStatus.InProgress] = "In behandeling",
            [TicketStatus.WaitingOnCustomer] = "Wacht op klant",
            [TicketStatus.WaitingOnSupplier] = "Wacht op leverancier",
            [TicketStatus.Workaround] = "Tijdelijke oplossing",
            [TicketStatus.Resolved] = "Opgelost",
            [TicketStatus.Closed] = "Gesloten",
        },
        PauseReasons = new Dictionary<PauseReason, string>
        {
            [PauseReason.ForceMajeure] = "Overmacht",
            [PauseReason.CustomerSystems] = "Eigen systemen van de klant",
            [PauseReason.AnnouncedMaintenance] = "Aangekondigd onderhoud",
            [PauseReason.AwaitingCustomer] = "Wacht op de klant",
        },
        ClosingReasons = new Dictionary<ClosingReason, string>
        {
            [ClosingReason.Fixed] = "Hersteld",
            [ClosingReason.AdviceGiven] = "Advies gegeven",
            [ClosingReason.FixedInLaterVersion] = "Hersteld in een latere versie",
            [ClosingReason.NoReply] = "Geen antwoord",
            [ClosingReason.NoFaultFound] = "Geen fout gevonden",
        },
        Events = new Dictionary<ClockEntryKind, string>
        {
            [ClockEntryKind.Submitted] = "Ingediend",
            [ClockEntryKind.Acknowledged] = "Bevestigd",
            [ClockEntryKind.PriorityChanged] = "Prioriteit gewijzigd",
            [ClockEntryKind.Paused] = "Klokken gepauzeerd",
            [ClockEntryKind.Resumed] = "Klokken hervat",
            [ClockEntryKind.WaitingOnSupplier] = "Wacht op de leverancier",
            [ClockEntryKind.SupplierDelivered] = "Leverancier heeft geleverd",
            [ClockEntryKind.OnSiteAgreed] = "Interventie ter plaatse afgesproken",
            [ClockEntryKind.WorkaroundProvided] = "Tijdelijke oplossing",
            [ClockEntryKind.Resolved] = "Opgelost",
            [ClockEntryKind.Reopened] = "Heropend",
        },
        PriorityName = PriorityNames.Dutch,
    };

    public static readonly PortalText French = new()
    {
        Lang = "fr",
        SignIn = "Se connecter",
        SignOut = "Se déconnecter",
        Email = "Adresse e-mail",
        Password = "Mot de passe",
        SignInFailed = "Adresse e-mail inconnue ou mot de passe erroné.",
        LockedOut = "Trop de tentatives échouées : réessayez dans 15 minutes.",
        Language = "Langue",
        Navigation = "Navigation",
        Queue = "File d'attente",
        MyTickets = "Mes tickets",
        TeamTickets = "Ma ligne",
        AllTickets = "Tous",
        NotFound = "Introuvable",
        NotFoundText = "Ce ticket n'existe pas, ou vous ne pouvez pas le consulter.",
        OpenTickets = "Ouverts",
        ClosedTickets = "Clôturés",
        Number = "Numéro",
        Subject = "Objet",
        Customer = "Client",
        Priority = "Priorité",
        Status = "Statut",
        Line = "Ligne",
        NextDeadline = "Prochaine échéance",
        NoTickets = "Aucun ticket.",
        Previous = "Précédent",
        Next = "Suivant",
        TicketCount = "{0} tickets",
        NoRunningClock = "aucun délai en cours",
        OnTrack = "Dans les temps",
        AtRisk = "À risque",
        Breached = "Dépassé",
        Paused = "En pause",
        Met = "Respecté",
        NotStarted = "Pas commencé",
        Stopped = "Arrêté",
        NoTarget = "Pas de délai",
        LeftHoursMinutes = "encore {0} h {1:00} minutes ouvrées",
        LeftMinutes = "encore {1} minutes ouvrées",
        OverHoursMinutes = "{0} h {1:00} minutes ouvrées de retard",
        OverMinutes = "{1} minutes ouvrées de retard",
        Reaction = "Délai de réaction",
        Resolution = "Délai de résolution",
        Due = "Échéance",
        Target = "Délai",
        BusinessTimeUsed = "Temps ouvré utilisé",
        PausedBecause = "En pause pour",
        BreachedAt = "Dépassé le",
        EscalationTier = "Niveau d'escalade",
        PenaltySoFar = "Pénalité à ce jour",
        ClaimDeadline = "Réclamer par recommandé jusqu'au",
        AutoClosesAt = "Se clôture sans réponse le",
        HowComputed = "Comment est-ce calculé ?",
        Clause = "Clause",
        Reading = "Lecture",
        Inputs = "Données",
        Steps = "Étapes",
        Timeline = "Historique",
        Clocks = "Niveau de service",
        Description = "Description",
        Requester = "Demandeur",
        Submitted = "Soumis",
        InternalNote = "Note interne",
        Message = "Message",
        Reply = "Répondre",
        SendReply = "Envoyer la réponse",
        AddInternalNote = "Ajouter une note interne",
        Actions = "Actions",
        Note = "Note",
        Reason = "Motif",
        Question = "Question",
        Done = "Enregistré.",
        Stale = "Quelqu'un a modifié ce ticket après que vous l'avez ouvert ; rien n'a été enregistré. Voici le ticket tel qu'il est maintenant : vérifiez-le et réessayez.",
        Refused = "Refusé",
        ClosesWhenAccepted = "Un ticket se clôture quand le client accepte la solution, ou de lui-même quand une question reste sans réponse (seed 004 §6).",
        ChangedBy = "modifié par",
        Created = "créé par",
        Acknowledge = "Accuser réception",
        StartWork = "Commencer",
        Reclassify = "Reclasser",
        PauseClocks = "Suspendre les délais",
        Resume = "Reprendre les délais",
        HandOver = "Transférer",
        Workaround = "Solution de contournement",
        Resolve = "Résoudre",
        AskCustomer = "Poser une question au client",
        Accept = "Accepter la solution",
        Reopen = "Rouvrir",
        AcceptExplained = "Nous considérons ce problème comme résolu. Acceptez la solution pour clôturer le ticket, ou rouvrez-le si le problème persiste.",
        Urgency = "Urgence",
        Impact = "Impact",
        Blocking = "Bloquant",
        NonBlocking = "Non bloquant",
        SomeStaff = "Un ou quelques collaborateurs",
        AllStaff = "Tous les collaborateurs",
        Type = "Type",
        Incident = "Incident",
        QuestionType = "Question",
        Complaint = "Plainte",
        LineFirst = "Ligne 1",
        LineSecond = "Ligne 2",
        LineSupplier = "Ligne 3 (fournisseur)",
        YourTickets = "Les tickets de votre organisation",
        OpenATicket = "Ouvrir un ticket",
        ServiceLevel = "Votre niveau de service",
        PriorityTargets = "Priorité {0} ({1})",
        ReactionWithin = "réaction en {0}",
        ResolutionWithin = "résolution en {0}",
        BusinessHours = "{0} heures ouvrées",
        BusinessDay = "1 jour ouvré",
        BusinessDays = "{0} jours ouvrés",
        HolidaysClosed = "fermé les jours fériés belges",
        Contract = "Contrat",
        BugReport = "Rapport de bug",
        CompanyOrDatabase = "Société ou base de données",
        AffectedUser = "Utilisateur qui voit le problème",
        OtherUsersAffected = "D'autres utilisateurs le voient-ils ?",
        Yes = "Oui",
        No = "Non",
        DontKnow = "Je ne sais pas",
        StepsToReproduce = "Étapes pour reproduire",
        Screenshot = "Capture d'écran",
        Submit = "Ouvrir le ticket",
        MayNotOpen = "Vous ne pouvez pas ouvrir ce ticket",
        Required = "Veuillez remplir ce champ.",
        Opened = "Votre ticket {0} a été ouvert.",
        ScreenshotRefused = "Le ticket a été ouvert, mais la capture d'écran a été refusée",
        Statuses = new Dictionary<TicketStatus, string>
        {
            [TicketStatus.New] = "Nouveau",
            [TicketStatus.Acknowledged] = "Pris en charge",
            [TicketStatus.InProgress] = "En cours",
            [TicketStatus.WaitingOnCustomer] = "En attente du client",
            [TicketStatus.WaitingOnSupplier] = "En attente du fournisseur",
            [TicketStatus.Workaround] = "Contournement",
            [TicketStatus.Resolved] = "Résolu",
            [TicketStatus.Closed] = "Clôturé",
        },
        PauseReasons = new Dictionary<PauseReason, string>
        {
            [PauseReason.ForceMajeure] = "Force majeure",
            [PauseReason.CustomerSystems] = "Systèmes propres du client",
            [PauseReason.AnnouncedMaintenance] = "Maintenance annoncée",
            [PauseReason.AwaitingCustomer] = "En attente du client",
        },
        ClosingReasons = new Dictionary<ClosingReason, string>
        {
            [ClosingReason.Fixed] = "Corrigé",
            [ClosingReason.AdviceGiven] = "Conseil donné",
            [ClosingReason.FixedInLaterVersion] = "Corrigé dans une version ultérieure",
            [ClosingReason.NoReply] = "Pas de réponse",
            [ClosingReason.NoFaultFound] = "Aucune erreur trouvée",
        },
        Events = new Dictionary<ClockEntryKind, string>
        {
            [ClockEntryKind.Submitted] = "Soumis",
            [ClockEntryKind.Acknowledged] = "Réception confirmée",
            [ClockEntryKind.PriorityChanged] = "Priorité modifiée",
            [ClockEntryKind.Paused] = "Délais suspendus",
            [ClockEntryKind.Resumed] = "Délais repris",
            [ClockEntryKind.WaitingOnSupplier] = "En attente du fournisseur",
            [ClockEntryKind.SupplierDelivered] = "Le fournisseur a livré",
            [ClockEntryKind.OnSiteAgreed] = "Intervention sur site convenue",
            [ClockEntryKind.WorkaroundProvided] = "Solution de contournement",
            [ClockEntryKind.Resolved] = "Résolu",
            [ClockEntryKind.Reopened] = "Rouvert",
        },
        PriorityName = PriorityNames.French,
    };

    /// <summary>The word for an SLA clock's state as <see cref="TicketViewMapping"/> names it.</summary>
    public string State(string state) => state switch
    {
        "on-track" => OnTrack,
        "at-risk" => AtRisk,
        "breached" => Breached,
        "paused" => Paused,
        "met" => Met,
        "not-started" => NotStarted,
        "stopped" => Stopped,
        _ => NoTarget,
    };
}

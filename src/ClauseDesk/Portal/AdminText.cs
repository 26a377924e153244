using ClauseDesk.Access;

namespace ClauseDesk.Portal;

/// <summary>
/// The texts of the administration pages, in Dutch, French and English. Like <see cref="PortalText"/>,
/// a missing translation does not compile. Reasons for a refusal come from the rule that refused.
/// </summary>
public sealed class AdminText
{
    public static AdminText Current => PortalLanguage.Current switch
    {
        "fr" => French,
        "en" => English,
        _ => Dutch,
    };

    public required string Admin { get; init; }
    public required string Organisations { get; init; }
    public required string Organisation { get; init; }
    public required string AddOrganisation { get; init; }
    public required string Name { get; init; }
    public required string VatNumber { get; init; }
    public required string Add { get; init; }
    public required string Save { get; init; }
    public required string Staff { get; init; }
    public required string People { get; init; }
    public required string AddPerson { get; init; }
    public required string Email { get; init; }
    public required string Role { get; init; }
    public required string Language { get; init; }
    public required string PasswordOptional { get; init; }
    public required string State { get; init; }
    public required string Active { get; init; }
    public required string Inactive { get; init; }
    public required string ChangeRole { get; init; }
    public required string Deactivate { get; init; }
    public required string NoPeople { get; init; }
    public required string NoOrganisations { get; init; }
    public required string Contracts { get; init; }
    public required string NoContracts { get; init; }
    public required string NewContract { get; init; }
    public required string ServiceLevel { get; init; }
    public required string SlaPreset { get; init; }
    public required string MonthlyFee { get; init; }
    public required string None { get; init; }
    public required string AutoCloseDays { get; init; }
    public required string AutoCloseHint { get; init; }
    public required string OnlyContactPersons { get; init; }
    public required string WhoMayOpen { get; init; }
    public required string ContactPersonsOnly { get; init; }
    public required string EveryoneMayOpen { get; init; }
    public required string EscalationContacts { get; init; }
    public required string Tier2Contacts { get; init; }
    public required string Tier3Contacts { get; init; }
    public required string ContactsHint { get; init; }
    public required string Calendar { get; init; }
    public required string OwnCalendar { get; init; }
    public required string TimeZone { get; init; }
    public required string Holidays { get; init; }
    public required string WeeklyWindows { get; init; }
    public required string WindowsHint { get; init; }
    public required string ClosedDates { get; init; }
    public required string ClosedDatesHint { get; init; }
    public required string OwnTargets { get; init; }
    public required string TargetsHint { get; init; }
    public required string Reaction { get; init; }
    public required string Resolution { get; init; }
    public required string ShowPreview { get; init; }
    public required string CreateContract { get; init; }
    public required string Preview { get; init; }
    public required string OpeningsNextWeek { get; init; }
    public required string ClosedDay { get; init; }
    public required string SampleDeadline { get; init; }
    public required string NoSampleTarget { get; init; }
    public required string FixTheFields { get; init; }
    public required string OrganisationAdded { get; init; }
    public required string PersonAdded { get; init; }
    public required string ContractAdded { get; init; }
    public required string RoleChanged { get; init; }
    public required string Deactivated { get; init; }
    public required string RightsSaved { get; init; }
    public required string RightsPerContract { get; init; }
    public required string RightsExplained { get; init; }
    public required string MayView { get; init; }
    public required string NoCustomerUsers { get; init; }
    public required string NotFoundText { get; init; }
    public required string NotANumber { get; init; }
    public required string NoSuchPage { get; init; }
    public required string NotAWholeNumber { get; init; }
    public required string ProviderAdmin { get; init; }
    public required string Agent { get; init; }
    public required string CustomerAdmin { get; init; }
    public required string ContactPerson { get; init; }
    public required string CustomerUser { get; init; }

    public string RoleName(Role role) => role switch
    {
        Access.Role.ProviderAdmin => ProviderAdmin,
        Access.Role.Agent => Agent,
        Access.Role.CustomerAdmin => CustomerAdmin,
        Access.Role.ContactPerson => ContactPerson,
        _ => CustomerUser,
    };

    public static readonly AdminText English = new()
    {
        Admin = "Administration",
        Organisations = "Organisations",
        Organisation = "Organisation",
        AddOrganisation = "Add an organisation",
        Name = "Name",
        VatNumber = "VAT number",
        Add = "Add",
        Save = "Save",
        Staff = "Provider staff",
        People = "People",
        AddPerson = "Add a person",
        Email = "E-mail",
        Role = "Role",
        Language = "Language",
        PasswordOptional = "Password (at least 12 characters; empty: none yet)",
        State = "State",
        Active = "Active",
        Inactive = "Deactivated",
        ChangeRole = "Change role",
        Deactivate = "Deactivate",
        NoPeople = "No people yet.",
        NoOrganisations = "No organisations yet.",
        Contracts = "Contracts",
        NoContracts = "No contracts yet.",
        NewContract = "New contract",
        ServiceLevel = "Service level",
        SlaPreset = "SLA policy (preset)",
        MonthlyFee = "Monthly service-level fee (EUR)",
        None = "none",
        AutoCloseDays = "Working days without a reply before a ticket closes itself",
        AutoCloseHint = "1 to 60; empty: the preset's",
        OnlyContactPersons = "Only contact persons may open tickets",
        WhoMayOpen = "Who may open tickets",
        ContactPersonsOnly = "contact persons only",
        EveryoneMayOpen = "everyone of the organisation",
        EscalationContacts = "Escalation contacts",
        Tier2Contacts = "Tier 2 (first breach)",
        Tier3Contacts = "Tier 3 (second breach)",
        ContactsHint = "E-mail addresses, separated by commas",
        Calendar = "Calendar",
        OwnCalendar = "Use the contract's own calendar below instead of the preset's",
        TimeZone = "Time zone",
        Holidays = "Legal holidays",
        WeeklyWindows = "Weekly opening windows",
        WindowsHint = "e.g. 08:30-12:00, 13:00-17:00; empty: closed",
        ClosedDates = "Closing days",
        ClosedDatesHint = "One date per line, yyyy-mm-dd",
        OwnTargets = "Own targets",
        TargetsHint = "e.g. 4h, 90m, 2d. Leave all empty to keep the preset's targets; once one is filled, only the filled ones apply.",
        Reaction = "Reaction",
        Resolution = "Resolution",
        ShowPreview = "Preview",
        CreateContract = "Create the contract",
        Preview = "Preview",
        OpeningsNextWeek = "Openings next week, in {0}",
        ClosedDay = "closed",
        SampleDeadline = "A P2 opened now ({0}) would be due for a reaction at {1}.",
        NoSampleTarget = "This policy sets no reaction target for P2.",
        FixTheFields = "Nothing was saved: please correct the fields marked below.",
        OrganisationAdded = "Organisation {0} was added.",
        PersonAdded = "{0} was added.",
        ContractAdded = "Contract {0} was added.",
        RoleChanged = "{0} is now {1}.",
        Deactivated = "{0} was deactivated.",
        RightsSaved = "The rights of {0} were saved.",
        RightsPerContract = "Rights per contract",
        RightsExplained = "Admins and contact persons see all of the organisation's tickets; a customer user sees their own, and all of a contract's where ticked. Contact persons may open tickets under a contract that allows only them.",
        MayView = "May view all tickets of {0}",
        NoCustomerUsers = "No customer users to give rights to.",
        NotFoundText = "There is no such organisation, or it is not yours to manage.",
        NotANumber = "a number, such as 1200.50",
        NoSuchPage = "There is no such page, or it is not yours to use.",
        NotAWholeNumber = "a whole number",
        ProviderAdmin = "Provider admin",
        Agent = "Agent",
        CustomerAdmin = "Customer admin",
        ContactPerson = "Contact person",
        CustomerUser = "Customer user",
    };

    public static readonly AdminText Dutch = new()
    {
        Admin = "Beheer",
        Organisations = "Organisaties",
        Organisation = "Organisatie",
        AddOrganisation = "Organisatie toevoegen",
        Name = "Naam",
        VatNumber = "Btw-nummer",
        Add = "Toevoegen",
        Save = "Bewaren",
        Staff = "Medewerkers van de leverancier",
        People = "Personen",
        AddPerson = "Persoon toevoegen",
        Email = "E-mail",
        Role = "Rol",
        Language = "Taal",
        PasswordOptional = "Wachtwoord (minstens 12 tekens; leeg: nog geen)",
        State = "Toestand",
        Active = "Actief",
        Inactive = "Gedeactiveerd",
        ChangeRole = "Rol wijzigen",
        Deactivate = "Deactiveren",
        NoPeople = "Nog geen personen.",
        NoOrganisations = "Nog geen organisaties.",
        Contracts = "Contracten",
        NoContracts = "Nog geen contracten.",
        NewContract = "Nieuw contract",
        ServiceLevel = "Dienstverlening",
        SlaPreset = "SLA-beleid (voorinstelling)",
        MonthlyFee = "Maandelijkse vergoeding dienstverlening (EUR)",
        None = "geen",
        AutoCloseDays = "Werkdagen zonder antwoord voor een ticket zichzelf sluit",
        AutoCloseHint = "1 tot 60; leeg: die van de voorinstelling",
        OnlyContactPersons = "Alleen contactpersonen mogen tickets openen",
        WhoMayOpen = "Wie tickets mag openen",
        ContactPersonsOnly = "alleen contactpersonen",
        EveryoneMayOpen = "iedereen van de organisatie",
        EscalationContacts = "Escalatiecontacten",
        Tier2Contacts = "Niveau 2 (eerste overschrijding)",
        Tier3Contacts = "Niveau 3 (tweede overschrijding)",
        ContactsHint = "E-mailadressen, gescheiden door komma's",
        Calendar = "Kalender",
        OwnCalendar = "De eigen kalender hieronder gebruiken in plaats van die van de voorinstelling",
        TimeZone = "Tijdzone",
        Holidays = "Wettelijke feestdagen",
        WeeklyWindows = "Wekelijkse openingsuren",
        WindowsHint = "bv. 08:30-12:00, 13:00-17:00; leeg: gesloten",
        ClosedDates = "Sluitingsdagen",
        ClosedDatesHint = "Eén datum per regel, jjjj-mm-dd",
        OwnTargets = "Eigen termijnen",
        TargetsHint = "bv. 4h, 90m, 2d. Alles leeg: de termijnen van de voorinstelling; zodra er één ingevuld is, gelden alleen de ingevulde.",
        Reaction = "Reactie",
        Resolution = "Oplossing",
        ShowPreview = "Voorbeeld",
        CreateContract = "Contract aanmaken",
        Preview = "Voorbeeld",
        OpeningsNextWeek = "Openingsuren volgende week, in {0}",
        ClosedDay = "gesloten",
        SampleDeadline = "Een P2 die nu ({0}) geopend wordt, moet een reactie krijgen tegen {1}.",
        NoSampleTarget = "Dit beleid heeft geen reactietermijn voor P2.",
        FixTheFields = "Er werd niets bewaard: verbeter de aangeduide velden.",
        OrganisationAdded = "Organisatie {0} werd toegevoegd.",
        PersonAdded = "{0} werd toegevoegd.",
        ContractAdded = "Contract {0} werd toegevoegd.",
        RoleChanged = "{0} is nu {1}.",
        Deactivated = "{0} werd gedeactiveerd.",
        RightsSaved = "De rechten van {0} werden bewaard.",
        RightsPerContract = "Rechten per contract",
        RightsExplained = "Beheerders en contactpersonen zien alle tickets van de organisatie; een gebruiker ziet de eigen tickets, en alle tickets van een aangevinkt contract. Contactpersonen mogen tickets openen onder een contract dat alleen hen toelaat.",
        MayView = "Mag alle tickets van {0} zien",
        NoCustomerUsers = "Geen gebruikers om rechten aan te geven.",
        NotFoundText = "Deze organisatie bestaat niet, of u beheert ze niet.",
        NotANumber = "een getal, zoals 1200,50",
        NoSuchPage = "Deze pagina bestaat niet, of is niet voor u.",
        NotAWholeNumber = "een geheel getal",
        ProviderAdmin = "Beheerder leverancier",
        Agent = "Medewerker",
        CustomerAdmin = "Beheerder klant",
        ContactPerson = "Contactpersoon",
        CustomerUser = "Gebruiker",
    };

    public static readonly AdminText French = new()
    {
        Admin = "Administration",
        Organisations = "Organisations",
        Organisation = "Organisation",
        AddOrganisation = "Ajouter une organisation",
        Name = "Nom",
        VatNumber = "Numéro de TVA",
        Add = "Ajouter",
        Save = "Enregistrer",
        Staff = "Personnel du prestataire",
        People = "Personnes",
        AddPerson = "Ajouter une personne",
        Email = "E-mail",
        Role = "Rôle",
        Language = "Langue",
        PasswordOptional = "Mot de passe (au moins 12 caractères ; vide : aucun pour l'instant)",
        State = "État",
        Active = "Actif",
        Inactive = "Désactivé",
        ChangeRole = "Changer de rôle",
        Deactivate = "Désactiver",
        NoPeople = "Aucune personne pour l'instant.",
        NoOrganisations = "Aucune organisation pour l'instant.",
        Contracts = "Contrats",
        NoContracts = "Aucun contrat pour l'instant.",
        NewContract = "Nouveau contrat",
        ServiceLevel = "Niveau de service",
        SlaPreset = "Politique SLA (modèle)",
        MonthlyFee = "Redevance mensuelle du niveau de service (EUR)",
        None = "aucune",
        AutoCloseDays = "Jours ouvrables sans réponse avant qu'un ticket se clôture",
        AutoCloseHint = "1 à 60 ; vide : ceux du modèle",
        OnlyContactPersons = "Seules les personnes de contact peuvent ouvrir des tickets",
        WhoMayOpen = "Qui peut ouvrir des tickets",
        ContactPersonsOnly = "les personnes de contact uniquement",
        EveryoneMayOpen = "tout le monde dans l'organisation",
        EscalationContacts = "Contacts d'escalade",
        Tier2Contacts = "Niveau 2 (premier dépassement)",
        Tier3Contacts = "Niveau 3 (deuxième dépassement)",
        ContactsHint = "Adresses e-mail, séparées par des virgules",
        Calendar = "Calendrier",
        OwnCalendar = "Utiliser le calendrier propre ci-dessous au lieu de celui du modèle",
        TimeZone = "Fuseau horaire",
        Holidays = "Jours fériés légaux",
        WeeklyWindows = "Heures d'ouverture hebdomadaires",
        WindowsHint = "p. ex. 08:30-12:00, 13:00-17:00 ; vide : fermé",
        ClosedDates = "Jours de fermeture",
        ClosedDatesHint = "Une date par ligne, aaaa-mm-jj",
        OwnTargets = "Délais propres",
        TargetsHint = "p. ex. 4h, 90m, 2d. Tout vide : les délais du modèle ; dès qu'un est rempli, seuls les délais remplis s'appliquent.",
        Reaction = "Réaction",
        Resolution = "Résolution",
        ShowPreview = "Aperçu",
        CreateContract = "Créer le contrat",
        Preview = "Aperçu",
        OpeningsNextWeek = "Ouvertures la semaine prochaine, en {0}",
        ClosedDay = "fermé",
        SampleDeadline = "Un P2 ouvert maintenant ({0}) appellerait une réaction au plus tard le {1}.",
        NoSampleTarget = "Cette politique ne fixe aucun délai de réaction pour P2.",
        FixTheFields = "Rien n'a été enregistré : veuillez corriger les champs indiqués.",
        OrganisationAdded = "L'organisation {0} a été ajoutée.",
        PersonAdded = "{0} a été ajouté(e).",
        ContractAdded = "Le contrat {0} a été ajouté.",
        RoleChanged = "{0} est maintenant {1}.",
        Deactivated = "{0} a été désactivé(e).",
        RightsSaved = "Les droits de {0} ont été enregistrés.",
        RightsPerContract = "Droits par contrat",
        RightsExplained = "Les administrateurs et les personnes de contact voient tous les tickets de l'organisation ; un utilisateur voit les siens, et tous ceux d'un contrat coché. Les personnes de contact peuvent ouvrir des tickets sous un contrat réservé à elles.",
        MayView = "Peut voir tous les tickets de {0}",
        NoCustomerUsers = "Aucun utilisateur à qui donner des droits.",
        NotFoundText = "Cette organisation n'existe pas, ou vous ne la gérez pas.",
        NotANumber = "un nombre, comme 1200,50",
        NoSuchPage = "Cette page n'existe pas, ou ne vous est pas destinée.",
        NotAWholeNumber = "un nombre entier",
        ProviderAdmin = "Administrateur du prestataire",
        Agent = "Agent",
        CustomerAdmin = "Administrateur client",
        ContactPerson = "Personne de contact",
        CustomerUser = "Utilisateur",
    };
}

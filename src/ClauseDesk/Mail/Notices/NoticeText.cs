using ClauseDesk.Contracts;
using ClauseDesk.Maintenance;
using ClauseDesk.Sla;
using ClauseDesk.Tickets;

namespace ClauseDesk.Mail.Notices;

/// <summary>
/// Every sentence of the desk's mail, in Dutch, French and English. A missing translation does not
/// compile: each language sets every property. Placeholders are numbered (<c>{0}</c>) and filled with
/// values already written in the language (dates, amounts).
/// </summary>
public sealed class NoticeText
{
    public static IReadOnlyList<string> Languages { get; } = ["nl", "fr", "en"];

    /// <summary>The texts of a language code; Dutch for anything else (the provider's language, seed 000–004 are Dutch).</summary>
    public static NoticeText For(string? language) => language switch
    {
        "fr" => French,
        "en" => English,
        _ => Dutch,
    };

    public required string Lang { get; init; }

    /// <summary>The language's own name, heading its part of a mail written in all three.</summary>
    public required string LanguageName { get; init; }

    // Frame. {0} a name; {0} date, {1} time, {2} zone.
    public required string Greeting { get; init; }
    public required string GreetingWithoutName { get; init; }
    public required string Closing { get; init; }
    public required string ReplyKeepsNumber { get; init; }
    public required string DateAtTime { get; init; }
    public required string LabelTicket { get; init; }
    public required string LabelSubject { get; init; }

    // Tickets. {0} the ticket number unless said otherwise.
    public required string Received { get; init; }
    public required string ConfirmInWriting { get; init; }
    public required string ComplaintForServiceManager { get; init; }
    public required string Replied { get; init; }
    public required string Acknowledged { get; init; }
    public required string HandedOverToLine { get; init; }
    public required string HandedOverToSupplier { get; init; }
    public required string WorkaroundInPlace { get; init; }
    public required string Reopened { get; init; }
    public required string Resolved { get; init; }
    public required string AcceptOrReopen { get; init; }
    public required string LabelClosingReason { get; init; }
    public required string Question { get; init; }
    public required string QuestionClosesOn { get; init; }
    public required string AutoClosed { get; init; }
    public required string OpenNewTicket { get; init; }

    // Service levels. {0} number, {1} tier; {0} target, {1} due.
    public required string EscalationSubject { get; init; }
    public required string Escalated { get; init; }
    public required string TargetMissed { get; init; }
    public required string BreachSubject { get; init; }
    public required string Breached { get; init; }
    public required string ClaimSubject { get; init; }
    public required string ClaimUntil { get; init; }
    public required string LabelPenaltySoFar { get; init; }
    public required string LabelClaimDeadline { get; init; }

    // Maintenance. {0} provider, {1} kind, {2} title.
    public required string MaintenanceTag { get; init; }
    public required string MaintenanceCancelledTag { get; init; }
    public required string MaintenanceAnnounced { get; init; }
    public required string MaintenanceCancelled { get; init; }
    public required string MaintenanceEndedEarly { get; init; }
    public required string MaintenanceClocks { get; init; }
    public required string LabelWindow { get; init; }
    public required string LabelServices { get; init; }

    // Contracts. {0} contract name.
    public required string ContractReminder { get; init; }
    public required string LabelDate { get; init; }
    public required string LabelWorking { get; init; }

    // Refusal of a mail. {0} contract name.
    public required string RefusalIntro { get; init; }
    public required string RefusalUnknownSender { get; init; }
    public required string RefusalContactPersonsOnly { get; init; }
    public required string RefusalNoContactPerson { get; init; }
    public required string RefusalOther { get; init; }

    public required IReadOnlyDictionary<ClosingReason, string> ClosingReasons { get; init; }
    public required IReadOnlyDictionary<ClockKind, string> Targets { get; init; }
    public required IReadOnlyDictionary<MaintenanceKind, string> MaintenanceKinds { get; init; }
    public required IReadOnlyDictionary<ContractReminderKind, string> ContractReminders { get; init; }

    public static readonly NoticeText Dutch = new()
    {
        Lang = "nl",
        LanguageName = "Nederlands",
        Greeting = "Beste {0},",
        GreetingWithoutName = "Goedendag,",
        Closing = "Met vriendelijke groeten,",
        ReplyKeepsNumber = "U kunt gewoon op deze e-mail antwoorden. Laat het ticketnummer {0} in het onderwerp staan, dan komt uw antwoord bij het juiste ticket.",
        DateAtTime = "{0} om {1} ({2})",
        LabelTicket = "Ticket",
        LabelSubject = "Onderwerp",
        Received = "We hebben uw ticket {0} goed ontvangen. We laten u weten zodra het in behandeling is.",
        ConfirmInWriting = "U meldde dit incident telefonisch. Wilt u de melding ook schriftelijk bevestigen door op deze e-mail te antwoorden (art. 39.2.2 van de algemene voorwaarden)?",
        ComplaintForServiceManager = "Er is een klacht ingediend die aan u als servicemanager is toegewezen: ticket {0}.",
        Replied = "{1} heeft op uw ticket {0} geantwoord:",
        Acknowledged = "Uw ticket {0} is in behandeling genomen.",
        HandedOverToLine = "Uw ticket {0} is doorgegeven aan ondersteuningslijn {1}.",
        HandedOverToSupplier = "Uw ticket {0} is doorgegeven aan de leverancier (derde lijn). We houden u op de hoogte.",
        WorkaroundInPlace = "Voor uw ticket {0} is een tijdelijke oplossing ingesteld. We werken verder aan de definitieve oplossing, met prioriteit Gemiddeld (P3).",
        Reopened = "Uw ticket {0} is heropend; we werken er verder aan.",
        Resolved = "We beschouwen uw ticket {0} als opgelost.",
        AcceptOrReopen = "Wilt u de oplossing aanvaarden, of het ticket heropenen als het probleem niet verholpen is? Dat kan in het klantenportaal of door op deze e-mail te antwoorden.",
        LabelClosingReason = "Reden",
        Question = "Om uw ticket {0} verder te kunnen behandelen, hebben we de volgende vraag:",
        QuestionClosesOn = "Zonder antwoord van u wordt het ticket automatisch afgesloten op {0}.",
        AutoClosed = "We hebben uw ticket {0} afgesloten, omdat we binnen {1} werkdagen geen antwoord op onze vraag ontvingen.",
        OpenNewTicket = "Is het probleem er nog? U kunt altijd een nieuw ticket openen.",
        EscalationSubject = "Escalatie naar niveau {0}",
        Escalated = "Ticket {0} is geëscaleerd naar niveau {1}. U bent aangeduid als contactpersoon voor dit niveau (art. 39.4.1 van de algemene voorwaarden).",
        TargetMissed = "{0} overschreden: verwacht uiterlijk {1}.",
        BreachSubject = "Servicetermijn overschreden",
        Breached = "Voor uw ticket {0} hebben we een servicetermijn niet gehaald. Onze excuses daarvoor.",
        ClaimSubject = "Termijn om een vergoeding te vorderen",
        ClaimUntil = "Een vergoeding (art. 40.3 van de algemene voorwaarden) kunt u per aangetekende brief vorderen tot en met {0} (art. 40.4).",
        LabelPenaltySoFar = "Vergoeding tot nu toe",
        LabelClaimDeadline = "Vorderen tot en met",
        MaintenanceTag = "Onderhoud",
        MaintenanceCancelledTag = "Onderhoud geannuleerd",
        MaintenanceAnnounced = "{0} kondigt {1} onderhoud aan: {2}.",
        MaintenanceCancelled = "{0} annuleert het aangekondigde onderhoud: {2}.",
        MaintenanceEndedEarly = "Het onderhoud van {0} is vroeger afgelopen dan gepland: {2}.",
        MaintenanceClocks = "Tijdens aangekondigd onderhoud lopen de servicetermijnen niet (art. 34.4 en 38.3 van de algemene voorwaarden).",
        LabelWindow = "Periode",
        LabelServices = "Diensten",
        ContractReminder = "Een herinnering over uw contract {0}:",
        LabelDate = "Datum",
        LabelWorking = "Berekening",
        RefusalIntro = "Bedankt voor uw bericht. We konden er helaas geen ticket voor openen.",
        RefusalUnknownSender = "Dit e-mailadres is niet gekend bij onze servicedesk. Vraag de contactpersoon van uw organisatie om het ticket te openen, of om u te laten registreren.",
        RefusalContactPersonsOnly = "Onder het contract {0} kunnen enkel de aangeduide contactpersonen tickets openen (art. 35.2 en 36.1 van de algemene voorwaarden). Vraag een van hen om het ticket te openen:",
        RefusalNoContactPerson = "Er is nog geen contactpersoon aangeduid: vraag de beheerder van uw organisatie om er een aan te duiden.",
        RefusalOther = "De reden: {0}",
        ClosingReasons = new Dictionary<ClosingReason, string>
        {
            [ClosingReason.Fixed] = "de fout is gevonden en verholpen",
            [ClosingReason.AdviceGiven] = "advies gegeven",
            [ClosingReason.FixedInLaterVersion] = "opgelost in een latere versie",
            [ClosingReason.NoReply] = "geen antwoord",
            [ClosingReason.NoFaultFound] = "geen fout gevonden",
        },
        Targets = new Dictionary<ClockKind, string>
        {
            [ClockKind.Reaction] = "Reactietermijn",
            [ClockKind.Resolution] = "Oplossingstermijn",
        },
        MaintenanceKinds = new Dictionary<MaintenanceKind, string>
        {
            [MaintenanceKind.Planned] = "gepland",
            [MaintenanceKind.Unplanned] = "ongepland",
            [MaintenanceKind.Critical] = "dringend",
        },
        ContractReminders = new Dictionary<ContractReminderKind, string>
        {
            [ContractReminderKind.NoticeDeadline] = "Laatste dag om op te zeggen vóór de stilzwijgende verlenging",
            [ContractReminderKind.EndWithoutRenewal] = "Het contract eindigt zonder verlenging",
            [ContractReminderKind.Indexation] = "De prijzen worden geïndexeerd",
            [ContractReminderKind.DataPurge] = "De na het einde bewaarde gegevens worden gewist",
        },
    };

    public static readonly NoticeText French = new()
    {
        Lang = "fr",
        LanguageName = "Français",
        Greeting = "Bonjour {0},",
        GreetingWithoutName = "Bonjour,",
        Closing = "Cordialement,",
        ReplyKeepsNumber = "Vous pouvez simplement répondre à ce message. Gardez le numéro de ticket {0} dans l'objet : votre réponse rejoindra ainsi le bon ticket.",
        DateAtTime = "{0} à {1} ({2})",
        LabelTicket = "Ticket",
        LabelSubject = "Objet",
        Received = "Nous avons bien reçu votre ticket {0}. Nous vous informerons dès qu'il sera pris en charge.",
        ConfirmInWriting = "Vous avez signalé cet incident par téléphone. Pourriez-vous confirmer ce signalement par écrit en répondant à ce message (art. 39.2.2 des conditions générales) ?",
        ComplaintForServiceManager = "Une plainte a été introduite et vous a été attribuée en tant que responsable de service : ticket {0}.",
        Replied = "{1} a répondu à votre ticket {0} :",
        Acknowledged = "Votre ticket {0} est pris en charge.",
        HandedOverToLine = "Votre ticket {0} a été transmis à la ligne de support {1}.",
        HandedOverToSupplier = "Votre ticket {0} a été transmis au fournisseur (troisième ligne). Nous vous tenons informé(e).",
        WorkaroundInPlace = "Une solution de contournement est en place pour votre ticket {0}. Nous poursuivons la correction définitive en priorité Moyenne (P3).",
        Reopened = "Votre ticket {0} a été rouvert ; nous continuons à le traiter.",
        Resolved = "Nous considérons votre ticket {0} comme résolu.",
        AcceptOrReopen = "Pourriez-vous accepter la solution, ou rouvrir le ticket si le problème persiste ? Vous pouvez le faire dans le portail client ou en répondant à ce message.",
        LabelClosingReason = "Motif",
        Question = "Pour pouvoir poursuivre le traitement de votre ticket {0}, nous avons la question suivante :",
        QuestionClosesOn = "Sans réponse de votre part, le ticket sera clôturé automatiquement le {0}.",
        AutoClosed = "Nous avons clôturé votre ticket {0}, faute de réponse à notre question dans les {1} jours ouvrables.",
        OpenNewTicket = "Le problème persiste ? Vous pouvez toujours ouvrir un nouveau ticket.",
        EscalationSubject = "Escalade au niveau {0}",
        Escalated = "Le ticket {0} a été escaladé au niveau {1}. Vous êtes désigné(e) comme contact pour ce niveau (art. 39.4.1 des conditions générales).",
        TargetMissed = "{0} dépassé : échéance {1}.",
        BreachSubject = "Délai de service dépassé",
        Breached = "Pour votre ticket {0}, nous n'avons pas respecté un délai de service. Veuillez nous en excuser.",
        ClaimSubject = "Délai pour réclamer une indemnité",
        ClaimUntil = "Vous pouvez réclamer une indemnité (art. 40.3 des conditions générales) par lettre recommandée jusqu'au {0} inclus (art. 40.4).",
        LabelPenaltySoFar = "Indemnité à ce jour",
        LabelClaimDeadline = "Réclamer au plus tard le",
        MaintenanceTag = "Maintenance",
        MaintenanceCancelledTag = "Maintenance annulée",
        MaintenanceAnnounced = "{0} annonce une maintenance {1} : {2}.",
        MaintenanceCancelled = "{0} annule la maintenance {1} : {2}.",
        MaintenanceEndedEarly = "La maintenance {1} de {0} s'est terminée plus tôt que prévu : {2}.",
        MaintenanceClocks = "Les délais de service ne courent pas pendant une maintenance annoncée (art. 34.4 et 38.3 des conditions générales).",
        LabelWindow = "Période",
        LabelServices = "Services",
        ContractReminder = "Un rappel concernant votre contrat {0} :",
        LabelDate = "Date",
        LabelWorking = "Calcul",
        RefusalIntro = "Merci pour votre message. Nous n'avons malheureusement pas pu ouvrir de ticket pour celui-ci.",
        RefusalUnknownSender = "Cette adresse e-mail n'est pas connue de notre service desk. Demandez à la personne de contact de votre organisation d'ouvrir le ticket, ou de vous faire enregistrer.",
        RefusalContactPersonsOnly = "Dans le cadre du contrat {0}, seules les personnes de contact désignées peuvent ouvrir des tickets (art. 35.2 et 36.1 des conditions générales). Demandez à l'une d'elles d'ouvrir le ticket :",
        RefusalNoContactPerson = "Aucune personne de contact n'est encore désignée : demandez à l'administrateur de votre organisation d'en désigner une.",
        RefusalOther = "Motif : {0}",
        ClosingReasons = new Dictionary<ClosingReason, string>
        {
            [ClosingReason.Fixed] = "le problème a été identifié et corrigé",
            [ClosingReason.AdviceGiven] = "conseil donné",
            [ClosingReason.FixedInLaterVersion] = "corrigé dans une version ultérieure",
            [ClosingReason.NoReply] = "pas de réponse",
            [ClosingReason.NoFaultFound] = "aucune anomalie constatée",
        },
        Targets = new Dictionary<ClockKind, string>
        {
            [ClockKind.Reaction] = "Délai de réaction",
            [ClockKind.Resolution] = "Délai de résolution",
        },
        MaintenanceKinds = new Dictionary<MaintenanceKind, string>
        {
            [MaintenanceKind.Planned] = "planifiée",
            [MaintenanceKind.Unplanned] = "non planifiée",
            [MaintenanceKind.Critical] = "urgente",
        },
        ContractReminders = new Dictionary<ContractReminderKind, string>
        {
            [ContractReminderKind.NoticeDeadline] = "Dernier jour pour résilier avant la reconduction tacite",
            [ContractReminderKind.EndWithoutRenewal] = "Le contrat prend fin sans reconduction",
            [ContractReminderKind.Indexation] = "Les prix sont indexés",
            [ContractReminderKind.DataPurge] = "Les données conservées après la fin sont effacées",
        },
    };

    public static readonly NoticeText English = new()
    {
        Lang = "en",
        LanguageName = "English",
        Greeting = "Dear {0},",
        GreetingWithoutName = "Hello,",
        Closing = "Kind regards,",
        ReplyKeepsNumber = "You can simply reply to this e-mail. Keep the ticket number {0} in the subject so that your answer joins the right ticket.",
        DateAtTime = "{0} at {1} ({2})",
        LabelTicket = "Ticket",
        LabelSubject = "Subject",
        Received = "We have received your ticket {0}. We will let you know as soon as it is being handled.",
        ConfirmInWriting = "You reported this incident by phone. Please confirm the report in writing by replying to this e-mail (art. 39.2.2 of the general terms).",
        ComplaintForServiceManager = "A complaint was filed and assigned to you as service manager: ticket {0}.",
        Replied = "{1} replied to your ticket {0}:",
        Acknowledged = "Your ticket {0} is being handled.",
        HandedOverToLine = "Your ticket {0} has been handed over to support line {1}.",
        HandedOverToSupplier = "Your ticket {0} has been handed over to the supplier (third line). We will keep you informed.",
        WorkaroundInPlace = "A workaround is in place for your ticket {0}. We continue on the definitive fix at priority Medium (P3).",
        Reopened = "Your ticket {0} has been reopened; we are working on it again.",
        Resolved = "We consider your ticket {0} solved.",
        AcceptOrReopen = "Please accept the solution, or reopen the ticket if the problem persists. You can do so in the customer portal or by replying to this e-mail.",
        LabelClosingReason = "Reason",
        Question = "To continue with your ticket {0}, we have the following question:",
        QuestionClosesOn = "Without your answer, the ticket will close automatically on {0}.",
        AutoClosed = "We have closed your ticket {0} because we received no answer to our question within {1} working days.",
        OpenNewTicket = "Is the problem still there? You can always open a new ticket.",
        EscalationSubject = "Escalation to tier {0}",
        Escalated = "Ticket {0} has been escalated to tier {1}. You are named as a contact for this tier (art. 39.4.1 of the general terms).",
        TargetMissed = "{0} missed: it was due {1}.",
        BreachSubject = "Service-level target missed",
        Breached = "For your ticket {0}, we missed a service-level target. We apologise.",
        ClaimSubject = "Deadline to claim a penalty",
        ClaimUntil = "You can claim a penalty (art. 40.3 of the general terms) by registered letter until {0} inclusive (art. 40.4).",
        LabelPenaltySoFar = "Penalty so far",
        LabelClaimDeadline = "Claim by",
        MaintenanceTag = "Maintenance",
        MaintenanceCancelledTag = "Maintenance cancelled",
        MaintenanceAnnounced = "{0} announces {1} maintenance: {2}.",
        MaintenanceCancelled = "{0} cancels the {1} maintenance: {2}.",
        MaintenanceEndedEarly = "The {1} maintenance by {0} has ended earlier than planned: {2}.",
        MaintenanceClocks = "Service-level clocks do not run during announced maintenance (art. 34.4 and 38.3 of the general terms).",
        LabelWindow = "Window",
        LabelServices = "Services",
        ContractReminder = "A reminder about your contract {0}:",
        LabelDate = "Date",
        LabelWorking = "How it was computed",
        RefusalIntro = "Thank you for your message. Unfortunately we could not open a ticket for it.",
        RefusalUnknownSender = "This e-mail address is not known to our service desk. Please ask your organisation's contact person to open the ticket, or to have you registered.",
        RefusalContactPersonsOnly = "Under the contract {0}, only the designated contact persons may open tickets (art. 35.2 and 36.1 of the general terms). Please ask one of them to open it:",
        RefusalNoContactPerson = "No contact person has been designated yet: please ask your organisation's administrator to designate one.",
        RefusalOther = "The reason: {0}",
        ClosingReasons = new Dictionary<ClosingReason, string>
        {
            [ClosingReason.Fixed] = "the fault was found and corrected",
            [ClosingReason.AdviceGiven] = "advice given",
            [ClosingReason.FixedInLaterVersion] = "fixed in a later version",
            [ClosingReason.NoReply] = "no reply",
            [ClosingReason.NoFaultFound] = "no fault found",
        },
        Targets = new Dictionary<ClockKind, string>
        {
            [ClockKind.Reaction] = "Reaction target",
            [ClockKind.Resolution] = "Resolution target",
        },
        MaintenanceKinds = new Dictionary<MaintenanceKind, string>
        {
            [MaintenanceKind.Planned] = "planned",
            [MaintenanceKind.Unplanned] = "unplanned",
            [MaintenanceKind.Critical] = "critical",
        },
        ContractReminders = new Dictionary<ContractReminderKind, string>
        {
            [ContractReminderKind.NoticeDeadline] = "Last day to give notice before the contract renews",
            [ContractReminderKind.EndWithoutRenewal] = "The contract ends without renewal",
            [ContractReminderKind.Indexation] = "Prices are indexed",
            [ContractReminderKind.DataPurge] = "The data kept after the end is purged",
        },
    };
}

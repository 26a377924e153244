using System.Globalization;
using ClauseDesk.Sla;
using ClauseDesk.Tickets;

namespace ClauseDesk.Portal;

/// <summary>
/// The desk's refusals (<see cref="DeskRuleException.Code"/>) in Dutch, French and English, for the
/// ticket pages. The API keeps the English message; a code without a translation here is shown in
/// English rather than not at all.
/// </summary>
public sealed class RefusalText
{
    public static RefusalText Current => PortalLanguage.Current switch
    {
        "fr" => French,
        "en" => English,
        _ => Dutch,
    };

    /// <summary>Joins the statuses a transition is allowed from.</summary>
    public required string Or { get; init; }

    /// <summary>How a status is quoted in a sentence: {0} is its name.</summary>
    public required string Quoted { get; init; }

    /// <summary>Sentences by refusal code; {0}, {1} are the exception's values, statuses and pause reasons in words.</summary>
    public required IReadOnlyDictionary<string, string> Refusals { get; init; }

    /// <summary>The refusal in the reader's language, with its clause.</summary>
    public static string Explain(DeskRuleException refusal)
    {
        var text = Current;
        var clause = refusal.Clause is { } c ? $" ({c})" : "";
        if (!text.Refusals.TryGetValue(refusal.Code, out var template))
        {
            return refusal.Message + clause;
        }

        var portal = PortalText.Current;
        var values = refusal.Values;
        string Status(string code) => Enum.GetValues<TicketStatus>().Where(s => s.Code() == code).Select(s => string.Format(CultureInfo.CurrentCulture, text.Quoted, portal.Statuses[s])).FirstOrDefault() ?? code;
        object[] shown = refusal.Code switch
        {
            "ticket-status" when values.Count > 1 => [Status(values[0]), string.Join(text.Or, values.Skip(1).Select(Status))],
            "ticket-closed" when values.Count > 0 => [Status(values[0])],
            "ticket-already-paused" when values.Count > 0 => [Enum.GetValues<PauseReason>().Where(r => r.Code() == values[0]).Select(r => portal.PauseReasons[r]).FirstOrDefault() ?? values[0]],
            _ => [.. values],
        };
        try
        {
            return string.Format(CultureInfo.CurrentCulture, template, shown) + clause;
        }
        catch (FormatException)
        {
            // A refusal thrown with fewer values than its sentence needs: its English words still say why.
            return refusal.Message + clause;
        }
    }

    public static readonly RefusalText English = new()
    {
        Or = " or ",
        Quoted = "'{0}'",
        Refusals = new Dictionary<string, string>
        {
            ["ticket-contract-inactive"] = "Contract '{0}' is no longer active.",
            ["ticket-requester-organisation"] = "The requester does not belong to the contract's organisation.",
            ["ticket-contact-persons-only"] = "Under contract '{0}' only the designated contact persons may open tickets: {1}.",
            ["ticket-no-contact-person"] = "Under contract '{0}' only the designated contact persons may open tickets, and none is designated yet: ask your customer admin to designate one.",
            ["ticket-subject"] = "A subject is 1 to {0} characters: one subject per ticket.",
            ["ticket-description"] = "Describe the problem: what happens, for whom, and the steps that lead to it.",
            ["ticket-classification"] = "Urgency, impact, type and channel must be known values.",
            ["ticket-phone-priority"] = "Only Critical (P1) and High (P2) incidents may be reported by phone; this one is {0}: report it in writing.",
            ["ticket-phone-by-agent"] = "Phone reports are entered by an agent.",
            ["ticket-occurred-at"] = "When the problem occurred: not in the future, not before 1900.",
            ["ticket-status"] = "Not possible while the ticket is {0}; it is when the ticket is {1}.",
            ["ticket-closed"] = "Not possible on a ticket that is {0}.",
            ["ticket-supplier-has-it"] = "The supplier has the ticket: record the supplier's delivery first, then hand it over.",
            ["ticket-same-line"] = "The ticket is already at line {0}.",
            ["ticket-already-paused"] = "The clocks are already paused: {0}.",
            ["ticket-pause-reason"] = "An unknown pause reason.",
            ["ticket-not-paused"] = "The clocks are not paused.",
            ["ticket-no-reply-reason"] = "'No reply' is for closing automatically only.",
            ["ticket-accept-by-customer"] = "Only the customer can accept a solution.",
            ["ticket-close-by-acceptance"] = "A ticket closes when the customer accepts the solution, or by itself when the customer does not answer a question in time: resolve it instead.",
            ["ticket-event-order"] = "An event cannot be earlier than the ticket's last event.",
            ["message-length"] = "A message is 1 to {0} characters.",
            ["message-internal"] = "Only the provider's staff write internal notes.",
        },
    };

    public static readonly RefusalText Dutch = new()
    {
        Or = " of ",
        Quoted = "'{0}'",
        Refusals = new Dictionary<string, string>
        {
            ["ticket-contract-inactive"] = "Contract '{0}' is niet meer actief.",
            ["ticket-requester-organisation"] = "De aanvrager hoort niet bij de organisatie van het contract.",
            ["ticket-contact-persons-only"] = "Onder contract '{0}' mogen alleen de aangewezen contactpersonen tickets openen: {1}.",
            ["ticket-no-contact-person"] = "Onder contract '{0}' mogen alleen de aangewezen contactpersonen tickets openen, en er is er nog geen aangewezen: vraag de beheerder van uw organisatie er een aan te wijzen.",
            ["ticket-subject"] = "Een onderwerp telt 1 tot {0} tekens: één onderwerp per ticket.",
            ["ticket-description"] = "Beschrijf het probleem: wat er gebeurt, bij wie, en de stappen die ertoe leiden.",
            ["ticket-classification"] = "Urgentie, impact, type en kanaal moeten bekende waarden zijn.",
            ["ticket-phone-priority"] = "Alleen kritieke (P1) en hoge (P2) incidenten mogen telefonisch gemeld worden; dit is {0}: meld het schriftelijk.",
            ["ticket-phone-by-agent"] = "Telefonische meldingen worden door een medewerker ingevoerd.",
            ["ticket-occurred-at"] = "Wanneer het probleem optrad: niet in de toekomst, niet voor 1900.",
            ["ticket-status"] = "Niet mogelijk zolang het ticket {0} is; wel wanneer het {1} is.",
            ["ticket-closed"] = "Niet mogelijk bij een ticket dat {0} is.",
            ["ticket-supplier-has-it"] = "De leverancier heeft het ticket: registreer eerst de levering van de leverancier en draag het dan over.",
            ["ticket-same-line"] = "Het ticket is al bij lijn {0}.",
            ["ticket-already-paused"] = "De klokken zijn al gepauzeerd: {0}.",
            ["ticket-pause-reason"] = "Een onbekende reden voor de pauze.",
            ["ticket-not-paused"] = "De klokken zijn niet gepauzeerd.",
            ["ticket-no-reply-reason"] = "'Geen antwoord' is alleen voor automatisch sluiten.",
            ["ticket-accept-by-customer"] = "Alleen de klant kan een oplossing aanvaarden.",
            ["ticket-close-by-acceptance"] = "Een ticket sluit wanneer de klant de oplossing aanvaardt, of vanzelf wanneer de klant een vraag niet tijdig beantwoordt: los het op in de plaats.",
            ["ticket-event-order"] = "Een gebeurtenis kan niet vroeger zijn dan de laatste gebeurtenis van het ticket.",
            ["message-length"] = "Een bericht telt 1 tot {0} tekens.",
            ["message-internal"] = "Alleen medewerkers van de dienstverlener schrijven interne notities.",
        },
    };

    public static readonly RefusalText French = new()
    {
        Or = " ou ",
        Quoted = "« {0} »",
        Refusals = new Dictionary<string, string>
        {
            ["ticket-contract-inactive"] = "Le contrat « {0} » n'est plus actif.",
            ["ticket-requester-organisation"] = "Le demandeur n'appartient pas à l'organisation du contrat.",
            ["ticket-contact-persons-only"] = "Sous le contrat « {0} », seules les personnes de contact désignées peuvent ouvrir des tickets : {1}.",
            ["ticket-no-contact-person"] = "Sous le contrat « {0} », seules les personnes de contact désignées peuvent ouvrir des tickets, et aucune n'est encore désignée : demandez à l'administrateur de votre organisation d'en désigner une.",
            ["ticket-subject"] = "Un objet compte de 1 à {0} caractères : un seul objet par ticket.",
            ["ticket-description"] = "Décrivez le problème : ce qui se passe, pour qui, et les étapes qui y mènent.",
            ["ticket-classification"] = "L'urgence, l'impact, le type et le canal doivent être des valeurs connues.",
            ["ticket-phone-priority"] = "Seuls les incidents critiques (P1) et élevés (P2) peuvent être signalés par téléphone ; celui-ci est {0} : signalez-le par écrit.",
            ["ticket-phone-by-agent"] = "Les signalements téléphoniques sont saisis par un agent.",
            ["ticket-occurred-at"] = "Quand le problème est survenu : ni dans le futur, ni avant 1900.",
            ["ticket-status"] = "Impossible tant que le ticket est {0} ; possible quand il est {1}.",
            ["ticket-closed"] = "Impossible sur un ticket {0}.",
            ["ticket-supplier-has-it"] = "Le fournisseur a le ticket : enregistrez d'abord la livraison du fournisseur, puis transférez-le.",
            ["ticket-same-line"] = "Le ticket est déjà en ligne {0}.",
            ["ticket-already-paused"] = "Les délais sont déjà suspendus : {0}.",
            ["ticket-pause-reason"] = "Un motif de suspension inconnu.",
            ["ticket-not-paused"] = "Les délais ne sont pas suspendus.",
            ["ticket-no-reply-reason"] = "« Sans réponse » est réservé à la clôture automatique.",
            ["ticket-accept-by-customer"] = "Seul le client peut accepter une solution.",
            ["ticket-close-by-acceptance"] = "Un ticket se clôture quand le client accepte la solution, ou de lui-même quand le client ne répond pas à temps à une question : résolvez-le plutôt.",
            ["ticket-event-order"] = "Un événement ne peut pas précéder le dernier événement du ticket.",
            ["message-length"] = "Un message compte de 1 à {0} caractères.",
            ["message-internal"] = "Seul le personnel du prestataire écrit des notes internes.",
        },
    };
}

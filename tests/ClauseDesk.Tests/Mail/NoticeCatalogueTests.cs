using ClauseDesk.Contracts;
using ClauseDesk.Mail.Notices;
using ClauseDesk.Maintenance;
using ClauseDesk.Sla;
using ClauseDesk.Tickets;
using NodaTime;

namespace ClauseDesk.Mail;

/// <summary>The mail catalogue: every kind in every language, dates in the provider's zone, values encoded in HTML.</summary>
public sealed class NoticeCatalogueTests
{
    private const string Number = "CD-2026-000123";
    private static readonly DateTimeZone Brussels = DateTimeZoneProviders.Tzdb["Europe/Brussels"];
    private static readonly NoticeContext Context = new("Anker IT", Brussels, "Els Peeters");

    // Mon 30 Nov 2026 16:00 UTC = 17:00 CET.
    private static readonly DateTimeOffset Winter = new(2026, 11, 30, 16, 0, 0, TimeSpan.Zero);

    public static IEnumerable<Notice> Every()
    {
        var working = new Working("seed 004 §16.1", Working.Literal, [("end", "2027-01-31")], ["Notice deadline: 2027-01-31 − 4 months = 2026-09-30."]);
        return
        [
            new TicketReceived(Number, "Printer"),
            new WrittenConfirmationRequested(Number, "Printer"),
            new ComplaintReceived(Number, "Printer"),
            new DeskReplied(Number, "Printer", "Eva Agent", "Please restart it."),
            new StatusChanged(Number, "Printer", TicketChange.Acknowledged),
            new StatusChanged(Number, "Printer", TicketChange.HandedOver, 2),
            new StatusChanged(Number, "Printer", TicketChange.HandedOver, 3),
            new StatusChanged(Number, "Printer", TicketChange.Workaround),
            new StatusChanged(Number, "Printer", TicketChange.Reopened),
            new TicketResolved(Number, "Printer", ClosingReason.AdviceGiven),
            new QuestionAsked(Number, "Printer", "Which model?", Winter),
            new AutoClosed(Number, "Printer", 5),
            new Escalated(Number, "Printer", 2, ClockKind.Reaction, Winter),
            new SlaBreached(Number, "Printer", ClockKind.Resolution, Winter, Money.Euros(1200m), new LocalDate(2026, 12, 7)),
            new PenaltyClaimDeadline(Number, "Printer", Money.Euros(1200m), new LocalDate(2026, 12, 7)),
            new MaintenanceMail(MaintenanceEvent.Announced, "Anker IT", MaintenanceKind.Planned, "Database upgrade", "Mail", "Short outage.", Winter, Winter.AddHours(1)),
            new MaintenanceMail(MaintenanceEvent.Cancelled, "Anker IT", MaintenanceKind.Critical, "Database upgrade", "Mail", "", Winter, Winter.AddHours(1)),
            new MaintenanceMail(MaintenanceEvent.EndedEarly, "Anker IT", MaintenanceKind.Unplanned, "Database upgrade", "Mail", "", Winter, Winter.AddHours(1)),
            .. Enum.GetValues<ContractReminderKind>().Select(k => new ContractReminderMail("Support 2026", k, new LocalDate(2026, 9, 30), working)),
            new RefusedMail("Slow PC", RefusalReason.UnknownSender),
            new RefusedMail("Slow PC", RefusalReason.ContactPersonsOnly, "Support 2026", ["An Contact <an@anker.example>"]),
            new RefusedMail("Slow PC", RefusalReason.ContactPersonsOnly, "Support 2026", []),
            new RefusedMail("Slow PC", RefusalReason.Other, Detail: "contract 'Support 2026' is no longer active"),
        ];
    }

    public static TheoryData<string> Languages => ["nl", "fr", "en"];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_kind_renders_in_the_language_with_the_ticket_number_in_the_subject(string language)
    {
        foreach (var notice in Every())
        {
            var mail = NoticeCatalogue.Render(notice, language, Context);
            var other = NoticeCatalogue.Render(notice, language == "en" ? "nl" : "en", Context);
            mail.Language.ShouldBe(language);
            mail.Subject.ShouldNotBeNullOrWhiteSpace();
            mail.Text.ShouldNotBe(other.Text, $"{notice.Kind} is not translated into {language}");
            mail.Text.ShouldNotContain("{", customMessage: $"{notice.Kind} in {language} left a placeholder");
            mail.Text.ShouldContain("Anker IT");
            mail.Html.ShouldStartWith("<!doctype html>");
            mail.Html.ShouldContain($"<html lang=\"{language}\">");
            if (notice is TicketMail)
            {
                mail.Subject.ShouldStartWith($"[{Number}] ");
                mail.Text.ShouldContain(Number);
            }
        }
    }

    [Fact]
    public void Every_enumeration_has_its_words_in_every_language()
    {
        foreach (var text in new[] { NoticeText.Dutch, NoticeText.French, NoticeText.English })
        {
            text.ClosingReasons.Keys.ShouldBe(Enum.GetValues<ClosingReason>(), ignoreOrder: true);
            text.Targets.Keys.ShouldBe(Enum.GetValues<ClockKind>(), ignoreOrder: true);
            text.MaintenanceKinds.Keys.ShouldBe(Enum.GetValues<MaintenanceKind>(), ignoreOrder: true);
            text.ContractReminders.Keys.ShouldBe(Enum.GetValues<ContractReminderKind>(), ignoreOrder: true);
        }
    }

    [Theory]
    [InlineData("nl", "maandag 30 november 2026 om 17:00 (CET)", "Zonder antwoord van u wordt het ticket automatisch afgesloten op")]
    [InlineData("fr", "lundi 30 novembre 2026 à 17:00 (CET)", "le ticket sera clôturé automatiquement le")]
    [InlineData("en", "Monday 30 November 2026 at 17:00 (CET)", "the ticket will close automatically on")]
    public void The_question_states_the_closing_date_in_the_providers_zone(string language, string when, string sentence)
    {
        var mail = NoticeCatalogue.Render(new QuestionAsked(Number, "Printer", "Which model?", Winter), language, Context);
        mail.Text.ShouldContain($"{sentence} {when}.");
        mail.Text.ShouldContain("> Which model?");
        mail.Html.ShouldContain(when);
    }

    [Fact]
    public void Summer_time_is_shown_as_such()
    {
        var summer = new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero);
        var mail = NoticeCatalogue.Render(new Escalated(Number, "Printer", 2, ClockKind.Reaction, summer), "nl", Context);
        mail.Text.ShouldContain("woensdag 1 juli 2026 om 10:00 (CEST)");
        mail.Subject.ShouldBe($"[{Number}] Escalatie naar niveau 2: Printer");
    }

    [Theory]
    [InlineData("nl", "€ 1.200,00")]
    [InlineData("fr", "1\u202f200,00 €")]
    [InlineData("en", "€1,200.00")]
    public void Money_is_written_as_the_language_writes_it(string language, string amount)
    {
        var mail = NoticeCatalogue.Render(new SlaBreached(Number, "Printer", ClockKind.Resolution, Winter, Money.Euros(1200m), new LocalDate(2026, 12, 7)), language, Context);
        mail.Text.ShouldContain(amount);
    }

    [Fact]
    public void Html_encodes_every_value_and_the_text_keeps_it_as_typed()
    {
        var mail = NoticeCatalogue.Render(new DeskReplied(Number, "<script>alert('x')</script>", "Eva <b>Agent</b>", "Try <img src=x onerror=alert(1)> & see"), "en", Context with { RecipientName = "<i>Els</i>" });
        mail.Html.ShouldNotContain("<script>");
        mail.Html.ShouldNotContain("<img");
        mail.Html.ShouldNotContain("<b>");
        mail.Html.ShouldNotContain("<i>");
        mail.Html.ShouldContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        mail.Html.ShouldContain("&amp; see");
        mail.Subject.ShouldBe($"[{Number}] <script>alert('x')</script>");
        mail.Text.ShouldContain("> Try <img src=x onerror=alert(1)> & see");
    }

    [Fact]
    public void A_mail_in_all_three_languages_has_each_in_turn()
    {
        var mail = NoticeCatalogue.RenderAll(new RefusedMail("Slow PC", RefusalReason.UnknownSender), Context with { RecipientName = null });
        mail.Language.ShouldBe("nl+fr+en");
        mail.Subject.ShouldBe("Re: Slow PC");
        var dutch = mail.Text.IndexOf("Dit e-mailadres is niet gekend", StringComparison.Ordinal);
        var french = mail.Text.IndexOf("Cette adresse e-mail n'est pas connue", StringComparison.Ordinal);
        var english = mail.Text.IndexOf("This e-mail address is not known", StringComparison.Ordinal);
        dutch.ShouldBeGreaterThan(-1);
        french.ShouldBeGreaterThan(dutch);
        english.ShouldBeGreaterThan(french);
        mail.Html.ShouldContain("<div lang=\"fr\">");
        mail.Html.ShouldContain("<div lang=\"en\">");
    }

    [Theory]
    [InlineData(null, "Printer werkt niet", "Goedemorgen, de printer op de tweede verdieping werkt niet meer. Kunnen jullie ons helpen?", "nl")]
    [InlineData(null, "Imprimante en panne", "Bonjour, l'imprimante du deuxième étage ne fonctionne plus. Pouvez-vous nous aider ? Merci", "fr")]
    [InlineData(null, "Printer broken", "Hello, the printer on the second floor does not work any more. Can you please help us?", "en")]
    [InlineData("fr-BE", "Printer", "", "fr")]
    [InlineData(null, "Printer", "HP 4050", null)]
    public void A_strangers_language_is_read_only_when_plain(string? contentLanguage, string subject, string text, string? expected) =>
        LanguageGuess.Of(contentLanguage, subject, text).ShouldBe(expected);
}

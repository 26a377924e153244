using System.Text;
using ClauseDesk.Html;

namespace ClauseDesk.Mime.Tests;

/// <summary>What the desk must read from each awkward message of the corpus.</summary>
public class CorpusTests
{
    private static readonly byte[] Png1x1 = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static bool Has(MimeMessage message, MimeDefectKind kind) => message.Defects.Any(d => d.Kind == kind);

    [Fact]
    public void The_corpus_holds_at_least_25_messages_and_each_has_a_test_here()
    {
        var names = Corpus.Messages();
        names.Count.ShouldBeGreaterThanOrEqualTo(25);
        var tests = typeof(CorpusTests).GetMethods().Select(m => m.Name).ToList();
        foreach (var name in names)
        {
            var number = name[..2];
            tests.ShouldContain(t => t.StartsWith($"C{number}_", StringComparison.Ordinal), $"no test for {name}");
        }
    }

    [Fact]
    public void C01_related_alternative_with_an_inline_cid_image()
    {
        var message = Corpus.Parse("01-related-alternative-cid.eml");
        message.Subject.ShouldBe("Printer on the second floor shows an error");
        message.From.ShouldHaveSingleItem().ShouldBe(new MailboxAddress("An De Smet", "an.desmet@brouwerij-anker.example"));
        message.To.ShouldHaveSingleItem().Address.ShouldBe("support@clausedesk.example");
        message.Date.ShouldBe(new DateTimeOffset(2026, 11, 24, 9, 41, 7, TimeSpan.FromHours(1)));
        message.MessageId.ShouldBe("CAF12345.abc@mail.brouwerij-anker.example");
        message.TextBody.ShouldBe("Hello,\n\nThe printer shows the error in the picture below.\n\nAn");
        message.HtmlBody!.ShouldContain("<img src=\"cid:error-screen@anker\"");
        var image = message.Attachments.ShouldHaveSingleItem();
        image.FileName.ShouldBe("error.png");
        image.ContentType.ShouldBe("image/png");
        image.ContentId.ShouldBe("error-screen@anker");
        image.IsInline.ShouldBeTrue();
        image.Content.ShouldBe(Png1x1);
        image.Size.ShouldBe(Png1x1.Length);
        message.IsAutomatic.ShouldBeFalse();
        message.Defects.ShouldBeEmpty();
        new HtmlSanitiser().Sanitise(message.HtmlBody).ShouldContain("<img src=\"cid:error-screen@anker\" alt=\"error screen\">");
    }

    [Fact]
    public void C02_outlook_with_winmail_dat_keeps_the_tnef_file_as_an_attachment()
    {
        var message = Corpus.Parse("02-outlook-winmail-dat.eml");
        message.From.ShouldHaveSingleItem().ShouldBe(new MailboxAddress("Peeters, Jan", "jan.peeters@gemeente.example"));
        message.To.ShouldHaveSingleItem().ShouldBe(new MailboxAddress("support@clausedesk.example", "support@clausedesk.example"));
        message.TextBody.ShouldBe("Goedemorgen,\n\nIn bijlage de offerte voor de nieuwe laptops. Graag een reactie vóór vrijdag.\n\nMet vriendelijke groeten,\nJan Peeters\n");
        var tnef = message.Attachments.ShouldHaveSingleItem();
        tnef.FileName.ShouldBe("winmail.dat");
        tnef.ContentType.ShouldBe("application/ms-tnef");
        tnef.IsInline.ShouldBeFalse();
        tnef.Content.Length.ShouldBe(4 + 1024);
        tnef.Content[..4].ShouldBe(new byte[] { 0x78, 0x9F, 0x3E, 0x22 });
        message.Headers.GetAll("Received").Count.ShouldBe(1);
        message.Headers["Thread-Topic"].ShouldBe("Offerte nieuwe laptops");
        message.Defects.ShouldBeEmpty();
    }

    [Fact]
    public void C03_us_ascii_label_on_utf8_text_reads_as_utf8_with_a_defect()
    {
        var message = Corpus.Parse("03-says-us-ascii-is-utf8.eml");
        message.TextBody.ShouldBe("De kassa in het café geeft een foutmelding: « verbinding verbroken ».\nKunnen jullie één technicus sturen?\n");
        Has(message, MimeDefectKind.MislabelledCharset).ShouldBeTrue();
    }

    [Fact]
    public void C04_us_ascii_label_on_latin1_text_reads_as_windows_1252_with_a_defect()
    {
        var message = Corpus.Parse("04-says-us-ascii-is-latin1.eml");
        message.TextBody.ShouldBe("Bonjour, l'imprimante de Hélène ne répond plus depuis ce matin.\n");
        Has(message, MimeDefectKind.MislabelledCharset).ShouldBeTrue();
    }

    [Fact]
    public void C05_missing_charset_on_8bit_text_reads_as_utf8_with_a_defect()
    {
        var message = Corpus.Parse("05-missing-charset.eml");
        message.TextBody.ShouldBe("Ik ben mijn wachtwoord vergeten voor het portaal. Graag een reset – dringend.\n");
        Has(message, MimeDefectKind.MissingCharset).ShouldBeTrue();
    }

    [Fact]
    public void C06_raw_8bit_headers_read_as_utf8_else_windows_1252()
    {
        var message = Corpus.Parse("06-raw-8bit-headers.eml");
        message.Subject.ShouldBe("Réunion à Liège: le projecteur ne marche pas");
        message.From.ShouldHaveSingleItem().ShouldBe(new MailboxAddress("Françoise Lambert", "francoise@notaris.example"));
        message.Defects.ShouldHaveSingleItem().Kind.ShouldBe(MimeDefectKind.InvalidHeaderEncoding);
        message.Defects[0].Reason.ShouldContain("From");
    }

    [Fact]
    public void C07_encoded_words_split_mid_character_and_in_mixed_charsets()
    {
        var message = Corpus.Parse("07-encoded-words-split-and-mixed.eml");
        message.Subject.ShouldBe("Storing: één wachtrij € - café");
        message.From.ShouldHaveSingleItem().Name.ShouldBe("José García");
        message.To.Count.ShouldBe(2);
        message.To[0].ShouldBe(new MailboxAddress("Søren Ørsted", "soren@clausedesk.example"));
        message.To[1].ShouldBe(new MailboxAddress(null, "support@clausedesk.example"));
        message.Defects.ShouldBeEmpty();
    }

    [Fact]
    public void C08_rfc2231_file_names_with_continuations_charsets_and_outlook_encoded_words()
    {
        var message = Corpus.Parse("08-rfc2231-continuations.eml");
        message.TextBody.ShouldBe("Zie bijlagen.");
        message.Attachments.Select(a => a.FileName).ShouldBe(
        [
            "Offerte – café Ærø 2026 (definitief).pdf",
            "Pläne Gebäude.pdf",
            "rapport été.docx",
        ]);
        message.Attachments[0].Entity.ContentType.Name.ShouldBe("Pläne Gebäude.pdf");
        Encoding.ASCII.GetString(message.Attachments[0].Content).ShouldStartWith("%PDF-1.4");
        message.Attachments.ShouldAllBe(a => !a.IsInline);
        message.Defects.ShouldBeEmpty();
    }

    [Fact]
    public void C09_missing_closing_boundary_keeps_every_part_and_says_so()
    {
        var message = Corpus.Parse("09-missing-closing-boundary.eml");
        message.TextBody.ShouldBe("Het logbestand zit in bijlage.");
        var log = message.Attachments.ShouldHaveSingleItem();
        log.FileName.ShouldBe("server.log");
        Encoding.UTF8.GetString(log.Content).ShouldBe("2026-11-25 10:59:01 ERROR disk full\r\n2026-11-25 10:59:02 ERROR disk full\r\n");
        message.Defects.ShouldHaveSingleItem().Kind.ShouldBe(MimeDefectKind.MissingClosingBoundary);
    }

    [Fact]
    public void C10_a_forwarded_message_is_one_attachment_parsed_as_a_nested_message()
    {
        var message = Corpus.Parse("10-forwarded-message-rfc822.eml");
        message.TextBody.ShouldBe("Is dit phishing? Ik stuur het originele bericht door.\n");
        var forwarded = message.Attachments.ShouldHaveSingleItem();
        forwarded.ContentType.ShouldBe("message/rfc822");
        forwarded.FileName.ShouldBe("Uw mailbox is vol.eml");
        var nested = forwarded.Entity.Message.ShouldNotBeNull();
        nested.Subject.ShouldBe("Uw mailbox is vol – actie vereist");
        nested.From.ShouldHaveSingleItem().ShouldBe(new MailboxAddress("IT Helpdesk", "helpdesk@phish.example"));
        nested.TextBody.ShouldBe("Klik hier om uw mailbox te vergroten.");
        nested.HtmlBody!.ShouldContain("http://phish.example/login");
        MimeMessage.Parse(forwarded.Content).MessageId.ShouldBe("phish-77@phish.example");
        message.Defects.ShouldBeEmpty();
    }

    [Fact]
    public void C11_a_bounce_from_mailer_daemon_is_automatic()
    {
        var message = Corpus.Parse("11-bounce-mailer-daemon.eml");
        message.IsAutomatic.ShouldBeTrue();
        message.AutomaticReason.ShouldBe("Return-Path: <> (a delivery report)");
        message.From.ShouldHaveSingleItem().LocalPart.ShouldBe("MAILER-DAEMON");
        message.MessageId.ShouldBe("20261125130003.ABC12@mx.clausedesk.example");
        message.Date.ShouldBe(new DateTimeOffset(2026, 11, 25, 14, 0, 3, TimeSpan.FromHours(1)));
        message.Body.ContentType.MimeType.ShouldBe("multipart/report");
        message.TextBody!.ShouldContain("550 5.1.1 User unknown");
        message.Attachments.Select(a => a.ContentType).ShouldBe(["message/delivery-status", "message/rfc822"]);
        var original = message.Attachments[1].Entity.Message.ShouldNotBeNull();
        original.MessageId.ShouldBe("ticket-42.1@clausedesk.example");
        original.Subject.ShouldBe("[CD-2026-000042] Your ticket was received");
        message.Defects.ShouldBeEmpty();
    }

    [Fact]
    public void C12_auto_submitted_auto_replied_is_automatic()
    {
        var message = Corpus.Parse("12-auto-replied.eml");
        message.IsAutomatic.ShouldBeTrue();
        message.AutomaticReason.ShouldBe("Auto-Submitted: auto-replied");
        message.InReplyTo.ShouldBe(["ticket-42.1@clausedesk.example"]);
    }

    [Fact]
    public void C13_an_out_of_office_with_x_autoreply_is_automatic_but_x_auto_response_suppress_is_no_signal()
    {
        var message = Corpus.Parse("13-out-of-office-x-autoreply.eml");
        message.AutomaticReason.ShouldBe("X-Autoreply: yes");

        var suppressOnly = MimeMessage.Parse(Encoding.ASCII.GetBytes(
            "From: a@b.example\r\nX-Auto-Response-Suppress: All\r\nSubject: hi\r\n\r\nbody\r\n"));
        suppressOnly.IsAutomatic.ShouldBeFalse();
    }

    [Fact]
    public void C14_list_mail_with_precedence_list_is_automatic()
    {
        var message = Corpus.Parse("14-list-precedence.eml");
        message.AutomaticReason.ShouldBe("Precedence: list");
        message.Headers["List-Id"].ShouldBe("IT News <it-news.lists.vendor.example>");
    }

    [Fact]
    public void C15_no_message_id_and_ids_with_comments_and_folding()
    {
        var message = Corpus.Parse("15-no-message-id.eml");
        message.MessageId.ShouldBeNull();
        message.InReplyTo.ShouldBe(["ticket-7.3@clausedesk.example"]);
        message.References.ShouldBe(["ticket-7.1@clausedesk.example", "ticket-7.2@clausedesk.example", "ticket-7.3@clausedesk.example"]);
        message.Date.ShouldBe(new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.FromHours(1)));
        message.Defects.ShouldBeEmpty();
        message.IsAutomatic.ShouldBeFalse();
    }

    [Fact]
    public void C16_duplicate_headers_keep_their_order_the_first_subject_wins_and_to_is_combined()
    {
        var message = Corpus.Parse("16-duplicate-headers.eml");
        message.Subject.ShouldBe("Factuur november");
        message.Headers.GetAll("subject").Select(h => h.Value).ShouldBe(["Factuur november", "Factuur oktober"]);
        message.To.Select(a => a.Address).ShouldBe(["support@clausedesk.example", "facturatie@clausedesk.example"]);
        message.Headers.GetAll("Received").Count.ShouldBe(3);
        message.Headers.GetAll("Received")[2].RawValue.ShouldStartWith("from d.example");
        message.Defects.Count(d => d.Kind == MimeDefectKind.DuplicateHeader).ShouldBe(2);
    }

    [Fact]
    public void C17_very_long_lines_are_kept_whole()
    {
        var message = Corpus.Parse("17-very-long-lines.eml");
        var lines = message.TextBody!.Split('\n');
        lines[0].Length.ShouldBeGreaterThan(6000);
        lines[0].ShouldStartWith("woord0 woord1 ");
        lines[0].ShouldEndWith(" woord899");
        lines[1].ShouldBe("einde");
        message.Headers["X-Long-Header"]!.Length.ShouldBe(1500);
        message.Defects.ShouldHaveSingleItem().Kind.ShouldBe(MimeDefectKind.LineTooLong);
    }

    [Fact]
    public void C18_bare_lf_line_ends_read_like_crlf()
    {
        var message = Corpus.Parse("18-bare-lf.eml");
        message.Subject.ShouldBe("Backup report");
        message.TextBody.ShouldBe("Backup finished: 12 files, 0 errors.\nSecond line.");
        var csv = message.Attachments.ShouldHaveSingleItem();
        csv.FileName.ShouldBe("backup.csv");
        Encoding.UTF8.GetString(csv.Content).ShouldBe("file,size\na.txt,12");
        message.Defects.ShouldBeEmpty();
    }

    [Fact]
    public void C19_an_empty_message_is_an_empty_message()
    {
        var message = Corpus.Parse("19-empty.eml");
        message.Headers.ShouldBeEmpty();
        message.Subject.ShouldBeNull();
        message.From.ShouldBeEmpty();
        message.Date.ShouldBeNull();
        message.TextBody.ShouldBe(string.Empty);
        message.Attachments.ShouldBeEmpty();
        message.IsAutomatic.ShouldBeFalse();
    }

    [Fact]
    public void C20_a_message_of_headers_only_has_its_headers_and_an_empty_body()
    {
        var message = Corpus.Parse("20-headers-only.eml");
        message.Subject.ShouldBe("Bel mij terug aub");
        message.MessageId.ShouldBe("hdr-only@tandarts.example");
        message.From.ShouldHaveSingleItem().Address.ShouldBe("ann@tandarts.example");
        message.TextBody.ShouldBe(string.Empty);
        message.Attachments.ShouldBeEmpty();
        message.Defects.ShouldBeEmpty();
    }

    [Fact]
    public void C21_an_html_only_mail_gives_html_plain_text_and_a_safe_rendering()
    {
        var message = Corpus.Parse("21-html-only.eml");
        message.TextBody.ShouldBeNull();
        message.HtmlBody.ShouldNotBeNull();
        HtmlText.ToPlainText(message.HtmlBody).ShouldBe(
            "Order shipped\n\nYour order #1234 has shipped.\n\nTrack it here [https://shop.example/track/1234].");
        var safe = new HtmlSanitiser().Sanitise(message.HtmlBody);
        safe.ShouldBe("<h1>Order shipped</h1><p>Your order <b>#1234</b> has shipped.</p>"
            + "<p>Track it <a href=\"https://shop.example/track/1234\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">here</a>.</p>");
        message.Attachments.ShouldBeEmpty();
    }

    [Fact]
    public void C22_quoted_printable_soft_breaks_lower_case_hex_and_bad_escapes()
    {
        var message = Corpus.Parse("22-quoted-printable-soft-breaks.eml");
        message.TextBody.ShouldBe(
            "De scanner op de eerste verdieping geeft een foutcode die ik niet ken, namelijk E-42. \n"
            + "Prijs: 5 = 5, café en crème.\n"
            + "Een kapotte escape: 100=ZZ procent.\n"
            + "Soft break with blanks after the equals sign:einde.\n");
        message.Defects.ShouldHaveSingleItem().Kind.ShouldBe(MimeDefectKind.InvalidQuotedPrintable);
    }

    [Fact]
    public void C23_base64_with_junk_and_missing_padding_decodes_the_bytes()
    {
        var message = Corpus.Parse("23-base64-with-junk.eml");
        var dump = message.Attachments.ShouldHaveSingleItem();
        dump.FileName.ShouldBe("dump.bin");
        dump.Content.ShouldBe(Enumerable.Range(0, 1000).Select(i => (byte)((i * 7 + 3) % 256)).ToArray());
        message.Defects.ShouldHaveSingleItem().Kind.ShouldBe(MimeDefectKind.InvalidBase64);
        message.Defects[0].Reason.ShouldContain("3 characters");
    }

    [Fact]
    public void C24_a_dutch_reply_chain_splits_at_op_schreef()
    {
        var message = Corpus.Parse("24-dutch-reply-chain.eml");
        var split = QuotedHistory.Split(message.TextBody);
        split.NewPart.ShouldBe("Dag Sofie,\n\nAkkoord met de offerte, jullie mogen bestellen.\n\nGroeten,\nJan");
        split.History.ShouldStartWith("Op wo 25 nov. 2026 om 16:02 schreef ClauseDesk <support@clausedesk.example>:\n> Beste Jan,");
        split.History.ShouldEndWith("> Sofie");
        message.References.ShouldBe(["ticket-42.1@clausedesk.example", "ticket-42.2@clausedesk.example"]);
    }

    [Fact]
    public void C25_a_french_reply_chain_splits_at_le_a_ecrit()
    {
        var message = Corpus.Parse("25-french-reply-chain.eml");
        var split = QuotedHistory.Split(message.TextBody);
        split.NewPart.ShouldBe("Merci, l'imprimante fonctionne à nouveau.\n\nMarie");
        split.History.ShouldStartWith("Le mer. 25 nov. 2026 à 17:30, ClauseDesk <support@clausedesk.example> a écrit :");
        message.Subject.ShouldBe("RE: [CD-2026-000050] Imprimante");
    }

    [Fact]
    public void C26_an_outlook_reply_in_dutch_splits_at_the_van_verzonden_block()
    {
        var message = Corpus.Parse("26-outlook-reply-dutch-header-block.eml");
        var split = QuotedHistory.Split(message.TextBody);
        split.NewPart.ShouldBe("Graag ook een docking station per laptop.\n\nJan");
        split.History.ShouldStartWith("________________________________\nVan: ClauseDesk");
        split.History.ShouldContain("Hierbij de offerte.");
    }

    [Fact]
    public void C27_an_outlook_reply_in_french_splits_at_the_de_envoye_block()
    {
        var message = Corpus.Parse("27-outlook-reply-french-header-block.eml");
        message.TextBody.ShouldStartWith("L’imprimante fait de nouveau du bruit.");
        var split = QuotedHistory.Split(message.TextBody);
        split.NewPart.ShouldBe("L’imprimante fait de nouveau du bruit.");
        split.History.ShouldStartWith("De : ClauseDesk <support@clausedesk.example> \nEnvoyé : mercredi 25 novembre 2026 17:30\nÀ : Marie Dubois");
    }

    [Fact]
    public void C28_an_english_reply_splits_at_original_message()
    {
        var message = Corpus.Parse("28-english-original-message.eml");
        var split = QuotedHistory.Split(message.TextBody);
        split.NewPart.ShouldBe("The VPN drops again every ten minutes.");
        split.History.ShouldStartWith("-----Original Message-----\nFrom: ClauseDesk");
    }

    [Fact]
    public void C29_an_address_list_with_garbage_yields_what_can_be_read()
    {
        var message = Corpus.Parse("29-address-list-with-garbage.eml");
        message.From.ShouldHaveSingleItem().ShouldBe(new MailboxAddress("Doe, John", "john.doe@firm.example"));
        message.To.ShouldBe(
        [
            new MailboxAddress(null, "a@firm.example"),
            new MailboxAddress("Smith, Anna", "anna.smith@firm.example"),
            new MailboxAddress("Charlie Brown", "c@firm.example"),
            new MailboxAddress("Dirk Dewit", "dirk@firm.example"),
        ]);
        message.Cc.Select(a => (a.Name, a.Address, a.Group)).ShouldBe(
        [
            (null, "x@firm.example", "Team"),
            ("Y. Why", "y@firm.example", "Team"),
            (null, "route@firm.example", null),
        ]);
        message.ReplyTo.ShouldHaveSingleItem().Name.ShouldBe("René Magritte");
        message.Sender.ShouldBe(new MailboxAddress(null, "assistant@firm.example"));
        message.Defects.Where(d => d.Kind == MimeDefectKind.InvalidAddress).Select(d => d.Reason).ShouldBe(
        [
            "the To header holds \"garbage < < <\", which is no address",
            "the To header gives \"Dirk Dewit\" before dirk@firm.example without angle brackets",
        ]);
    }

    [Fact]
    public void C30_a_read_receipt_is_automatic()
    {
        var message = Corpus.Parse("30-read-receipt-mdn.eml");
        message.AutomaticReason.ShouldBe("multipart/report; report-type=disposition-notification");
        message.TextBody.ShouldBe("Uw bericht is gelezen.");
    }

    [Fact]
    public void C31_a_gmail_attribution_wrapped_over_two_lines_starts_the_history()
    {
        var message = Corpus.Parse("31-gmail-wrapped-attribution.eml");
        var split = QuotedHistory.Split(message.TextBody);
        split.NewPart.ShouldBe("Thanks, the new battery works.");
        split.History.ShouldStartWith("On Wed, Nov 25, 2026 at 9:12 AM ClauseDesk <support@clausedesk.example>\nwrote:");
        HtmlText.ToPlainText(message.HtmlBody).ShouldBe(
            "Thanks, the new battery works.\n\nOn Wed, Nov 25, 2026 at 9:12 AM ClauseDesk <support@clausedesk.example> wrote:\n\n> We sent a new battery.");
        message.Date.ShouldBe(new DateTimeOffset(2026, 11, 26, 11, 30, 0, TimeSpan.FromHours(-8)));
    }

    [Fact]
    public void C32_a_multipart_without_boundary_parameter_uses_the_boundary_found_in_the_body()
    {
        var message = Corpus.Parse("32-multipart-without-boundary-parameter.eml");
        message.TextBody.ShouldBe("The boundary parameter is missing.");
        message.Attachments.ShouldHaveSingleItem().FileName.ShouldBe("note.txt");
        message.Defects.ShouldHaveSingleItem().Kind.ShouldBe(MimeDefectKind.MissingBoundary);
    }

    [Fact]
    public void C33_an_mbox_from_line_a_broken_date_and_an_id_without_brackets()
    {
        var message = Corpus.Parse("33-broken-date-and-mbox-from.eml");
        message.Headers[0].Name.ShouldBe("From");
        message.From.ShouldHaveSingleItem().Address.ShouldBe("agenda@club.example");
        message.Date.ShouldBe(new DateTimeOffset(2026, 11, 26, 12, 30, 45, TimeSpan.FromHours(1)));
        message.MessageId.ShouldBe("agenda-1@club.example");
        message.Defects.ShouldHaveSingleItem().Kind.ShouldBe(MimeDefectKind.InvalidMessageId);
        message.IsAutomatic.ShouldBeFalse();
    }
}

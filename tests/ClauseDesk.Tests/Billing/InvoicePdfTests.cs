using ClauseDesk.Billing.Invoices;
using ClauseDesk.Billing.Pdf;

namespace ClauseDesk.Billing;

/// <summary>The invoice PDF, read back with poppler: page size, text, embedded fonts and the QR image.</summary>
public class InvoicePdfTests
{
    [Fact]
    public void Page_one_renders_as_an_a4_image()
    {
        using var pdf = new Poppler(InvoicePdf.Render(Samples.Standard(), InvoiceLanguage.Nl));

        // A4 is 595 × 842 points; at 50 dpi that is 414 × 585 pixels.
        Poppler.PngSize(pdf.FirstPagePng(50)).ShouldBe((414, 585));
        pdf.Info().ShouldContain("Pages:           1");
        pdf.Info().ShouldContain("595 x 842 pts (A4)");
    }

    [Theory]
    [InlineData(InvoiceLanguage.Nl, "FACTUUR", "€ 1.811,98", "Gestructureerde mededeling", "30/12/2026")]
    [InlineData(InvoiceLanguage.Fr, "FACTURE", "1.811,98 €", "Communication structurée", "30/12/2026")]
    [InlineData(InvoiceLanguage.En, "INVOICE", "€ 1,811.98", "Structured communication", "30/12/2026")]
    public void The_text_has_the_number_the_total_and_the_structured_communication(InvoiceLanguage language, string title, string total, string communication, string due)
    {
        using var pdf = new Poppler(InvoicePdf.Render(Samples.Standard(), language));

        var text = pdf.Text();

        text.ShouldContain(title);
        text.ShouldContain("2026-0042");
        text.ShouldContain(total);
        text.ShouldContain(communication);
        text.ShouldContain("+++123/4567/89002+++");
        text.ShouldContain(due);
        text.ShouldContain("BE68 5390 0754 7034");
        text.ShouldContain("GKCCBEBB");
        text.ShouldContain("BE0202239951");
    }

    [Fact]
    public void The_fonts_are_embedded()
    {
        using var pdf = new Poppler(InvoicePdf.Render(Samples.Standard(), InvoiceLanguage.Fr));

        var fonts = pdf.Fonts().Split('\n').Where(l => l.Contains("DejaVu Sans", StringComparison.Ordinal)).ToList();

        fonts.Count.ShouldBe(2);
        fonts.ShouldContain(l => l.Contains("DejaVu Sans,Bold", StringComparison.Ordinal));
        // Columns: name type encoding emb sub uni object ID.
        fonts.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^5]).ShouldBe(["yes", "yes"]);
    }

    [Fact]
    public void Every_family_resolves_to_the_dejavu_faces_shipped_in_the_assembly()
    {
        var regular = EmbeddedFonts.Instance.ResolveTypeface("Arial", false, false);
        var bold = EmbeddedFonts.Instance.ResolveTypeface("Helvetica", true, false);

        regular.FaceName.ShouldBe("DejaVuSans");
        bold.FaceName.ShouldBe("DejaVuSans-Bold");
        foreach (var face in new[] { regular.FaceName, bold.FaceName })
        {
            // A TrueType file starts with version 1.0 (00 01 00 00).
            EmbeddedFonts.Instance.GetFont(face).Take(4).ShouldBe(new byte[] { 0, 1, 0, 0 });
        }
    }

    [Fact]
    public void Names_beyond_latin_1_print_and_copy_out_unchanged()
    {
        var polish = new Party("Łódź Serwis Sp. z o.o.", new PostalAddress("ul. Piotrkowska 104", "Łódź", "90-926", "PL"),
            vatNumber: "PL7251801126", endpoint: new PeppolEndpoint("9945", "PL7251801126"));
        var invoice = new Invoice("2026-0101", Samples.IssueDate, 30, Samples.Supplier, polish,
            [new InvoiceLine("Zdalne wsparcie – październik", 2m, Units.Hour, Money.Euros(95m), VatTreatment.ReverseCharge())],
            StructuredCommunication.FromBase(2026_0101), orderReference: "ZAM/2026/ść");
        using var pdf = new Poppler(InvoicePdf.Render(invoice, InvoiceLanguage.En));

        var text = pdf.Text();

        text.ShouldContain("Łódź Serwis Sp. z o.o.");
        text.ShouldContain("Zdalne wsparcie – październik");
        text.ShouldContain("ZAM/2026/ść");
        text.ShouldContain("Autoliquidation / Verlegging van heffing");
    }

    [Fact]
    public void Overlong_names_and_words_are_cut_with_an_ellipsis_and_line_breaks_are_kept()
    {
        var longName = new Party(string.Concat(Enumerable.Repeat("Vereniging ", 18)).Trim(), Samples.Customer.Address, Samples.Customer.EnterpriseNumber, Samples.Customer.VatNumber);
        var invoice = new Invoice("2026-0102", Samples.IssueDate, 30, Samples.Supplier, longName,
            [new InvoiceLine("Licence key\n" + new string('X', 120), 1m, Units.Piece, Money.Euros(10m), VatTreatment.Standard(21m))],
            StructuredCommunication.FromBase(2026_0102), buyerReference: "PO-1");
        using var pdf = new Poppler(InvoicePdf.Render(invoice, InvoiceLanguage.Nl));

        var lines = pdf.Text().Split('\n');

        lines.ShouldContain(l => l.Contains("Vereniging Vereniging", StringComparison.Ordinal) && l.TrimEnd().EndsWith('…'));
        lines.ShouldContain(l => l.TrimStart().StartsWith("Licence key", StringComparison.Ordinal) && !l.Contains("XX", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("XXXX…", StringComparison.Ordinal));
    }

    [Fact]
    public void An_invoice_with_an_amount_due_carries_one_qr_image_and_a_fully_prepaid_one_none()
    {
        using var due = new Poppler(InvoicePdf.Render(Samples.Standard(), InvoiceLanguage.Nl));
        var paid = new Invoice("2026-0099", Samples.IssueDate, 30, Samples.Supplier, Samples.Customer,
            [new InvoiceLine("Advance settled", 1m, Units.Piece, Money.Euros(100m), VatTreatment.Standard(21m))],
            StructuredCommunication.FromBase(2026_0099), buyerReference: "PO-1", prepaid: Money.Euros(121m));
        using var prepaid = new Poppler(InvoicePdf.Render(paid, InvoiceLanguage.Nl));

        ImageRows(due.Images()).Count.ShouldBe(1);
        ImageRows(prepaid.Images()).ShouldBeEmpty();
        prepaid.Text().ShouldContain("€ 0,00");
    }

    [Fact]
    public void The_qr_image_holds_the_epc_payload_at_error_correction_m()
    {
        var payment = EpcPayment.For(Samples.Standard())!;

        var png = InvoicePdf.QrPng(payment);

        // 8 pixels a module and a 4-module quiet zone: (modules + 8) × 8 pixels square. A payload of
        // this length at level M needs version 6 (41 modules) in byte mode.
        payment.ToPayload().Length.ShouldBe(87);
        Poppler.PngSize(png).ShouldBe(((41 + 8) * 8, (41 + 8) * 8));
    }

    [Fact]
    public void A_reverse_charge_invoice_states_it()
    {
        using var pdf = new Poppler(InvoicePdf.Render(Samples.ReverseCharge(), InvoiceLanguage.Nl));

        var text = pdf.Text();

        text.ShouldContain("Verlegging van heffing");
        text.ShouldContain("NL859387391B01");
    }

    [Fact]
    public void An_exempt_line_states_its_exemption_reason()
    {
        using var pdf = new Poppler(InvoicePdf.Render(Samples.WithExemptLine(), InvoiceLanguage.En));

        pdf.Text().ShouldContain("Exemption (E): Vrijgesteld – art. 44 § 2, 4° WBTW");
    }

    [Fact]
    public void A_credit_note_names_the_invoice_it_corrects_and_asks_no_payment()
    {
        using var pdf = new Poppler(InvoicePdf.Render(Samples.Credit(), InvoiceLanguage.Nl));

        var text = pdf.Text();

        text.ShouldContain("CREDITNOTA");
        text.ShouldContain("CN-2026-0003");
        text.ShouldContain("2026-0042 (30/11/2026)");
        text.ShouldContain("€ 102,85");
        text.ShouldContain("Reden van de creditnota: One hour of ticket #1187 was billed twice");
        text.ShouldNotContain("+++");
        ImageRows(pdf.Images()).ShouldBeEmpty();
    }

    [Fact]
    public void Many_lines_flow_onto_a_second_page_with_the_totals()
    {
        var lines = Enumerable.Range(1, 60).Select(i => new InvoiceLine($"Ticket #{1000 + i}: on-site intervention with a description long enough to wrap onto a second line", 1.25m, Units.Hour, Money.Euros(85m), VatTreatment.Standard(21m)));
        var invoice = new Invoice("2026-0100", Samples.IssueDate, 30, Samples.Supplier, Samples.Customer, lines, StructuredCommunication.FromBase(2026_0100), buyerReference: "PO-1");
        using var pdf = new Poppler(InvoicePdf.Render(invoice, InvoiceLanguage.Nl));

        var pages = int.Parse(pdf.Info().Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var text = pdf.Text();

        pages.ShouldBeGreaterThan(1);
        text.ShouldContain($"Pagina {pages}/{pages}");
        text.ShouldContain("Ticket #1060");
        invoice.Totals.Payable.ShouldBe(Money.Euros(7713.75m));
        text.ShouldContain("€ 7.713,75");
    }

    [Fact]
    public void Invoices_render_side_by_side_on_several_threads()
    {
        var documents = Samples.All().Values.Concat(Samples.Random(16).Values).ToList();
        var sequential = documents.Select(d => Text(InvoicePdf.Render(d, InvoiceLanguage.Fr))).ToList();

        var parallel = new string[documents.Count];
        Parallel.For(0, documents.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Text(InvoicePdf.Render(documents[i], InvoiceLanguage.Fr)));

        parallel.ShouldBe(sequential);
        parallel.ShouldAllBe(t => t.Contains("Numéro", StringComparison.Ordinal));
    }

    private static string Text(byte[] pdf)
    {
        using var poppler = new Poppler(pdf);
        return poppler.Text();
    }

    private static List<string> ImageRows(string list) =>
        [.. list.Split('\n').Skip(2).Where(l => !string.IsNullOrWhiteSpace(l))];
}

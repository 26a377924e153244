using System.Text;
using ClauseDesk.Billing.Invoices;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace ClauseDesk.Billing.Pdf;

/// <summary>
/// Renders an invoice or credit note as an A4 PDF: supplier and customer, number and dates, the
/// lines, the VAT breakdown, the totals, the payment block with IBAN, BIC, the Belgian structured
/// communication and the EPC QR code, and the legal mentions (reverse charge, exemptions). Fonts
/// are embedded from the assembly, so the result does not depend on the machine.
/// </summary>
public static class InvoicePdf
{
    private const double Left = 42;
    private const double Right = 553;
    private const double Top = 42;
    private const double Bottom = 790;

    private static readonly XColor Accent = XColor.FromArgb(0x1F, 0x4E, 0x79);
    private static readonly XColor Shade = XColor.FromArgb(0xEE, 0xF2, 0xF6);
    private static readonly XColor Grey = XColor.FromArgb(0x60, 0x60, 0x60);

    /// <summary>The PDF of <paramref name="document"/> in <paramref name="language"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="language"/> is not Dutch, French or English.</exception>
    public static byte[] Render(BillingDocument document, InvoiceLanguage language)
    {
        ArgumentNullException.ThrowIfNull(document);
        var texts = InvoiceTexts.For(language);
        EmbeddedFonts.Install();

        using var pdf = new PdfDocument();
        var title = document is CreditNote ? texts.CreditNote : texts.Invoice;
        pdf.Info.Title = $"{title} {document.Number}";
        pdf.Info.Author = document.Supplier.Name;
        var canvas = new Canvas(pdf);

        Header(canvas, document, texts, title);
        Lines(canvas, document, texts);
        Totals(canvas, document, texts);
        Mentions(canvas, document, texts);
        if (document is Invoice invoice)
        {
            Payment(canvas, invoice, texts);
        }

        canvas.Finish(document, texts);
        using var stream = new MemoryStream();
        pdf.Save(stream, false);
        return stream.ToArray();
    }

    private static void Header(Canvas c, BillingDocument document, InvoiceTexts t, string title)
    {
        var supplier = document.Supplier;
        c.Text(c.Fit(supplier.Name, Fonts.Name, 330), Fonts.Name, Left, Top, brush: new XSolidBrush(Accent));
        var y = Top + 22;
        foreach (var line in PartyLines(supplier, t))
        {
            c.Text(c.Fit(line, Fonts.Small, 260), Fonts.Small, Left, y);
            y += 11;
        }

        c.Text(title, Fonts.Title, Right, Top, XStringFormats.TopRight, new XSolidBrush(Accent));

        // References left, customer in the envelope window on the right.
        var meta = new List<(string, string)> { (t.Number, document.Number), (document is CreditNote ? t.CreditNoteDate : t.IssueDate, t.Date(document.IssueDate)) };
        if (document is Invoice invoice)
        {
            meta.Add((t.DueDate, t.Date(invoice.DueDate)));
        }

        if (document is CreditNote credit)
        {
            meta.Add((t.Corrects, $"{credit.Corrects.Number} ({t.Date(credit.Corrects.IssueDate)})"));
        }

        if (document.BuyerReference is { } buyer)
        {
            meta.Add((t.BuyerReference, buyer));
        }

        if (document.OrderReference is { } order)
        {
            meta.Add((t.OrderReference, order));
        }

        if (document.Period is { } period)
        {
            meta.Add((t.Period, $"{t.Date(period.Start)} – {t.Date(period.End)}"));
        }

        y = 150;
        foreach (var (label, value) in meta)
        {
            c.Text(label, Fonts.Small, Left, y, brush: new XSolidBrush(Grey));
            c.Text(c.Fit(value, Fonts.Bold, 315 - Left - 115), Fonts.Bold, Left + 105, y);
            y += 14;
        }

        var box = new XRect(315, 140, Right - 315, 95);
        c.Graphics.DrawRoundedRectangle(new XPen(Accent, 0.6), new XSolidBrush(Shade), box, new XSize(6, 6));
        c.Text(t.Customer, Fonts.Small, box.X + 10, box.Y + 8, brush: new XSolidBrush(Grey));
        c.Text(c.Fit(document.Customer.Name, Fonts.Bold, box.Width - 20), Fonts.Bold, box.X + 10, box.Y + 21);
        var cy = box.Y + 35;
        foreach (var line in PartyLines(document.Customer, t).Take(5))
        {
            c.Text(c.Fit(line, Fonts.Small, box.Width - 20), Fonts.Small, box.X + 10, cy);
            cy += 11;
        }

        c.Y = Math.Max(y, box.Bottom) + 22;
    }

    private static IEnumerable<string> PartyLines(Party party, InvoiceTexts t)
    {
        yield return party.Address.Street;
        yield return $"{party.Address.Postcode} {party.Address.City}" + (party.Address.CountryCode == "BE" ? "" : $", {party.Address.CountryCode}");
        if (party.VatNumber is { } vat)
        {
            yield return $"{t.VatNumber}: {vat}";
        }
        else if (party.EnterpriseNumber is { } number)
        {
            yield return $"{t.EnterpriseNumber}: {number}";
        }

        if (party.BankAccount is { } account)
        {
            yield return $"IBAN {account.Iban.Grouped} · BIC {account.Bic}";
        }

        if (party.Email is { } email)
        {
            yield return email;
        }
    }

    // Column right edges of the lines table.
    private const double QuantityRight = 345;
    private const double PriceRight = 430;
    private const double VatRight = 475;
    private const double DescriptionWidth = 225;

    private static void Lines(Canvas c, BillingDocument document, InvoiceTexts t)
    {
        void TableHeader()
        {
            c.Graphics.DrawRectangle(new XSolidBrush(Accent), Left, c.Y, Right - Left, 18);
            var white = XBrushes.White;
            c.Text(t.Description, Fonts.SmallBold, Left + 5, c.Y + 5, brush: white);
            c.Text(t.Quantity, Fonts.SmallBold, QuantityRight, c.Y + 5, XStringFormats.TopRight, white);
            c.Text(t.UnitPrice, Fonts.SmallBold, PriceRight, c.Y + 5, XStringFormats.TopRight, white);
            c.Text(t.Vat, Fonts.SmallBold, VatRight, c.Y + 5, XStringFormats.TopRight, white);
            c.Text(t.Amount, Fonts.SmallBold, Right - 5, c.Y + 5, XStringFormats.TopRight, white);
            c.Y += 23;
        }

        TableHeader();
        foreach (var line in document.Lines)
        {
            var wrapped = c.Wrap(line.Description, Fonts.Body, DescriptionWidth);
            var height = (wrapped.Count * 12) + (line.Period is null ? 0 : 11) + 6;
            if (c.Ensure(height))
            {
                TableHeader();
            }

            var y = c.Y;
            foreach (var part in wrapped)
            {
                c.Text(part, Fonts.Body, Left + 5, y);
                y += 12;
            }

            if (line.Period is { } period)
            {
                c.Text($"{t.Period}: {t.Date(period.Start)} – {t.Date(period.End)}", Fonts.Small, Left + 5, y, brush: new XSolidBrush(Grey));
            }

            c.Text($"{t.Figure(line.Quantity, 0)} {t.Unit(line.UnitCode)}", Fonts.Body, QuantityRight, c.Y, XStringFormats.TopRight);
            c.Text(t.Price(line.UnitPrice), Fonts.Body, PriceRight, c.Y, XStringFormats.TopRight);
            c.Text(line.Vat.Category == VatCategory.S ? t.Percent(line.Vat.Percent) : line.Vat.Category.ToString(), Fonts.Body, VatRight, c.Y, XStringFormats.TopRight);
            c.Text(t.Money(line.Net.Value), Fonts.Body, Right - 5, c.Y, XStringFormats.TopRight);
            c.Y += height;
            c.Graphics.DrawLine(new XPen(XColors.LightGray, 0.5), Left, c.Y - 3, Right, c.Y - 3);
        }

        foreach (var adjustment in document.AllowancesCharges)
        {
            c.Ensure(16);
            c.Text($"{(adjustment.IsCharge ? t.Charge : t.Allowance)}: {adjustment.Reason}", Fonts.Body, Left + 5, c.Y);
            c.Text(adjustment.Vat.Category == VatCategory.S ? t.Percent(adjustment.Vat.Percent) : adjustment.Vat.Category.ToString(), Fonts.Body, VatRight, c.Y, XStringFormats.TopRight);
            c.Text(t.Money(adjustment.Signed), Fonts.Body, Right - 5, c.Y, XStringFormats.TopRight);
            c.Y += 16;
        }

        c.Y += 8;
    }

    private static void Totals(Canvas c, BillingDocument document, InvoiceTexts t)
    {
        var rows = document.VatBreakdown.Count;
        c.Ensure(Math.Max(30 + (rows * 13), 110));
        var top = c.Y;

        // VAT breakdown on the left.
        c.Text(t.VatBreakdown, Fonts.SmallBold, Left, top, brush: new XSolidBrush(Accent));
        c.Text(t.Taxable, Fonts.Small, 200, top + 13, XStringFormats.TopRight, new XSolidBrush(Grey));
        c.Text(t.Vat, Fonts.Small, 270, top + 13, XStringFormats.TopRight, new XSolidBrush(Grey));
        var y = top + 26;
        foreach (var row in document.VatBreakdown)
        {
            var label = row.Vat.Category == VatCategory.S ? $"{t.Vat} {t.Percent(row.Vat.Percent)}" : $"{row.Vat.Category} ({t.Percent(row.Vat.Percent)})";
            c.Text(label, Fonts.Small, Left, y);
            c.Text(t.Money(row.Taxable), Fonts.Small, 200, y, XStringFormats.TopRight);
            c.Text(t.Money(row.Tax), Fonts.Small, 270, y, XStringFormats.TopRight);
            y += 13;
        }

        // Totals on the right.
        var totals = document.Totals;
        var lines = new List<(string Label, Money Amount, bool Strong)>();
        if (totals.AllowanceTotal != Money.Zero || totals.ChargeTotal != Money.Zero)
        {
            lines.Add((t.Subtotal, totals.LineTotal, false));
        }

        lines.Add((t.TotalExclVat, totals.TaxExclusive, false));
        lines.Add((t.TotalVat, totals.VatTotal, false));
        lines.Add((t.TotalInclVat, totals.TaxInclusive, totals.Prepaid == Money.Zero && document is Invoice));
        if (totals.Prepaid != Money.Zero)
        {
            lines.Add((t.Prepaid, -totals.Prepaid, false));
            lines.Add((t.AmountDue, totals.Payable, true));
        }

        if (document is CreditNote)
        {
            lines.Add((t.ToCredit, totals.Payable, true));
        }

        var ty = top;
        foreach (var (label, amount, strong) in lines)
        {
            if (strong)
            {
                c.Graphics.DrawRectangle(new XSolidBrush(Shade), 330, ty - 3, Right - 330, 18);
            }

            c.Text(label, strong ? Fonts.Bold : Fonts.Body, 336, ty);
            c.Text(t.Money(amount), strong ? Fonts.Bold : Fonts.Body, Right - 5, ty, XStringFormats.TopRight);
            ty += strong ? 20 : 15;
        }

        c.Y = Math.Max(y, ty) + 14;
    }

    private static void Mentions(Canvas c, BillingDocument document, InvoiceTexts t)
    {
        var mentions = new List<string>();
        if (document is CreditNote { Reason: { } reason })
        {
            mentions.Add($"{t.Reason}: {reason}");
        }

        if (document.IsReverseCharge)
        {
            mentions.Add(t.ReverseCharge);
        }

        mentions.AddRange(document.VatBreakdown
            .Where(v => v.Vat.ExemptionReason is not null && v.Vat.Category != VatCategory.AE)
            .Select(v => $"{t.Exemption} ({v.Vat.Category}): {v.Vat.ExemptionReason}"));
        foreach (var mention in mentions)
        {
            var wrapped = c.Wrap(mention, Fonts.Small, Right - Left);
            c.Ensure(wrapped.Count * 11);
            foreach (var part in wrapped)
            {
                c.Text(part, Fonts.Small, Left, c.Y);
                c.Y += 11;
            }

            c.Y += 4;
        }

        c.Y += 6;
    }

    private static void Payment(Canvas c, Invoice invoice, InvoiceTexts t)
    {
        const double height = 118;
        c.Ensure(height);
        var box = new XRect(Left, c.Y, Right - Left, height);
        c.Graphics.DrawRoundedRectangle(new XPen(Accent, 0.8), new XSolidBrush(Shade), box, new XSize(6, 6));

        var x = box.X + 12;
        var y = box.Y + 10;
        c.Text(t.AmountDue, Fonts.Small, x, y, brush: new XSolidBrush(Grey));
        c.Text($"{t.Money(invoice.Totals.Payable)}", Fonts.Large, x, y + 11);
        c.Text($"{t.PayBy} {t.Date(invoice.DueDate)}", Fonts.Small, x + 160, y + 16);
        y += 36;
        c.Text(t.PayTo, Fonts.Small, x, y, brush: new XSolidBrush(Grey));
        c.Text($"IBAN {invoice.PayTo.Iban.Grouped}   BIC {invoice.PayTo.Bic}", Fonts.Bold, x, y + 11);
        c.Text(invoice.Supplier.Name, Fonts.Small, x, y + 25);
        y += 40;
        c.Text(t.Communication, Fonts.Small, x, y, brush: new XSolidBrush(Grey));
        c.Text(invoice.PaymentReference.ToString(), Fonts.Large, x, y + 11);

        if (EpcPayment.For(invoice) is { } payment)
        {
            var size = 92.0;
            var qrX = box.Right - size - 14;
            using var image = XImage.FromStream(new MemoryStream(QrPng(payment)));
            image.Interpolate = false;
            c.Graphics.DrawImage(image, qrX, box.Y + 8, size, size);
            c.Text(t.ScanToPay, Fonts.Small, qrX + (size / 2), box.Y + size + 8, XStringFormats.TopCenter, new XSolidBrush(Grey));
        }

        c.Y += height + 10;
    }

    /// <summary>The EPC QR code as PNG: byte mode with the payload's UTF-8 bytes, error correction M as EPC069-12 asks.</summary>
    internal static byte[] QrPng(EpcPayment payment)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Encoding.UTF8.GetBytes(payment.ToPayload()), QRCodeGenerator.ECCLevel.M);
        // Opaque RGBA: PDFsharp's PNG reader does not take QRCoder's default 1-bit palette image.
        return new PngByteQRCode(data).GetGraphic(8, [0, 0, 0, 255], [255, 255, 255, 255]);
    }

    private static class Fonts
    {
        // Unicode (Identity-H with a ToUnicode map), so names beyond Latin-1 print and copy out right.
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

        public static readonly XFont Body = Font(9);
        public static readonly XFont Bold = Font(9, XFontStyleEx.Bold);
        public static readonly XFont Small = Font(7.5);
        public static readonly XFont SmallBold = Font(7.5, XFontStyleEx.Bold);
        public static readonly XFont Large = Font(13, XFontStyleEx.Bold);
        public static readonly XFont Name = Font(15, XFontStyleEx.Bold);
        public static readonly XFont Title = Font(20, XFontStyleEx.Bold);

        private static XFont Font(double size, XFontStyleEx style = XFontStyleEx.Regular) => new(EmbeddedFonts.Family, size, style, Unicode);
    }

    /// <summary>The pages drawn so far and the vertical position on the last one.</summary>
    private sealed class Canvas
    {
        private readonly PdfDocument _pdf;
        private readonly List<XGraphics> _pages = [];

        public Canvas(PdfDocument pdf)
        {
            _pdf = pdf;
            NewPage();
        }

        public XGraphics Graphics => _pages[^1];

        public double Y { get; set; }

        /// <summary>Starts a new page when <paramref name="height"/> does not fit; true when it did.</summary>
        public bool Ensure(double height)
        {
            if (Y + height <= Bottom)
            {
                return false;
            }

            NewPage();
            return true;
        }

        public void Text(string text, XFont font, double x, double y, XStringFormat? format = null, XBrush? brush = null)
        {
            format ??= XStringFormats.TopLeft;
            Graphics.DrawString(text, font, brush ?? XBrushes.Black, new XPoint(x, y), format);
        }

        /// <summary>The text, cut with an ellipsis where it would be wider than <paramref name="width"/>.</summary>
        public string Fit(string text, XFont font, double width)
        {
            if (Graphics.MeasureString(text, font).Width <= width)
            {
                return text;
            }

            var cut = text.Length;
            while (cut > 0 && Graphics.MeasureString(text[..cut] + "…", font).Width > width)
            {
                cut--;
            }

            return text[..cut].TrimEnd() + "…";
        }

        /// <summary>Lines no wider than <paramref name="width"/>, broken between words and at line breaks; an overlong word is cut.</summary>
        public List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
            {
                var current = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = current.Length == 0 ? word : current + " " + word;
                    if (current.Length > 0 && Graphics.MeasureString(candidate, font).Width > width)
                    {
                        lines.Add(current);
                        current = word;
                    }
                    else
                    {
                        current = candidate;
                    }
                }

                lines.Add(current);
            }

            return [.. lines.Select(l => Fit(l, font, width))];
        }

        /// <summary>Draws the footer on every page, now that the page count is known, and closes the pages.</summary>
        public void Finish(BillingDocument document, InvoiceTexts t)
        {
            var supplier = document.Supplier;
            var footer = $"{supplier.Name} · {t.EnterpriseNumber} {supplier.EnterpriseNumber}" + (supplier.BankAccount is { } a ? $" · IBAN {a.Iban.Grouped}" : "");
            for (var i = 0; i < _pages.Count; i++)
            {
                var g = _pages[i];
                g.DrawLine(new XPen(XColors.LightGray, 0.5), Left, Bottom + 8, Right, Bottom + 8);
                g.DrawString(footer, Fonts.Small, new XSolidBrush(Grey), new XPoint(Left, Bottom + 13), XStringFormats.TopLeft);
                g.DrawString($"{document.Number} · {t.Page} {i + 1}/{_pages.Count}", Fonts.Small, new XSolidBrush(Grey), new XPoint(Right, Bottom + 13), XStringFormats.TopRight);
                g.Dispose();
            }
        }

        private void NewPage()
        {
            var page = _pdf.AddPage();
            page.Size = PageSize.A4;
            _pages.Add(XGraphics.FromPdfPage(page));
            Y = Top;
        }
    }
}

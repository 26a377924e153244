using System.Globalization;
using ClauseDesk.Billing.Invoices;
using ClauseDesk.Billing.Pdf;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ClauseDesk.Contracts.Penalties;

/// <summary>
/// Renders the claim letter as an A4 PDF in the layout of a Belgian business letter: sender top left,
/// addressee in the window of a right-window envelope, the registered-mail mark, place and date,
/// subject, the breaches as a table, the total after the cap, the deadline and lines to sign on.
/// Fonts are the invoices' embedded DejaVu Sans, so the result does not depend on the machine.
/// </summary>
public static class ClaimLetterPdf
{
    private const double Left = 57;
    private const double Right = 538;
    private const double Top = 48;
    private const double Bottom = 780;

    private static readonly XColor Accent = XColor.FromArgb(0x1F, 0x4E, 0x79);
    private static readonly XColor Shade = XColor.FromArgb(0xEE, 0xF2, 0xF6);
    private static readonly XColor Grey = XColor.FromArgb(0x60, 0x60, 0x60);

    /// <summary>The PDF of <paramref name="letter"/> in <paramref name="language"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="letter"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="language"/> is not Dutch, French or English.</exception>
    public static byte[] Render(ClaimLetterContent letter, InvoiceLanguage language)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var t = ClaimLetterTexts.For(language);
        EmbeddedFonts.Install();

        using var pdf = new PdfDocument();
        pdf.Info.Title = string.Format(CultureInfo.InvariantCulture, t.Subject, t.Month(letter.Statement.Month));
        pdf.Info.Author = letter.Customer.Name;
        var c = new Canvas(pdf);

        Head(c, letter, t);
        Body(c, letter, t);
        Breaches(c, letter, t);
        Closing(c, letter, t);
        c.Finish(letter, t);

        using var stream = new MemoryStream();
        pdf.Save(stream, false);
        return stream.ToArray();
    }

    private static void Head(Canvas c, ClaimLetterContent letter, ClaimLetterTexts t)
    {
        // The sender, top left.
        c.Text(c.Fit(letter.Customer.Name, Fonts.Name, 250), Fonts.Name, Left, Top, brush: new XSolidBrush(Accent));
        var y = Top + 19;
        foreach (var line in AddressLines(letter.Customer, t))
        {
            c.Text(c.Fit(line, Fonts.Small, 250), Fonts.Small, Left, y);
            y += 11;
        }

        // The registered-mail mark above the addressee, who sits in the envelope window.
        var mark = new XRect(315, Top - 4, Right - 315, 22);
        c.Graphics.DrawRectangle(new XPen(Accent, 1.2), mark);
        c.Text(t.Registered, Fonts.Bold, mark.X + (mark.Width / 2), mark.Y + 6, XStringFormats.TopCenter, new XSolidBrush(Accent));

        var window = new XRect(315, 140, Right - 315, 85);
        c.Text(c.Fit(letter.Provider.Name, Fonts.Bold, window.Width), Fonts.Bold, window.X, window.Y);
        var wy = window.Y + 14;
        foreach (var line in AddressLines(letter.Provider, t))
        {
            c.Text(c.Fit(line, Fonts.Body, window.Width), Fonts.Body, window.X, wy);
            wy += 12;
        }

        c.Y = 250;
        c.Text($"{letter.Customer.Address.City}, {t.Numbers.Date(letter.Today)}", Fonts.Body, Left, c.Y);
        c.Y += 22;
        c.Text($"{t.Contract}: {c.Fit(letter.Contract, Fonts.Body, 380)}", Fonts.Body, Left, c.Y);
        c.Y += 20;
        foreach (var line in c.Wrap(string.Format(CultureInfo.InvariantCulture, t.Subject, t.Month(letter.Statement.Month)), Fonts.Bold, Right - Left))
        {
            c.Text(line, Fonts.Bold, Left, c.Y);
            c.Y += 13;
        }

        c.Y += 12;
    }

    private static IEnumerable<string> AddressLines(Party party, ClaimLetterTexts t)
    {
        yield return party.Address.Street;
        yield return $"{party.Address.Postcode} {party.Address.City}" + (party.Address.CountryCode == "BE" ? "" : $", {party.Address.CountryCode}");
        if (party.EnterpriseNumber is { } number)
        {
            yield return $"{t.EnterpriseNumber}: {number}";
        }
    }

    private static void Body(Canvas c, ClaimLetterContent letter, ClaimLetterTexts t)
    {
        c.Text(t.Salutation, Fonts.Body, Left, c.Y);
        c.Y += 20;
        c.Paragraph(string.Format(CultureInfo.InvariantCulture, t.Body, letter.Contract), Fonts.Body, 12.5);
        c.Y += 10;
    }

    // Column edges of the breaches table.
    private const double ClockX = 160;
    private const double DueX = 250;
    private const double LateRight = 400;
    private const double DaysRight = 445;

    private static void Breaches(Canvas c, ClaimLetterContent letter, ClaimLetterTexts t)
    {
        var calendar = letter.Calendar;
        void Header()
        {
            c.Graphics.DrawRectangle(new XSolidBrush(Accent), Left, c.Y, Right - Left, 17);
            var white = XBrushes.White;
            c.Text(t.Ticket, Fonts.SmallBold, Left + 5, c.Y + 5, brush: white);
            c.Text(t.Clock, Fonts.SmallBold, ClockX, c.Y + 5, brush: white);
            c.Text(t.Due, Fonts.SmallBold, DueX, c.Y + 5, brush: white);
            c.Text(t.LateBy, Fonts.SmallBold, LateRight, c.Y + 5, XStringFormats.TopRight, white);
            c.Text(t.Days, Fonts.SmallBold, DaysRight, c.Y + 5, XStringFormats.TopRight, white);
            c.Text(t.Penalty, Fonts.SmallBold, Right - 5, c.Y + 5, XStringFormats.TopRight, white);
            c.Y += 22;
        }

        Header();
        foreach (var b in letter.Statement.Breaches.Where(b => !b.Lapsed))
        {
            if (c.Ensure(16))
            {
                Header();
            }

            var due = calendar.InZone(b.Breach.Due);
            c.Text(b.Ticket, Fonts.Body, Left + 5, c.Y);
            c.Text(t.ClockName(b.Breach.Kind), Fonts.Body, ClockX, c.Y);
            c.Text($"{t.Numbers.Date(NodaTime.LocalDate.FromDateTime(due.DateTime))} {due:HH:mm}", Fonts.Body, DueX, c.Y);
            c.Text(Late(b.Breach.LateBy), Fonts.Body, LateRight, c.Y, XStringFormats.TopRight);
            c.Text(b.Breach.DaysExceeded.ToString(CultureInfo.InvariantCulture), Fonts.Body, DaysRight, c.Y, XStringFormats.TopRight);
            c.Text(t.Numbers.Money(b.Breach.Penalty), Fonts.Body, Right - 5, c.Y, XStringFormats.TopRight);
            c.Y += 16;
            c.Graphics.DrawLine(new XPen(XColors.LightGray, 0.5), Left, c.Y - 4, Right, c.Y - 4);
        }

        c.Ensure(60);
        c.Y += 2;
        c.Graphics.DrawRectangle(new XSolidBrush(Shade), Left, c.Y - 3, Right - Left, 19);
        c.Text(t.Total, Fonts.Bold, Left + 5, c.Y + 1);
        c.Text(t.Numbers.Money(letter.Statement.Claimable.Value), Fonts.Bold, Right - 5, c.Y + 1, XStringFormats.TopRight);
        c.Y += 26;

        var before = t.Month(letter.Statement.Month.PlusMonths(-1));
        var cap = letter.Statement.Cap.Value is { } amount
            ? string.Format(CultureInfo.InvariantCulture, t.Cap, before, t.Numbers.Money(amount))
            : string.Format(CultureInfo.InvariantCulture, t.NoCap, before);
        c.Paragraph(cap, Fonts.Small, 10.5);
        c.Y += 8;
    }

    // "28 h 30 min": hours are not folded into days, as in the working.
    private static string Late(TimeSpan span)
    {
        var hours = (long)span.TotalHours;
        return hours > 0 ? (span.Minutes > 0 ? $"{hours} h {span.Minutes} min" : $"{hours} h") : $"{span.Minutes} min";
    }

    private static void Closing(Canvas c, ClaimLetterContent letter, ClaimLetterTexts t)
    {
        if (letter.Statement.ClaimDeadline.Value is { } deadline)
        {
            c.Paragraph(string.Format(CultureInfo.InvariantCulture, t.Deadline, t.Numbers.Date(deadline)), Fonts.Bold, 12.5);
            c.Y += 8;
        }

        c.Paragraph(t.Request, Fonts.Body, 12.5);
        c.Y += 14;
        c.Paragraph(t.Closing, Fonts.Body, 12.5);
        c.Y += 26;

        // Lines to fill in by hand: the letter is signed on paper before it is posted.
        c.Ensure(90);
        var pen = new XPen(XColors.Gray, 0.6);
        void Line(string label, double x, double y, double width)
        {
            c.Text(label, Fonts.Small, x, y, brush: new XSolidBrush(Grey));
            c.Graphics.DrawLine(pen, x, y + 24, x + width, y + 24);
        }

        Line(t.Place, Left, c.Y, 200);
        Line(t.Date, 300, c.Y, Right - 300);
        c.Y += 40;
        Line(t.NameAndCapacity, Left, c.Y, 200);
        Line(t.Signature, 300, c.Y, Right - 300);
        c.Y += 40;
        c.Text(letter.Customer.Name, Fonts.Small, Left, c.Y, brush: new XSolidBrush(Grey));
    }

    private static class Fonts
    {
        // Unicode (Identity-H with a ToUnicode map), so names beyond Latin-1 print and copy out right.
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

        public static readonly XFont Body = Font(9.5);
        public static readonly XFont Bold = Font(9.5, XFontStyleEx.Bold);
        public static readonly XFont Small = Font(8);
        public static readonly XFont SmallBold = Font(8, XFontStyleEx.Bold);
        public static readonly XFont Name = Font(13, XFontStyleEx.Bold);

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

        public void Text(string text, XFont font, double x, double y, XStringFormat? format = null, XBrush? brush = null) =>
            Graphics.DrawString(text, font, brush ?? XBrushes.Black, new XPoint(x, y), format ?? XStringFormats.TopLeft);

        /// <summary>Wrapped text across the full width, moving <see cref="Y"/> down line by line.</summary>
        public void Paragraph(string text, XFont font, double lineHeight)
        {
            foreach (var line in Wrap(text, font, Right - Left))
            {
                Ensure(lineHeight);
                Text(line, font, Left, Y);
                Y += lineHeight;
            }
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

        /// <summary>Lines no wider than <paramref name="width"/>, broken between words; an overlong word is cut.</summary>
        public List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var current = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
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
            return [.. lines.Select(l => Fit(l, font, width))];
        }

        /// <summary>Draws the footer on every page, now that the page count is known, and closes the pages.</summary>
        public void Finish(ClaimLetterContent letter, ClaimLetterTexts t)
        {
            var footer = $"{letter.Customer.Name} · {t.Contract} {letter.Contract}";
            for (var i = 0; i < _pages.Count; i++)
            {
                var g = _pages[i];
                g.DrawLine(new XPen(XColors.LightGray, 0.5), Left, Bottom + 14, Right, Bottom + 14);
                g.DrawString(Fit(footer, Fonts.Small, 400), Fonts.Small, new XSolidBrush(Grey), new XPoint(Left, Bottom + 19), XStringFormats.TopLeft);
                g.DrawString($"{t.Page} {i + 1}/{_pages.Count}", Fonts.Small, new XSolidBrush(Grey), new XPoint(Right, Bottom + 19), XStringFormats.TopRight);
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

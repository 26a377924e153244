using System.Globalization;
using NodaTime;

namespace ClauseDesk.Billing.Pdf;

/// <summary>The language an invoice PDF is written in (SPEC §7: Dutch, French, English).</summary>
public enum InvoiceLanguage
{
    Nl,
    Fr,
    En,
}

/// <summary>Labels and number formats of one language.</summary>
internal sealed record InvoiceTexts(
    string Invoice,
    string CreditNote,
    string Number,
    string IssueDate,
    string CreditNoteDate,
    string DueDate,
    string BuyerReference,
    string OrderReference,
    string Corrects,
    string Customer,
    string EnterpriseNumber,
    string VatNumber,
    string Description,
    string Quantity,
    string UnitPrice,
    string Vat,
    string Amount,
    string Subtotal,
    string Period,
    string VatBreakdown,
    string Taxable,
    string TotalExclVat,
    string TotalVat,
    string Allowance,
    string Charge,
    string TotalInclVat,
    string Prepaid,
    string AmountDue,
    string ToCredit,
    string PayTo,
    string Communication,
    string PayBy,
    string ScanToPay,
    string ReverseCharge,
    string Exemption,
    string Page,
    IReadOnlyDictionary<string, string> Units,
    char DecimalSeparator,
    char GroupSeparator,
    bool EuroFirst,
    string DatePattern,
    string Reason)
{
    public static InvoiceTexts For(InvoiceLanguage language) => language switch
    {
        InvoiceLanguage.Nl => Dutch,
        InvoiceLanguage.Fr => French,
        InvoiceLanguage.En => English,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Dutch, French or English."),
    };

    public string Money(Money amount)
    {
        var format = new NumberFormatInfo { NumberDecimalSeparator = DecimalSeparator.ToString(), NumberGroupSeparator = GroupSeparator.ToString() };
        var digits = Math.Abs(amount.Amount).ToString("#,##0.00", format);
        var sign = amount.Amount < 0 ? "-" : "";
        return EuroFirst ? $"{sign}€ {digits}" : $"{sign}{digits} €";
    }

    /// <summary>A unit price, keeping up to four decimals: the line net is computed from them.</summary>
    public string Price(Money price)
    {
        var digits = Figure(price.Amount, 2);
        return EuroFirst ? $"€ {digits}" : $"{digits} €";
    }

    /// <summary>A quantity, rate or unit price: at least <paramref name="minDecimals"/> decimals, at most four.</summary>
    public string Figure(decimal value, int minDecimals)
    {
        var format = new NumberFormatInfo { NumberDecimalSeparator = DecimalSeparator.ToString(), NumberGroupSeparator = GroupSeparator.ToString() };
        return value.ToString("#,##0." + new string('0', minDecimals) + new string('#', 4 - minDecimals), format);
    }

    public string Date(LocalDate date) => date.ToString(DatePattern, CultureInfo.InvariantCulture);

    public string Unit(string code) => Units.TryGetValue(code, out var name) ? name : code;

    public string Percent(decimal percent) => Figure(percent, 0) + " %";

    private static readonly InvoiceTexts Dutch = new(
        "FACTUUR", "CREDITNOTA", "Nummer", "Factuurdatum", "Datum", "Vervaldatum", "Uw referentie", "Bestelbon", "Corrigeert factuur",
        "Klant", "Ondernemingsnummer", "Btw-nummer", "Omschrijving", "Aantal", "Eenheidsprijs", "Btw", "Bedrag", "Subtotaal", "Periode",
        "Btw-overzicht", "Maatstaf van heffing", "Totaal excl. btw", "Totaal btw", "Korting", "Toeslag", "Totaal incl. btw",
        "Reeds betaald", "Te betalen", "Te crediteren", "Te betalen op rekening", "Gestructureerde mededeling", "Uiterlijk op",
        "Scan om te betalen",
        "Verlegging van heffing: de btw is verschuldigd door de medecontractant (art. 196 Richtlijn 2006/112/EG).",
        "Vrijstelling", "Pagina",
        new Dictionary<string, string> { ["HUR"] = "uur", ["DAY"] = "dag", ["MON"] = "maand", ["ANN"] = "jaar", ["C62"] = "st.", ["KMT"] = "km" },
        ',', '.', true, "dd/MM/uuuu", "Reden van de creditnota");

    private static readonly InvoiceTexts French = new(
        "FACTURE", "NOTE DE CRÉDIT", "Numéro", "Date de facture", "Date", "Date d'échéance", "Votre référence", "Bon de commande", "Corrige la facture",
        "Client", "Numéro d'entreprise", "Numéro de TVA", "Description", "Quantité", "Prix unitaire", "TVA", "Montant", "Sous-total", "Période",
        "Récapitulatif TVA", "Base imposable", "Total HTVA", "Total TVA", "Remise", "Supplément", "Total TVAC",
        "Déjà payé", "À payer", "À créditer", "À payer sur le compte", "Communication structurée", "Au plus tard le",
        "Scannez pour payer",
        "Autoliquidation : la TVA est due par le cocontractant (art. 196 directive 2006/112/CE).",
        "Exemption", "Page",
        new Dictionary<string, string> { ["HUR"] = "heure", ["DAY"] = "jour", ["MON"] = "mois", ["ANN"] = "an", ["C62"] = "pièce", ["KMT"] = "km" },
        ',', '.', false, "dd/MM/uuuu", "Motif de la note de crédit");

    private static readonly InvoiceTexts English = new(
        "INVOICE", "CREDIT NOTE", "Number", "Invoice date", "Date", "Due date", "Your reference", "Purchase order", "Corrects invoice",
        "Customer", "Enterprise number", "VAT number", "Description", "Quantity", "Unit price", "VAT", "Amount", "Subtotal", "Period",
        "VAT breakdown", "Taxable amount", "Total excl. VAT", "Total VAT", "Allowance", "Charge", "Total incl. VAT",
        "Prepaid", "Amount due", "To be credited", "Pay to account", "Structured communication", "By",
        "Scan to pay",
        "Reverse charge: VAT is due by the customer (art. 196 Directive 2006/112/EC). Autoliquidation / Verlegging van heffing.",
        "Exemption", "Page",
        new Dictionary<string, string> { ["HUR"] = "hour", ["DAY"] = "day", ["MON"] = "month", ["ANN"] = "year", ["C62"] = "pc", ["KMT"] = "km" },
        '.', ',', true, "dd/MM/uuuu", "Reason for this credit note");
}

using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ClauseDesk.Billing.Invoices;

namespace ClauseDesk.Billing.Peppol;

/// <summary>
/// Writes invoices and credit notes as UBL 2.1 for Peppol BIS Billing 3.0, the format Belgian B2B
/// invoices must be sent in since 1 January 2026. Elements follow the UBL schema's order (UBL is
/// order-sensitive) and only what EN 16931 and Peppol allow; the documents are checked against the
/// official EN 16931 and Peppol validation rules in the tests.
/// </summary>
public static class PeppolUbl
{
    /// <summary>BT-24, the specification identifier of Peppol BIS Billing 3.0.</summary>
    public const string CustomizationId = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";

    /// <summary>BT-23, the business process.</summary>
    public const string ProfileId = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    /// <summary>UNCL4461 code 58: SEPA credit transfer.</summary>
    public const string SepaCreditTransfer = "58";

    private static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    private static readonly XNamespace InvoiceNs = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    private static readonly XNamespace CreditNoteNs = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

    /// <summary>The document as UTF-8 XML bytes, with declaration, indented.</summary>
    public static byte[] ToBytes(BillingDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            Write(document).Save(writer);
        }

        return stream.ToArray();
    }

    /// <summary>The UBL Invoice (type 380) or CreditNote (type 381) of <paramref name="document"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    /// <exception cref="ArgumentException">Neither an <see cref="Invoice"/> nor a <see cref="CreditNote"/>.</exception>
    public static XDocument Write(BillingDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (root, lineName, quantityName) = document switch
        {
            Invoice => (InvoiceNs + "Invoice", "InvoiceLine", "InvoicedQuantity"),
            CreditNote => (CreditNoteNs + "CreditNote", "CreditNoteLine", "CreditedQuantity"),
            _ => throw new ArgumentException($"Unknown document type {document.GetType().Name}.", nameof(document)),
        };

        var outsideScope = document.VatBreakdown.Any(v => v.Vat.Category == VatCategory.O);
        var element = new XElement(root,
            new XAttribute(XNamespace.Xmlns + "cac", Cac),
            new XAttribute(XNamespace.Xmlns + "cbc", Cbc),
            Cbc.E("CustomizationID", CustomizationId),
            Cbc.E("ProfileID", ProfileId),
            Cbc.E("ID", document.Number),
            Cbc.E("IssueDate", Date(document.IssueDate)),
            document is Invoice invoice ? Cbc.E("DueDate", Date(invoice.DueDate)) : null,
            document is Invoice ? Cbc.E("InvoiceTypeCode", "380") : Cbc.E("CreditNoteTypeCode", "381"),
            Notes(document),
            Cbc.E("DocumentCurrencyCode", document.Currency),
            document.BuyerReference is { } buyerReference ? Cbc.E("BuyerReference", buyerReference) : null,
            document.Period is { } period ? Period(period) : null,
            document.OrderReference is { } order ? Cac.E("OrderReference", Cbc.E("ID", order)) : null,
            document is CreditNote credit
                ? Cac.E("BillingReference", Cac.E("InvoiceDocumentReference", Cbc.E("ID", credit.Corrects.Number), Cbc.E("IssueDate", Date(credit.Corrects.IssueDate))))
                : null,
            Cac.E("AccountingSupplierParty", Party(document.Supplier, outsideScope)),
            Cac.E("AccountingCustomerParty", Party(document.Customer, outsideScope)),
            Delivery(document),
            PaymentMeans(document),
            PaymentTerms(document),
            document.AllowancesCharges.Select(a => Cac.E("AllowanceCharge",
                Cbc.E("ChargeIndicator", a.IsCharge ? "true" : "false"),
                Cbc.E("AllowanceChargeReason", a.Reason),
                Amount("Amount", a.Amount),
                TaxCategory("TaxCategory", a.Vat))),
            TaxTotal(document),
            MonetaryTotal(document),
            document.Lines.Select((line, i) => Line(line, i + 1, lineName, quantityName)));

        return new XDocument(new XDeclaration("1.0", "UTF-8", null), element);
    }

    // One note only (PEPPOL-EN16931-R002): the reverse-charge mention and a credit note's reason share it.
    private static XElement? Notes(BillingDocument document)
    {
        string?[] parts = [document.IsReverseCharge ? VatTreatment.ReverseChargeText : null, document is CreditNote { Reason: { } reason } ? reason : null];
        var note = string.Join(" — ", parts.OfType<string>());
        return note.Length > 0 ? Cbc.E("Note", note) : null;
    }

    private static XElement Period(NodaTime.DateInterval period) =>
        Cac.E("InvoicePeriod", Cbc.E("StartDate", Date(period.Start)), Cbc.E("EndDate", Date(period.End)));

    private static XElement Party(Party party, bool outsideScope) =>
        Cac.E("Party",
            new XElement(Cbc + "EndpointID", new XAttribute("schemeID", party.Endpoint.SchemeId), party.Endpoint.Id),
            party.EnterpriseNumber is { } id
                ? Cac.E("PartyIdentification", new XElement(Cbc + "ID", new XAttribute("schemeID", PeppolEndpoint.BelgianEnterpriseScheme), id.Digits))
                : null,
            Cac.E("PartyName", Cbc.E("Name", party.Name)),
            Cac.E("PostalAddress",
                Cbc.E("StreetName", party.Address.Street),
                Cbc.E("CityName", party.Address.City),
                Cbc.E("PostalZone", party.Address.Postcode),
                Cac.E("Country", Cbc.E("IdentificationCode", party.Address.CountryCode))),
            party.VatNumber is { } vat && !outsideScope
                ? Cac.E("PartyTaxScheme", Cbc.E("CompanyID", vat), Cac.E("TaxScheme", Cbc.E("ID", "VAT")))
                : null,
            Cac.E("PartyLegalEntity",
                Cbc.E("RegistrationName", party.Name),
                party.EnterpriseNumber is { } legal
                    ? new XElement(Cbc + "CompanyID", new XAttribute("schemeID", PeppolEndpoint.BelgianEnterpriseScheme), legal.Digits)
                    : null),
            party.Email is { } email ? Cac.E("Contact", Cbc.E("ElectronicMail", email)) : null);

    private static XElement? Delivery(BillingDocument document) =>
        // BR-IC-12: an intra-community supply states the country it is delivered to.
        document.VatBreakdown.Any(v => v.Vat.Category == VatCategory.K)
            ? Cac.E("Delivery", Cac.E("DeliveryLocation", Cac.E("Address",
                Cbc.E("StreetName", document.Customer.Address.Street),
                Cbc.E("CityName", document.Customer.Address.City),
                Cbc.E("PostalZone", document.Customer.Address.Postcode),
                Cac.E("Country", Cbc.E("IdentificationCode", document.Customer.Address.CountryCode)))))
            : null;

    private static XElement? PaymentMeans(BillingDocument document) =>
        document is Invoice invoice
            ? Cac.E("PaymentMeans",
                new XElement(Cbc + "PaymentMeansCode", new XAttribute("name", "SEPA credit transfer"), SepaCreditTransfer),
                Cbc.E("PaymentID", invoice.PaymentReference.Digits),
                Cac.E("PayeeFinancialAccount",
                    Cbc.E("ID", invoice.PayTo.Iban.Value),
                    Cbc.E("Name", invoice.Supplier.Name),
                    Cac.E("FinancialInstitutionBranch", Cbc.E("ID", invoice.PayTo.Bic))))
            : null;

    private static XElement PaymentTerms(BillingDocument document) =>
        Cac.E("PaymentTerms", Cbc.E("Note", document switch
        {
            Invoice invoice => $"Payable within {invoice.PaymentTermDays} days, by {Date(invoice.DueDate)}, with structured communication {invoice.PaymentReference}.",
            CreditNote credit => $"Credit note for invoice {credit.Corrects.Number} of {Date(credit.Corrects.IssueDate)}.",
            _ => "",
        }));

    private static XElement TaxTotal(BillingDocument document) =>
        Cac.E("TaxTotal",
            Amount("TaxAmount", document.Totals.VatTotal),
            document.VatBreakdown.Select(v => Cac.E("TaxSubtotal",
                Amount("TaxableAmount", v.Taxable),
                Amount("TaxAmount", v.Tax),
                TaxCategory("TaxCategory", v.Vat, withExemption: true))));

    private static XElement MonetaryTotal(BillingDocument document)
    {
        var totals = document.Totals;
        return Cac.E("LegalMonetaryTotal",
            Amount("LineExtensionAmount", totals.LineTotal),
            Amount("TaxExclusiveAmount", totals.TaxExclusive),
            Amount("TaxInclusiveAmount", totals.TaxInclusive),
            document.AllowancesCharges.Any(a => !a.IsCharge) ? Amount("AllowanceTotalAmount", totals.AllowanceTotal) : null,
            document.AllowancesCharges.Any(a => a.IsCharge) ? Amount("ChargeTotalAmount", totals.ChargeTotal) : null,
            totals.Prepaid != Money.Zero ? Amount("PrepaidAmount", totals.Prepaid) : null,
            Amount("PayableAmount", totals.Payable));
    }

    private static XElement Line(InvoiceLine line, int id, string lineName, string quantityName) =>
        Cac.E(lineName,
            Cbc.E("ID", id.ToString(CultureInfo.InvariantCulture)),
            new XElement(Cbc + quantityName, new XAttribute("unitCode", line.UnitCode), Decimal(line.Quantity)),
            Amount("LineExtensionAmount", line.Net.Value),
            line.Period is { } period ? Period(period) : null,
            Cac.E("Item",
                Cbc.E("Name", line.Description),
                TaxCategory("ClassifiedTaxCategory", line.Vat)),
            Cac.E("Price", new XElement(Cbc + "PriceAmount", new XAttribute("currencyID", "EUR"), Decimal(line.UnitPrice.Amount))));

    private static XElement TaxCategory(string name, VatTreatment vat, bool withExemption = false) =>
        Cac.E(name,
            Cbc.E("ID", vat.Category.ToString()),
            // Category O carries no rate (BR-O-05, BR-O-06, BR-O-10).
            vat.Category == VatCategory.O ? null : Cbc.E("Percent", Decimal(vat.Percent)),
            withExemption && vat.ExemptionReasonCode is { } code ? Cbc.E("TaxExemptionReasonCode", code) : null,
            withExemption && vat.ExemptionReason is { } reason ? Cbc.E("TaxExemptionReason", reason) : null,
            Cac.E("TaxScheme", Cbc.E("ID", "VAT")));

    private static XElement Amount(string name, Money amount) =>
        new(Cbc + name, new XAttribute("currencyID", "EUR"), amount.RoundToCents().Amount.ToString("0.00", CultureInfo.InvariantCulture));

    private static string Decimal(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string Date(NodaTime.LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private static XElement E(this XNamespace ns, string name, params object?[] content) => new(ns + name, content);
}

using ClauseDesk.Billing.Invoices;
using NodaTime;

namespace ClauseDesk.Billing;

/// <summary>The invoices and credit notes the Peppol and PDF tests produce: one of every kind we send.</summary>
public static class Samples
{
    public static readonly Party Supplier = new(
        "Helpdesk Vlaanderen BV",
        new PostalAddress("Kortrijksesteenweg 1100", "Gent", "9051", "BE"),
        EnterpriseNumber.Parse("BE 0403.170.701"),
        "BE0403170701",
        "facturen@helpdesk-vlaanderen.be",
        bankAccount: new BankAccount(Iban.Parse("BE68 5390 0754 7034"), "GKCCBEBB"));

    public static readonly Party Customer = new(
        "Brouwerij De Schelde NV",
        new PostalAddress("Kaai 12", "Antwerpen", "2000", "BE"),
        EnterpriseNumber.Parse("0202.239.951"),
        "BE0202239951",
        "boekhouding@deschelde.be");

    /// <summary>A Dutch VAT payer, reached on Peppol through its VAT number (scheme 9944).</summary>
    public static readonly Party DutchCustomer = new(
        "Zeeuwse Logistiek B.V.",
        new PostalAddress("Havenweg 8", "Vlissingen", "4382 NM", "NL"),
        vatNumber: "NL859387391B01",
        endpoint: new PeppolEndpoint("9944", "NL859387391B01"));

    /// <summary>A customer outside the EU, with its Swiss business identifier (scheme 0183).</summary>
    public static readonly Party SwissCustomer = new(
        "Alpen Datentechnik AG",
        new PostalAddress("Bahnhofstrasse 10", "Zürich", "8001", "CH"),
        vatNumber: "CHE123456788",
        endpoint: new PeppolEndpoint("0183", "CHE123456788"));

    /// <summary>A German VAT payer, reached through its VAT number (scheme 9930).</summary>
    public static readonly Party GermanCustomer = new(
        "Rheinland Server GmbH",
        new PostalAddress("Domstraße 5", "Köln", "50667", "DE"),
        vatNumber: "DE123456789",
        endpoint: new PeppolEndpoint("9930", "DE123456789"));

    public static readonly LocalDate IssueDate = new(2026, 11, 30);

    private static readonly DateInterval November = new(new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30));

    public static Invoice Standard() => new(
        "2026-0042",
        IssueDate,
        30,
        Supplier,
        Customer,
        [
            new InvoiceLine("Service-level fee, type 4 contract, November 2026", 1m, Units.Month, Money.Euros(1200m), VatTreatment.Standard(21m), November),
            new InvoiceLine("Extra work in regie, ticket #1187", 3.5m, Units.Hour, Money.Euros(85m), VatTreatment.Standard(21m)),
        ],
        StructuredCommunication.FromBase(1234567890),
        buyerReference: "PO-77812");

    public static Invoice SeveralRates() => new(
        "2026-0043",
        IssueDate,
        30,
        Supplier,
        Customer,
        [
            new InvoiceLine("Managed workstation support", 12m, Units.Piece, Money.Euros(39.95m), VatTreatment.Standard(21m)),
            new InvoiceLine("Technical manual (book)", 2m, Units.Piece, Money.Euros(24.50m), VatTreatment.Standard(6m)),
            new InvoiceLine("Newspaper subscription passed on", 1m, Units.Year, Money.Euros(120m), VatTreatment.ZeroRated()),
            new InvoiceLine("Travel, 84 km at €0.65", 84m, Units.Kilometre, Money.Euros(0.65m), VatTreatment.Standard(21m)),
        ],
        StructuredCommunication.FromBase(2026_0043),
        buyerReference: "IT-2026");

    public static Invoice ReverseCharge() => new(
        "2026-0044",
        IssueDate,
        30,
        Supplier,
        DutchCustomer,
        [
            new InvoiceLine("Remote support, November 2026", 14.25m, Units.Hour, Money.Euros(95m), VatTreatment.ReverseCharge(), November),
        ],
        StructuredCommunication.FromBase(2026_0044),
        orderReference: "ZL-4471");

    public static Invoice WithExemptLine() => new(
        "2026-0045",
        IssueDate,
        30,
        Supplier,
        Customer,
        [
            new InvoiceLine("Helpdesk subscription", 1m, Units.Month, Money.Euros(450m), VatTreatment.Standard(21m)),
            new InvoiceLine("IT training for staff, recognised course", 1m, Units.Day, Money.Euros(600m), VatTreatment.Exempt("Vrijgesteld – art. 44 § 2, 4° WBTW / Exonéré – art. 44 § 2, 4° CTVA", "VATEX-EU-132-1I")),
        ],
        StructuredCommunication.FromBase(2026_0045),
        buyerReference: "HR-TRAINING");

    public static Invoice Prepaid() => new(
        "2026-0046",
        IssueDate,
        14,
        Supplier,
        Customer,
        [
            new InvoiceLine("Server migration project, fixed price", 1m, Units.Piece, Money.Euros(8000m), VatTreatment.Standard(21m)),
        ],
        StructuredCommunication.FromBase(2026_0046),
        orderReference: "PO-90001",
        prepaid: Money.Euros(4840m));

    public static Invoice NeedsRounding() => new(
        "2026-0047",
        IssueDate,
        30,
        Supplier,
        Customer,
        [
            new InvoiceLine("Support credits, per started quarter hour", 7m, Units.Piece, Money.Euros(4.3333m), VatTreatment.Standard(21m)),
            new InvoiceLine("Licences, prorated", 2.333m, Units.Month, Money.Euros(17.125m), VatTreatment.Standard(21m)),
            new InvoiceLine("Cables", 3m, Units.Piece, Money.Euros(0.355m), VatTreatment.Standard(6m)),
            new InvoiceLine("Unused support credits from October", -2m, Units.Piece, Money.Euros(4.3333m), VatTreatment.Standard(21m)),
        ],
        StructuredCommunication.FromBase(2026_0047),
        buyerReference: "PO-77812");

    public static Invoice WithAllowanceAndCharge() => new(
        "2026-0048",
        IssueDate,
        30,
        Supplier,
        Customer,
        [
            new InvoiceLine("Laptop set-up", 5m, Units.Piece, Money.Euros(120m), VatTreatment.Standard(21m)),
        ],
        StructuredCommunication.FromBase(2026_0048),
        buyerReference: "PO-77813",
        allowancesCharges:
        [
            new AllowanceCharge(false, "Volume discount", Money.Euros(60m), VatTreatment.Standard(21m)),
            new AllowanceCharge(true, "Express delivery", Money.Euros(25m), VatTreatment.Standard(21m)),
        ]);

    public static Invoice IntraCommunity() => new(
        "2026-0049",
        IssueDate,
        30,
        Supplier,
        GermanCustomer,
        [new InvoiceLine("Rack servers, refurbished", 2m, Units.Piece, Money.Euros(1450m), VatTreatment.IntraCommunity())],
        StructuredCommunication.FromBase(2026_0049),
        orderReference: "RS-2026-118",
        period: November);

    public static Invoice Export() => new(
        "2026-0050",
        IssueDate,
        30,
        Supplier,
        SwissCustomer,
        [new InvoiceLine("Firewall appliance shipped to Zürich", 1m, Units.Piece, Money.Euros(2300m), VatTreatment.Export())],
        StructuredCommunication.FromBase(2026_0050),
        orderReference: "ADT-7781");

    public static Invoice OutsideScope() => new(
        "2026-0051",
        IssueDate,
        30,
        Supplier,
        Customer,
        [new InvoiceLine("Compensation for early termination (seed 001 art. 18.1)", 1m, Units.Piece, Money.Euros(5200m), VatTreatment.OutsideScope())],
        StructuredCommunication.FromBase(2026_0051),
        buyerReference: "PO-77812");

    public static CreditNote Credit() => CreditNote.For(
        Standard(),
        "CN-2026-0003",
        new LocalDate(2026, 12, 4),
        [new InvoiceLine("Extra work in regie, ticket #1187: 1 hour billed twice", 1m, Units.Hour, Money.Euros(85m), VatTreatment.Standard(21m))],
        "One hour of ticket #1187 was billed twice");

    /// <summary>
    /// Invoices drawn at random (seeded, so every run sees the same): 1–8 lines at any Belgian rate,
    /// quantities and prices with up to 3 and 4 decimals, some corrections, allowances, charges and
    /// a prepaid part, so the rounding rules meet the validators on cases nobody picked by hand.
    /// </summary>
    public static IReadOnlyDictionary<string, BillingDocument> Random(int count)
    {
        var random = new Random(16931);
        decimal[] rates = [21m, 12m, 6m];
        var documents = new Dictionary<string, BillingDocument>();
        for (var i = 1; i <= count; i++)
        {
            VatTreatment Vat() => random.Next(6) == 0 ? VatTreatment.ZeroRated() : VatTreatment.Standard(rates[random.Next(rates.Length)]);
            var lines = Enumerable.Range(1, random.Next(1, 9))
                .Select(n => new InvoiceLine($"Item {n}", random.Next(1, 100_000) / 1000m, Units.Piece, Money.Euros(random.Next(0, 10_000_000) / 10_000m), Vat()))
                .ToList();
            var positive = lines.Sum(l => l.Net.Value.Amount);
            if (random.Next(3) == 0 && positive > 10m)
            {
                lines.Add(new InvoiceLine("Correction", -1m, Units.Piece, Money.Euros(Math.Round(positive / 10m, 2)), lines[0].Vat));
            }

            var adjustments = random.Next(3) == 0
                ? new[] { new AllowanceCharge(false, "Discount", Money.Euros(0.01m), lines[0].Vat), new AllowanceCharge(true, "Handling", Money.Euros(random.Next(1, 5000) / 100m), Vat()) }
                : [];
            var probe = new Invoice($"R-{i:000}", IssueDate, 30, Supplier, Customer, lines, StructuredCommunication.FromBase(i), "PO-R", allowancesCharges: adjustments);
            var prepaid = random.Next(3) == 0 ? Money.Euros(Math.Round(probe.Totals.TaxInclusive.Amount * random.Next(0, 101) / 100m, 2)) : Money.Zero;
            documents[$"random-{i:000}"] = new Invoice($"R-{i:000}", IssueDate, 30, Supplier, Customer, lines, StructuredCommunication.FromBase(i), "PO-R", prepaid: prepaid, allowancesCharges: adjustments);
        }

        return documents;
    }

    /// <summary>Every document we produce, by a short name.</summary>
    public static IReadOnlyDictionary<string, BillingDocument> All() => new Dictionary<string, BillingDocument>
    {
        ["standard"] = Standard(),
        ["several-rates"] = SeveralRates(),
        ["reverse-charge"] = ReverseCharge(),
        ["exempt-line"] = WithExemptLine(),
        ["prepaid"] = Prepaid(),
        ["rounding"] = NeedsRounding(),
        ["allowance-charge"] = WithAllowanceAndCharge(),
        ["intra-community"] = IntraCommunity(),
        ["export"] = Export(),
        ["outside-scope"] = OutsideScope(),
        ["credit-note"] = Credit(),
    };
}

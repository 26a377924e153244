using ClauseDesk.Billing.Invoices;
using NodaTime;

namespace ClauseDesk.Billing;

/// <summary>Parties and a builder for the invoice tests.</summary>
internal static class Parties
{
    public static readonly Party Supplier = new(
        "Helpdesk Vlaanderen BV",
        new PostalAddress("Kortrijksesteenweg 1100", "Gent", "9051", "BE"),
        EnterpriseNumber.Parse("0403.170.701"),
        "BE0403170701",
        bankAccount: new BankAccount(Iban.Parse("BE68539007547034"), "GKCCBEBB"));

    public static readonly Party Customer = new(
        "Brouwerij De Schelde NV",
        new PostalAddress("Kaai 12", "Antwerpen", "2000", "BE"),
        EnterpriseNumber.Parse("0202.239.951"),
        "BE0202239951");

    public static readonly LocalDate Issued = new(2026, 11, 30);

    public static InvoiceLine Line(decimal quantity, decimal price, decimal rate = 21m) =>
        new("Support", quantity, Units.Hour, Money.Euros(price), VatTreatment.Standard(rate));

    public static Invoice Invoice(IEnumerable<InvoiceLine> lines, Money prepaid = default, IEnumerable<AllowanceCharge>? allowancesCharges = null, Party? customer = null) =>
        new("2026-0001", Issued, 30, Supplier, customer ?? Customer, lines, StructuredCommunication.FromBase(1), buyerReference: "PO-1", prepaid: prepaid, allowancesCharges: allowancesCharges);
}

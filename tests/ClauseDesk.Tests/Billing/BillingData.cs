namespace ClauseDesk.Billing;

/// <summary>Invoicing details and invoice lines the API tests send.</summary>
public static class BillingData
{
    public static readonly object Provider = new
    {
        name = "Provider A BV",
        street = "Kortrijksesteenweg 1100",
        city = "Gent",
        postcode = "9051",
        country = "BE",
        enterpriseNumber = "BE 0403.170.701",
        vatNumber = "BE0403170701",
        email = "billing@provider.example",
        iban = "BE68 5390 0754 7034",
        bic = "GKCCBEBB",
        paymentTermDays = 30,
    };

    /// <summary>A customer's details; <paramref name="latePaymentPolicy"/> and the others are its account's terms.</summary>
    public static object Customer(string name, string? latePaymentPolicy = null, bool? lumpSumClause = null, string? paymentAllocation = null) => new
    {
        name,
        street = "Kaai 12",
        city = "Antwerpen",
        postcode = "2000",
        country = "BE",
        enterpriseNumber = "0202.239.951",
        vatNumber = "BE0202239951",
        email = "ap@customer.example",
        latePaymentPolicy,
        lumpSumClause,
        paymentAllocation,
    };

    /// <summary>€1,200.00 + 4.5 h at €95.00 at <paramref name="firstVat"/>/21 %, and 2 × €12.40 at 6 %: €1,995.57 incl. VAT at 21 %.</summary>
    public static object Lines(string firstVat = "21") => new object[]
    {
        new { description = "Service-level fee November 2026", quantity = 1, unit = "MON", unitPrice = 1200.00m, vat = firstVat },
        new { description = "On-site intervention", quantity = 4.5m, unit = "HUR", unitPrice = 95.00m, vat = "21" },
        new { description = "Manual (printed)", quantity = 2, unitPrice = 12.40m, vat = "6" },
    };
}

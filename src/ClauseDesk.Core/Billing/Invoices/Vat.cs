using System.Globalization;

namespace ClauseDesk.Billing.Invoices;

/// <summary>VAT category codes of EN 16931 (UNCL5305 subset) that ClauseDesk invoices use.</summary>
public enum VatCategory
{
    /// <summary>Standard rate: 21 %, 12 % or 6 % in Belgium.</summary>
    S,

    /// <summary>Zero rated goods (0 %).</summary>
    Z,

    /// <summary>Exempt from VAT; the reason is required.</summary>
    E,

    /// <summary>Reverse charge (verlegging van heffing / autoliquidation); the customer accounts for the VAT.</summary>
    AE,

    /// <summary>Intra-community supply of goods or services, VAT exempt here.</summary>
    K,

    /// <summary>Export outside the EU.</summary>
    G,

    /// <summary>
    /// Outside the scope of VAT; cannot be combined with another category on one document, and its
    /// Peppol document names no VAT identifiers (BR-O-02, BR-O-04).
    /// </summary>
    O,
}

/// <summary>
/// How a line or an allowance/charge is taxed: the VAT category, its rate and, for the categories
/// that charge no VAT here (E, AE, K, G, O), the exemption reason the law requires on the invoice.
/// </summary>
public sealed record VatTreatment
{
    /// <summary>The Belgian standard-category rates, in percent.</summary>
    public static readonly IReadOnlyList<decimal> BelgianRates = [21m, 12m, 6m];

    /// <summary>The text Belgian law requires on a reverse-charge invoice, in both national languages.</summary>
    public const string ReverseChargeText = "Autoliquidation / Verlegging van heffing";

    /// <param name="category">The VAT category.</param>
    /// <param name="percent">21, 12 or 6 for S; 0 for every other category.</param>
    /// <param name="exemptionReason">Required for E, AE, K, G and O (1–300 characters); refused for S and Z (BR-S-10, BR-Z-10).</param>
    /// <param name="exemptionReasonCode">Optional VATEX code, e.g. <c>VATEX-EU-AE</c>; only with an exemption reason.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate that is not allowed for the category.</exception>
    /// <exception cref="ArgumentException">A missing, refused or too long exemption reason; a code without a reason or not starting with VATEX-.</exception>
    public VatTreatment(VatCategory category, decimal percent, string? exemptionReason = null, string? exemptionReasonCode = null)
    {
        if (!Enum.IsDefined(category))
        {
            throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown VAT category.");
        }

        if (category == VatCategory.S ? !BelgianRates.Contains(percent) : percent != 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, category == VatCategory.S
                ? "The standard category takes 21, 12 or 6 %."
                : $"Category {category} takes 0 %.");
        }

        var exempt = category is not (VatCategory.S or VatCategory.Z);
        exemptionReason = Text.Optional(exemptionReason, 300, nameof(exemptionReason));
        if (exempt && exemptionReason is null)
        {
            throw new ArgumentException($"Category {category} needs an exemption reason on the invoice (BR-{category}-10).", nameof(exemptionReason));
        }

        if (!exempt && exemptionReason is not null)
        {
            throw new ArgumentException($"Category {category} takes no exemption reason.", nameof(exemptionReason));
        }

        if (exemptionReasonCode is not null && (exemptionReason is null || !exemptionReasonCode.StartsWith("VATEX-", StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{exemptionReasonCode}' must be a VATEX code and comes with a reason.", nameof(exemptionReasonCode));
        }

        Category = category;
        Percent = percent;
        ExemptionReason = exemptionReason;
        ExemptionReasonCode = exemptionReasonCode;
    }

    public VatCategory Category { get; }

    /// <summary>The rate in percent, e.g. 21.</summary>
    public decimal Percent { get; }

    public string? ExemptionReason { get; }
    public string? ExemptionReasonCode { get; }

    /// <summary>Standard rate: 21, 12 or 6 %.</summary>
    public static VatTreatment Standard(decimal percent) => new(VatCategory.S, percent);

    /// <summary>Zero rated, 0 %.</summary>
    public static VatTreatment ZeroRated() => new(VatCategory.Z, 0m);

    /// <summary>Exempt, with the article that exempts it, e.g. "Vrijgesteld – art. 44 WBTW".</summary>
    public static VatTreatment Exempt(string reason, string? code = null) => new(VatCategory.E, 0m, reason, code);

    /// <summary>Reverse charge within the EU (services to a VAT payer in another member state).</summary>
    public static VatTreatment ReverseCharge(string reason = ReverseChargeText) => new(VatCategory.AE, 0m, reason, "VATEX-EU-AE");

    /// <summary>Intra-community supply.</summary>
    public static VatTreatment IntraCommunity(string reason = "Intra-community supply / Intracommunautaire levering") => new(VatCategory.K, 0m, reason, "VATEX-EU-IC");

    /// <summary>Export outside the EU.</summary>
    public static VatTreatment Export(string reason = "Export outside the EU / Uitvoer buiten de EU") => new(VatCategory.G, 0m, reason, "VATEX-EU-G");

    /// <summary>Outside the scope of VAT.</summary>
    public static VatTreatment OutsideScope(string reason = "Not subject to VAT / Niet onderworpen aan btw") => new(VatCategory.O, 0m, reason, "VATEX-EU-O");

    /// <summary>E.g. <c>S 21 %</c> or <c>AE 0 %</c>.</summary>
    public override string ToString() => $"{Category} {Percent.ToString("0.##", CultureInfo.InvariantCulture)} %";
}

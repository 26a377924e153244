using System.Text.RegularExpressions;
using NodaTime;

namespace ClauseDesk.Billing.Invoices;

/// <summary>One row of the VAT breakdown (BG-23): a category and rate with its taxable base and VAT.</summary>
/// <param name="Vat">Category, rate and exemption reason.</param>
/// <param name="Taxable">BT-116: the sum of the line nets of this category and rate, minus allowances, plus charges.</param>
/// <param name="Tax">BT-117: taxable × rate / 100, rounded to the cent half away from zero.</param>
/// <param name="Working">Clause, inputs and the rounding.</param>
public sealed record VatSubtotal(VatTreatment Vat, Money Taxable, Money Tax, Working Working);

/// <summary>The document totals (BG-22), all in whole cents.</summary>
/// <param name="LineTotal">BT-106: sum of the line net amounts.</param>
/// <param name="AllowanceTotal">BT-107: sum of the document-level allowances.</param>
/// <param name="ChargeTotal">BT-108: sum of the document-level charges.</param>
/// <param name="TaxExclusive">BT-109: line total − allowances + charges.</param>
/// <param name="VatTotal">BT-110: sum of the VAT breakdown's tax amounts.</param>
/// <param name="TaxInclusive">BT-112: total excl. VAT + VAT.</param>
/// <param name="Prepaid">BT-113: already paid.</param>
/// <param name="Payable">BT-115: total incl. VAT − prepaid.</param>
/// <param name="Working">Each sum, one step a total.</param>
public sealed record DocumentTotals(Money LineTotal, Money AllowanceTotal, Money ChargeTotal, Money TaxExclusive, Money VatTotal, Money TaxInclusive, Money Prepaid, Money Payable, Working Working);

/// <summary>
/// What invoices and credit notes share: number, dates, parties, lines, the VAT breakdown and the
/// totals exactly as EN 16931 computes them (BR-CO-10 to BR-CO-17). Everything is checked once, in
/// the constructor, so a document that exists can be sent. Amounts are in euro only:
/// <see cref="Money"/> has no other currency, so a mixed-currency document cannot be built.
/// </summary>
public abstract class BillingDocument
{
    /// <summary>Most lines on one document.</summary>
    public const int MaxLines = 9_999;

    private static readonly Regex NumberPattern = new("^[A-Za-z0-9][A-Za-z0-9./_-]{0,29}$", RegexOptions.CultureInvariant);

    private protected BillingDocument(
        string number,
        LocalDate issueDate,
        Party supplier,
        Party customer,
        IEnumerable<InvoiceLine> lines,
        string? buyerReference,
        string? orderReference,
        Money prepaid,
        IEnumerable<AllowanceCharge>? allowancesCharges,
        DateInterval? period)
    {
        if (number is null || !NumberPattern.IsMatch(number))
        {
            throw new ArgumentException($"'{number}' is not a document number: 1–30 letters, digits and . / _ -, starting with a letter or digit.", nameof(number));
        }

        Number = number;
        IssueDate = issueDate;
        Supplier = supplier ?? throw new ArgumentNullException(nameof(supplier));
        Customer = customer ?? throw new ArgumentNullException(nameof(customer));
        if (supplier.EnterpriseNumber is null)
        {
            throw new ArgumentException("The supplier is a Belgian enterprise and needs its enterprise number.", nameof(supplier));
        }

        Lines = [.. lines ?? throw new ArgumentNullException(nameof(lines))];
        if (Lines.Count is 0 or > MaxLines)
        {
            throw new ArgumentException($"A document has 1 to {MaxLines} lines; {Lines.Count} given.", nameof(lines));
        }

        AllowancesCharges = [.. allowancesCharges ?? []];
        BuyerReference = Text.Optional(buyerReference, 200, nameof(buyerReference));
        OrderReference = Text.Optional(orderReference, 200, nameof(orderReference));
        if (BuyerReference is null && OrderReference is null)
        {
            // Peppol requires one of the two so the buyer can route the invoice internally.
            throw new ArgumentException("A buyer reference or a purchase order reference is required (PEPPOL-EN16931-R003).", nameof(buyerReference));
        }

        Period = period;
        CheckVat();
        VatBreakdown = Breakdown();
        if (prepaid < Money.Zero || prepaid != prepaid.RoundToCents())
        {
            throw new ArgumentOutOfRangeException(nameof(prepaid), prepaid, "A prepaid amount is zero or more, in whole cents.");
        }

        Totals = ComputeTotals(prepaid);
        if (Totals.TaxExclusive < Money.Zero)
        {
            throw new ArgumentException($"The total excl. VAT is {Totals.TaxExclusive}; a document never totals below zero (a credit note carries positive amounts).", nameof(lines));
        }

        if (prepaid > Totals.TaxInclusive)
        {
            throw new ArgumentOutOfRangeException(nameof(prepaid), prepaid, $"The prepaid amount exceeds the total incl. VAT ({Totals.TaxInclusive}).");
        }
    }

    /// <summary>The number the supplier gave it, unique and sequential per supplier (the caller's job).</summary>
    public string Number { get; }

    public LocalDate IssueDate { get; }
    public Party Supplier { get; }
    public Party Customer { get; }
    public IReadOnlyList<InvoiceLine> Lines { get; }
    public IReadOnlyList<AllowanceCharge> AllowancesCharges { get; }

    /// <summary>Always <c>EUR</c>.</summary>
    public string Currency => "EUR";

    /// <summary>BT-10, the reference the buyer asked for; this or <see cref="OrderReference"/> is present.</summary>
    public string? BuyerReference { get; }

    /// <summary>BT-13, the buyer's purchase order.</summary>
    public string? OrderReference { get; }

    /// <summary>BG-14, the period invoiced, if any.</summary>
    public DateInterval? Period { get; }

    /// <summary>One row per VAT category and rate, in the order they first occur.</summary>
    public IReadOnlyList<VatSubtotal> VatBreakdown { get; }

    public DocumentTotals Totals { get; }

    /// <summary>True when a line or allowance/charge is reverse charged (category AE).</summary>
    public bool IsReverseCharge => VatBreakdown.Any(v => v.Vat.Category == VatCategory.AE);

    private IEnumerable<VatTreatment> Treatments => Lines.Select(l => l.Vat).Concat(AllowancesCharges.Select(a => a.Vat));

    private void CheckVat()
    {
        var categories = Treatments.Select(v => v.Category).ToHashSet();
        if (categories.Contains(VatCategory.O) && categories.Count > 1)
        {
            throw new ArgumentException("A document outside the scope of VAT (O) has no other VAT category (BR-O-11).", "lines");
        }

        foreach (var group in Treatments.GroupBy(v => (v.Category, v.Percent)))
        {
            if (group.Select(v => (v.ExemptionReason, v.ExemptionReasonCode)).Distinct().Count() > 1)
            {
                throw new ArgumentException($"All amounts in {group.First()} share one exemption reason: the VAT breakdown has one row per category and rate.", "lines");
            }
        }

        if (!categories.Contains(VatCategory.O) && Supplier.VatNumber is null)
        {
            throw new ArgumentException("The supplier's VAT number is required on a document that charges or exempts VAT (BR-S-02 and the like).", "supplier");
        }

        if ((categories.Contains(VatCategory.AE) || categories.Contains(VatCategory.K)) && Customer.VatNumber is null)
        {
            throw new ArgumentException("Reverse charge (AE) and intra-community supply (K) need the customer's VAT number (BR-AE-02, BR-IC-02).", "customer");
        }

        if (categories.Contains(VatCategory.K) && Period is null)
        {
            throw new ArgumentException("An intra-community supply (K) needs the invoicing period (BR-IC-11).", "period");
        }
    }

    private List<VatSubtotal> Breakdown()
    {
        var rows = new List<VatSubtotal>();
        foreach (var group in Treatments.Select(v => (v.Category, v.Percent)).Distinct())
        {
            var vat = Treatments.First(v => (v.Category, v.Percent) == group);
            var lines = Lines.Where(l => (l.Vat.Category, l.Vat.Percent) == group).ToList();
            var adjustments = AllowancesCharges.Where(a => (a.Vat.Category, a.Vat.Percent) == group).ToList();
            var taxable = lines.Aggregate(Money.Zero, (sum, l) => sum + l.Net.Value) + adjustments.Aggregate(Money.Zero, (sum, a) => sum + a.Signed);
            var exact = taxable.Amount * vat.Percent / 100m;
            var tax = Money.Euros(exact).RoundToCents();
            var steps = new List<string>
            {
                $"Taxable amount: {string.Join(" + ", lines.Select(l => l.Net.Value.ToString()))}"
                    + string.Concat(adjustments.Select(a => (a.IsCharge ? " + " : " − ") + a.Amount))
                    + $" = {taxable}.",
                vat.Percent == 0m
                    ? $"VAT at 0 %: {tax}."
                    : $"VAT: {taxable} × {Shown.Percent(vat.Percent)} = {Shown.Unrounded(exact)}, rounded to the cent: {tax}.",
            };
            if (vat.ExemptionReason is not null)
            {
                steps.Add($"Exemption reason: {vat.ExemptionReason}.");
            }

            rows.Add(new VatSubtotal(vat, taxable, tax, new Working(
                "EN 16931 BR-CO-17 VAT category tax amount",
                "VAT on the sum of the line nets of one category and rate (not per line), rounded once to the cent half away from zero",
                [("category", vat.ToString()), ("lines", lines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                steps)));
        }

        return rows;
    }

    private DocumentTotals ComputeTotals(Money prepaid)
    {
        var lineTotal = Lines.Aggregate(Money.Zero, (sum, l) => sum + l.Net.Value);
        var allowances = AllowancesCharges.Where(a => !a.IsCharge).Aggregate(Money.Zero, (sum, a) => sum + a.Amount);
        var charges = AllowancesCharges.Where(a => a.IsCharge).Aggregate(Money.Zero, (sum, a) => sum + a.Amount);
        var exclusive = lineTotal - allowances + charges;
        var vat = VatBreakdown.Aggregate(Money.Zero, (sum, v) => sum + v.Tax);
        var inclusive = exclusive + vat;
        var payable = inclusive - prepaid;
        var working = new Working(
            "EN 16931 BR-CO-10, BR-CO-13 to BR-CO-16 document totals",
            Working.Literal,
            [("lines", Lines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("prepaid", prepaid.ToString())],
            [
                $"Sum of line net amounts (BR-CO-10): {lineTotal}.",
                $"Total excl. VAT (BR-CO-13): {lineTotal} − {allowances} allowances + {charges} charges = {exclusive}.",
                $"Total VAT (BR-CO-14): {string.Join(" + ", VatBreakdown.Select(v => v.Tax.ToString()))} = {vat}.",
                $"Total incl. VAT (BR-CO-15): {exclusive} + {vat} = {inclusive}.",
                $"Amount due (BR-CO-16): {inclusive} − {prepaid} prepaid = {payable}.",
            ]);
        return new DocumentTotals(lineTotal, allowances, charges, exclusive, vat, inclusive, prepaid, payable, working);
    }
}

using ClauseDesk.Billing.Invoices;
using NodaTime;
using static ClauseDesk.Billing.Parties;

namespace ClauseDesk.Billing;

/// <summary>EN 16931 totals: line nets rounded per line, VAT per category on the sum, then the totals.</summary>
public class InvoiceTotalsTests
{
    private static Money Eur(decimal amount) => Money.Euros(amount);

    [Fact]
    public void A_standard_invoice_at_21_percent()
    {
        var invoice = Invoice([Line(1m, 1200m), Line(3.5m, 85m)]);

        invoice.Totals.LineTotal.ShouldBe(Eur(1497.50m));
        invoice.Totals.TaxExclusive.ShouldBe(Eur(1497.50m));
        invoice.Totals.VatTotal.ShouldBe(Eur(314.48m));
        invoice.Totals.TaxInclusive.ShouldBe(Eur(1811.98m));
        invoice.Totals.Payable.ShouldBe(Eur(1811.98m));
        invoice.DueDate.ShouldBe(new LocalDate(2026, 12, 30));
        invoice.Currency.ShouldBe("EUR");
        invoice.VatBreakdown.Single().Working.Steps.ShouldContain("VAT: €1,497.50 × 21 % = €314.4750, rounded to the cent: €314.48.");
        invoice.Totals.Working.Steps.ShouldContain("Amount due (BR-CO-16): €1,811.98 − €0.00 prepaid = €1,811.98.");
    }

    [Fact]
    public void A_line_net_is_quantity_times_price_rounded_half_away_from_zero()
    {
        var line = Line(2.333m, 17.125m);

        line.Net.Value.ShouldBe(Eur(39.95m));
        line.Net.Working.Steps.Single().ShouldBe("2.333 × €17.125 = €39.9526…, rounded to the cent: €39.95.");
        Line(1m, 0.125m).Net.Value.ShouldBe(Eur(0.13m));
        Line(-1m, 0.125m).Net.Value.ShouldBe(Eur(-0.13m));
    }

    [Fact]
    public void Vat_is_computed_on_the_sum_of_a_category_not_per_line()
    {
        // Per line: 3 × round(0.105) = 3 × 0.11 = 0.33; on the sum: round(0.315) = 0.32.
        var invoice = Invoice([Line(1m, 0.50m), Line(1m, 0.50m), Line(1m, 0.50m)]);

        invoice.VatBreakdown.Single().Taxable.ShouldBe(Eur(1.50m));
        invoice.VatBreakdown.Single().Tax.ShouldBe(Eur(0.32m));
    }

    [Fact]
    public void Several_rates_give_one_breakdown_row_each_in_order_of_appearance()
    {
        var invoice = Invoice([Line(12m, 39.95m), Line(2m, 24.50m, 6m), new InvoiceLine("Paper", 1m, Units.Piece, Eur(120m), VatTreatment.ZeroRated()), Line(84m, 0.65m)]);

        invoice.VatBreakdown.Select(v => v.Vat.ToString()).ShouldBe(["S 21 %", "S 6 %", "Z 0 %"]);
        invoice.VatBreakdown.Select(v => v.Taxable).ShouldBe([Eur(534.00m), Eur(49.00m), Eur(120.00m)]);
        invoice.VatBreakdown.Select(v => v.Tax).ShouldBe([Eur(112.14m), Eur(2.94m), Eur(0m)]);
        invoice.Totals.TaxInclusive.ShouldBe(Eur(818.08m));
    }

    [Fact]
    public void A_prepaid_amount_is_deducted_from_the_amount_due()
    {
        var invoice = Invoice([Line(1m, 8000m)], prepaid: Eur(4840m));

        invoice.Totals.TaxInclusive.ShouldBe(Eur(9680m));
        invoice.Totals.Prepaid.ShouldBe(Eur(4840m));
        invoice.Totals.Payable.ShouldBe(Eur(4840m));
    }

    [Fact]
    public void Allowances_and_charges_change_the_taxable_amount_of_their_category()
    {
        var invoice = Invoice(
            [Line(5m, 120m)],
            allowancesCharges: [new AllowanceCharge(false, "Volume discount", Eur(60m), VatTreatment.Standard(21m)), new AllowanceCharge(true, "Express", Eur(25m), VatTreatment.Standard(21m))]);

        invoice.Totals.AllowanceTotal.ShouldBe(Eur(60m));
        invoice.Totals.ChargeTotal.ShouldBe(Eur(25m));
        invoice.Totals.TaxExclusive.ShouldBe(Eur(565m));
        invoice.VatBreakdown.Single().Tax.ShouldBe(Eur(118.65m));
        invoice.VatBreakdown.Single().Working.Steps[0].ShouldBe("Taxable amount: €600.00 − €60.00 + €25.00 = €565.00.");
    }

    [Fact]
    public void A_negative_quantity_corrects_within_an_invoice()
    {
        var invoice = Invoice([Line(7m, 20m), Line(-2m, 20m)]);

        invoice.Totals.TaxExclusive.ShouldBe(Eur(100m));
        invoice.Totals.VatTotal.ShouldBe(Eur(21m));
    }

    [Fact]
    public void Reverse_charge_has_no_vat_and_needs_the_customers_vat_number()
    {
        var dutch = new Party("Zeeuwse Logistiek B.V.", new PostalAddress("Havenweg 8", "Vlissingen", "4382 NM", "NL"), vatNumber: "NL859387391B01", endpoint: new PeppolEndpoint("9944", "NL859387391B01"));
        var line = new InvoiceLine("Remote support", 14.25m, Units.Hour, Eur(95m), VatTreatment.ReverseCharge());

        var invoice = Invoice([line], customer: dutch);

        invoice.IsReverseCharge.ShouldBeTrue();
        invoice.Totals.VatTotal.ShouldBe(Money.Zero);
        invoice.Totals.Payable.ShouldBe(Eur(1353.75m));
        invoice.VatBreakdown.Single().Vat.ExemptionReason.ShouldBe("Autoliquidation / Verlegging van heffing");
        invoice.VatBreakdown.Single().Vat.ExemptionReasonCode.ShouldBe("VATEX-EU-AE");

        var withoutVat = new Party("Particulier", new PostalAddress("Havenweg 8", "Vlissingen", "4382 NM", "NL"), endpoint: new PeppolEndpoint("0106", "12345678"));
        Should.Throw<ArgumentException>(() => Invoice([line], customer: withoutVat)).ParamName.ShouldBe("customer");
    }

    [Fact]
    public void A_credit_note_refers_to_its_invoice_and_carries_positive_amounts()
    {
        var invoice = Invoice([Line(1m, 1200m), Line(3.5m, 85m)]);

        var credit = CreditNote.For(invoice, "CN-2026-0001", new LocalDate(2026, 12, 4), [Line(1m, 85m)]);

        credit.Corrects.ShouldBe(new InvoiceReference("2026-0001", Issued));
        credit.Totals.Payable.ShouldBe(Eur(102.85m));
        credit.BuyerReference.ShouldBe("PO-1");
        Should.Throw<ArgumentException>(() => CreditNote.For(invoice, "CN-2026-0002", new LocalDate(2026, 12, 4), [Line(-1m, 85m)])).ParamName.ShouldBe("lines");
        Should.Throw<ArgumentException>(() => CreditNote.For(invoice, "CN-2026-0003", new LocalDate(2026, 11, 29), [Line(1m, 85m)])).ParamName.ShouldBe("issueDate");
        credit.Reason.ShouldBeNull();
        CreditNote.For(invoice, "CN-2026-0004", new LocalDate(2026, 12, 4), [Line(1m, 85m)], "  Billed twice ").Reason.ShouldBe("Billed twice");
        Should.Throw<ArgumentException>(() => CreditNote.For(invoice, "CN-2026-0005", new LocalDate(2026, 12, 4), [Line(1m, 85m)], new string('x', 501))).ParamName.ShouldBe("reason");
    }

    [Fact]
    public void Totals_agree_with_the_en_16931_rules_for_random_invoices()
    {
        var random = new Random(16931);
        decimal[] rates = [21m, 12m, 6m];
        for (var i = 0; i < 500; i++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 8))
                .Select(_ => Line(random.Next(1, 100_000) / 100m, random.Next(0, 1_000_000) / 1000m, rates[random.Next(rates.Length)]))
                .ToList();
            var invoice = Invoice(lines);
            var totals = invoice.Totals;

            foreach (var line in lines)
            {
                line.Net.Value.ShouldBe(Eur(Math.Round(line.Quantity * line.UnitPrice.Amount, 2, MidpointRounding.AwayFromZero)));
            }

            foreach (var row in invoice.VatBreakdown)
            {
                var sum = lines.Where(l => l.Vat.Percent == row.Vat.Percent).Sum(l => l.Net.Value.Amount);
                row.Taxable.ShouldBe(Eur(sum));
                row.Tax.ShouldBe(Eur(Math.Round(sum * row.Vat.Percent / 100m, 2, MidpointRounding.AwayFromZero)));
            }

            totals.LineTotal.ShouldBe(Eur(lines.Sum(l => l.Net.Value.Amount)));
            totals.VatTotal.ShouldBe(Eur(invoice.VatBreakdown.Sum(v => v.Tax.Amount)));
            totals.TaxInclusive.ShouldBe(totals.TaxExclusive + totals.VatTotal);
            totals.Payable.ShouldBe(totals.TaxInclusive);
            totals.Payable.ShouldBe(totals.Payable.RoundToCents());
        }
    }
}

using ClauseDesk.Billing.Invoices;
using static ClauseDesk.Billing.Parties;

namespace ClauseDesk.Billing;

/// <summary>What an invoice, a line and a VAT treatment refuse, each naming the argument.</summary>
public class InvoiceRuleTests
{
    [Theory]
    [InlineData(VatCategory.S, 15, "percent")]
    [InlineData(VatCategory.S, 0, "percent")]
    [InlineData(VatCategory.Z, 6, "percent")]
    [InlineData(VatCategory.AE, 21, "percent")]
    public void A_rate_the_category_does_not_take_is_refused(VatCategory category, int percent, string argument) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new VatTreatment(category, percent, category == VatCategory.S || category == VatCategory.Z ? null : "reason")).ParamName.ShouldBe(argument);

    [Theory]
    [InlineData(VatCategory.E)]
    [InlineData(VatCategory.AE)]
    [InlineData(VatCategory.K)]
    [InlineData(VatCategory.G)]
    [InlineData(VatCategory.O)]
    public void Categories_without_vat_need_an_exemption_reason(VatCategory category) =>
        Should.Throw<ArgumentException>(() => new VatTreatment(category, 0m)).ParamName.ShouldBe("exemptionReason");

    [Fact]
    public void Standard_and_zero_rated_take_no_exemption_reason()
    {
        Should.Throw<ArgumentException>(() => new VatTreatment(VatCategory.S, 21m, "why")).ParamName.ShouldBe("exemptionReason");
        Should.Throw<ArgumentException>(() => new VatTreatment(VatCategory.Z, 0m, "why")).ParamName.ShouldBe("exemptionReason");
        Should.Throw<ArgumentException>(() => new VatTreatment(VatCategory.E, 0m, "why", "EXEMPT-1")).ParamName.ShouldBe("exemptionReasonCode");
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1.00001, 10)]
    [InlineData(1_000_000_001, 10)]
    public void A_zero_overlong_or_huge_quantity_is_refused(decimal quantity, decimal price) =>
        Should.Throw<ArgumentOutOfRangeException>(() => Line(quantity, price)).ParamName.ShouldBe("quantity");

    [Theory]
    [InlineData(-0.01)]
    [InlineData(0.00001)]
    public void A_negative_or_overlong_price_is_refused(decimal price) =>
        Should.Throw<ArgumentOutOfRangeException>(() => Line(1m, price)).ParamName.ShouldBe("unitPrice");

    [Theory]
    [InlineData("hour")]
    [InlineData("")]
    [InlineData("ABCD")]
    public void A_unit_that_is_not_a_un_ece_code_is_refused(string unit) =>
        Should.Throw<ArgumentException>(() => new InvoiceLine("Support", 1m, unit, Money.Euros(1m), VatTreatment.Standard(21m))).ParamName.ShouldBe("unitCode");

    [Fact]
    public void An_invoice_totalling_below_zero_is_refused_it_is_a_credit_note() =>
        Should.Throw<ArgumentException>(() => Invoice([Line(1m, 10m), Line(-2m, 10m)])).ParamName.ShouldBe("lines");

    [Fact]
    public void A_prepaid_amount_above_the_total_or_in_part_cents_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Invoice([Line(1m, 100m)], prepaid: Money.Euros(121.01m))).ParamName.ShouldBe("prepaid");
        Should.Throw<ArgumentOutOfRangeException>(() => Invoice([Line(1m, 100m)], prepaid: Money.Euros(-1m))).ParamName.ShouldBe("prepaid");
        Should.Throw<ArgumentOutOfRangeException>(() => Invoice([Line(1m, 100m)], prepaid: Money.Euros(0.005m))).ParamName.ShouldBe("prepaid");
        Invoice([Line(1m, 100m)], prepaid: Money.Euros(121m)).Totals.Payable.ShouldBe(Money.Zero);
    }

    [Fact]
    public void An_invoice_without_lines_or_with_a_malformed_number_is_refused()
    {
        Should.Throw<ArgumentException>(() => Invoice([])).ParamName.ShouldBe("lines");
        Should.Throw<ArgumentException>(() => new Invoice("2026 0001", Issued, 30, Supplier, Customer, [Line(1m, 1m)], StructuredCommunication.FromBase(1), "PO")).ParamName.ShouldBe("number");
    }

    [Fact]
    public void A_buyer_reference_or_an_order_reference_is_required() =>
        Should.Throw<ArgumentException>(() => new Invoice("2026-0001", Issued, 30, Supplier, Customer, [Line(1m, 1m)], StructuredCommunication.FromBase(1))).ParamName.ShouldBe("buyerReference");

    [Fact]
    public void The_payment_term_is_0_to_365_days()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new Invoice("1", Issued, -1, Supplier, Customer, [Line(1m, 1m)], StructuredCommunication.FromBase(1), "PO")).ParamName.ShouldBe("paymentTermDays");
        Should.Throw<ArgumentOutOfRangeException>(() => new Invoice("1", Issued, 366, Supplier, Customer, [Line(1m, 1m)], StructuredCommunication.FromBase(1), "PO")).ParamName.ShouldBe("paymentTermDays");
        new Invoice("1", Issued, 0, Supplier, Customer, [Line(1m, 1m)], StructuredCommunication.FromBase(1), "PO").DueDate.ShouldBe(Issued);
    }

    [Fact]
    public void The_supplier_needs_an_enterprise_number_a_vat_number_and_a_bank_account()
    {
        var address = Supplier.Address;
        var noAccount = new Party(Supplier.Name, address, Supplier.EnterpriseNumber, Supplier.VatNumber);
        var noVat = new Party(Supplier.Name, address, Supplier.EnterpriseNumber, bankAccount: Supplier.BankAccount);
        var foreign = new Party(Supplier.Name, address, vatNumber: "NL859387391B01", endpoint: new PeppolEndpoint("9944", "NL859387391B01"), bankAccount: Supplier.BankAccount);

        foreach (var supplier in new[] { noAccount, noVat, foreign })
        {
            Should.Throw<ArgumentException>(() => new Invoice("1", Issued, 30, supplier, Customer, [Line(1m, 1m)], StructuredCommunication.FromBase(1), "PO")).ParamName.ShouldBe("supplier");
        }
    }

    [Fact]
    public void Outside_the_scope_of_vat_cannot_be_mixed_with_other_categories()
    {
        var outside = new InvoiceLine("Damages", 1m, Units.Piece, Money.Euros(100m), VatTreatment.OutsideScope());

        Should.Throw<ArgumentException>(() => Invoice([Line(1m, 1m), outside])).ParamName.ShouldBe("lines");
    }

    [Fact]
    public void An_intra_community_supply_needs_the_customers_vat_number_and_the_period()
    {
        var german = new Party("Rheinland Server GmbH", new PostalAddress("Domstraße 5", "Köln", "50667", "DE"), vatNumber: "DE123456789", endpoint: new PeppolEndpoint("9930", "DE123456789"));
        var line = new InvoiceLine("Rack servers", 2m, Units.Piece, Money.Euros(1450m), VatTreatment.IntraCommunity());
        var november = new NodaTime.DateInterval(new NodaTime.LocalDate(2026, 11, 1), new NodaTime.LocalDate(2026, 11, 30));

        Should.Throw<ArgumentException>(() => new Invoice("1", Issued, 30, Supplier, german, [line], StructuredCommunication.FromBase(1), "PO")).ParamName.ShouldBe("period");
        new Invoice("1", Issued, 30, Supplier, german, [line], StructuredCommunication.FromBase(1), "PO", period: november).Totals.Payable.ShouldBe(Money.Euros(2900m));
        var withoutVat = new Party("Rheinland Verein", german.Address, endpoint: new PeppolEndpoint("9930", "DE987654321"));
        Should.Throw<ArgumentException>(() => new Invoice("1", Issued, 30, Supplier, withoutVat, [line], StructuredCommunication.FromBase(1), "PO", period: november)).ParamName.ShouldBe("customer");
    }

    [Fact]
    public void One_category_and_rate_has_one_exemption_reason()
    {
        var a = new InvoiceLine("Training", 1m, Units.Day, Money.Euros(600m), VatTreatment.Exempt("art. 44 § 2, 4°"));
        var b = new InvoiceLine("Medical", 1m, Units.Day, Money.Euros(600m), VatTreatment.Exempt("art. 44 § 2, 1°"));

        Should.Throw<ArgumentException>(() => Invoice([a, b])).ParamName.ShouldBe("lines");
    }
}

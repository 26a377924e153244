using ClauseDesk.Billing.Invoices;
using static ClauseDesk.Billing.Parties;

namespace ClauseDesk.Billing;

/// <summary>The EPC QR payload (EPC069-12 version 002) a banking app scans.</summary>
public class EpcPaymentTests
{
    private static readonly BankAccount Account = Supplier.BankAccount!;

    [Fact]
    public void The_payload_has_the_epc_lines_with_the_structured_communication_as_creditor_reference()
    {
        var payment = new EpcPayment(Account, "Helpdesk Vlaanderen BV", Money.Euros(1811.98m), StructuredCommunication.FromBase(1234567890));

        payment.ToPayload().ShouldBe("BCD\n002\n1\nSCT\nGKCCBEBB\nHelpdesk Vlaanderen BV\nBE68539007547034\nEUR1811.98\n\n123456789002");
    }

    [Fact]
    public void The_communication_can_go_in_the_remittance_text_instead()
    {
        var payment = new EpcPayment(Account, "Helpdesk Vlaanderen BV", Money.Euros(1210m), StructuredCommunication.FromBase(1234567890), EpcReferenceField.RemittanceText);

        payment.ToPayload().ShouldBe("BCD\n002\n1\nSCT\nGKCCBEBB\nHelpdesk Vlaanderen BV\nBE68539007547034\nEUR1210\n\n\n+++123/4567/89002+++");
    }

    [Theory]
    [InlineData(0.01, "EUR0.01")]
    [InlineData(999999999.99, "EUR999999999.99")]
    [InlineData(1210.50, "EUR1210.5")]
    public void The_amount_is_written_with_a_point_and_no_grouping(decimal amount, string line) =>
        new EpcPayment(Account, "X", Money.Euros(amount), StructuredCommunication.FromBase(1)).ToPayload().Split('\n')[7].ShouldBe(line);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1_000_000_000)]
    [InlineData(1.005)]
    public void An_amount_outside_0_01_to_999999999_99_or_in_part_cents_is_refused(decimal amount) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new EpcPayment(Account, "X", Money.Euros(amount), StructuredCommunication.FromBase(1))).ParamName.ShouldBe("amount");

    [Fact]
    public void A_name_longer_than_70_characters_is_refused_and_70_fits_in_331_bytes()
    {
        Should.Throw<ArgumentException>(() => new EpcPayment(Account, new string('a', 71), Money.Euros(1m), StructuredCommunication.FromBase(1))).ParamName.ShouldBe("name");

        // 70 three-byte characters still fit in the 331-byte payload.
        var payload = new EpcPayment(Account, new string('€', 70), Money.Euros(999_999_999.99m), StructuredCommunication.FromBase(1)).ToPayload();
        System.Text.Encoding.UTF8.GetByteCount(payload).ShouldBeLessThanOrEqualTo(EpcPayment.MaxPayloadBytes);
    }

    [Fact]
    public void An_invoice_gives_its_amount_due_and_a_fully_prepaid_one_none()
    {
        var invoice = Invoice([Line(1m, 100m)], prepaid: Money.Euros(21m));

        var payment = EpcPayment.For(invoice)!;

        payment.Amount.ShouldBe(Money.Euros(100m));
        payment.Reference.ShouldBe(invoice.PaymentReference);
        payment.Name.ShouldBe("Helpdesk Vlaanderen BV");
        EpcPayment.For(Invoice([Line(1m, 100m)], prepaid: Money.Euros(121m))).ShouldBeNull();
    }
}

using ClauseDesk.Billing.Invoices;

namespace ClauseDesk.Billing;

/// <summary>The Belgian structured communication (OGM/VCS), SPEC §9's example first.</summary>
public class StructuredCommunicationTests
{
    [Fact]
    public void Base_1234567890_gives_check_02_spec_9()
    {
        var communication = StructuredCommunication.FromBase(1234567890);

        communication.ToString().ShouldBe("+++123/4567/89002+++");
        communication.Digits.ShouldBe("123456789002");
        communication.Base.ShouldBe(1234567890);
        communication.Check.ShouldBe(2);
    }

    [Fact]
    public void A_base_divisible_by_97_gets_check_97_not_00()
    {
        StructuredCommunication.FromBase(0).ToString().ShouldBe("+++000/0000/00097+++");
        StructuredCommunication.FromBase(97 * 1234).ToString().ShouldBe("+++000/0119/69897+++");
    }

    [Fact]
    public void A_small_sequence_number_is_padded_to_ten_digits() =>
        StructuredCommunication.FromBase(42).ToString().ShouldBe("+++000/0000/04242+++");

    [Theory]
    [InlineData(-1L)]
    [InlineData(10_000_000_000L)]
    public void A_base_outside_ten_digits_is_refused(long number) =>
        Should.Throw<ArgumentOutOfRangeException>(() => StructuredCommunication.FromBase(number)).ParamName.ShouldBe("number");

    [Theory]
    [InlineData("+++123/4567/89002+++")]
    [InlineData("***123/4567/89002***")]
    [InlineData("123/4567/89002")]
    [InlineData("123456789002")]
    [InlineData(" +++ 123/4567/89002 +++ ")]
    public void It_is_read_with_and_without_its_decoration(string text) =>
        StructuredCommunication.Parse(text).Digits.ShouldBe("123456789002");

    [Theory]
    [InlineData("+++123/4567/89003+++", "check number of 1234567890 is 02, not 03")]
    [InlineData("+++123/4567/8900+++", "twelve digits")]
    [InlineData("+++123/4567/89002***", "twelve digits")]
    [InlineData("12345678900A", "twelve digits")]
    [InlineData("1234/567/89002", "twelve digits")]
    public void A_wrong_check_or_shape_is_refused(string text, string reason)
    {
        Should.Throw<FormatException>(() => StructuredCommunication.Parse(text)).Message.ShouldContain(reason);
        StructuredCommunication.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void Every_generated_communication_parses_back_and_any_other_check_is_refused()
    {
        var random = new Random(97);
        for (var i = 0; i < 2000; i++)
        {
            var number = random.NextInt64(0, StructuredCommunication.MaxBase + 1);
            var communication = StructuredCommunication.FromBase(number);
            var expected = number % 97 == 0 ? 97 : number % 97;

            communication.Check.ShouldBe((int)expected);
            StructuredCommunication.Parse(communication.ToString()).ShouldBe(communication);
            var wrong = communication.Digits[..10] + ((expected % 97) + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            StructuredCommunication.TryParse(wrong, out _).ShouldBeFalse(wrong);
        }
    }
}

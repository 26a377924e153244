using ClauseDesk.Billing.Invoices;

namespace ClauseDesk.Billing;

/// <summary>Enterprise numbers, IBANs, BICs and Peppol endpoints: the spellings accepted and the checks that refuse.</summary>
public class IdentifierTests
{
    [Theory]
    [InlineData("0403.170.701")]
    [InlineData("0403 170 701")]
    [InlineData("0403170701")]
    [InlineData("BE0403170701")]
    [InlineData("be 0403.170.701")]
    [InlineData("BE 0403-170-701")]
    [InlineData("403.170.701")]
    public void An_enterprise_number_is_read_in_its_common_spellings(string text)
    {
        var number = EnterpriseNumber.Parse(text);

        number.Digits.ShouldBe("0403170701");
        number.ToString().ShouldBe("0403.170.701");
        number.VatNumber.ShouldBe("BE0403170701");
    }

    [Theory]
    [InlineData("0403.170.702", "the check number is 01, not 02")]
    [InlineData("2403.170.701", "starts with 0 or 1")]
    [InlineData("04031707", "ten digits")]
    [InlineData("0403.170.70A", "ten digits")]
    [InlineData("", "ten digits")]
    public void An_enterprise_number_with_a_wrong_check_or_shape_is_refused(string text, string reason)
    {
        Should.Throw<FormatException>(() => EnterpriseNumber.Parse(text)).Message.ShouldContain(reason);
        EnterpriseNumber.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void The_check_number_is_97_minus_the_first_eight_digits_mod_97_for_many_numbers()
    {
        var random = new Random(2026);
        for (var i = 0; i < 1000; i++)
        {
            var first = random.Next(0, 20_000_000);
            var check = 97 - (first % 97);
            var valid = $"{first:00000000}{check:00}";
            var wrong = $"{first:00000000}{(check % 97) + 1:00}";

            EnterpriseNumber.Parse(valid).Digits.ShouldBe(valid);
            EnterpriseNumber.TryParse(wrong, out _).ShouldBeFalse(wrong);
        }
    }

    [Theory]
    [InlineData("BE68 5390 0754 7034", "BE68539007547034")]
    [InlineData("be68539007547034", "BE68539007547034")]
    [InlineData("NL91 ABNA 0417 1643 00", "NL91ABNA0417164300")]
    public void An_iban_is_read_with_or_without_spaces(string text, string compact)
    {
        var iban = Iban.Parse(text);

        iban.Value.ShouldBe(compact);
        iban.CountryCode.ShouldBe(compact[..2]);
    }

    [Fact]
    public void An_iban_is_shown_in_groups_of_four() => Iban.Parse("BE68539007547034").Grouped.ShouldBe("BE68 5390 0754 7034");

    [Theory]
    [InlineData("BE68539007547035")]
    [InlineData("BE69539007547034")]
    [InlineData("BE6853900754703")]
    [InlineData("NL91ABNA0417164301")]
    [InlineData("1234567890123456")]
    public void An_iban_failing_the_mod_97_check_or_the_shape_is_refused(string text) =>
        Should.Throw<FormatException>(() => Iban.Parse(text));

    [Theory]
    [InlineData("GKCCBEBB", "GKCCBEBB")]
    [InlineData("gebabebb", "GEBABEBB")]
    [InlineData("KREDBEBB XXX", "KREDBEBBXXX")]
    public void A_bic_has_8_or_11_characters(string text, string bic) =>
        new BankAccount(Iban.Parse("BE68539007547034"), text).Bic.ShouldBe(bic);

    [Theory]
    [InlineData("GKCCBE")]
    [InlineData("GKCCBEBBX")]
    [InlineData("1KCCBEBB")]
    public void A_malformed_bic_is_refused(string text) =>
        Should.Throw<ArgumentException>(() => new BankAccount(Iban.Parse("BE68539007547034"), text)).ParamName.ShouldBe("bic");

    [Fact]
    public void A_belgian_party_gets_endpoint_0208_with_its_enterprise_number()
    {
        var party = new Party("Helpdesk Vlaanderen BV", new PostalAddress("Kortrijksesteenweg 1100", "Gent", "9051", "be"), EnterpriseNumber.Parse("0403170701"), "BE 0403.170.701");

        party.Endpoint.SchemeId.ShouldBe("0208");
        party.Endpoint.Id.ShouldBe("0403170701");
        party.VatNumber.ShouldBe("BE0403170701");
        party.Address.CountryCode.ShouldBe("BE");
    }

    [Fact]
    public void A_belgian_vat_number_must_be_the_enterprise_number()
    {
        var address = new PostalAddress("Kaai 12", "Antwerpen", "2000", "BE");

        Should.Throw<ArgumentException>(() => new Party("X", address, EnterpriseNumber.Parse("0403170701"), "BE0202239951")).ParamName.ShouldBe("vatNumber");
        Should.Throw<ArgumentException>(() => new Party("X", address, vatNumber: "BE0202239951", endpoint: new PeppolEndpoint("9925", "BE0202239951"))).ParamName.ShouldBe("vatNumber");
    }

    [Fact]
    public void A_party_without_enterprise_number_needs_an_explicit_endpoint()
    {
        var address = new PostalAddress("Havenweg 8", "Vlissingen", "4382 NM", "NL");

        Should.Throw<ArgumentException>(() => new Party("Zeeuwse Logistiek B.V.", address, vatNumber: "NL859387391B01")).ParamName.ShouldBe("endpoint");
        new Party("Zeeuwse Logistiek B.V.", address, vatNumber: "NL859387391B01", endpoint: new PeppolEndpoint("9944", "NL859387391B01")).Endpoint.SchemeId.ShouldBe("9944");
    }

    [Theory]
    [InlineData("208", "0403170701", "schemeId")]
    [InlineData("0208", "0403170702", "id")]
    [InlineData("0208", "0403.170.701", "id")]
    [InlineData("9944", "NL 859", "id")]
    public void A_malformed_endpoint_is_refused(string scheme, string id, string argument) =>
        Should.Throw<ArgumentException>(() => new PeppolEndpoint(scheme, id)).ParamName.ShouldBe(argument);

    [Fact]
    public void A_malformed_email_or_country_is_refused()
    {
        var address = new PostalAddress("Kaai 12", "Antwerpen", "2000", "BE");

        Should.Throw<ArgumentException>(() => new Party("X", address, EnterpriseNumber.Parse("0403170701"), email: "not-an-address")).ParamName.ShouldBe("email");
        Should.Throw<ArgumentException>(() => new PostalAddress("Kaai 12", "Antwerpen", "2000", "BEL")).ParamName.ShouldBe("countryCode");
        Should.Throw<ArgumentException>(() => new PostalAddress(" ", "Antwerpen", "2000", "BE")).ParamName.ShouldBe("street");
    }
}

namespace ClauseDesk.Sla;

public class MoneyTests
{
    [Theory]
    [InlineData("0.125", "0.13")]
    [InlineData("-0.125", "-0.13")]
    [InlineData("2.675", "2.68")]
    [InlineData("2.665", "2.67")]
    [InlineData("33.3333", "33.33")]
    [InlineData("240", "240.00")]
    public void Rounds_to_cents_half_away_from_zero(string amount, string rounded)
    {
        Money.Euros(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).RoundToCents().Amount
            .ShouldBe(decimal.Parse(rounded, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Arithmetic_is_exact_until_rounded()
    {
        var fee = Money.Euros(1200m);
        (fee * 0.10m * 2).ShouldBe(Money.Euros(240m));
        (fee + Money.Euros(0.5m) - Money.Euros(0.25m)).Amount.ShouldBe(1200.25m);
        (Money.Euros(1m) * (1m / 3m)).RoundToCents().ShouldBe(Money.Euros(0.33m));
        Money.Min(fee, Money.Euros(5m)).ShouldBe(Money.Euros(5m));
        (-fee).Amount.ShouldBe(-1200m);
        fee.Currency.ShouldBe("EUR");
    }

    [Theory]
    [InlineData("1200", "€1,200.00")]
    [InlineData("0", "€0.00")]
    [InlineData("-240.5", "-€240.50")]
    [InlineData("0.125", "€0.125")]
    public void Shows_invariantly_with_the_euro_sign(string amount, string text)
    {
        Money.Euros(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).ToString().ShouldBe(text);
    }
}

namespace ClauseDesk.Billing;

public class IndexationTests
{
    [Fact]
    public void Agoria_seed_001_art_6_3_and_seed_004_4_3_spec_9()
    {
        var price = Indexation.Apply(IndexationFormula.Agoria, Money.Euros(1000m), 120.00m, 126.00m);

        price.Value.ShouldBe(Money.Euros(1040.00m));
        price.Working.Clause.ShouldBe("seed 001 art. 6.3; seed 004 §4.3");
        price.Working.Steps[0].ShouldBe("P = P0 × (0.2 + 0.8 × S/S0) = €1,000.00 × (0.2 + 0.8 × 126.00/120.00) = €1,040.00");
    }

    [Fact]
    public void Cpi_seed_002_art_7_5_spec_9()
    {
        var price = Indexation.Apply(IndexationFormula.Cpi, Money.Euros(49.00m), 128.67m, 130.08m);

        price.Value.ShouldBe(Money.Euros(49.54m));
        price.Working.Clause.ShouldBe("seed 002 art. 7.5");
        price.Working.Steps.ShouldBe(["P = P0 × I/I0 = €49.00 × 130.08/128.67 = €49.5370…", "Rounded once to the cent, half away from zero: €49.54."]);
    }

    [Fact]
    public void The_price_follows_a_falling_index_down()
    {
        Indexation.Apply(IndexationFormula.Cpi, Money.Euros(100m), 130m, 117m).Value.ShouldBe(Money.Euros(90m));
        Indexation.Apply(IndexationFormula.Agoria, Money.Euros(100m), 120m, 108m).Value.ShouldBe(Money.Euros(92m));
    }

    [Fact]
    public void Rounding_is_half_away_from_zero_once()
    {
        // €0.25 × 1/2 = €0.125 → €0.13; banker's rounding would give €0.12.
        Indexation.Apply(IndexationFormula.Cpi, Money.Euros(0.25m), 2m, 1m).Value.ShouldBe(Money.Euros(0.13m));
        // Agoria: €0.01 × (0.2 + 0.8 × 1.5/2) = €0.008 → €0.01.
        Indexation.Apply(IndexationFormula.Agoria, Money.Euros(0.01m), 2m, 1.5m).Value.ShouldBe(Money.Euros(0.01m));
    }

    [Fact]
    public void An_unchanged_index_keeps_the_price()
    {
        var random = new Random(6);
        for (var i = 0; i < 1000; i++)
        {
            var p0 = Money.Euros(random.Next(1, 10_000_000) / 100m);
            var index = random.Next(1, 1_000_000) / 100m;
            Indexation.Apply(IndexationFormula.Agoria, p0, index, index).Value.ShouldBe(p0, $"agoria {p0} at {index}");
            Indexation.Apply(IndexationFormula.Cpi, p0, index, index).Value.ShouldBe(p0, $"cpi {p0} at {index}");
        }
    }

    [Fact]
    public void A_higher_index_never_lowers_the_price()
    {
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var p0 = Money.Euros(random.Next(1, 10_000_000) / 100m);
            var s0 = random.Next(1, 100_000) / 100m;
            var s = s0 + (random.Next(0, 10_000) / 100m);
            foreach (var formula in new[] { IndexationFormula.Agoria, IndexationFormula.Cpi })
            {
                Indexation.Apply(formula, p0, s0, s).Value.ShouldBeGreaterThanOrEqualTo(p0, $"{formula} {p0} {s0}→{s}");
            }
        }
    }

    [Fact]
    public void Non_positive_prices_and_indexes_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Indexation.Apply(IndexationFormula.Cpi, Money.Zero, 1m, 1m)).ParamName.ShouldBe("basePrice");
        Should.Throw<ArgumentOutOfRangeException>(() => Indexation.Apply(IndexationFormula.Cpi, Money.Euros(-1m), 1m, 1m)).ParamName.ShouldBe("basePrice");
        Should.Throw<ArgumentOutOfRangeException>(() => Indexation.Apply(IndexationFormula.Agoria, Money.Euros(1m), 0m, 1m)).ParamName.ShouldBe("baseIndex");
        Should.Throw<ArgumentOutOfRangeException>(() => Indexation.Apply(IndexationFormula.Agoria, Money.Euros(1m), 1m, -1m)).ParamName.ShouldBe("currentIndex");
        Should.Throw<ArgumentOutOfRangeException>(() => Indexation.Apply(IndexationFormula.Cpi, Money.Euros(1m), 0.000001m, 2m)).ParamName.ShouldBe("currentIndex");
    }

    [Fact]
    public void The_largest_inputs_do_not_overflow()
    {
        Indexation.Apply(IndexationFormula.Agoria, Indexation.MaxPrice, Indexation.MaxIndex / 1_000_000m, Indexation.MaxIndex).Value
            .ShouldBe(Indexation.MaxPrice * 800_000.2m);
    }
}

using ClauseDesk.Billing;
using NodaTime;

namespace ClauseDesk.Contracts;

/// <summary>Index series CSV and a contract's indexation clause: which day, which month, which price (SPEC §5, §9).</summary>
public class IndexationClauseTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-11-23T09:00:00Z");

    [Fact]
    public void A_series_is_read_in_month_order_with_an_optional_header()
    {
        var values = IndexSeries.Parse("month,value\r\n2026-12,126.00\r\n\r\n2025-12,120.00\r\n");
        values.ShouldBe([(new YearMonth(2025, 12), 120.00m), (new YearMonth(2026, 12), 126.00m)]);
    }

    [Theory]
    [InlineData("2026-01,120\n2026-1,121", 2, "not a month YYYY-MM")]
    [InlineData("2026-01,120\n2026-02,1.2.3", 2, "not a number")]
    [InlineData("2026-01,120\n2026-02,0", 2, "more than 0")]
    [InlineData("2026-01,120,5", 1, "not month,value")]
    [InlineData("\n\n2026-01,120\n2026-01,121", 4, "given twice")]
    [InlineData("month,value\n", 1, "no month,value lines")]
    public void A_bad_line_is_refused_by_its_number(string csv, int line, string reason)
    {
        var refused = Should.Throw<IndexSeriesFormatException>(() => IndexSeries.Parse(csv));
        refused.Line.ShouldBe(line);
        refused.Message.ShouldStartWith($"line {line}: ");
        refused.Message.ShouldContain(reason);
    }

    [Fact]
    public void Agoria_on_1_January_reads_December_and_gives_the_worked_example()
    {
        var term = new ContractTerm(new LocalDate(2026, 1, 1), 36, RenewalClause.NoticeFourMonths, IndexationDay.FirstOfJanuary);
        var clause = new IndexationClause(Guid.NewGuid(), Guid.NewGuid(), IndexationFormula.Agoria, "agoria-digital", new YearMonth(2025, 12), 120.00m, 1000m, "test", At);
        var asked = new List<YearMonth>();
        var (day, price) = clause.PriceOn(term, new LocalDate(2027, 3, 10), m => { asked.Add(m); return m == new YearMonth(2026, 12) ? 126.00m : null; });
        day.ShouldBe(new LocalDate(2027, 1, 1));
        asked.ShouldBe([new YearMonth(2026, 12)]);
        price.Value.ShouldBe(Money.Euros(1040.00m));
        price.Working.Inputs.ShouldContain(("index month (S)", "2026-12"));
    }

    [Fact]
    public void Cpi_on_the_anniversary_gives_the_worked_example_and_a_missing_month_is_named()
    {
        var term = new ContractTerm(new LocalDate(2025, 3, 1), 12, RenewalClause.CustomerSwitchOff);
        var clause = new IndexationClause(Guid.NewGuid(), Guid.NewGuid(), IndexationFormula.Cpi, "cpi", new YearMonth(2025, 2), 128.67m, 49m, "test", At);
        clause.PriceOn(term, new LocalDate(2026, 3, 1), m => m == new YearMonth(2026, 2) ? 130.08m : null).Price.Value.ShouldBe(Money.Euros(49.54m));

        var missing = Should.Throw<DeskRuleException>(() => clause.PriceOn(term, new LocalDate(2027, 3, 1), _ => null));
        missing.Field.ShouldBe("index");
        missing.Message.ShouldContain("no value for 2027-02");
        Should.Throw<DeskRuleException>(() => clause.PriceOn(term, new LocalDate(2026, 2, 28), _ => 130m)).Field.ShouldBe("on");
    }
}

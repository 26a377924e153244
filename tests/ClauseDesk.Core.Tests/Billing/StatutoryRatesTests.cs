using NodaTime;

namespace ClauseDesk.Billing;

public class StatutoryRatesTests
{
    [Fact]
    public void The_shipped_table_is_the_csv_beside_the_code()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ClauseDesk.sln")))
        {
            directory = directory.Parent;
        }

        directory.ShouldNotBeNull("the repository root (ClauseDesk.sln) was not found above the test binaries");
        var file = File.ReadAllText(Path.Combine(directory.FullName, "src", "ClauseDesk.Core", "Billing", "be-late-payment-rates.csv"));
        Normalize(StatutoryRates.PublishedCsv).ShouldBe(Normalize(file));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');

    [Fact]
    public void The_shipped_table_has_every_half_year_from_2019_with_its_source()
    {
        var rates = StatutoryRates.Published;

        rates.Coverage.ShouldBe("2019 H1–2026 H1");
        rates.Rates.Count.ShouldBe(15);
        rates.Rates.ShouldAllBe(r => r.Source.Length > 0);
        rates.For(new HalfYear(2023, 1)).Percent.ShouldBe(10.5m);
        rates.For(new HalfYear(2025, 1)).Percent.ShouldBe(11.5m);
        rates.For(new HalfYear(2025, 2)).Percent.ShouldBe(10.5m);
        rates.Rates.Where(r => r.Uncertain).Select(r => r.HalfYear.ToString()).ShouldBe(["2026 H1"]);
    }

    [Fact]
    public void A_newer_table_read_from_csv_covers_a_new_half_year()
    {
        var rates = StatutoryRates.FromCsv("period_start,rate_percent,source\n2026-01-01,10.5,\"B.S., confirmed\"\n2026-07-01,10.0,\"B.S. \"\"x\"\"\"\n");

        rates.For(new HalfYear(2026, 2)).ShouldBe(new StatutoryRate(new HalfYear(2026, 2), 10.0m, "B.S. \"x\""));
        rates.For(new HalfYear(2026, 1)).Uncertain.ShouldBeFalse();
        var fee = LatePayment.Compute(LatePaymentPolicy.Statutory, Money.Euros(1000m), new LocalDate(2026, 6, 30), new LocalDate(2026, 7, 31), rates);
        fee.Interest.ShouldBe(Money.Euros(8.49m)); // 1000 × 10 % × 31/365 = 8.493…
    }

    [Fact]
    public void The_source_column_is_optional_and_crlf_is_read()
    {
        var rates = StatutoryRates.FromCsv("period_start,rate_percent\r\n2027-01-01,9\r\n");

        rates.For(new HalfYear(2027, 1)).ShouldBe(new StatutoryRate(new HalfYear(2027, 1), 9m, ""));
    }

    [Fact]
    public void A_gap_in_the_table_is_a_missing_half_year_not_the_previous_rate()
    {
        var rates = StatutoryRates.FromCsv("period_start,rate_percent,source\n2025-01-01,11.5,a\n2026-01-01,10.5,b\n");

        Should.Throw<StatutoryRateMissingException>(() => rates.For(new HalfYear(2025, 2))).Message
            .ShouldBe("the statutory rate for 2025 H2 is not in the table (it has 2025 H1–2026 H1)");
    }

    [Theory]
    [InlineData("", "line 1: the header")]
    [InlineData("start,rate\n2026-01-01,10", "line 1: the header")]
    [InlineData("period_start,rate_percent,source\n", "the table has no rates")]
    [InlineData("period_start,rate_percent,source\n2026-02-01,10,x", "line 2: period_start 2026-02-01 does not start a half-year")]
    [InlineData("period_start,rate_percent,source\n2026-13-01,10,x", "line 2: period_start '2026-13-01' is not an ISO date")]
    [InlineData("period_start,rate_percent,source\n2026-01-01,ten,x", "line 2: rate_percent 'ten' is not a percentage")]
    [InlineData("period_start,rate_percent,source\n2026-01-01,-1,x", "line 2: rate_percent '-1' is not a percentage")]
    [InlineData("period_start,rate_percent,source\n2026-01-01,10,5", "")]
    [InlineData("period_start,rate_percent,source\n2026-01-01,10,x\n2026-01-01,11,y", "line 3: 2026 H1 appears twice")]
    [InlineData("period_start,rate_percent,source\n2026-01-01,10,a,b", "line 2: 4 fields where the header has 3")]
    [InlineData("period_start,rate_percent,source\n2026-01-01,10,\"open", "line 2: a quoted field is not closed")]
    public void A_malformed_table_is_refused_with_its_line(string csv, string message)
    {
        if (message.Length == 0)
        {
            StatutoryRates.FromCsv(csv).Rates.Count.ShouldBe(1);
            return;
        }

        Should.Throw<RateTableFormatException>(() => StatutoryRates.FromCsv(csv)).Message.ShouldStartWith(message);
    }

    [Fact]
    public void Half_years_know_their_bounds()
    {
        HalfYear.Of(new LocalDate(2026, 6, 30)).ShouldBe(new HalfYear(2026, 1));
        HalfYear.Of(new LocalDate(2026, 7, 1)).ShouldBe(new HalfYear(2026, 2));
        new HalfYear(2026, 2).Start.ShouldBe(new LocalDate(2026, 7, 1));
        new HalfYear(2026, 2).End.ShouldBe(new LocalDate(2026, 12, 31));
        Should.Throw<ArgumentOutOfRangeException>(() => new HalfYear(2026, 3)).ParamName.ShouldBe("half");
    }
}

using System.Text.Json;

namespace ClauseDesk.Cli;

public class BillingCommandTests
{
    [Theory]
    [InlineData("statutory", "1210.00", "2025-06-15", "2025-07-15", 30, "10.94", "150.00", "160.94")]
    [InlineData("yearly-10", "1000.00", "2026-01-31", "2026-03-15", 43, "11.78", "125.00", "136.78")]
    [InlineData("monthly-1", "1000", "2026-01-31", "2026-03-15", 43, "20.00", "250.00", "270.00")]
    [InlineData("yearly-10", "1000.00", "2026-01-31", "2026-01-31", 0, "0.00", "0.00", "0.00")]
    public void Late_fee_prints_the_spec_9_figures_as_json(string policy, string amount, string due, string paid, int days, string interest, string lumpSum, string total)
    {
        var result = CliRunner.Run("late-fee", "--policy", policy, "--amount", amount, "--due", due, "--paid", paid, "--json");

        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        result.Output.ShouldNotContain("\n");
        result.Output.ShouldStartWith($"{{\"daysLate\": {days}, \"interest\": {interest}, \"lumpSum\": {lumpSum}, \"total\": {total}, \"working\": [\"");
        var json = JsonDocument.Parse(result.Output).RootElement;
        json.EnumerateObject().Select(p => p.Name).ShouldBe(["daysLate", "interest", "lumpSum", "total", "working"]);
        json.GetProperty("total").GetRawText().ShouldBe(total);
        json.GetProperty("working").ValueKind.ShouldBe(JsonValueKind.Array);
        json.GetProperty("working").EnumerateArray().ShouldAllBe(line => line.ValueKind == JsonValueKind.String);
        json.GetProperty("working").EnumerateArray().Select(line => line.GetString()).ShouldContain($"policy: {policy}");
    }

    [Fact]
    public void Late_fee_json_working_has_one_step_per_half_year_and_the_lump_sum_rule()
    {
        var result = CliRunner.Run("late-fee", "--policy", "statutory", "--amount", "1210.00", "--due", "2025-06-15", "--paid", "2025-07-15", "--json");
        var working = JsonDocument.Parse(result.Output).RootElement.GetProperty("working").EnumerateArray().Select(l => l.GetString()!).ToList();

        working[0].ShouldStartWith("seed 001 art. 6.8");
        working.ShouldContain("2025-06-16 to 2025-06-30 (2025 H1): 15 days at 11.5 % a year = €1,210.00 × 11.5 % × 15/365 = €5.7185…");
        working.ShouldContain("2025-07-01 to 2025-07-15 (2025 H2): 15 days at 10.5 % a year = €1,210.00 × 10.5 % × 15/365 = €5.2212…");
        working.ShouldContain("Lump sum, once for the late invoice: 12 % of €1,210.00 = €145.20, minimum €150.00 → €150.00.");
    }

    [Fact]
    public void Late_fee_text_shows_the_working_and_ends_with_the_total()
    {
        var result = CliRunner.Run("late-fee", "--policy", "monthly-1", "--amount", "1000.00", "--due", "2026-01-31", "--paid", "2026-03-15");

        result.ExitCode.ShouldBe(0);
        var lines = result.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines[0].ShouldStartWith("seed 004 §5.3 (monthly-1: a started month is a calendar month");
        lines.ShouldContain("  1. Month 1: 2026-02-01 to 2026-02-28: 1 % of €1,000.00 = €10.00.");
        lines.TakeLast(4).ShouldBe(["days late: 43", "interest: €20.00", "lump sum: €250.00", "total: €270.00"]);
    }

    [Fact]
    public void Late_fee_names_an_uncertain_rate()
    {
        var result = CliRunner.Run("late-fee", "--policy", "statutory", "--amount", "1000.00", "--due", "2025-12-20", "--paid", "2026-01-15");

        result.Output.ShouldContain("the rate table marks the 2026 H1 rate (10.5 %) as uncertain");
        result.Output.ShouldEndWith("total: €157.48");
    }

    [Fact]
    public void Late_fee_reads_a_newer_rate_table()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "period_start,rate_percent,source\n2026-01-01,10.5,B.S.\n2026-07-01,10.0,B.S.\n");
            var result = CliRunner.Run("late-fee", "--policy", "statutory", "--amount", "1000.00", "--due", "2026-06-30", "--paid", "2026-07-31", "--rates", file, "--json");

            result.Error.ShouldBeEmpty();
            result.Output.ShouldStartWith("{\"daysLate\": 31, \"interest\": 8.49, \"lumpSum\": 150.00, \"total\": 158.49,");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Late_fee_without_a_lump_sum_clause_takes_the_law_s_flat_40()
    {
        var result = CliRunner.Run("late-fee", "--policy", "yearly-10", "--amount", "1000.00", "--due", "2026-01-31", "--paid", "2026-03-15", "--no-lump-sum-clause", "--json");

        result.Output.ShouldStartWith("{\"daysLate\": 43, \"interest\": 11.78, \"lumpSum\": 40.00, \"total\": 51.78,");
        result.Output.ShouldContain("law of 2 August 2002, art. 6");
    }

    [Theory]
    [InlineData("agoria", "1000.00", "120.00", "126.00", "{\"price\": 1040.00, \"working\": [\"seed 001 art. 6.3; seed 004 §4.3 (literal)\"")]
    [InlineData("cpi", "49.00", "128.67", "130.08", "{\"price\": 49.54, \"working\": [\"seed 002 art. 7.5 (literal)\"")]
    [InlineData("AGORIA", "100", "120.0", "126.0", "{\"price\": 104.00, ")]
    public void Index_prints_the_spec_9_figures_as_json(string formula, string price, string baseIndex, string current, string start)
    {
        var result = CliRunner.Run("index", "--formula", formula, "--price", price, "--base", baseIndex, "--current", current, "--json");

        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        result.Output.ShouldStartWith(start);
        var json = JsonDocument.Parse(result.Output).RootElement;
        json.EnumerateObject().Select(p => p.Name).ShouldBe(["price", "working"]);
        json.GetProperty("working").EnumerateArray().ShouldAllBe(line => line.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public void Index_text_ends_with_the_price()
    {
        var result = CliRunner.Run("index", "--formula", "cpi", "--price", "49.00", "--base", "128.67", "--current", "130.08");

        result.Output.ShouldContain("  1. P = P0 × I/I0 = €49.00 × 130.08/128.67 = €49.5370…");
        result.Output.ShouldEndWith("price: €49.54");
    }

    [Theory]
    [InlineData("clausedesk: --amount: -5 must be more than zero", "late-fee", "--policy", "yearly-10", "--amount", "-5", "--due", "2026-01-31", "--paid", "2026-03-15")]
    [InlineData("clausedesk: --amount: 0 must be more than zero", "late-fee", "--policy", "yearly-10", "--amount", "0", "--due", "2026-01-31", "--paid", "2026-03-15")]
    [InlineData("clausedesk: --amount: '12,10' is not an amount in euro", "late-fee", "--policy", "yearly-10", "--amount", "12,10", "--due", "2026-01-31", "--paid", "2026-03-15")]
    [InlineData("clausedesk: --amount: 10.005 has fractions of a cent", "late-fee", "--policy", "yearly-10", "--amount", "10.005", "--due", "2026-01-31", "--paid", "2026-03-15")]
    [InlineData("clausedesk: --amount: '1e3' is not an amount in euro", "late-fee", "--policy", "yearly-10", "--amount", "1e3", "--due", "2026-01-31", "--paid", "2026-03-15")]
    [InlineData("clausedesk: --amount: 99999999999999999 is more than €1,000,000,000,000.00", "late-fee", "--policy", "yearly-10", "--amount", "99999999999999999", "--due", "2026-01-31", "--paid", "2026-03-15")]
    [InlineData("clausedesk: --due: '2026-02-30' is not a date", "late-fee", "--policy", "yearly-10", "--amount", "10", "--due", "2026-02-30", "--paid", "2026-03-15")]
    [InlineData("clausedesk: --paid: '15/03/2026' is not a date", "late-fee", "--policy", "yearly-10", "--amount", "10", "--due", "2026-01-31", "--paid", "15/03/2026")]
    [InlineData("clausedesk: --paid: '3026-03-15' is outside 1900–2200", "late-fee", "--policy", "yearly-10", "--amount", "10", "--due", "2026-01-31", "--paid", "3026-03-15")]
    [InlineData("clausedesk: --paid 2026-01-30 is before --due 2026-01-31", "late-fee", "--policy", "yearly-10", "--amount", "10", "--due", "2026-01-31", "--paid", "2026-01-30")]
    [InlineData("clausedesk: --policy: unknown policy 'monthly-2'; use one of statutory, yearly-10, monthly-1", "late-fee", "--policy", "monthly-2", "--amount", "10", "--due", "2026-01-31", "--paid", "2026-03-15")]
    [InlineData("clausedesk: the statutory rate for 2026 H2 is not in the table (it has 2019 H1–2026 H1); add it with --rates FILE", "late-fee", "--policy", "statutory", "--amount", "10", "--due", "2026-06-30", "--paid", "2026-07-01")]
    [InlineData("clausedesk: the statutory rate for 2018 H2 is not in the table", "late-fee", "--policy", "statutory", "--amount", "10", "--due", "2018-12-30", "--paid", "2019-01-15")]
    [InlineData("clausedesk: --rates: no-such-table.csv: cannot be read", "late-fee", "--policy", "statutory", "--amount", "10", "--due", "2025-06-30", "--paid", "2025-07-01", "--rates", "no-such-table.csv")]
    [InlineData("clausedesk: Option '--paid' is required.", "late-fee", "--policy", "statutory", "--amount", "10", "--due", "2025-06-30")]
    [InlineData("clausedesk: --formula: unknown formula 'pci'; use one of agoria, cpi", "index", "--formula", "pci", "--price", "100", "--base", "120", "--current", "126")]
    [InlineData("clausedesk: --base: 0 must be more than zero", "index", "--formula", "cpi", "--price", "100", "--base", "0", "--current", "126")]
    [InlineData("clausedesk: --current: -126 must be more than zero", "index", "--formula", "agoria", "--price", "100", "--base", "120", "--current", "-126")]
    [InlineData("clausedesk: --current: 'x' is not an index value", "index", "--formula", "agoria", "--price", "100", "--base", "120", "--current", "x")]
    [InlineData("clausedesk: --price: -100 must be more than zero", "index", "--formula", "agoria", "--price", "-100", "--base", "120", "--current", "126")]
    [InlineData("clausedesk: --current is more than a million times --base", "index", "--formula", "cpi", "--price", "100", "--base", "0.0001", "--current", "1000")]
    public void Bad_input_is_one_line_on_stderr_and_exit_2(string message, params string[] args)
    {
        var result = CliRunner.Run(args);

        result.ExitCode.ShouldBe(2);
        result.Output.ShouldBeEmpty();
        result.Error.ShouldStartWith(message);
        result.Error.ShouldNotContain("\n");
    }

    [Fact]
    public void A_malformed_rate_table_is_named_with_its_line()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "period_start,rate_percent,source\n2026-02-01,10,x\n");
            var result = CliRunner.Run("late-fee", "--policy", "statutory", "--amount", "10", "--due", "2026-01-31", "--paid", "2026-03-15", "--rates", file);

            result.ExitCode.ShouldBe(2);
            result.Error.ShouldBe($"clausedesk: --rates: {file}: line 2: period_start 2026-02-01 does not start a half-year (1 January or 1 July)");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_executable_exits_2_on_bad_input_and_0_with_the_figures()
    {
        var bad = CliRunner.RunProcess("late-fee", "--policy", "yearly-10", "--amount", "10", "--due", "2026-01-31", "--paid", "2026-01-30");
        bad.ExitCode.ShouldBe(2);
        bad.Error.ShouldBe("clausedesk: --paid 2026-01-30 is before --due 2026-01-31");

        var good = CliRunner.RunProcess("index", "--formula", "agoria", "--price", "1000.00", "--base", "120.00", "--current", "126.00", "--json");
        good.ExitCode.ShouldBe(0);
        good.Output.ShouldStartWith("{\"price\": 1040.00, ");
    }
}

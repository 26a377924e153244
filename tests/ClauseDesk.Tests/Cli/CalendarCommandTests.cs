using System.Text.Json;

namespace ClauseDesk.Cli;

public class CalendarCommandTests
{
    [Theory]
    [InlineData("software-support", "2026-11-24T15:30:00+01:00", "4h", "2026-11-25T11:00:00+01:00")]
    [InlineData("software-support", "2026-11-24T14:30:00Z", "4h", "2026-11-25T11:00:00+01:00")]
    [InlineData("24x7", "2026-03-28T12:00:00+01:00", "1d", "2026-03-29T13:00:00+02:00")]
    [InlineData("24x7", "2026-03-28T12:00+01:00", "90m", "2026-03-28T13:30:00+01:00")]
    [InlineData("managed-type1", "2026-12-24T16:00:00+01:00", "4h", "2026-12-28T11:45:00+01:00")]
    [InlineData("managed-type4", "2026-11-23T10:00:00+01:00", "1d", "2026-11-24T10:00:00+01:00")]
    [InlineData("managed-type1", "2026-11-23T08:45:00+01:00", "1d4h", "2026-11-24T12:45:00+01:00")]
    [InlineData("managed-type1", "2026-11-23T08:45:00+01:00", "1h30m", "2026-11-23T10:15:00+01:00")]
    [InlineData("managed-type1", "2026-11-23T08:45:00+01:00", "2d", "2026-11-24T17:00:00+01:00")]
    [InlineData("24x7", "2026-11-23T10:00:00+14:00", "1h", "2026-11-22T22:00:00+01:00")]
    [InlineData("24x7", "2026-11-23T10:00:00-12:00", "1h", "2026-11-24T00:00:00+01:00")]
    public void Due_prints_the_instant_in_the_calendars_zone(string calendar, string from, string add, string expected)
    {
        var result = CliRunner.Run("calendar", "due", "--calendar", calendar, "--from", from, "--add", add);
        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        result.Output.ShouldBe(expected);
    }

    [Fact]
    public void Due_prints_json_on_request()
    {
        var result = CliRunner.Run("calendar", "due", "--calendar", "software-support", "--from", "2026-11-24T15:30:00+01:00", "--add", "4h", "--json");
        JsonDocument.Parse(result.Output).RootElement.GetProperty("due").GetString().ShouldBe("2026-11-25T11:00:00+01:00");
    }

    [Fact]
    public void Between_prints_hours_and_minutes_or_json_minutes()
    {
        string[] args = ["calendar", "between", "--calendar", "software-support", "--from", "2026-11-24T15:30:00+01:00", "--to", "2026-11-25T09:30:00+01:00"];
        CliRunner.Run(args).Output.ShouldBe("2h30m");
        JsonDocument.Parse(CliRunner.Run([.. args, "--json"]).Output).RootElement.GetProperty("minutes").GetInt32().ShouldBe(150);
        CliRunner.Run("calendar", "between", "--calendar", "software-support", "--from", "2026-11-25T09:30:00+01:00", "--to", "2026-11-24T15:30:00+01:00").Output.ShouldBe("-2h30m");
    }

    [Theory]
    [InlineData("2026-11-24T10:00:00.5+01:00", "{\"minutes\": 0.0083}")]
    [InlineData("2026-11-24T10:01:30+01:00", "{\"minutes\": 1.5}")]
    [InlineData("2026-11-24T10:00:01+01:00", "{\"minutes\": 0.0167}")]
    [InlineData("2026-11-24T12:00:00+01:00", "{\"minutes\": 120}")]
    [InlineData("2026-11-24T09:59:59+01:00", "{\"minutes\": -0.0167}")]
    public void Between_prints_json_minutes_as_an_integer_or_a_short_decimal(string to, string expected)
    {
        CliRunner.Run("calendar", "between", "--calendar", "24x7", "--from", "2026-11-24T10:00:00+01:00", "--to", to, "--json").Output.ShouldBe(expected);
    }

    [Fact]
    public void Show_prints_a_calendar_file_and_its_help_promises_only_what_it_prints()
    {
        var shown = CliRunner.Run("calendar", "show", "--calendar", "managed-type1");
        shown.ExitCode.ShouldBe(0);
        var again = Calendars.CalendarJson.Parse(shown.Output);
        again.DayLength.ShouldBe(TimeSpan.FromMinutes(495));
        var help = CliRunner.Run("calendar", "show", "--help").Output;
        if (help.Contains("day length", StringComparison.OrdinalIgnoreCase))
        {
            shown.Output.ShouldContain("dayLength");
        }
    }

    [Fact]
    public void An_unreadable_calendar_file_is_bad_input()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, """{ "windows": { "monday": ["08:00-12:00"] } }""");
        // Held exclusively, the file exists but cannot be read (as root, permissions would not stop us).
        using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var result = CliRunner.Run("calendar", "due", "--calendar", file, "--from", "2026-11-24T15:30:00+01:00", "--add", "4h");
            result.ExitCode.ShouldBe(2);
            result.Error.ShouldStartWith($"clausedesk: --calendar: {file}: cannot be read");
            result.Error.ShouldNotContain("\n");
        }

        File.Delete(file);
    }

    [Fact]
    public void A_bug_is_not_reported_as_bad_input()
    {
        var bug = new System.CommandLine.Command("bug");
        bug.SetAction(new Func<System.CommandLine.ParseResult, int>(_ => throw new ArgumentException("an internal invariant broke")));
        var root = new System.CommandLine.RootCommand { bug };
        Should.Throw<ArgumentException>(() => ClauseDeskCli.Run(root, ["bug"], new StringWriter(), new StringWriter()));
    }

    [Fact]
    public void A_calendar_file_is_read()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, """
            { "timeZone": "Europe/Brussels",
              "windows": { "monday": ["08:00-12:00", "13:00-17:30"], "saturday": ["09:00-12:00"] },
              "holidays": "BE",     // legal holidays
              "closedDates": ["2026-12-24"] }
            """);
        CliRunner.Run("calendar", "due", "--calendar", file, "--from", "2026-11-23T11:30:00+01:00", "--add", "1h").Output.ShouldBe("2026-11-23T13:30:00+01:00");
        CliRunner.Run("calendar", "due", "--calendar", file, "--from", "2026-11-23T17:00:00+01:00", "--add", "1h").Output.ShouldBe("2026-11-28T09:30:00+01:00");
    }

    [Fact]
    public void Holidays_print_a_line_per_day_or_json()
    {
        var lines = CliRunner.Run("holidays", "--year", "2027").Output.Split('\n');
        lines.Length.ShouldBe(10);
        lines[0].ShouldBe("2027-01-01 New Year");
        lines[1].ShouldBe("2027-03-29 Easter Monday");

        var json = JsonDocument.Parse(CliRunner.Run("holidays", "--year", "2027", "--json").Output).RootElement;
        json.GetArrayLength().ShouldBe(10);
        json[0].GetProperty("date").GetString().ShouldBe("2027-01-01");
        json[0].GetProperty("name").GetString().ShouldBe("New Year");
        CliRunner.Run("holidays", "--year", "2027", "--set", "BE-VLG", "--language", "nl").Output.ShouldContain("2027-07-11 Feest van de Vlaamse Gemeenschap");
    }

    public static TheoryData<string[], string> BadInput => new()
    {
        { ["calendar", "due", "--calendar", "managed-type9", "--from", "2026-11-24T15:30:00+01:00", "--add", "4h"], "'managed-type9' is neither a preset" },
        { ["calendar", "due", "--calendar", "24x7", "--from", "2026-11-24T15:30:00", "--add", "4h"], "--from" },
        { ["calendar", "due", "--calendar", "24x7", "--from", "yesterday", "--add", "4h"], "--from" },
        { ["calendar", "due", "--calendar", "24x7", "--from", "2026-11-24T15:30:00+01:00", "--add", "-4h"], "negative" },
        { ["calendar", "due", "--calendar", "24x7", "--from", "2026-11-24T15:30:00+01:00", "--add", "4 hours"], "--add" },
        { ["calendar", "due", "--calendar", "24x7", "--from", "2026-11-24T15:30:00+01:00", "--add", ""], "--add" },
        { ["calendar", "due", "--calendar", "24x7", "--from", "2026-11-24T15:30:00+01:00"], "--add" },
        { ["calendar", "between", "--calendar", "24x7", "--from", "2026-11-24T15:30:00+01:00", "--to", "2026-13-01T00:00:00Z"], "--to" },
        { ["holidays", "--year", "1899"], "1900" },
        { ["holidays", "--year", "2027", "--set", "NL"], "unknown holiday set 'NL'" },
        { ["calendar", "due", "--calendar", "24x7", "--from", "2026-11-24T15:30:00+01:00", "--add", "4h", "--nonsense"], "--nonsense" },
        { ["calendar", "due", "--calendar", "24x7", "--from", "2026-11-23T10:00:00+15:00", "--add", "1h"], "--from: '2026-11-23T10:00:00+15:00' has an offset beyond ±14:00" },
        { ["calendar", "due", "--calendar", "24x7", "--from", "2026-11-23T10:00:00-14:01", "--add", "1h"], "beyond ±14:00" },
        { ["calendar", "due", "--calendar", "24x7", "--from", "2026-11-23T10:00:00+01:00:30", "--add", "1h"], "--from: '2026-11-23T10:00:00+01:00:30' has seconds in its offset" },
        { ["calendar", "between", "--calendar", "24x7", "--from", "2026-11-24T15:30:00+01:00", "--to", "2201-01-01T00:00:00Z"], "--to: '2201-01-01T00:00:00Z' is outside 1900–2200" },
        { ["calendar", "due", "--calendar", "24x7", "--from", "9999-12-31T23:00:00-05:00", "--add", "1h"], "--from" },
        { ["calendar", "due", "--calendar", "24x7", "--from", "2200-12-31T12:00:00+01:00", "--add", "1d"], "1900–2200" },
        { ["holidays", "--year", "2027", "--language", "de"], "--language" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_prints_one_line_on_stderr_and_exits_2(string[] args, string expected)
    {
        var result = CliRunner.Run(args);
        result.ExitCode.ShouldBe(2);
        result.Output.ShouldBeEmpty();
        result.Error.ShouldStartWith("clausedesk: ");
        result.Error.ShouldContain(expected);
        result.Error.ShouldNotContain("\n");
    }

    public static TheoryData<string, string> BadCalendars => new()
    {
        { """{ "windows": { "monday": ["08:00-12:00",, ] } }""", "line 1, column 41" },
        { """{ "timeZone": "Mars/Base", "windows": { "monday": ["08:00-12:00"] } }""", "unknown time zone 'Mars/Base'" },
        { """{ "windows": { "monday": ["12:00-08:00"] } }""", "ends before it starts" },
        { """{ "windows": { "monday": ["08:00-12:00", "11:00-13:00"] } }""", "overlap" },
        { """{ "windows": { } }""", "no opening at all" },
    };

    [Theory]
    [MemberData(nameof(BadCalendars))]
    public void Bad_calendar_files_are_refused_saying_where(string json, string expected)
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, json);
        var result = CliRunner.Run("calendar", "due", "--calendar", file, "--from", "2026-11-24T15:30:00+01:00", "--add", "4h");
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(expected);
        result.Error.ShouldNotContain("\n");
    }

    [Fact]
    public void The_executable_exits_2_with_one_line_on_stderr_as_its_own_process()
    {
        var bad = CliRunner.RunProcess("calendar", "due", "--calendar", "nope", "--from", "2026-11-24T15:30:00+01:00", "--add", "4h");
        bad.ExitCode.ShouldBe(2);
        bad.Output.ShouldBeEmpty();
        bad.Error.Split('\n').Length.ShouldBe(1);

        var good = CliRunner.RunProcess("calendar", "due", "--calendar", "software-support", "--from", "2026-11-24T15:30:00+01:00", "--add", "4h");
        good.ExitCode.ShouldBe(0);
        good.Output.ShouldBe("2026-11-25T11:00:00+01:00");
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        var result = CliRunner.Run("--help");
        result.ExitCode.ShouldBe(0);
        foreach (var command in new[] { "calendar", "holidays", "sla", "serve" })
        {
            result.Output.ShouldContain(command);
        }
    }
}

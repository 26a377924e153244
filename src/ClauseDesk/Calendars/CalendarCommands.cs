using System.CommandLine;
using System.Globalization;
using ClauseDesk.Calendars;
using ClauseDesk.Cli;

namespace ClauseDesk;

/// <summary><c>clausedesk calendar due|between|show</c> and <c>clausedesk holidays</c>.</summary>
public static class CalendarCommands
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print JSON instead of text" };

    public static Command Calendar()
    {
        var calendar = new Option<string>("--calendar") { Description = "A preset (" + string.Join(", ", CalendarPresets.Names) + ") or a calendar JSON file", Required = true };
        var from = new Option<string>("--from") { Description = "Start, ISO-8601 with offset, e.g. 2026-11-24T15:30:00+01:00", Required = true };
        var add = new Option<string>("--add") { Description = "Business time to add: 90m, 4h, 1h30m, 2d (business days = n × day length), 1d4h", Required = true };
        var to = new Option<string>("--to") { Description = "End, ISO-8601 with offset", Required = true };

        var due = new Command("due", "The instant at which a span of business time has passed") { calendar, from, add, Json };
        due.SetAction(parse =>
        {
            var cal = ClauseDeskCli.Calendar(parse.GetValue(calendar));
            var start = ClauseDeskCli.Instant(parse.GetValue(from), "--from");
            var duration = Duration(parse.GetValue(add));
            var result = ClauseDeskCli.Iso(cal.AddBusinessTime(start, duration.On(cal)));
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(Json) ? ClauseDeskCli.JsonObject(("due", result)) : result);
            return 0;
        });

        var between = new Command("between", "The business time between two instants (negative if --to is before --from)") { calendar, from, to, Json };
        between.SetAction(parse =>
        {
            var cal = ClauseDeskCli.Calendar(parse.GetValue(calendar));
            var span = cal.BusinessTimeBetween(ClauseDeskCli.Instant(parse.GetValue(from), "--from"), ClauseDeskCli.Instant(parse.GetValue(to), "--to"));
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(Json)
                ? ClauseDeskCli.JsonObject(("minutes", Minutes(span)))
                : BusinessDuration.Format(span));
            return 0;
        });

        var show = new Command("show", "Prints a calendar (a preset or a file) as a calendar file, in the shape --calendar reads") { calendar };
        show.SetAction(parse =>
        {
            var cal = ClauseDeskCli.Calendar(parse.GetValue(calendar));
            parse.InvocationConfiguration.Output.WriteLine(CalendarJson.Write(cal.Definition));
            return 0;
        });

        return new Command("calendar", "Business-time arithmetic on a calendar (SPEC §1)") { due, between, show };
    }

    /// <summary>Whole minutes as an integer; otherwise a decimal rounded to at most 4 places (0.0083, not 0.00833333333333333).</summary>
    private static object Minutes(TimeSpan span)
    {
        if (span.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return span.Ticks / TimeSpan.TicksPerMinute;
        }

        var minutes = decimal.Round((decimal)span.Ticks / TimeSpan.TicksPerMinute, 4, MidpointRounding.AwayFromZero);
        // Round keeps the scale of its input; parsing the shortest text drops trailing zeros (1.5000 → 1.5).
        return decimal.Parse(minutes.ToString("0.####", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static BusinessDuration Duration(string? text)
    {
        try
        {
            return BusinessDuration.Parse(text ?? "");
        }
        catch (FormatException e)
        {
            throw new UsageException($"--add: {e.Message}");
        }
    }

    private static HolidaySet Set(string code) =>
        HolidaySet.Codes.Contains(code, StringComparer.OrdinalIgnoreCase)
            ? HolidaySet.FromCode(code)
            : throw new UsageException($"--set: unknown holiday set '{code}'; use one of {string.Join(", ", HolidaySet.Codes)}");

    public static Command Holidays()
    {
        var year = new Option<int>("--year") { Description = "The year, 1900–2200", Required = true };
        var set = new Option<string>("--set") { Description = "BE (default), BE-VLG, BE-FR, BE-DE", DefaultValueFactory = _ => "BE" };
        var language = new Option<string>("--language") { Description = "Names in en (default), nl or fr", DefaultValueFactory = _ => "en" };
        var command = new Command("holidays", "The Belgian legal holidays of a year, computed by rule") { year, set, language, Json };
        command.SetAction(parse =>
        {
            var holidays = Set(parse.GetValue(set)!).For(parse.GetValue(year));
            Func<Holiday, string> name = parse.GetValue(language)!.ToLowerInvariant() switch
            {
                "en" => h => h.English,
                "nl" => h => h.Dutch,
                "fr" => h => h.French,
                var other => throw new UsageException($"--language: '{other}' is not en, nl or fr"),
            };
            var output = parse.InvocationConfiguration.Output;
            static string Date(Holiday h) => h.Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
            if (parse.GetValue(Json))
            {
                output.WriteLine("[" + string.Join(", ", holidays.Select(h => ClauseDeskCli.JsonObject(("date", Date(h)), ("name", name(h))))) + "]");
            }
            else
            {
                foreach (var h in holidays)
                {
                    output.WriteLine($"{Date(h)} {name(h)}");
                }
            }

            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ClauseDesk.Calendars;
using NodaTime.Text;

namespace ClauseDesk.Cli;

/// <summary>Bad input on the command line: printed as one line on standard error, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>The <c>clausedesk</c> command: one subcommand per area, shared argument readers.</summary>
public static class ClauseDeskCli
{
    public const int BadInput = 2;

    public static RootCommand Build()
    {
        var root = new RootCommand("ClauseDesk: a service desk and contract engine that executes the clauses of your general terms.");
        root.Add(CalendarCommands.Calendar());
        root.Add(CalendarCommands.Holidays());
        root.Add(BillingCommands.LateFee()); root.Add(BillingCommands.Index());
        root.Add(SlaCommand.Create());
        root.Add(ServeCommand.Create());
        root.Add(ServeCommand.Migrate());
        root.Add(Mail.MailCommands.Mail());
        return root;
    }

    /// <summary>Runs the command line; bad input prints one line to stderr and returns 2.</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null) =>
        Run(Build(), args, output ?? Console.Out, error ?? Console.Error);

    internal static int Run(RootCommand root, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parse = root.Parse(args);
        if (parse.Action is not HelpAction && parse.Errors.Count > 0)
        {
            stderr.WriteLine($"clausedesk: {parse.Errors[0].Message}");
            return BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is UsageException or CalendarRangeException)
        {
            // Only input errors: readers of user input turn their parse failures into a UsageException,
            // and a date beyond what calendars cover comes from the input. Any other exception is a
            // bug and must not pass for bad input.
            stderr.WriteLine($"clausedesk: {OneLine(e)}");
            return BadInput;
        }
    }

    // ArgumentException appends "(Parameter 'x')" and the actual value on lines of their own.
    private static string OneLine(Exception e)
    {
        var message = e.Message.Split('\n')[0];
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>Reads an ISO-8601 instant that carries its offset (or Z).</summary>
    public static DateTimeOffset Instant(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException($"{option} is required: an ISO-8601 time with offset, e.g. 2026-11-24T15:30:00+01:00");
        }

        foreach (var pattern in InstantPatterns)
        {
            var result = pattern.Parse(text.Trim());
            if (!result.Success)
            {
                continue;
            }

            // NodaTime allows offsets up to ±18:00 with seconds; DateTimeOffset (and every real zone
            // today) stays within ±14:00 in whole minutes. Refuse rather than crash or shift.
            var offset = result.Value.Offset;
            if (offset.Seconds % 60 != 0)
            {
                throw new UsageException($"{option}: '{text}' has seconds in its offset; write it in whole minutes, e.g. +01:00");
            }

            if (Math.Abs(offset.Seconds) > MaxOffsetSeconds)
            {
                throw new UsageException($"{option}: '{text}' has an offset beyond ±14:00");
            }

            if (result.Value.Year is < HolidaySet.FirstYear or > HolidaySet.LastYear)
            {
                throw new UsageException($"{option}: '{text}' is outside {HolidaySet.FirstYear}–{HolidaySet.LastYear}, the years calendars cover");
            }

            return result.Value.ToDateTimeOffset();
        }

        throw new UsageException($"{option}: '{text}' is not an ISO-8601 time with offset, e.g. 2026-11-24T15:30:00+01:00 or 2026-11-24T14:30:00Z");
    }

    private const int MaxOffsetSeconds = 14 * 60 * 60;

    private static readonly OffsetDateTimePattern[] InstantPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    /// <summary>A preset name or the path of a calendar file.</summary>
    public static BusinessCalendar Calendar(string? nameOrFile)
    {
        if (string.IsNullOrWhiteSpace(nameOrFile))
        {
            throw new UsageException($"--calendar is required: a preset ({string.Join(", ", CalendarPresets.Names)}) or a calendar file");
        }

        if (CalendarPresets.Exists(nameOrFile))
        {
            return CalendarPresets.Get(nameOrFile);
        }

        if (!File.Exists(nameOrFile))
        {
            throw new UsageException($"--calendar: '{nameOrFile}' is neither a preset ({string.Join(", ", CalendarPresets.Names)}) nor a file");
        }

        try
        {
            return BusinessCalendar.FromJson(File.ReadAllText(nameOrFile));
        }
        catch (CalendarFormatException e)
        {
            throw new UsageException($"{nameOrFile}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--calendar: {nameOrFile}: cannot be read: {e.Message}");
        }
    }

    /// <summary>Shows an instant as <c>2026-11-25T11:00:00+01:00</c> (fractions of a second only when present).</summary>
    public static string Iso(DateTimeOffset t) =>
        t.ToString(t.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    // Plain '+' and apostrophes in the output; it is not embedded in HTML.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One JSON object on one line, written as <c>{"key": value, …}</c>.</summary>
    public static string JsonObject(params (string Key, object? Value)[] members)
    {
        var text = new StringBuilder("{");
        for (var i = 0; i < members.Length; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(JsonSerializer.Serialize(members[i].Key, Readable)).Append(": ").Append(JsonSerializer.Serialize(members[i].Value, Readable));
        }

        return text.Append('}').ToString();
    }
}

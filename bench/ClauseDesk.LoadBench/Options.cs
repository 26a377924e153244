using System.Globalization;

namespace ClauseDesk.LoadBench;

/// <summary>The command line: <c>--name value</c> pairs, all optional.</summary>
public sealed record Options(
    string Database,
    int Duration,
    IReadOnlyList<int> Concurrency,
    long ListTickets,
    int ListDuration,
    IReadOnlyList<int> ListConcurrency,
    int OpenPercent,
    int Warmup,
    bool IdempotencyKey,
    string? Server,
    bool Quiet,
    bool Statements,
    IReadOnlyDictionary<string, string> ServerEnvironment)
{
    public const string Usage = """
        ClauseDesk load benchmark: ticket creation over HTTP and listing open tickets at scale, against the
        real server started as its own process.

          --database sqlite|postgres   which database (default sqlite; postgres starts a throwaway durable cluster)
          --duration 20                seconds per creation level
          --concurrency 1,8,32         creation levels (closed loop: requests in flight)
          --list-tickets 1000000       tickets stored for the list benchmark (0 skips it)
          --list-duration 20           seconds per list level
          --list-concurrency 1,8       list levels
          --open-percent 10            share of the seeded tickets that are open (the rest are closed)
          --warmup 5                   seconds of unrecorded load before the first level of each benchmark (creation:
                                       at the highest --concurrency level)
          --idempotency-key            send a fresh Idempotency-Key with every creation
          --server PATH                clausedesk.dll to run (default: build src/ClauseDesk in Release)
          --quiet-server               run the server with Microsoft.AspNetCore logging at Warning (an experiment)
          --server-env NAME=VALUE      an environment variable for the server process only (an experiment; repeatable)
          --statements                 postgres only: load pg_stat_statements and print what each creation level
                                       cost the database, statement by statement (adds a little overhead)
        """;

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var serverEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--idempotency-key" or "--quiet-server" or "--statements" or "--help" or "-h")
            {
                flags.Add(name);
            }
            else if (name == "--server-env" && i + 1 < args.Length)
            {
                var pair = args[++i].Split('=', 2);
                if (pair.Length != 2 || pair[0].Length == 0)
                {
                    throw new ArgumentException("--server-env takes NAME=VALUE");
                }

                serverEnvironment[pair[0]] = pair[1];
            }
            else if (name.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"unexpected argument '{name}'");
            }
        }

        if (flags.Contains("--help") || flags.Contains("-h"))
        {
            throw new ArgumentException(Usage);
        }

        var known = new[] { "--database", "--duration", "--concurrency", "--list-tickets", "--list-duration", "--list-concurrency", "--open-percent", "--warmup", "--server" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"unknown option {unknown}\n\n{Usage}");
        }

        var database = values.GetValueOrDefault("--database", "sqlite");
        if (database is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException("--database is sqlite or postgres");
        }

        if (flags.Contains("--statements") && database != "postgres")
        {
            throw new ArgumentException("--statements needs --database postgres");
        }

        return new Options(
            database,
            Int(values, "--duration", 20),
            List(values, "--concurrency", "1,8,32"),
            Int(values, "--list-tickets", 1_000_000),
            Int(values, "--list-duration", 20),
            List(values, "--list-concurrency", "1,8"),
            Math.Clamp(Int(values, "--open-percent", 10), 1, 100),
            Int(values, "--warmup", 5),
            flags.Contains("--idempotency-key"),
            values.GetValueOrDefault("--server"),
            flags.Contains("--quiet-server"),
            flags.Contains("--statements"),
            serverEnvironment);
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"{name} takes a whole number")
            : fallback;

    private static List<int> List(Dictionary<string, string> values, string name, string fallback) =>
        [.. values.GetValueOrDefault(name, fallback).Split(',').Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} takes positive whole numbers, e.g. 1,8,32"))];
}

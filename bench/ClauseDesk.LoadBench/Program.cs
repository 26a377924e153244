using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClauseDesk.LoadBench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var repository = Bench.FindRepository();
var dll = options.Server ?? Bench.BuildServer(repository);
var work = Path.Combine(Path.GetTempPath(), $"clausedesk-loadbench-{Environment.ProcessId}");
Directory.CreateDirectory(work);
PostgresCluster? cluster = null;
try
{
    string database;
    if (options.Database == "postgres")
    {
        Console.WriteLine("Starting a throwaway PostgreSQL cluster (fsync, synchronous_commit, full_page_writes on)…");
        cluster = PostgresCluster.Start(options.Statements);
        database = cluster.ConnectionString("clausedesk");
    }
    else
    {
        database = $"Data Source={Path.Combine(work, "clausedesk.db")}";
    }

    var environment = new Dictionary<string, string>(options.ServerEnvironment);
    if (options.Quiet)
    {
        environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
    }

    await using var server = await ServerProcess.StartAsync(dll, database, work, environment);
    var bench = new Bench(options, server, cluster, database);
    await bench.RunAsync(repository);
    return 0;
}
finally
{
    cluster?.Dispose();
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
    }
}

/// <summary>The benchmark run: seed over HTTP, creation levels, bulk seed, list levels, report.</summary>
internal sealed class Bench(Options options, ServerProcess server, PostgresCluster? cluster, string database)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ClauseDesk.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>Builds the server in Release and returns its clausedesk.dll.</summary>
    public static string BuildServer(string repository)
    {
        var project = Path.Combine(repository, "src", "ClauseDesk", "ClauseDesk.csproj");
        Console.WriteLine("Building the server (Release)…");
        var (code, output) = Run("dotnet", ["build", project, "-c", "Release", "-nologo", "-v", "quiet"], repository);
        if (code != 0)
        {
            throw new InvalidOperationException("building the server failed:\n" + output);
        }

        return Path.Combine(repository, "src", "ClauseDesk", "bin", "Release", "net10.0", "clausedesk.dll");
    }

    private static (int Code, string Output) Run(string program, string[] arguments, string directory)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, (output.Result + error.Result).Trim());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    public async Task RunAsync(string repository)
    {
        var commit = Run("git", ["rev-parse", "--short", "HEAD"], repository);
        var dirty = Run("git", ["status", "--porcelain", "--", "src"], repository);
        Console.WriteLine($"Machine: {ProcStats.Machine()}; load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"Commit: {(commit.Code == 0 ? commit.Output : "unknown")}{(dirty.Code == 0 && dirty.Output.Length > 0 ? " (product sources modified in the working tree)" : "")}");
        Console.WriteLine($"Database: {(cluster is null ? "SQLite (the server's pragmas: WAL, synchronous=FULL)" : "PostgreSQL " + cluster.Version)}");
        Console.WriteLine($"Server: pid {server.Pid} at {server.Address}{(options.Quiet ? " (Microsoft.AspNetCore logging at Warning)" : " (default logging)")}{string.Concat(options.ServerEnvironment.Select(e => $"; {e.Key}={e.Value}"))}");

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);

        // An organisation with a software-support contract and a contact person; a token issued over the API.
        var organisation = await PostAsync(client, "api/organisations", new { name = "Load Bench NV", vatNumber = "BE0123456749" });
        var contract = await PostAsync(client, "api/contracts", new { organisationId = organisation.GetProperty("id").GetGuid(), name = "Software support", slaPreset = "software-support" });
        var person = await PostAsync(client, "api/people", new { name = "Lena Load", email = "lena@loadbench.example", role = "contact-person", organisationId = organisation.GetProperty("id").GetGuid(), language = "nl" });
        var token = await PostAsync(client, "api/tokens", new { name = "load-bench" });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        var contractId = contract.GetProperty("id").GetGuid();
        var requesterId = person.GetProperty("id").GetGuid();
        var template = (await PostAsync(client, "api/tickets", TicketBody(contractId, requesterId, 0))).GetProperty("number").GetString()!;
        Console.WriteLine($"Seeded over HTTP: organisation, contract {contractId}, contact person {requesterId}, token; first ticket {template}.");

        var level = "";
        HttpRequestMessage Create(long n)
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "api/tickets") { Content = new StringContent(TicketJson(contractId, requesterId, n), Encoding.UTF8, "application/json") };
            if (options.IdempotencyKey)
            {
                message.Headers.Add("Idempotency-Key", $"lb-{level}-{n}");
            }

            return message;
        }

        var creations = new List<LevelResult>();
        if (options.Warmup > 0 && options.Concurrency.Count > 0)
        {
            level = "warmup";
            // At the highest level: the server's connection pool (and PostgreSQL's backends, each with
            // its prepared statements) then already has what that level needs, as on a running desk.
            var warmConcurrency = options.Concurrency.Max();
            var warm = await LoadRunner.RunAsync("warm-up", client, warmConcurrency, TimeSpan.FromSeconds(options.Warmup), Create, HttpStatusCode.Created, server, cluster?.Pid);
            Console.WriteLine($"Warm-up: {warm.Succeeded:N0} creations at {warmConcurrency} in flight, {warm.Failed} errors (not recorded).");
        }

        foreach (var concurrency in options.Concurrency)
        {
            level = $"c{concurrency}";
            if (options.Statements)
            {
                await cluster!.ResetStatementsAsync();
            }

            var result = await LoadRunner.RunAsync("POST /api/tickets", client, concurrency, TimeSpan.FromSeconds(options.Duration), Create, HttpStatusCode.Created, server, cluster?.Pid);
            creations.Add(result);
            Print(result);
            if (options.Statements)
            {
                Console.WriteLine($"  What each creation cost PostgreSQL at {concurrency} in flight (pg_stat_statements):");
                foreach (var line in await cluster!.StatementsAsync(result.Succeeded))
                {
                    Console.WriteLine("  " + line);
                }
            }
        }

        var lists = new List<LevelResult>();
        long stored = 0;
        double seedSeconds = 0;
        if (options.ListTickets > 0)
        {
            var seeder = new TicketSeeder(database, cluster is not null);
            stored = await seeder.CountAsync();
            if (stored < options.ListTickets)
            {
                Console.WriteLine($"Bulk-inserting {options.ListTickets - stored:N0} tickets ({options.OpenPercent} % open) next to the {stored:N0} opened over HTTP…");
                seedSeconds = await seeder.SeedAsync(template, options.ListTickets - stored, options.OpenPercent);
                stored = await seeder.CountAsync();
            }

            using var check = await client.GetAsync("api/tickets?status=open&pageSize=50");
            check.EnsureSuccessStatusCode();
            using var page = JsonDocument.Parse(await check.Content.ReadAsStringAsync());
            var items = page.RootElement.GetProperty("items");
            var total = page.RootElement.GetProperty("total").GetInt32();
            var dues = items.EnumerateArray().Select(i => i.GetProperty("nextDueAt").GetString()).Select(s => s is null ? DateTimeOffset.MaxValue : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture)).ToList();
            var sorted = dues.Zip(dues.Skip(1)).All(p => p.First <= p.Second);
            Console.WriteLine($"Stored {stored:N0} tickets; the list answers {items.GetArrayLength()} items of {total:N0} open, sorted by next due: {(sorted ? "yes" : "NO")}.");

            HttpRequestMessage List(long n) => new(HttpMethod.Get, "api/tickets?status=open&pageSize=50");
            if (options.Warmup > 0)
            {
                await LoadRunner.RunAsync("warm-up", client, 1, TimeSpan.FromSeconds(Math.Min(options.Warmup, 3)), List, HttpStatusCode.OK, server, cluster?.Pid);
            }

            foreach (var concurrency in options.ListConcurrency)
            {
                var result = await LoadRunner.RunAsync("GET /api/tickets?status=open&pageSize=50", client, concurrency, TimeSpan.FromSeconds(options.ListDuration), List, HttpStatusCode.OK, server, cluster?.Pid);
                lists.Add(result);
                Print(result);
            }
        }

        Report(creations, lists, stored, seedSeconds);
    }

    private static object TicketBody(Guid contractId, Guid requesterId, long n) => JsonSerializer.Deserialize<JsonElement>(TicketJson(contractId, requesterId, n));

    private static string TicketJson(Guid contractId, Guid requesterId, long n) =>
        $$"""{"subject":"Load bench ticket {{n}}","description":"The invoice export stops at 500 lines.","urgency":"non-blocking","impact":"some","contractId":"{{contractId}}","requesterId":"{{requesterId}}"}""";

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body, Json);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        }

        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private static void Print(LevelResult r) =>
        Console.WriteLine($"  {r.Name} ×{r.Concurrency}: {r.RequestsPerSecond:0} req/s, p50 {r.P50:0.0} ms, p95 {r.P95:0.0} ms, p99 {r.P99:0.0} ms, {r.Failed} errors; CPU server {r.Cpu.Server:0} %{(r.Cpu.Database is { } d ? $", database {d:0} %" : "")}, load generator {r.Cpu.LoadGenerator:0} %, other processes {r.Cpu.Others:0} %, machine {r.Cpu.MachineBusy:0} % busy");

    private void Report(List<LevelResult> creations, List<LevelResult> lists, long stored, double seedSeconds)
    {
        var name = cluster is null ? "SQLite" : "PostgreSQL";
        var databaseColumn = cluster is null ? "" : " Database CPU |";
        Console.WriteLine();
        Console.WriteLine($"### Ticket creation, {name} ({options.Duration} s per level{(options.IdempotencyKey ? ", with Idempotency-Key" : "")})");
        Console.WriteLine();
        Console.WriteLine($"| Concurrency | Created | Errors | Requests/s | p50 | p95 | p99 | max | Server CPU |{databaseColumn} Load generator CPU | Other processes CPU | Machine busy |");
        Console.WriteLine($"|---:|---:|---:|---:|---:|---:|---:|---:|---:|{(cluster is null ? "" : "---:|")}---:|---:|---:|");
        foreach (var r in creations)
        {
            Console.WriteLine(Row(r));
        }

        if (lists.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"### Listing 50 open tickets by next due, {name}, {stored:N0} tickets stored ({options.OpenPercent} % open), {options.ListDuration} s per level");
            Console.WriteLine();
            Console.WriteLine($"| Concurrency | Requests | Errors | Requests/s | p50 | p95 | p99 | max | Server CPU |{databaseColumn} Load generator CPU | Other processes CPU | Machine busy |");
            Console.WriteLine($"|---:|---:|---:|---:|---:|---:|---:|---:|---:|{(cluster is null ? "" : "---:|")}---:|---:|---:|");
            foreach (var r in lists)
            {
                Console.WriteLine(Row(r));
            }

            Console.WriteLine();
            Console.WriteLine($"Bulk insert of the seeded tickets: {seedSeconds:0} s.");
        }

        Console.WriteLine();
        Console.WriteLine($"Server peak resident memory (VmHWM) over the whole run: {server.PeakRssMB:0} MB; at the end: {server.CurrentRssMB:0} MB. Server output lines: {server.OutputLines:N0}.");
        Console.WriteLine();
        Console.WriteLine("CPU columns: % of one CPU (200 % = both cores of a 2-core machine); machine busy: % of all CPUs.");
        Console.WriteLine($"Load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine();
        Console.WriteLine("Floors:");
        foreach (var r in creations)
        {
            Console.WriteLine($"  creation ×{r.Concurrency}: {r.RequestsPerSecond:0}/s {(r.RequestsPerSecond >= 1500 ? "≥" : "<")} 1,500/s, p99 {r.P99:0.0} ms {(r.P99 <= 50 ? "≤" : ">")} 50 ms, errors {r.Failed}: {(r.RequestsPerSecond >= 1500 && r.P99 <= 50 && r.Failed == 0 ? "met" : "NOT met")}");
        }

        foreach (var r in lists)
        {
            Console.WriteLine($"  list ×{r.Concurrency} at {stored:N0}: p95 {r.P95:0.0} ms {(r.P95 <= 30 ? "≤" : ">")} 30 ms: {(r.P95 <= 30 && r.Failed == 0 ? "met" : "NOT met")}");
        }

        Console.WriteLine($"  server memory: {server.PeakRssMB:0} MB {(server.PeakRssMB <= 300 ? "≤" : ">")} 300 MB: {(server.PeakRssMB <= 300 ? "met" : "NOT met")}");
    }

    private static string Row(LevelResult r)
    {
        var failures = r.Failed == 0 ? "0" : $"{r.Failed} ({string.Join(", ", r.Failures.Select(f => $"{f.Key}: {f.Value}"))})";
        var database = r.Cpu.Database is { } d ? $" {d:0} % |" : "";
        return $"| {r.Concurrency} | {r.Succeeded:N0} | {failures} | {r.RequestsPerSecond:N0} | {r.P50:0.0} ms | {r.P95:0.0} ms | {r.P99:0.0} ms | {r.Max:0} ms | {r.Cpu.Server:0} % |{database} {r.Cpu.LoadGenerator:0} % | {r.Cpu.Others:0} % | {r.Cpu.MachineBusy:0} % |";
    }
}

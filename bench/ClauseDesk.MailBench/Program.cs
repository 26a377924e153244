using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ClauseDesk;
using ClauseDesk.Data;
using ClauseDesk.Infrastructure;
using ClauseDesk.LoadBench;
using ClauseDesk.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Intake throughput: a real Dovecot mailbox filled with N messages, read over IMAP into the desk
// (tickets, threaded replies, refusals, ignored automatic mail), on SQLite and on PostgreSQL.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");

var messages = 5000;
var databases = new List<string> { "sqlite", "postgres" };
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--messages" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
            messages = n;
            i++;
            break;
        case "--database" when i + 1 < args.Length && args[i + 1] is "sqlite" or "postgres":
            databases = [args[++i]];
            break;
        default:
            Console.Error.WriteLine("usage: ClauseDesk.MailBench [--messages N] [--database sqlite|postgres]");
            return 2;
    }
}

Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores ({CpuModel()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"Command: dotnet run -c Release --project bench/ClauseDesk.MailBench -- {string.Join(' ', args)}");
await using var dovecot = await DovecotServer.StartAsync();
var results = new List<string>();
foreach (var database in databases)
{
    PostgresCluster? cluster = null;
    var work = TestDirectories.Create("mailbench");
    try
    {
        string connection;
        if (database == "postgres")
        {
            cluster = PostgresCluster.Start();
            connection = cluster.ConnectionString("clausedesk");
        }
        else
        {
            connection = $"Data Source={Path.Combine(work, "clausedesk.db")}";
        }

        results.Add(await RunAsync(database, connection, messages, dovecot));
    }
    finally
    {
        cluster?.Dispose();
        Directory.Delete(work, recursive: true);
    }
}

Console.WriteLine();
Console.WriteLine("| Database | Messages | Fetch only (IMAP) | Intake (IMAP → desk) | Outcomes |");
Console.WriteLine("|----------|---------:|------------------:|---------------------:|----------|");
foreach (var line in results)
{
    Console.WriteLine(line);
}

return 0;

static async Task<string> RunAsync(string database, string connection, int count, DovecotServer dovecot)
{
    var app = WebApp.Build([], "http://127.0.0.1:0", connection, TimeProvider.System, sweep: false);
    var created = await FirstStart.PrepareAsync(app.Services, "Bench provider", CancellationToken.None) ?? throw new InvalidOperationException("the database was not fresh");
    await app.StartAsync();
    try
    {
        using var admin = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        var people = await CreateCustomerAsync(admin, 10);
        var user = dovecot.CreateUser();

        // The same mix as the crash test: new questions, answers to them, strangers and robots.
        var filling = Stopwatch.StartNew();
        var run = Guid.NewGuid().ToString("N")[..8];
        // Eight at a time; every reply after every question, so a reply never comes before what it answers.
        var replies = Enumerable.Range(0, count).ToLookup(i => i % 20 > 1 && i % 2 == 1);
        foreach (var pass in new[] { replies[false], replies[true] })
        {
            await Parallel.ForEachAsync(pass, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) => await dovecot.DeliverAsync(user.UserName, Mail(run, i, people)));

            // Parallel deliveries may leave maildir files without a UID; a SELECT numbers them now, before the replies.
            await using var numbering = await dovecot.LoginAsync(user);
            await numbering.SelectAsync("INBOX");
        }

        Console.WriteLine($"{database}: {count} messages delivered by LMTP in {filling.Elapsed.TotalSeconds:0.0} s");

        // The IMAP part alone: what the reader fetches, batch by batch, without the desk.
        var fetching = Stopwatch.StartNew();
        await using (var client = await dovecot.LoginAsync(user))
        {
            await client.SelectAsync("INBOX");
            var uids = await client.SearchAsync(ClauseDesk.Imap.ImapSearch.All);
            foreach (var chunk in uids.Chunk(100))
            {
                await client.FetchAsync(chunk);
            }

            await client.LogoutAsync();
        }

        var fetched = fetching.Elapsed;
        var mailbox = await DeskJson(await admin.PostAsJsonAsync("/api/mailboxes", new
        {
            name = "bench",
            address = "support@provider.example",
            imap = new { host = DovecotServer.Host, port = dovecot.ImapPort, security = "start-tls", user = user.UserName, password = user.Password },
        }));
        var id = mailbox.GetProperty("id").GetGuid();

        var intake = Stopwatch.StartNew();
        var taken = await MailboxReader.ReadOnceAsync(app.Services, id, "bench", DateTimeOffset.UtcNow, CancellationToken.None, dovecot.Certificate.Certificate);
        var elapsed = intake.Elapsed;
        if (taken != count)
        {
            throw new InvalidOperationException($"{taken} of {count} messages taken in");
        }

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var outcomes = await db.InboundMails.IgnoreQueryFilters().GroupBy(m => m.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var summary = string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Count} {o.Key.ToString().ToLowerInvariant()}"));
        Console.WriteLine($"{database}: fetch only {count / fetched.TotalSeconds:0} msg/s ({fetched.TotalSeconds:0.0} s); intake {count / elapsed.TotalSeconds:0} msg/s ({elapsed.TotalSeconds:0.0} s); {summary}");
        return $"| {database} | {count} | {count / fetched.TotalSeconds:0} msg/s | {count / elapsed.TotalSeconds:0} msg/s ({elapsed.TotalSeconds:0.0} s) | {summary} |";
    }
    finally
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

static byte[] Mail(string run, int i, List<string> people)
{
    string Id(int n) => $"{run}.{n:00000}@bench.example.be";
    var person = people[i / 2 % people.Count];
    var (from, subject, extra) = (i % 20, i % 2) switch
    {
        (0, _) => ($"stranger{i % 5}@elsewhere.example", $"Question {i}", ""),
        (1, _) => (person, $"Out of office {i}", "Auto-Submitted: auto-replied\r\n"),
        (_, 0) => (person, $"Ticket {i}", ""),
        _ => (person, $"Re: Ticket {i - 1}", $"In-Reply-To: <{Id(i - 1)}>\r\nReferences: <{Id(i - 1)}>\r\n"),
    };
    return Encoding.UTF8.GetBytes(
        $"From: <{from}>\r\nTo: support@provider.example\r\nSubject: {subject}\r\nMessage-ID: <{Id(i)}>\r\n{extra}" +
        "Content-Type: text/plain; charset=utf-8\r\n\r\nThe printer on the second floor prints nothing since this morning.\r\n");
}

static async Task<List<string>> CreateCustomerAsync(HttpClient admin, int count)
{
    var organisation = await DeskJson(await admin.PostAsJsonAsync("/api/organisations", new { name = "Bench customer" }));
    var organisationId = organisation.GetProperty("id").GetGuid();
    await DeskJson(await admin.PostAsJsonAsync("/api/contracts", new { organisationId, name = "Software support", slaPreset = "software-support" }));
    var people = new List<string>();
    for (var i = 0; i < count; i++)
    {
        var email = $"contact{i}@bench.example.be";
        await DeskJson(await admin.PostAsJsonAsync("/api/people", new { name = $"Bench Contact {i}", email, role = "contact-person", organisationId }));
        people.Add(email);
    }

    return people;
}

static async Task<JsonElement> DeskJson(HttpResponseMessage response)
{
    var text = await response.Content.ReadAsStringAsync();
    return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
}

static string CpuModel() =>
    File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";

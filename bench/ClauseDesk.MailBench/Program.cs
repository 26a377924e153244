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
var warmup = 300;
var databases = new List<string> { "sqlite", "postgres" };
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--messages" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
            messages = n;
            i++;
            break;
        case "--warmup" when i + 1 < args.Length && int.TryParse(args[i + 1], out var w) && w >= 0:
            warmup = w;
            i++;
            break;
        case "--database" when i + 1 < args.Length && args[i + 1] is "sqlite" or "postgres":
            databases = [args[++i]];
            break;
        default:
            Console.Error.WriteLine("usage: ClauseDesk.MailBench [--messages N] [--warmup N] [--database sqlite|postgres]");
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

        results.Add(await RunAsync(database, connection, messages, warmup, dovecot));
    }
    catch (Exception e)
    {
        // What the server said about it is in its log, which goes away with the server.
        var log = dovecot.ReadLog().Split('\n');
        Console.Error.WriteLine($"{database}: {e.GetType().Name}: {e.Message}\nDovecot's log, last lines:\n{string.Join('\n', log.TakeLast(40))}");
        throw;
    }
    finally
    {
        cluster?.Dispose();
        Directory.Delete(work, recursive: true);
    }
}

Console.WriteLine();
Console.WriteLine("| Database | Messages | Fetch only (IMAP) | Intake (IMAP → desk) | Load average (1 min, start → end of intake) | Outcomes |");
Console.WriteLine("|----------|---------:|------------------:|---------------------:|---------------------------------------------|----------|");
foreach (var line in results)
{
    Console.WriteLine(line);
}

return 0;

static async Task<string> RunAsync(string database, string connection, int count, int warmup, DovecotServer dovecot)
{
    var app = WebApp.Build([], "http://127.0.0.1:0", connection, TimeProvider.System, sweep: false);
    var created = await FirstStart.PrepareAsync(app.Services, "Bench provider", CancellationToken.None) ?? throw new InvalidOperationException("the database was not fresh");
    await app.StartAsync();
    try
    {
        using var admin = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        var people = await CreateCustomerAsync(admin, 10);

        // A first mailbox read in before the measurement: the JIT compiles the intake's code paths and EF
        // its queries there, so that the figures below are a running desk's and not a cold start's.
        if (warmup > 0)
        {
            var warming = dovecot.CreateUser();
            await FillAsync(dovecot, warming, warmup, people);
            var warm = await CreateMailboxAsync(admin, "warm-up", warming, dovecot);
            var warmed = await MailboxReader.ReadOnceAsync(app.Services, warm, "bench", DateTimeOffset.UtcNow, CancellationToken.None, dovecot.Certificate.Certificate);
            Console.WriteLine($"{database}: warm-up: {warmed} messages taken in from another mailbox");
        }

        var user = dovecot.CreateUser();
        var filling = Stopwatch.StartNew();
        await FillAsync(dovecot, user, count, people);
        Console.WriteLine($"{database}: {count} messages delivered by LMTP in {filling.Elapsed.TotalSeconds:0.0} s");

        // The IMAP part alone: what the reader fetches, batch by batch, without the desk.
        var fetching = Stopwatch.StartNew();
        var fetchCpu = Process.GetCurrentProcess().TotalProcessorTime;
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
        fetchCpu = Process.GetCurrentProcess().TotalProcessorTime - fetchCpu;
        var id = await CreateMailboxAsync(admin, "bench", user, dovecot);

        var load = LoadAverage();
        var intake = Stopwatch.StartNew();
        var intakeCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var taken = await MailboxReader.ReadOnceAsync(app.Services, id, "bench", DateTimeOffset.UtcNow, CancellationToken.None, dovecot.Certificate.Certificate);
        var elapsed = intake.Elapsed;
        intakeCpu = Process.GetCurrentProcess().TotalProcessorTime - intakeCpu;
        load = $"{load} → {LoadAverage()}";
        if (taken != count)
        {
            throw new InvalidOperationException($"{taken} of {count} messages taken in");
        }

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var outcomes = await db.InboundMails.IgnoreQueryFilters().Where(m => m.MailboxId == id).GroupBy(m => m.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var summary = string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Count} {o.Key.ToString().ToLowerInvariant()}"));
        // This process's CPU time per message: unlike messages/s, hardly moved by the other work on the machine.
        var fetchPerMessage = fetchCpu.TotalMilliseconds / count;
        var intakePerMessage = intakeCpu.TotalMilliseconds / count;
        Console.WriteLine($"{database}: fetch only {count / fetched.TotalSeconds:0} msg/s ({fetched.TotalSeconds:0.0} s, {fetchPerMessage:0.00} ms CPU/msg); intake {count / elapsed.TotalSeconds:0} msg/s ({elapsed.TotalSeconds:0.0} s, {intakePerMessage:0.00} ms CPU/msg); load average {load}; {summary}");
        return $"| {database} | {count} | {count / fetched.TotalSeconds:0} msg/s ({fetchPerMessage:0.00} ms CPU/msg) | {count / elapsed.TotalSeconds:0} msg/s ({elapsed.TotalSeconds:0.0} s, {intakePerMessage:0.00} ms CPU/msg) | {load} | {summary} |";
    }
    finally
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

// The same mix as the crash test: new questions, answers to them, strangers and robots.
static async Task FillAsync(DovecotServer dovecot, (string UserName, string Password) user, int count, List<string> people)
{
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
}

static async Task<Guid> CreateMailboxAsync(HttpClient admin, string name, (string UserName, string Password) user, DovecotServer dovecot)
{
    var mailbox = await DeskJson(await admin.PostAsJsonAsync("/api/mailboxes", new
    {
        name,
        address = "support@provider.example",
        imap = new { host = DovecotServer.Host, port = dovecot.ImapPort, security = "start-tls", user = user.UserName, password = user.Password },
    }));
    return mailbox.GetProperty("id").GetGuid();
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

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

static string CpuModel() =>
    File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";

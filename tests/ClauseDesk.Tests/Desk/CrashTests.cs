using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace ClauseDesk.Desk;

/// <summary>
/// SIGKILL the real server while customers open tickets; after a restart on the same database every
/// ticket that was answered 201 is there exactly once, and retries with the same Idempotency-Key
/// create at most one ticket.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Loops = 16;
    private const int AcknowledgedBeforeKill = 100;
    private static readonly TimeSpan MinimumLoad = TimeSpan.FromSeconds(1.5);
    // A ceiling, not a target: on a machine busy with other work the 100 tickets take longer.
    private static readonly TimeSpan MaximumLoad = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(DeskApp.Databases), MemberType = typeof(DeskApp))]
    public async Task Every_acknowledged_ticket_is_there_exactly_once_after_a_SIGKILL_under_load(string kind)
    {
        var connection = DeskApp.NewDatabase(kind);
        var run = Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();

        // First start: the provider admin's token is printed once.
        string adminToken;
        string customerToken;
        var attempts = new ConcurrentBag<Attempt>();
        var acknowledged = new ConcurrentBag<(Attempt Attempt, string Number)>();
        var unexpected = new ConcurrentBag<string>();

        // Customers open tickets on the running server until it is killed.
        async Task LoadThenKillAsync(ServerProcess server, int round)
        {
            using var customer = LoadClient(server.Address, customerToken);
            // Requests go on until the kill has happened, so that some are always in flight when it comes;
            // a request that fails once the kill is under way is the crash's, not the server's.
            var killing = 0;
            var stopped = 0;
            var inFlight = 0;
            var load = Stopwatch.StartNew();
            var loops = Enumerable.Range(0, Loops).Select(loop => Task.Run(async () =>
            {
                for (var i = 0; Volatile.Read(ref stopped) == 0; i++)
                {
                    var attempt = new Attempt($"Crash {run} round {round} loop {loop:00} ticket {i:0000}", $"crash-{run}-{round}-{loop}-{i}");
                    attempts.Add(attempt);
                    Interlocked.Increment(ref inFlight);
                    try
                    {
                        using var response = await SendAsync(customer, attempt);
                        var text = await response.Content.ReadAsStringAsync();
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add((attempt, Number(text)));
                        }
                        else
                        {
                            // A complete answer other than 201 is the server's own failure, not the crash's.
                            unexpected.Add($"{attempt.Subject}: {(int)response.StatusCode} {text}");
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        attempt.Failed = true;
                        if (Volatile.Read(ref killing) == 0)
                        {
                            unexpected.Add($"{attempt.Subject}: failed before the kill: {e.GetType().Name}: {e.Message}");
                        }
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                }
            })).ToList();

            try
            {
                while (load.Elapsed < MaximumLoad && (acknowledged.Count < AcknowledgedBeforeKill || load.Elapsed < MinimumLoad) && unexpected.IsEmpty)
                {
                    await Task.Delay(20);
                }

                unexpected.ShouldBeEmpty($"the load failed before the kill:\n{string.Join('\n', unexpected.Take(10))}");
                acknowledged.Count.ShouldBeGreaterThanOrEqualTo(AcknowledgedBeforeKill, $"only {acknowledged.Count} tickets in {load.Elapsed.TotalSeconds:0.0} s");
            }
            catch
            {
                // Stop the loops before the server goes away with the failure.
                Volatile.Write(ref killing, 1);
                Volatile.Write(ref stopped, 1);
                throw;
            }

            Volatile.Write(ref killing, 1);
            var inFlightAtKill = Volatile.Read(ref inFlight);
            var acknowledgedAtKill = acknowledged.Count;
            server.Kill();
            Volatile.Write(ref stopped, 1);
            server.HasExited.ShouldBeTrue();
            await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"{kind}, round {round}: SIGKILL after {load.Elapsed.TotalSeconds:0.00} s of load with {inFlightAtKill} requests in flight; {acknowledgedAtKill} acknowledged at the kill");
        }

        using (var server = await ServerProcess.StartAsync(connection))
        {
            adminToken = server.AdminToken ?? throw new InvalidOperationException($"the first start printed no API token. Output:\n{server.Output}");
            using var admin = DeskApp.Client(server.Address, adminToken);
            customerToken = await CreateCustomerAsync(admin, server.Address, run);
            output.WriteLine($"{kind}: server pid {server.ProcessId} on {server.Address}, customer ready after {clock.Elapsed.TotalSeconds:0.0} s");

            await LoadThenKillAsync(server, 1);
        }

        // A kill that came while every request in flight had already been answered (their answers still
        // on the way to a client that was slow to read them) interrupted nothing: kill once more.
        for (var round = 2; round <= 3 && !attempts.Any(a => a.Failed); round++)
        {
            using var again = await ServerProcess.StartAsync(connection);
            await LoadThenKillAsync(again, round);
        }

        var failed = attempts.Where(a => a.Failed).ToList();
        output.WriteLine($"{kind}: {attempts.Count} sent, {acknowledged.Count} acknowledged (201), {failed.Count} failed (no answer)");
        unexpected.ShouldBeEmpty($"answers other than 201:\n{string.Join('\n', unexpected.Take(10))}");
        failed.ShouldNotBeEmpty("the kill interrupted no request: the test proved nothing");
        (acknowledged.Count + failed.Count).ShouldBe(attempts.Count, "every request ends acknowledged or failed");

        // Restart on the same database: no first start this time, the admin's token still works.
        using (var server = await ServerProcess.StartAsync(connection))
        {
            server.AdminToken.ShouldBeNull($"the restart created a provider again. Output:\n{server.Output}");
            output.WriteLine($"{kind}: restarted (pid {server.ProcessId}) after {clock.Elapsed.TotalSeconds:0.0} s");
            using var admin = DeskApp.Client(server.Address, adminToken);

            var before = await ListAllAsync(admin);
            AssertSurvived(kind, before, acknowledged, "after the restart");
            var committedUnanswered = failed.Count(f => before.ContainsKey(f.Subject));
            output.WriteLine($"{kind}: {before.Count} tickets after the restart: {acknowledged.Count} acknowledged + {committedUnanswered} committed but never answered");
            (before.Count - acknowledged.Count).ShouldBe(committedUnanswered, "tickets that nobody asked for");

            // The clients retry what failed, with the same key and body: each becomes exactly one ticket.
            using var customer = LoadClient(server.Address, customerToken);
            var replayed = 0;
            var retried = new List<(Attempt Attempt, string Number)>();
            foreach (var attempt in failed)
            {
                using var response = await SendAsync(customer, attempt);
                var text = await response.Content.ReadAsStringAsync();
                response.StatusCode.ShouldBe(HttpStatusCode.Created, $"retry of {attempt.Subject}: {text}");
                var number = Number(text);
                if (before.TryGetValue(attempt.Subject, out var existing))
                {
                    number.ShouldBe(existing.Single(), $"the retry of {attempt.Subject}, committed before the kill, must answer the same ticket");
                    response.Headers.TryGetValues("Idempotent-Replay", out var replay).ShouldBeTrue($"the retry of {attempt.Subject} was not a replay");
                    replay.ShouldBe(["true"]);
                    replayed++;
                }

                retried.Add((attempt, number));
            }

            var after = await ListAllAsync(admin);
            AssertSurvived(kind, after, [.. acknowledged, .. retried], "after the retries");
            after.Count.ShouldBe(acknowledged.Count + failed.Count, "one ticket per request, acknowledged or retried, and no other");
            output.WriteLine($"{kind}: retried {failed.Count} failed requests ({replayed} replayed, {failed.Count - replayed} created); {after.Count} tickets; {clock.Elapsed.TotalSeconds:0.0} s in all");
        }
    }

    /// <summary>Every answered number is there with its subject, once; no number and no subject twice.</summary>
    private static void AssertSurvived(string kind, Dictionary<string, List<string>> bySubject, IReadOnlyCollection<(Attempt Attempt, string Number)> answered, string when)
    {
        var twice = bySubject.Where(s => s.Value.Count > 1).Select(s => $"{s.Key}: {string.Join(", ", s.Value)}").ToList();
        twice.ShouldBeEmpty($"{kind}: subjects with more than one ticket {when}");
        var numbers = bySubject.SelectMany(s => s.Value).ToList();
        numbers.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty($"{kind}: numbers given twice {when}");

        var bySubjectNumber = bySubject.ToDictionary(s => s.Key, s => s.Value.Single());
        var missing = answered
            .Where(a => !bySubjectNumber.TryGetValue(a.Attempt.Subject, out var number) || number != a.Number)
            .Select(a => $"{a.Number} '{a.Attempt.Subject}' (found: {bySubjectNumber.GetValueOrDefault(a.Attempt.Subject) ?? "nothing"})")
            .ToList();
        missing.ShouldBeEmpty($"{kind}: tickets answered 201 that are missing or changed {when}");
        answered.Select(a => a.Number).Distinct().Count().ShouldBe(answered.Count, $"{kind}: one number answered for two requests");
    }

    /// <summary>All tickets through the API, page by page: subject → numbers.</summary>
    private static async Task<Dictionary<string, List<string>>> ListAllAsync(HttpClient admin)
    {
        var tickets = new Dictionary<string, List<string>>();
        var seen = 0;
        for (var page = 1; ; page++)
        {
            var json = await DeskApp.Json(await admin.GetAsync($"/api/tickets?pageSize=200&page={page}"), HttpStatusCode.OK);
            var items = json.GetProperty("items");
            foreach (var item in items.EnumerateArray())
            {
                var subject = item.GetProperty("subject").GetString()!;
                var number = item.GetProperty("number").GetString()!;
                if (!tickets.TryGetValue(subject, out var numbers))
                {
                    tickets[subject] = numbers = [];
                }

                numbers.Add(number);
                seen++;
            }

            var total = json.GetProperty("total").GetInt32();
            if (items.GetArrayLength() == 0 || seen >= total)
            {
                seen.ShouldBe(total, "the pages hold as many tickets as the total says");
                return tickets;
            }
        }
    }

    /// <summary>An organisation on software-support (any customer person may open), a contact person and their session token.</summary>
    private static async Task<string> CreateCustomerAsync(HttpClient admin, Uri address, string run)
    {
        var organisation = await DeskApp.Json(await admin.PostAsJsonAsync("/api/organisations", new { name = $"Crash {run}" }), HttpStatusCode.Created);
        var organisationId = organisation.GetProperty("id").GetGuid();
        await DeskApp.Json(
            await admin.PostAsJsonAsync("/api/contracts", new { organisationId, name = "Software support", slaPreset = "software-support" }),
            HttpStatusCode.Created);
        var email = $"contact.{run}@crash.example.be";
        const string password = "crash-test-password-1";
        await DeskApp.Json(
            await admin.PostAsJsonAsync("/api/people", new { name = "Crash Contact", email, role = "contact-person", organisationId, password }),
            HttpStatusCode.Created);
        using var anonymous = DeskApp.Client(address, null);
        var session = await DeskApp.Json(await anonymous.PostAsJsonAsync("/api/sessions", new { email, password }), HttpStatusCode.Created);
        return session.GetProperty("token").GetString()!;
    }

    private static HttpClient LoadClient(Uri address, string token)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Loops, ConnectTimeout = TimeSpan.FromSeconds(5) };
        var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>POST /api/tickets with the attempt's key and exactly the same body each time (the key is bound to the body's hash).</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Attempt attempt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets")
        {
            Content = new StringContent(attempt.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", attempt.Key);
        return await client.SendAsync(request);
    }

    private static string Number(string ticketJson) =>
        JsonDocument.Parse(ticketJson).RootElement.GetProperty("number").GetString()!;

    private sealed class Attempt(string subject, string key)
    {
        public string Subject { get; } = subject;
        public string Key { get; } = key;
        public string Body { get; } = JsonSerializer.Serialize(new { subject, description = "Opened during the crash test.", urgency = "non-blocking", impact = "some" });
        public bool Failed { get; set; }
    }
}

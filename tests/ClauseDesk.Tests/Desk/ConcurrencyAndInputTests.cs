using System.Net;
using System.Net.Http.Json;
using System.Text;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Desk;

/// <summary>Requests that race, and input that is wrong, on the desk as it runs in production.</summary>
public class ConcurrencyAndInputTests
{
    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Of_many_agents_sending_the_same_etag_at_once_exactly_one_wins(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var agents = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            agents.Add(await desk.CreateAgentAsync($"Agent {i}"));
        }

        var number = (await OpenTicketAsync(customer.ContactClient)).GetProperty("number").GetString()!;
        var etag = (await desk.Admin.GetAsync($"/api/tickets/{number}")).Headers.ETag!.ToString();
        var responses = await Task.WhenAll(agents.Select((a, i) => ActAsync(a, number, "reclassify", new { urgency = i % 2 == 0 ? "blocking" : "non-blocking", impact = "all" }, etag)));
        var codes = responses.Select(r => (int)r.StatusCode).ToList();
        codes.Count(c => c == 200).ShouldBe(1, string.Join(",", codes));
        codes.ShouldAllBe(c => c == 200 || c == 412 || c == 409, string.Join(",", codes));
        var audit = await Json(await desk.Admin.GetAsync($"/api/tickets/{number}/audit"), HttpStatusCode.OK);
        audit.GetProperty("entries").GetArrayLength().ShouldBe(2, "created, and the one change that won");
        audit.GetProperty("chainIntact").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Parallel_password_guesses_are_checked_five_times_at_most(string database)
    {
        await using var desk = await StartAsync(database);
        var organisation = await desk.CreateOrganisationAsync("Anker");
        var person = await desk.CreatePersonAsync(organisation.Id, "contact-person", "An", password: "correct horse battery");
        var anonymous = desk.Anonymous();
        var guesses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => anonymous.PostAsJsonAsync("/api/sessions", new { email = person.Email, password = $"guess {i}" })));
        var codes = guesses.Select(r => (int)r.StatusCode).ToList();
        codes.Count(c => c == 401).ShouldBeLessThanOrEqualTo(5, string.Join(",", codes));
        codes.ShouldAllBe(c => c == 401 || c == 429, string.Join(",", codes));
        (await anonymous.PostAsJsonAsync("/api/sessions", new { email = person.Email, password = "correct horse battery" })).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    public static TheoryData<string, string, string, string> BadRequests => new()
    {
        { "POST", "/api/tickets/{number}/actions/hand-over", """{"line":"two"}""", "line" },
        { "POST", "/api/tickets/{number}/actions/acknowledge", "{bad", "body" },
        { "GET", "/api/tickets?page=abc", "", "page" },
        { "GET", "/api/tickets?dueBefore=yesterday", "", "dueBefore" },
        { "GET", "/api/tickets?breached=maybe", "", "breached" },
        { "POST", "/api/organisations", "[1]", "body" },
        { "POST", "/api/contracts", """{"organisationId":"nope","name":"x","slaPreset":"24x7"}""", "organisationId" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Unreadable_input_is_a_problem_naming_the_field_in_production(string method, string path, string body, string field)
    {
        await using var desk = await StartAsync("sqlite");
        var customer = await desk.CreateCustomerAsync("Anker");
        var number = (await OpenTicketAsync(customer.ContactClient)).GetProperty("number").GetString()!;
        var etag = (await desk.Admin.GetAsync($"/api/tickets/{number}")).Headers.ETag!.ToString();
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{number}", number));
        if (method == "POST")
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        var problem = await Json(await desk.Admin.SendAsync(request), HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(n => n.Contains(field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Out_of_range_values_are_refused_not_crashed_on()
    {
        await using var desk = await StartAsync("sqlite");
        var organisation = await desk.CreateOrganisationAsync("Anker");
        var contract = await desk.Admin.PostAsJsonAsync("/api/contracts", new { organisationId = organisation.Id, name = "x", slaPreset = "public-desk", autoCloseWorkingDays = 2_000_000_000 });
        (await Json(contract, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("autoCloseWorkingDays", out _).ShouldBeTrue();

        var customer = await desk.CreateCustomerAsync("Duvel", "software-support");
        var ancient = await PostTicketAsync(customer.ContactClient, extra: new { subject = "Old", description = "Long ago", urgency = "blocking", impact = "all", occurredAt = "0001-01-01T00:00:00Z" });
        (await Json(ancient, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("occurredAt", out _).ShouldBeTrue();
        (await desk.Admin.GetAsync("/api/tickets?page=99999999&pageSize=200")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Overlong_text_is_refused_alike_on_both_databases(string database)
    {
        await using var desk = await StartAsync(database);
        var organisation = await desk.Admin.PostAsJsonAsync("/api/organisations", new { name = new string('a', 300) });
        (await Json(organisation, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();

        var customer = await desk.CreateCustomerAsync("Anker");
        var agent = await desk.CreateAgentAsync();
        var number = (await OpenTicketAsync(customer.ContactClient)).GetProperty("number").GetString()!;
        var pause = await ActAsync(agent, number, "pause", new { reason = "force-majeure", note = new string('n', 2001) });
        (await Json(pause, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("note", out _).ShouldBeTrue();
        (await Json(await agent.GetAsync($"/api/tickets/{number}"), HttpStatusCode.OK)).GetProperty("pausedFor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }
}

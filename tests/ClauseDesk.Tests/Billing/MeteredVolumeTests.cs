using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClauseDesk.Desk;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Billing;

/// <summary>Metered volume through the API (seed 002 art. 4, SPEC §5, §9): counted once, warned once, raised at once, lowered only in time, overage invoiced once.</summary>
public class MeteredVolumeTests
{
    private static readonly object Provider = new
    {
        name = "Provider A BV",
        street = "Kortrijksesteenweg 1100",
        city = "Gent",
        postcode = "9051",
        country = "BE",
        enterpriseNumber = "BE 0403.170.701",
        vatNumber = "BE0403170701",
        email = "billing@provider.example",
        iban = "BE68 5390 0754 7034",
        bic = "GKCCBEBB",
        paymentTermDays = 30,
    };

    private static readonly object CustomerBilling = new
    {
        name = "Anker NV",
        street = "Kaai 12",
        city = "Antwerpen",
        postcode = "2000",
        country = "BE",
        enterpriseNumber = "0202.239.951",
        vatNumber = "BE0202239951",
        email = "ap@customer.example",
    };

    private static async Task<Customer> ContractWithVolumeAsync(DeskApp desk, int volume, string name = "Anker")
    {
        var customer = await desk.CreateCustomerAsync(name);
        await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{customer.Contract.Id}/term", new { start = "2026-01-01", months = 12, renewal = "switch-off" }), HttpStatusCode.OK);
        var set = await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{customer.Contract.Id}/volume", new { volume, pricePerExtraUnit = 2.50m }), HttpStatusCode.OK);
        set.GetProperty("volume").GetInt32().ShouldBe(volume);
        set.GetProperty("countingState").GetString().ShouldBe("GETEKEND");
        return customer;
    }

    private static Task<HttpResponseMessage> ReportAsync(HttpClient client, Guid contract, string unit, string state = "GETEKEND") =>
        client.PostAsJsonAsync($"/api/contracts/{contract}/usage", new { unitId = unit, state });

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_unit_counts_once_even_retried_or_sent_at_once_and_the_warning_at_85_percent_is_mailed_once(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await ContractWithVolumeAsync(desk, 20);
        var contract = customer.Contract.Id;
        var agent = await desk.CreateAgentAsync();

        // Not yet signed: not counted; signed later: counted.
        (await Json(await ReportAsync(agent, contract, "F-1", "IN VOORBEREIDING"), HttpStatusCode.OK)).GetProperty("outcome").GetString().ShouldBe("not-counting");
        for (var i = 1; i <= 16; i++)
        {
            (await Json(await ReportAsync(agent, contract, $"F-{i}"), HttpStatusCode.OK)).GetProperty("warning").ValueKind.ShouldBe(JsonValueKind.Null);
        }

        (await desk.OutboxAsync()).ShouldNotContain(o => o.Kind == "contract-volume-warning");

        // The 17th of 20 is 85 %: the warning goes to the customer's admins and contact persons.
        var seventeenth = await ReportAsync(agent, contract, "F-17");
        var first = await seventeenth.Content.ReadAsStringAsync();
        seventeenth.StatusCode.ShouldBe(HttpStatusCode.OK, first);
        var warned = JsonDocument.Parse(first).RootElement;
        warned.GetProperty("ordinal").GetInt32().ShouldBe(17);
        warned.GetProperty("warning").GetProperty("working").GetProperty("clause").GetString().ShouldBe("seed 002 art. 4.5");

        // Retried, also in a later state: the same answer, nothing counted.
        var retry = await ReportAsync(agent, contract, "F-17");
        (await retry.Content.ReadAsStringAsync()).ShouldBe(first);
        retry.Headers.GetValues("Idempotent-Replay").ShouldBe(["true"]);
        (await Json(await ReportAsync(desk.Admin, contract, "F-17", "getekend"), HttpStatusCode.OK)).GetProperty("ordinal").GetInt32().ShouldBe(17);

        // Sent at once: ten copies of one unit and ten distinct units.
        var burst = Enumerable.Range(0, 10).Select(_ => ReportAsync(agent, contract, "F-dup"))
            .Concat(Enumerable.Range(0, 10).Select(i => ReportAsync(i % 2 == 0 ? agent : desk.Admin, contract, $"G-{i}")));
        var answers = await Task.WhenAll(burst);
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);
        var dup = await Task.WhenAll(answers.Take(10).Select(a => a.Content.ReadAsStringAsync()));
        dup.Distinct().Count().ShouldBe(1, "every copy answers what the one that counted answered");

        var usage = await Json(await customer.ContactClient.GetAsync($"/api/contracts/{contract}/usage"), HttpStatusCode.OK);
        usage.GetProperty("counted").GetInt32().ShouldBe(28);
        usage.GetProperty("warnsAt").GetInt32().ShouldBe(17);
        usage.GetProperty("warning").GetProperty("count").GetInt32().ShouldBe(17);
        usage.GetProperty("overage").GetProperty("units").GetInt32().ShouldBe(8);
        usage.GetProperty("overage").GetProperty("amount").GetDecimal().ShouldBe(20m);
        usage.GetProperty("overage").GetProperty("yearOver").GetBoolean().ShouldBeFalse();
        var warnings = (await desk.OutboxAsync()).Where(o => o.Kind == "contract-volume-warning").ToList();
        warnings.Count.ShouldBe(1);
        warnings[0].Recipients.ShouldBe(customer.Contact.Email);
        warnings[0].DedupKey.ShouldBe($"contract:{contract:N}:volume-warning/2026-01-01");

        (await ReportAsync(customer.ContactClient, contract, "F-99")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Json(await ReportAsync(agent, contract, "F-99", "ARCHIVED"), HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("state", out _).ShouldBeTrue();
        (await Json(await ReportAsync(agent, contract, " "), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("unitId", out _).ShouldBeTrue();
        var other = await desk.CreateOtherProviderAsync("Provider B");
        (await ReportAsync(other, contract, "F-100")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task The_volume_is_raised_at_once_and_lowered_only_from_a_renewal_asked_a_month_before(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await ContractWithVolumeAsync(desk, 1000);
        var contract = customer.Contract.Id;

        // Today is 2026-11-23; the anniversary is 2027-01-01, so a lowering must be asked by 2026-12-01.
        var raised = await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{contract}/volume", new { volume = 1500 }), HttpStatusCode.OK);
        raised.GetProperty("volume").GetInt32().ShouldBe(1500);
        raised.GetProperty("lowerBy").GetString().ShouldBe("2026-12-01");
        var lowered = await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{contract}/volume", new { volume = 800 }), HttpStatusCode.OK);
        lowered.GetProperty("volume").GetInt32().ShouldBe(1500, "a lowering applies only from the renewal");
        lowered.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("appliesFrom").GetString()))
            .ShouldBe([("set", "2026-01-01"), ("raise", "2026-01-01"), ("lower", "2027-01-01")]);
        (await Json(await desk.Admin.GetAsync($"/api/contracts/{contract}/usage?on=2027-03-01"), HttpStatusCode.OK)).GetProperty("volume").GetInt32().ShouldBe(800);

        // Inside the month before the renewal: refused, naming the renewal and the last day to ask.
        desk.Clock.Set(DateTimeOffset.Parse("2026-12-05T10:00:00+01:00"));
        var late = await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{contract}/volume", new { volume = 500 }), HttpStatusCode.UnprocessableEntity);
        var reason = late.GetProperty("errors").GetProperty("volume")[0].GetString()!;
        reason.ShouldContain("2027-01-01");
        reason.ShouldContain("2026-12-01");
        late.GetProperty("clause").GetString().ShouldBe("seed 002 art. 4.6");
        (await Json(await desk.Admin.GetAsync($"/api/contracts/{contract}/usage?on=2027-03-01"), HttpStatusCode.OK)).GetProperty("volume").GetInt32().ShouldBe(800);

        // Raising still applies at once, and replaces the lowering scheduled.
        (await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{contract}/volume", new { volume = 2000 }), HttpStatusCode.OK)).GetProperty("volume").GetInt32().ShouldBe(2000);
        (await Json(await desk.Admin.GetAsync($"/api/contracts/{contract}/usage?on=2027-03-01"), HttpStatusCode.OK)).GetProperty("volume").GetInt32().ShouldBe(2000);
        var agent = await desk.CreateAgentAsync();
        (await agent.PutAsJsonAsync($"/api/contracts/{contract}/volume", new { volume = 3000 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task The_overage_of_a_finished_contract_year_is_invoiced_once(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await ContractWithVolumeAsync(desk, 10);
        var contract = customer.Contract.Id;
        await Json(await desk.Admin.PutAsJsonAsync("/api/provider/billing", Provider), HttpStatusCode.OK);
        await Json(await desk.Admin.PutAsJsonAsync($"/api/organisations/{customer.Organisation.Id}/billing", CustomerBilling), HttpStatusCode.OK);
        for (var i = 1; i <= 14; i++)
        {
            await Json(await ReportAsync(desk.Admin, contract, $"F-{i}"), HttpStatusCode.OK);
        }

        var early = await Json(await desk.Admin.PostAsync($"/api/contracts/{contract}/usage/1/invoice", null), HttpStatusCode.UnprocessableEntity);
        early.GetProperty("errors").GetProperty("year")[0].GetString()!.ShouldContain("2027-01-01");

        // After the anniversary: 14 − 10 = 4 units × €2.50 = €10.00 excl. VAT, on one invoice.
        desk.Clock.Set(DateTimeOffset.Parse("2027-01-04T09:00:00+01:00"));
        var settled = await Json(await desk.Admin.PostAsync($"/api/contracts/{contract}/usage/1/invoice", null), HttpStatusCode.Created);
        settled.GetProperty("units").GetInt32().ShouldBe(4);
        settled.GetProperty("amount").GetDecimal().ShouldBe(10m);
        settled.GetProperty("issued").GetProperty("taxExclusive").GetDecimal().ShouldBe(10m);
        settled.GetProperty("issued").GetProperty("payable").GetDecimal().ShouldBe(12.10m);
        settled.GetProperty("working").GetProperty("clause").GetString().ShouldBe("seed 002 art. 4.3");
        var number = settled.GetProperty("invoice").GetString()!;

        var again = await desk.Admin.PostAsync($"/api/contracts/{contract}/usage/1/invoice", null);
        (await Json(again, HttpStatusCode.OK)).GetProperty("invoice").GetString().ShouldBe(number);
        again.Headers.GetValues("Idempotent-Replay").ShouldBe(["true"]);
        (await Json(await desk.Admin.GetAsync("/api/invoices"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(1);
        (await Json(await desk.Admin.GetAsync($"/api/contracts/{contract}/usage?on=2026-06-01"), HttpStatusCode.OK)).GetProperty("overage").GetProperty("invoice").GetString().ShouldBe(number);
        (await Json(await desk.Admin.PostAsync($"/api/contracts/{contract}/usage/2/invoice", null), HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("year", out _).ShouldBeTrue();
        (await customer.ContactClient.PostAsync($"/api/contracts/{contract}/usage/1/invoice", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static Task<int> SweepAsync(DeskApp desk, string holder) =>
        OverageSweep.RunOnceAsync(desk.Services, desk.Clock.GetUtcNow(), holder, CancellationToken.None);

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task At_the_anniversary_the_sweep_invoices_the_overage_once_whatever_runs_at_the_same_time(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await ContractWithVolumeAsync(desk, 10);
        var contract = customer.Contract.Id;
        await Json(await desk.Admin.PutAsJsonAsync("/api/provider/billing", Provider), HttpStatusCode.OK);
        await Json(await desk.Admin.PutAsJsonAsync($"/api/organisations/{customer.Organisation.Id}/billing", CustomerBilling), HttpStatusCode.OK);
        // A second contract stays within its volume: nothing to invoice for it.
        var within = await ContractWithVolumeAsync(desk, 10, "Beton");
        await Json(await ReportAsync(desk.Admin, within.Contract.Id, "W-1"), HttpStatusCode.OK);
        for (var i = 1; i <= 14; i++)
        {
            await Json(await ReportAsync(desk.Admin, contract, $"F-{i}"), HttpStatusCode.OK);
        }

        // The last evening of the contract year in Brussels (already 2027 nowhere that matters): nothing yet.
        desk.Clock.Set(DateTimeOffset.Parse("2026-12-31T23:30:00+01:00"));
        (await SweepAsync(desk, "server-1")).ShouldBe(0);
        (await Json(await desk.Admin.GetAsync("/api/invoices"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);

        // The anniversary: two servers' sweeps and a provider admin's request at the same moment.
        desk.Clock.Set(DateTimeOffset.Parse("2027-01-01T00:30:00+01:00"));
        var sweeps = new[] { SweepAsync(desk, "server-1"), SweepAsync(desk, "server-2") };
        var request = desk.Admin.PostAsync($"/api/contracts/{contract}/usage/1/invoice", null);
        var issuedBySweeps = (await Task.WhenAll(sweeps)).Sum();
        var answer = await request;
        answer.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
        (issuedBySweeps + (answer.StatusCode == HttpStatusCode.Created ? 1 : 0)).ShouldBe(1, "one invoice, by whoever came first");

        var invoices = await Json(await desk.Admin.GetAsync("/api/invoices"), HttpStatusCode.OK);
        var invoice = invoices.EnumerateArray().ShouldHaveSingleItem();
        invoice.GetProperty("taxExclusive").GetDecimal().ShouldBe(10m, "14 − 10 = 4 units × €2.50");
        var number = invoice.GetProperty("number").GetString()!;
        (await Json(answer, answer.StatusCode)).GetProperty("invoice").GetString().ShouldBe(number);
        var usage = await Json(await desk.Admin.GetAsync($"/api/contracts/{contract}/usage?on=2026-06-01"), HttpStatusCode.OK);
        usage.GetProperty("overage").GetProperty("invoice").GetString().ShouldBe(number);
        usage.GetProperty("overage").GetProperty("working").GetProperty("clause").GetString().ShouldBe("seed 002 art. 4.3");

        // Restarted, or the lease passed to the other server hours later: nothing more is issued.
        desk.Clock.Set(DateTimeOffset.Parse("2027-01-01T04:00:00+01:00"));
        (await SweepAsync(desk, "server-2")).ShouldBe(0);
        (await SweepAsync(desk, "server-3")).ShouldBe(0, "server-2 holds the lease");
        var replay = await desk.Admin.PostAsync($"/api/contracts/{contract}/usage/1/invoice", null);
        (await Json(replay, HttpStatusCode.OK)).GetProperty("invoice").GetString().ShouldBe(number);
        replay.Headers.GetValues("Idempotent-Replay").ShouldBe(["true"]);
        (await Json(await desk.Admin.GetAsync("/api/invoices"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(1);

        // A unit reported late into the settled year would never be invoiced: refused, naming the day and the invoice.
        var late = await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{contract}/usage", new { unitId = "F-late", state = "GETEKEND", on = "2026-12-31" }), HttpStatusCode.UnprocessableEntity);
        late.GetProperty("errors").GetProperty("on")[0].GetString()!.ShouldContain(number);
        (await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{contract}/usage", new { unitId = "F-late", state = "IN VOORBEREIDING", on = "2026-12-31" }), HttpStatusCode.OK))
            .GetProperty("outcome").GetString().ShouldBe("not-counting", "a state that does not count changes nothing, settled or not");
        // A unit already counted still answers what it answered.
        (await Json(await ReportAsync(desk.Admin, contract, "F-3"), HttpStatusCode.OK)).GetProperty("ordinal").GetInt32().ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task The_sweep_waits_for_the_invoicing_details_and_then_invoices_the_year_once(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await ContractWithVolumeAsync(desk, 10);
        var contract = customer.Contract.Id;
        for (var i = 1; i <= 11; i++)
        {
            await Json(await ReportAsync(desk.Admin, contract, $"F-{i}"), HttpStatusCode.OK);
        }

        desk.Clock.Set(DateTimeOffset.Parse("2027-01-05T09:00:00+01:00"));
        (await SweepAsync(desk, "server-1")).ShouldBe(0, "no invoicing details yet");
        await Json(await desk.Admin.PutAsJsonAsync("/api/provider/billing", Provider), HttpStatusCode.OK);
        await Json(await desk.Admin.PutAsJsonAsync($"/api/organisations/{customer.Organisation.Id}/billing", CustomerBilling), HttpStatusCode.OK);
        (await SweepAsync(desk, "server-1")).ShouldBe(1);
        (await SweepAsync(desk, "server-1")).ShouldBe(0);
        var invoice = (await Json(await desk.Admin.GetAsync("/api/invoices"), HttpStatusCode.OK)).EnumerateArray().ShouldHaveSingleItem();
        invoice.GetProperty("taxExclusive").GetDecimal().ShouldBe(2.50m);
        invoice.GetProperty("issueDate").GetString().ShouldBe("2027-01-05");
        invoice.GetProperty("lines")[0].GetProperty("description").GetString()!.ShouldContain("seed 002 art. 4.3");
    }

    [Fact]
    public async Task The_billing_endpoints_are_in_the_api_document_with_their_summaries()
    {
        await using var desk = await StartAsync("sqlite");
        var paths = (await Json(await desk.Anonymous().GetAsync("/openapi/v1.json"), HttpStatusCode.OK)).GetProperty("paths");
        foreach (var (path, method) in new[]
        {
            ("/api/contracts/{id}/rates", "put"), ("/api/contracts/{id}/rates", "get"), ("/api/tickets/{number}/time", "post"), ("/api/tickets/{number}/time", "get"),
            ("/api/contracts/{id}/credits", "post"), ("/api/contracts/{id}/credits", "get"), ("/api/contracts/{id}/volume", "put"), ("/api/contracts/{id}/usage", "get"),
            ("/api/contracts/{id}/usage", "post"), ("/api/contracts/{id}/usage/{year}/invoice", "post"),
        })
        {
            paths.GetProperty(path).GetProperty(method).GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace($"{method} {path}");
        }

        // The summaries name the values the parsers take, and the CSV import documents its body.
        paths.GetProperty("/api/contracts/{id}/term").GetProperty("put").GetProperty("summary").GetString()!.ShouldContain("(anniversary, first-of-january)");
        paths.GetProperty("/api/index-series/{name}").GetProperty("put").GetProperty("requestBody").GetProperty("content").TryGetProperty("text/csv", out _).ShouldBeTrue();
        paths.GetProperty("/api/contracts/{id}/fee").GetProperty("put").GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
        paths.GetProperty("/api/contracts/{id}/fee").GetProperty("get").GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
    }
}

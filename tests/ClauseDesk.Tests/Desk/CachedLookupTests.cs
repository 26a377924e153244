using System.Net;
using System.Net.Http.Json;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Desk;

/// <summary>
/// The server keeps tokens, people, contracts and maintenance windows in memory between requests;
/// every change to them must count from the next request on — made over the API, or written straight
/// into the database as another server sharing it would.
/// </summary>
public class CachedLookupTests
{
    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_person_deactivated_in_the_database_by_another_server_is_refused_on_the_next_request(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        await OpenTicketAsync(customer.ContactClient);
        await OpenTicketAsync(customer.ContactClient);

        await desk.TamperAsync($"UPDATE people SET active = {False(database)} WHERE name = 'Anker Contact'");

        (await PostTicketAsync(customer.ContactClient)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await customer.UserClient.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.OK, "only that person is refused");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_token_revoked_in_the_database_by_another_server_is_refused_on_the_next_request(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var token = await Json(await customer.ContactClient.PostAsJsonAsync("/api/tokens", new { name = "script" }), HttpStatusCode.Created);
        var script = Client(desk.Address, token.GetProperty("token").GetString());
        await OpenTicketAsync(script);
        await OpenTicketAsync(script);

        await desk.TamperAsync($"UPDATE api_tokens SET revoked_at = {Timestamp(database)} WHERE name = 'script'");

        (await PostTicketAsync(script)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostTicketAsync(customer.ContactClient)).StatusCode.ShouldBe(HttpStatusCode.Created, "the person's other token still works");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_requester_or_contract_ended_in_the_database_takes_no_more_tickets(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var agent = await desk.CreateAgentAsync();
        var forContact = new { subject = "Phone call", description = "Mail is down.", urgency = "blocking", impact = "some", requesterId = customer.Contact.Id };
        await OpenTicketAsync(agent, extra: forContact);

        await desk.TamperAsync($"UPDATE people SET active = {False(database)} WHERE name = 'Anker Contact'");
        var refused = await Json(await PostTicketAsync(agent, extra: forContact), HttpStatusCode.NotFound);
        refused.GetProperty("errors").TryGetProperty("requesterId", out _).ShouldBeTrue();

        var forUser = new { subject = "Phone call", description = "Mail is down.", urgency = "blocking", impact = "some", requesterId = customer.User.Id, contractId = customer.Contract.Id };
        await desk.TamperAsync($"UPDATE contracts SET only_contact_persons_may_open = {False(database)}");
        await OpenTicketAsync(agent, extra: forUser);
        await desk.TamperAsync($"UPDATE contracts SET active = {False(database)}");
        var ended = await Json(await PostTicketAsync(agent, extra: forUser), HttpStatusCode.NotFound);
        ended.GetProperty("errors").TryGetProperty("contractId", out _).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_maintenance_window_announced_over_the_api_counts_for_the_next_ticket(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        // Type 4, P1: reaction within 2 business hours from Monday 10:00 → due 12:00.
        (await OpenTicketAsync(customer.ContactClient, "blocking", "all")).GetProperty("nextDueAt").GetString().ShouldBe("2026-11-23T12:00:00+01:00");

        await Json(await desk.Admin.PostAsJsonAsync("/api/maintenance", new
        {
            kind = "critical",
            title = "Database upgrade",
            services = "ERP",
            description = "Short outage.",
            start = "2026-11-23T10:30:00+01:00",
            end = "2026-11-23T11:30:00+01:00",
            organisationIds = new[] { customer.Organisation.Id },
        }), HttpStatusCode.Created);

        (await OpenTicketAsync(customer.ContactClient, "blocking", "all")).GetProperty("nextDueAt").GetString().ShouldBe("2026-11-23T13:00:00+01:00");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_contract_moved_to_another_sla_preset_opens_the_next_ticket_on_it(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var before = (await OpenTicketAsync(customer.ContactClient, "blocking", "all")).GetProperty("sla").GetProperty("reaction").GetProperty("working").GetProperty("clause").GetString();

        await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{customer.Contract.Id}/sla", new { slaPreset = "software-support" }), HttpStatusCode.OK);

        var after = (await OpenTicketAsync(customer.ContactClient, "blocking", "all")).GetProperty("sla").GetProperty("reaction").GetProperty("working").GetProperty("clause").GetString();
        after.ShouldNotBe(before);
        var fresh = await StartAsync(database);
        await using (fresh)
        {
            var other = await fresh.CreateCustomerAsync("Anker", "software-support");
            after.ShouldBe((await OpenTicketAsync(other.ContactClient, "blocking", "all")).GetProperty("sla").GetProperty("reaction").GetProperty("working").GetProperty("clause").GetString());
        }
    }

    private static string False(string database) => database == "sqlite" ? "0" : "false";

    // SQLite keeps instants as UTC ticks.
    private static string Timestamp(string database) => database == "sqlite"
        ? new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : "'2026-11-01T00:00:00Z'";
}

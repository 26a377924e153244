using System.Net;
using System.Net.Http.Json;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Desk;

public class DemoTests
{
    [Fact]
    public async Task The_demo_has_a_customer_on_every_preset_and_tickets_in_every_state()
    {
        await using var desk = await StartAsync("sqlite");
        var people = await desk.LoadDemoAsync();
        people.ShouldNotBeEmpty();
        (await desk.LoadDemoAsync()).ShouldBeEmpty("the demo loads once");

        var contracts = await Json(await desk.Admin.GetAsync("/api/contracts"), HttpStatusCode.OK);
        contracts.EnumerateArray().Select(c => c.GetProperty("slaPreset").GetString()).Distinct().Count().ShouldBe(Sla.SlaPolicy.PresetNames.Count);

        var page = await Json(await desk.Admin.GetAsync("/api/tickets?pageSize=200"), HttpStatusCode.OK);
        var statuses = page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("status").GetString()).Distinct().ToList();
        statuses.Count.ShouldBe(Enum.GetValues<Tickets.TicketStatus>().Length);

        // Demo people sign in with the printed password, and new tickets continue the numbering.
        var contact = people.First(p => p.Contains("contact-person", StringComparison.Ordinal)).Split(' ')[0];
        var session = await Json(await desk.Anonymous().PostAsJsonAsync("/api/sessions", new { email = contact, password = DemoData.Password }), HttpStatusCode.Created);
        var client = Client(desk.Address, session.GetProperty("token").GetString());
        var ticket = await OpenTicketAsync(client);
        ticket.GetProperty("number").GetString().ShouldBe($"CD-2026-{(page.GetProperty("total").GetInt32() + 1):000000}");
    }
}

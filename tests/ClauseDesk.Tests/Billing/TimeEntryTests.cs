using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClauseDesk.Desk;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Billing;

/// <summary>Time on tickets through the API (SPEC §5, §9): both surcharge readings, the on-site minimum, and support credits per started quarter hour.</summary>
public class TimeEntryTests
{
    private static async Task<(Customer Customer, string Ticket, HttpClient Agent)> PrepareAsync(DeskApp desk, object rates)
    {
        var customer = await desk.CreateCustomerAsync("Anker");
        await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{customer.Contract.Id}/rates", rates), HttpStatusCode.OK);
        var ticket = (await OpenTicketAsync(customer.ContactClient)).GetProperty("number").GetString()!;
        return (customer, ticket, await desk.CreateAgentAsync());
    }

    private static async Task<JsonElement> RecordAsync(HttpClient client, string ticket, object entry) =>
        await Json(await client.PostAsJsonAsync($"/api/tickets/{ticket}/time", entry), HttpStatusCode.Created);

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Evening_and_Saturday_work_is_priced_in_both_readings_and_each_line_names_its_reading(string database)
    {
        await using var desk = await StartAsync(database);
        var (customer, ticket, agent) = await PrepareAsync(desk, new { hourlyRate = 90m, surcharges = "seed-001", reading = "on-top-of-rate" });
        var rates = await Json(await customer.ContactClient.GetAsync($"/api/contracts/{customer.Contract.Id}/rates"), HttpStatusCode.OK);
        rates.GetProperty("percentOfRate").GetProperty("outside-working-hours").GetDecimal().ShouldBe(250m);
        rates.GetProperty("workingHours").GetString()!.ShouldContain("08:45–17:00");

        // SPEC §9: Fri 2026-11-27 16:00–19:00 at €90, working hours Mon–Fri 08:45–17:00.
        var evening = await RecordAsync(agent, ticket, new { start = "2026-11-27T16:00:00+01:00", end = "2026-11-27T19:00:00+01:00", place = "remote", note = "Mail server restore" });
        evening.GetProperty("total").GetDecimal().ShouldBe(540m);
        evening.GetProperty("payment").GetString().ShouldBe("hourly");
        var lines = evening.GetProperty("lines").EnumerateArray().ToList();
        lines.Select(l => (l.GetProperty("category").GetString(), l.GetProperty("billedMinutes").GetInt64(), l.GetProperty("amount").GetDecimal()))
            .ShouldBe([("working-hours", 60L, 90m), ("outside-working-hours", 120L, 450m)]);
        lines.ShouldAllBe(l => l.GetProperty("working").GetProperty("reading").GetString()!.StartsWith("seed 001 reading", StringComparison.Ordinal));
        lines[1].GetProperty("working").GetProperty("steps").EnumerateArray().Last().GetString()!.ShouldContain("+150 % on top = 250 %");
        var saturday = await RecordAsync(agent, ticket, new { start = "2026-11-28T10:00:00+01:00", minutes = 120 });
        saturday.GetProperty("total").GetDecimal().ShouldBe(540m);

        // The same table read as a share of the rate (seed 004's wording): €360 and €360.
        await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{customer.Contract.Id}/rates", new { hourlyRate = 90m, surcharges = "seed-001", reading = "of-rate" }), HttpStatusCode.OK);
        var eveningOfRate = await RecordAsync(agent, ticket, new { start = "2026-11-27T16:00:00+01:00", end = "2026-11-27T19:00:00+01:00" });
        eveningOfRate.GetProperty("total").GetDecimal().ShouldBe(360m);
        eveningOfRate.GetProperty("lines")[1].GetProperty("working").GetProperty("reading").GetString()!.ShouldStartWith("seed 004 reading");
        (await RecordAsync(agent, ticket, new { start = "2026-11-28T10:00:00+01:00", minutes = 120 })).GetProperty("total").GetDecimal().ShouldBe(360m);

        // Seed 004's own preset prices Saturdays at 150 % of the rate, Sundays at 200 %.
        await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{customer.Contract.Id}/rates", new { hourlyRate = 90m, surcharges = "seed-004" }), HttpStatusCode.OK);
        (await RecordAsync(desk.Admin, ticket, new { start = "2026-11-28T10:00:00+01:00", minutes = 120 })).GetProperty("total").GetDecimal().ShouldBe(270m);
        (await RecordAsync(desk.Admin, ticket, new { start = "2026-11-29T22:00:00+01:00", minutes = 60 })).GetProperty("total").GetDecimal().ShouldBe(180m);

        // Entries keep the price they were recorded with; the customer sees them, with their working.
        var all = await Json(await customer.ContactClient.GetAsync($"/api/tickets/{ticket}/time"), HttpStatusCode.OK);
        all.EnumerateArray().Select(e => e.GetProperty("total").GetDecimal()).ShouldBe([540m, 360m, 540m, 360m, 270m, 180m]);
        all[0].GetProperty("note").GetString().ShouldBe("Mail server restore");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task On_site_work_in_office_hours_is_charged_at_least_four_hours_plus_travel(string database)
    {
        await using var desk = await StartAsync(database);
        var (customer, ticket, agent) = await PrepareAsync(desk, new { hourlyRate = 90m, surcharges = "seed-004" });

        // SPEC §9: 1 h 30 on site in office hours is billed as 4 h; 40 km at €0.65.
        var visit = await RecordAsync(agent, ticket, new { start = "2026-11-23T10:00:00+01:00", minutes = 90, place = "on-site", travelKm = 40m });
        visit.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("kind").GetString(), l.GetProperty("billedMinutes").GetInt64(), l.GetProperty("amount").GetDecimal()))
            .ShouldBe([("work", 90L, 135m), ("on-site-minimum", 150L, 225m), ("travel", 0L, 26m)]);
        visit.GetProperty("total").GetDecimal().ShouldBe(386m);
        visit.GetProperty("lines")[1].GetProperty("working").GetProperty("clause").GetString()!.ShouldContain("seed 004 §4.4");

        // Remote work has no minimum; travel is only for work on site.
        (await RecordAsync(agent, ticket, new { start = "2026-11-23T14:00:00+01:00", minutes = 20 })).GetProperty("total").GetDecimal().ShouldBe(45m, "20 min charged per started quarter hour: 30 min");
        var travel = await Json(await agent.PostAsJsonAsync($"/api/tickets/{ticket}/time", new { start = "2026-11-23T14:00:00+01:00", minutes = 20, travelKm = 10m }), HttpStatusCode.UnprocessableEntity);
        travel.GetProperty("errors").TryGetProperty("travelKm", out _).ShouldBeTrue();
        var both = await Json(await agent.PostAsJsonAsync($"/api/tickets/{ticket}/time", new { start = "2026-11-23T14:00:00+01:00", end = "2026-11-23T15:00:00+01:00", minutes = 60 }), HttpStatusCode.BadRequest);
        both.GetProperty("errors").TryGetProperty("minutes", out _).ShouldBeTrue();
        var backwards = await Json(await agent.PostAsJsonAsync($"/api/tickets/{ticket}/time", new { start = "2026-11-23T14:00:00+01:00", end = "2026-11-23T13:00:00+01:00" }), HttpStatusCode.UnprocessableEntity);
        backwards.GetProperty("errors").TryGetProperty("end", out _).ShouldBeTrue();
        (await Json(await agent.PostAsJsonAsync($"/api/tickets/{ticket}/time", new { start = "2026-11-23T14:00:30+01:00", minutes = 5 }), HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("start", out _).ShouldBeTrue();

        // Customers do not record time; a customer user who may not see the ticket does not see its time either.
        (await customer.ContactClient.PostAsJsonAsync($"/api/tickets/{ticket}/time", new { start = "2026-11-23T14:00:00+01:00", minutes = 20 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await customer.UserClient.GetAsync($"/api/tickets/{ticket}/time")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var other = await desk.CreateOtherProviderAsync("Provider B");
        (await other.PostAsJsonAsync($"/api/tickets/{ticket}/time", new { start = "2026-11-23T14:00:00+01:00", minutes = 20 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Json(await customer.ContactClient.GetAsync($"/api/tickets/{ticket}/time"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Remote_time_paid_from_credits_uses_every_started_quarter_hour_and_overage_beyond_the_balance(string database)
    {
        await using var desk = await StartAsync(database);
        var (customer, ticket, agent) = await PrepareAsync(desk, new { hourlyRate = 100m, surcharges = "seed-004", paysFromCredits = true });
        var contract = customer.Contract.Id;
        (await desk.Admin.PostAsJsonAsync($"/api/contracts/{contract}/credits", new { quarterHours = 0 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await agent.PostAsJsonAsync($"/api/contracts/{contract}/credits", new { quarterHours = 8 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bought = await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{contract}/credits", new { quarterHours = 8, reference = "PO-77" }), HttpStatusCode.Created);
        bought.GetProperty("balance").GetInt32().ShouldBe(8);
        bought.GetProperty("history")[0].GetProperty("amount").GetDecimal().ShouldBe(160m);

        // SPEC §9: 50 min → 4 quarter hours (€80); 16 min → 2; 15 min → 1.
        var call = await RecordAsync(agent, ticket, new { start = "2026-11-23T10:00:00+01:00", minutes = 50 });
        call.GetProperty("payment").GetString().ShouldBe("credits");
        call.GetProperty("lines").GetArrayLength().ShouldBe(0);
        call.GetProperty("credits")[0].GetProperty("quarterHours").GetInt32().ShouldBe(4);
        call.GetProperty("credits")[0].GetProperty("amount").GetDecimal().ShouldBe(80m);
        call.GetProperty("credits")[0].GetProperty("working").GetProperty("steps")[0].GetString()!.ShouldContain("every started quarter hour");
        (await RecordAsync(agent, ticket, new { start = "2026-11-23T11:00:00+01:00", minutes = 16 })).GetProperty("credits")[0].GetProperty("quarterHours").GetInt32().ShouldBe(2);
        (await RecordAsync(agent, ticket, new { start = "2026-11-23T12:00:00+01:00", minutes = 15 })).GetProperty("credits")[0].GetProperty("quarterHours").GetInt32().ShouldBe(1);

        // One left: a 31-minute call uses it, and the 2 quarter hours it lacks are recorded as overage to invoice.
        var beyond = await RecordAsync(agent, ticket, new { start = "2026-11-23T13:00:00+01:00", minutes = 31 });
        beyond.GetProperty("credits").EnumerateArray().Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("quarterHours").GetInt32(), c.GetProperty("amount").GetDecimal()))
            .ShouldBe([("consumption", 1, 20m), ("overage", 2, 40m)]);

        // Work on site is billed by the hour even under credits (seed 002 art. 13.1).
        var visit = await RecordAsync(agent, ticket, new { start = "2026-11-24T09:00:00+01:00", minutes = 240, place = "on-site" });
        visit.GetProperty("payment").GetString().ShouldBe("hourly");
        visit.GetProperty("total").GetDecimal().ShouldBe(400m);

        var credits = await Json(await customer.ContactClient.GetAsync($"/api/contracts/{contract}/credits"), HttpStatusCode.OK);
        credits.GetProperty("balance").GetInt32().ShouldBe(0);
        credits.GetProperty("overageToInvoice").GetDecimal().ShouldBe(40m);
        credits.GetProperty("history").EnumerateArray().Select(l => l.GetProperty("balanceAfter").GetInt32()).ShouldBe([8, 4, 2, 1, 0, 0]);
        (await customer.UserClient.GetAsync($"/api/contracts/{contract}/credits")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // A provider who gives no support without credits: refused, naming the credits, and nothing recorded.
        await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{contract}/rates", new { hourlyRate = 100m, surcharges = "seed-004", paysFromCredits = true, beyondCredits = "refuse" }), HttpStatusCode.OK);
        var refused = await Json(await agent.PostAsJsonAsync($"/api/tickets/{ticket}/time", new { start = "2026-11-24T14:00:00+01:00", minutes = 15 }), HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("errors").GetProperty("credits")[0].GetString()!.ShouldContain("buy credits first");
        (await Json(await agent.GetAsync($"/api/tickets/{ticket}/time"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(5);
        (await Json(await agent.GetAsync($"/api/contracts/{contract}/credits"), HttpStatusCode.OK)).GetProperty("history").GetArrayLength().ShouldBe(6);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Support_beyond_the_credits_is_extra_work_at_the_hourly_rate_and_is_invoiced_once(string database)
    {
        await using var desk = await StartAsync(database);
        var (customer, ticket, agent) = await PrepareAsync(desk, new { hourlyRate = 90m, surcharges = "seed-001", paysFromCredits = true, beyondCredits = "extra-work" });
        var contract = customer.Contract.Id;
        await desk.SetUpBillingAsync(customer.Organisation.Id, "Anker NV");
        await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{contract}/credits", new { quarterHours = 4, reference = "PO-78" }), HttpStatusCode.Created);

        // 100 min = 7 started quarter hours: the 4 bought, then 3 beyond the package at €90 an hour (seed 001 art. 24.4).
        var call = await RecordAsync(agent, ticket, new { start = "2026-11-23T10:00:00+01:00", minutes = 100 });
        call.GetProperty("credits").EnumerateArray().Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("quarterHours").GetInt32(), c.GetProperty("amount").GetDecimal()))
            .ShouldBe([("consumption", 4, 80m), ("overage", 3, 67.50m)]);
        var working = call.GetProperty("credits")[1].GetProperty("working");
        working.GetProperty("clause").GetString().ShouldBe("seed 002 art. 4.7; seed 001 art. 24.4, art. 8.1");
        working.GetProperty("inputs").GetProperty("hourly rate excl. VAT").GetString().ShouldBe("€90.00");
        (await Json(await desk.Admin.GetAsync($"/api/contracts/{contract}/credits"), HttpStatusCode.OK)).GetProperty("overageToInvoice").GetDecimal().ShouldBe(67.50m);

        (await customer.ContactClient.PostAsync($"/api/contracts/{contract}/credits/invoice", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var invoice = await Json(await desk.Admin.PostAsync($"/api/contracts/{contract}/credits/invoice", null), HttpStatusCode.Created);
        invoice.GetProperty("taxExclusive").GetDecimal().ShouldBe(67.50m);
        invoice.GetProperty("lines").EnumerateArray().ShouldHaveSingleItem().GetProperty("description").GetString()!.ShouldContain("seed 001 art. 24.4");
        var number = invoice.GetProperty("number").GetString()!;

        // Invoiced once: nothing is left, and the ledger line names its invoice.
        (await Json(await desk.Admin.PostAsync($"/api/contracts/{contract}/credits/invoice", null), HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("credits", out _).ShouldBeTrue();
        var credits = await Json(await desk.Admin.GetAsync($"/api/contracts/{contract}/credits"), HttpStatusCode.OK);
        credits.GetProperty("overageToInvoice").GetDecimal().ShouldBe(0m);
        credits.GetProperty("history").EnumerateArray().Last().GetProperty("invoice").GetString().ShouldBe(number);

        // Under seed 002's credit price the rest costs €20 a quarter hour; the next invoice holds only the new line.
        await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{contract}/rates", new { hourlyRate = 90m, surcharges = "seed-001", paysFromCredits = true, beyondCredits = "overage" }), HttpStatusCode.OK);
        (await RecordAsync(agent, ticket, new { start = "2026-11-23T14:00:00+01:00", minutes = 20 })).GetProperty("credits").EnumerateArray().ShouldHaveSingleItem().GetProperty("amount").GetDecimal().ShouldBe(40m);
        (await Json(await desk.Admin.PostAsync($"/api/contracts/{contract}/credits/invoice", null), HttpStatusCode.Created)).GetProperty("taxExclusive").GetDecimal().ShouldBe(40m);
        (await Json(await desk.Admin.GetAsync("/api/invoices"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(2);
    }
}

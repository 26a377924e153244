using System.Net;
using System.Net.Http.Json;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Desk;

/// <summary>A ticket's life through the API: actions, concurrency, messages, the SLA and the audit.</summary>
public class TicketLifecycleTests
{
    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Acknowledge_workaround_resolve_and_the_customer_accepts(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var agent = await desk.CreateAgentAsync();
        var number = (await OpenTicketAsync(customer.ContactClient, "blocking", "all")).GetProperty("number").GetString()!;

        desk.Clock.Advance(TimeSpan.FromMinutes(30));
        var acknowledged = await Json(await ActAsync(agent, number, "acknowledge"), HttpStatusCode.OK);
        acknowledged.GetProperty("status").GetString().ShouldBe("acknowledged");
        acknowledged.GetProperty("sla").GetProperty("reaction").GetProperty("state").GetString().ShouldBe("met");
        acknowledged.GetProperty("sla").GetProperty("resolution").GetProperty("due").GetString().ShouldBe("2026-11-24T10:30:00+01:00");

        desk.Clock.Advance(TimeSpan.FromHours(2));
        var worked = await Json(await ActAsync(agent, number, "workaround", new { note = "mail rerouted" }), HttpStatusCode.OK);
        worked.GetProperty("priority").GetString().ShouldBe("P3");
        worked.GetProperty("sla").GetProperty("resolution").GetProperty("state").GetString().ShouldBe("met");

        // Closing needs the customer's acceptance (seed 004 §6).
        var closed = await ActAsync(agent, number, "close");
        (await Json(closed, HttpStatusCode.UnprocessableEntity)).GetProperty("clause").GetString().ShouldBe("seed 004 §6");
        (await ActAsync(agent, number, "resolve", new { closingReason = "fixed" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ActAsync(agent, number, "accept")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var accepted = await Json(await ActAsync(customer.ContactClient, number, "accept"), HttpStatusCode.OK);
        accepted.GetProperty("status").GetString().ShouldBe("closed");
        accepted.GetProperty("closingReason").GetString().ShouldBe("fixed");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Two_agents_never_overwrite_each_other(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var eva = await desk.CreateAgentAsync("Eva");
        var tom = await desk.CreateAgentAsync("Tom");
        var number = (await OpenTicketAsync(customer.ContactClient)).GetProperty("number").GetString()!;

        var seen = (await eva.GetAsync($"/api/tickets/{number}")).Headers.ETag!.ToString();
        (await ActAsync(tom, number, "acknowledge")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stale = await ActAsync(eva, number, "reclassify", new { urgency = "blocking", impact = "all" }, seen);
        (await Json(stale, HttpStatusCode.PreconditionFailed)).GetProperty("errors").TryGetProperty("If-Match", out _).ShouldBeTrue();

        using var noMatch = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{number}/actions/start") { Content = JsonContent.Create(new { }) };
        (await eva.SendAsync(noMatch)).StatusCode.ShouldBe((HttpStatusCode)428);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_question_pauses_the_clock_and_the_customers_reply_resumes_it(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker", "software-support");
        var agent = await desk.CreateAgentAsync();
        var number = (await OpenTicketAsync(customer.UserClient, "blocking", "all")).GetProperty("number").GetString()!;
        await ActAsync(agent, number, "acknowledge");

        var asked = await Json(await ActAsync(agent, number, "ask-customer", new { question = "Which mailbox?" }), HttpStatusCode.OK);
        asked.GetProperty("status").GetString().ShouldBe("waiting-on-customer");
        asked.GetProperty("pausedFor").GetString().ShouldBe("awaiting-customer");
        // Seed 004 §6: closed after 10 working days without a reply; Monday 10:00 + 10 working days.
        asked.GetProperty("sla").GetProperty("autoClosesAt").GetString().ShouldBe("2026-12-07T10:00:00+01:00");

        desk.Clock.Advance(TimeSpan.FromHours(1));
        (await customer.UserClient.PostAsJsonAsync($"/api/tickets/{number}/messages", new { body = "The sales mailbox." })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var after = await Json(await customer.UserClient.GetAsync($"/api/tickets/{number}"), HttpStatusCode.OK);
        after.GetProperty("status").GetString().ShouldBe("in-progress");
        after.GetProperty("pausedFor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Internal_notes_are_never_shown_to_customers(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var agent = await desk.CreateAgentAsync();
        var number = (await OpenTicketAsync(customer.ContactClient)).GetProperty("number").GetString()!;
        (await agent.PostAsJsonAsync($"/api/tickets/{number}/messages", new { body = "Customer is difficult", @internal = true })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await agent.PostAsJsonAsync($"/api/tickets/{number}/messages", new { body = "We are on it" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await agent.PostAsJsonAsync($"/api/tickets/{number}/messages", new { body = "Still on it" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var replies = (await desk.OutboxAsync()).Where(o => o.Kind == "reply").ToList();
        replies.Count.ShouldBe(2, "one notice per public reply, none for the internal note");
        replies.ShouldAllBe(o => o.Recipients == customer.Contact.Email);

        var forCustomer = await Json(await customer.ContactClient.GetAsync($"/api/tickets/{number}/messages"), HttpStatusCode.OK);
        forCustomer.GetArrayLength().ShouldBe(2);
        forCustomer[0].GetProperty("body").GetString().ShouldBe("We are on it");
        (await Json(await agent.GetAsync($"/api/tickets/{number}/messages"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(3);
        (await customer.ContactClient.PostAsJsonAsync($"/api/tickets/{number}/messages", new { body = "x", @internal = true })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task The_audit_proves_the_sla_history_and_shows_tampering(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var agent = await desk.CreateAgentAsync();
        var number = (await OpenTicketAsync(customer.ContactClient)).GetProperty("number").GetString()!;
        desk.Clock.Advance(TimeSpan.FromHours(1));
        await ActAsync(agent, number, "acknowledge");
        await ActAsync(agent, number, "pause", new { reason = "force-majeure", note = "flood" });

        var audit = await Json(await agent.GetAsync($"/api/tickets/{number}/audit"), HttpStatusCode.OK);
        audit.GetProperty("chainIntact").GetBoolean().ShouldBeTrue();
        var entries = audit.GetProperty("entries");
        entries.GetArrayLength().ShouldBe(3);
        entries[1].GetProperty("after").GetString()!.ShouldContain("Acknowledged at 2026-11-23T10:00:00Z by Eva Agent");
        entries[2].GetProperty("after").GetString()!.ShouldContain("Paused (ForceMajeure)");
        entries[2].GetProperty("after").GetString()!.ShouldContain("flood");

        // Customers see the same chain without the notes staff wrote on actions.
        var forCustomer = await Json(await customer.ContactClient.GetAsync($"/api/tickets/{number}/audit"), HttpStatusCode.OK);
        forCustomer.GetProperty("chainIntact").GetBoolean().ShouldBeTrue();
        var customerAfter = forCustomer.GetProperty("entries")[2].GetProperty("after").GetString()!;
        customerAfter.ShouldContain("Paused (ForceMajeure)");
        customerAfter.ShouldNotContain("flood");

        await desk.TamperAsync("UPDATE audit_entries SET after = replace(after, 'Eva Agent', 'Someone') WHERE sequence = 2 AND entity_type = 'Ticket'");
        var tampered = await Json(await agent.GetAsync($"/api/tickets/{number}/audit"), HttpStatusCode.OK);
        tampered.GetProperty("chainIntact").GetBoolean().ShouldBeFalse();
        tampered.GetProperty("firstBrokenSequence").GetInt32().ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task The_queue_sorts_by_next_due_and_filters(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var low = (await OpenTicketAsync(customer.ContactClient, "non-blocking", "some", "Low")).GetProperty("number").GetString();
        var critical = (await OpenTicketAsync(customer.ContactClient, "blocking", "all", "Critical")).GetProperty("number").GetString();
        var high = (await OpenTicketAsync(customer.ContactClient, "blocking", "some", "High")).GetProperty("number").GetString();

        var page = await Json(await desk.Admin.GetAsync("/api/tickets"), HttpStatusCode.OK);
        page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("number").GetString()).ShouldBe([critical, high, low]);

        var p1 = await Json(await desk.Admin.GetAsync("/api/tickets?priority=P1"), HttpStatusCode.OK);
        p1.GetProperty("total").GetInt32().ShouldBe(1);
        var dueSoon = await Json(await desk.Admin.GetAsync("/api/tickets?dueBefore=2026-11-23T13:00:00%2B01:00"), HttpStatusCode.OK);
        dueSoon.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("number").GetString()).ShouldBe([critical]);
        (await desk.Admin.GetAsync("/api/tickets?pageSize=500")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await desk.Admin.GetAsync("/api/tickets?status=sleeping")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_listed_ticket_shows_what_the_ticket_itself_shows_but_its_sla(string database)
    {
        // The list reads the stored fields only; every one of them must match the ticket's own view.
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var agent = await desk.CreateAgentAsync();
        var bug = (await OpenTicketAsync(customer.ContactClient, extra: new
        {
            subject = "Export stops",
            description = "The invoice export stops at 500 lines.",
            urgency = "non-blocking",
            impact = "some",
            bugReport = new { companyOrDatabase = "ANKER-PROD", affectedUser = "bart", otherUsersAffected = true, stepsToReproduce = "Export 600 invoices." },
        })).GetProperty("number").GetString()!;
        var paused = (await OpenTicketAsync(customer.ContactClient, "blocking", "all", "Mail down")).GetProperty("number").GetString()!;
        desk.Clock.Advance(TimeSpan.FromMinutes(20));
        await ActAsync(agent, paused, "acknowledge");
        await ActAsync(agent, paused, "pause", new { reason = "force-majeure", note = "flood" });

        var page = await Json(await agent.GetAsync("/api/tickets?status=open"), HttpStatusCode.OK);
        page.GetProperty("total").GetInt32().ShouldBe(2);
        page.GetProperty("totalIsAtLeast").GetBoolean().ShouldBeFalse();
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("number").GetString()).ShouldBe([paused, bug], ignoreOrder: true);
        foreach (var item in items)
        {
            var number = item.GetProperty("number").GetString()!;
            var own = await Json(await agent.GetAsync($"/api/tickets/{number}"), HttpStatusCode.OK);
            item.GetProperty("sla").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
            var listed = item.EnumerateObject().Where(p => p.Name != "sla").Select(p => $"{p.Name}={p.Value.GetRawText()}").ToList();
            var shown = own.EnumerateObject().Where(p => p.Name != "sla").Select(p => $"{p.Name}={p.Value.GetRawText()}").ToList();
            listed.ShouldBe(shown);
        }

        // A full page counts the rest; a page past the end counts too.
        var first = await Json(await agent.GetAsync("/api/tickets?status=open&pageSize=1"), HttpStatusCode.OK);
        first.GetProperty("total").GetInt32().ShouldBe(2);
        first.GetProperty("items").GetArrayLength().ShouldBe(1);
        var beyond = await Json(await agent.GetAsync("/api/tickets?status=open&pageSize=1&page=3"), HttpStatusCode.OK);
        beyond.GetProperty("total").GetInt32().ShouldBe(2);
        beyond.GetProperty("items").GetArrayLength().ShouldBe(0);

        var listedBug = items.Single(i => i.GetProperty("number").GetString() == bug);
        listedBug.GetProperty("bugReport").GetProperty("companyOrDatabase").GetString().ShouldBe("ANKER-PROD");
        listedBug.GetProperty("description").GetString().ShouldBe("The invoice export stops at 500 lines.");
        items.Single(i => i.GetProperty("number").GetString() == paused).GetProperty("pausedFor").GetString().ShouldBe("force-majeure");
    }
}

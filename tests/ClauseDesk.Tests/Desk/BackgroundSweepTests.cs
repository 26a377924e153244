using System.Net;
using System.Net.Http.Json;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Desk;

/// <summary>Escalation and auto-close in the background, and the SLA bugs other desks shipped there.</summary>
public class BackgroundSweepTests
{
    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Each_breach_escalates_once_and_a_restart_repeats_nothing(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var number = (await OpenTicketAsync(customer.ContactClient, "blocking", "all")).GetProperty("number").GetString()!;

        // Type 4, P1: reaction 2 business hours from Monday 10:00 → 12:00.
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-23T11:59:00+01:00"));
        (await desk.SweepAsync()).ShouldBe(0);
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-23T12:01:00+01:00"));
        (await desk.SweepAsync()).ShouldBe(1);
        (await desk.SweepAsync()).ShouldBe(0, "a second round (or a restarted server) finds nothing new");

        var escalations = (await desk.OutboxAsync()).Where(o => o.Kind.StartsWith("escalation", StringComparison.Ordinal)).ToList();
        escalations.Select(o => o.Kind).ShouldBe(["escalation-tier-2"]);
        escalations[0].Subject.ShouldContain(number);
        escalations[0].Recipients.ShouldBe("tier2@provider.example");
        var ticket = await Json(await desk.Admin.GetAsync($"/api/tickets/{number}"), HttpStatusCode.OK);
        ticket.GetProperty("escalationTier").GetInt32().ShouldBe(2);
        ticket.GetProperty("breached").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Zammad_4432_no_escalation_at_the_wrong_hour_only_for_real_breaches(string database)
    {
        // Friday 16:00 on type 1 (Mon–Fri 08:45–17:00): a P1's 4 business hours run into Monday 11:45.
        await using var desk = await StartAsync(database, DateTimeOffset.Parse("2026-11-27T16:00:00+01:00"));
        var organisation = await desk.CreateOrganisationAsync("Anker");
        await desk.CreateContractAsync(organisation.Id, "managed-type1");
        var contact = await desk.CreatePersonAsync(organisation.Id, "contact-person", "An");
        var number = (await OpenTicketAsync(await desk.SignInAsAsync(contact.Id), "blocking", "all")).GetProperty("number").GetString()!;

        foreach (var at in new[] { "2026-11-27T20:00:00+01:00", "2026-11-28T12:00:00+01:00", "2026-11-30T11:44:00+01:00" })
        {
            desk.Clock.Set(DateTimeOffset.Parse(at));
            (await desk.SweepAsync()).ShouldBe(0, $"no breach yet at {at}");
        }

        desk.Clock.Set(DateTimeOffset.Parse("2026-11-30T11:46:00+01:00"));
        (await desk.SweepAsync()).ShouldBe(1);
        (await desk.OutboxAsync()).Count(o => o.Kind == "escalation-tier-2").ShouldBe(1);
        _ = number;
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Zammad_4353_a_deactivated_contract_stops_escalating(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        await OpenTicketAsync(customer.ContactClient, "blocking", "all");
        (await desk.Admin.PostAsync($"/api/contracts/{customer.Contract.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        desk.Clock.Set(DateTimeOffset.Parse("2026-11-25T12:00:00+01:00"));
        (await desk.SweepAsync()).ShouldBe(0);
        (await desk.OutboxAsync()).ShouldNotContain(o => o.Kind.StartsWith("escalation", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task An_unanswered_question_closes_the_ticket_after_the_contracts_working_days(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Federal customer", "public-desk");
        var agent = await desk.CreateAgentAsync();
        var number = (await OpenTicketAsync(customer.UserClient)).GetProperty("number").GetString()!;
        await ActAsync(agent, number, "acknowledge");
        var asked = await Json(await ActAsync(agent, number, "ask-customer", new { question = "Which form?" }), HttpStatusCode.OK);
        // Seed 003: 5 working days from Monday 10:00 → Monday 30 November 10:00.
        asked.GetProperty("sla").GetProperty("autoClosesAt").GetString().ShouldBe("2026-11-30T10:00:00+01:00");
        (await desk.OutboxAsync()).ShouldContain(o => o.Kind == "question" && o.Language == "nl" && o.Body.Contains("automatisch afgesloten op maandag 30 november 2026 om 10:00 (CET)."));

        desk.Clock.Set(DateTimeOffset.Parse("2026-11-30T09:59:00+01:00"));
        (await desk.SweepAsync()).ShouldBe(0);
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-30T10:00:00+01:00"));
        (await desk.SweepAsync()).ShouldBe(1);

        var closed = await Json(await desk.Admin.GetAsync($"/api/tickets/{number}"), HttpStatusCode.OK);
        closed.GetProperty("status").GetString().ShouldBe("closed");
        closed.GetProperty("closingReason").GetString().ShouldBe("no-reply");
        (await desk.OutboxAsync()).Count(o => o.Kind == "closed-no-reply").ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Two_servers_do_not_run_the_round_at_the_same_time(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        await OpenTicketAsync(customer.ContactClient, "blocking", "all");
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-23T12:01:00+01:00"));
        (await desk.SweepAsync("server-1")).ShouldBe(1);
        (await desk.SweepAsync("server-2")).ShouldBe(0, "server-1 holds the lease");
        desk.Clock.Advance(TimeSpan.FromMinutes(5));
        await desk.SweepAsync("server-2");
        (await desk.SweepAsync("server-1")).ShouldBe(0, "the expired lease went to server-2");
        (await desk.OutboxAsync()).Count(o => o.Kind == "escalation-tier-2").ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task GLPI_6902_a_priority_change_keeps_the_time_already_used_and_paused(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var agent = await desk.CreateAgentAsync();
        var number = (await OpenTicketAsync(customer.ContactClient, "non-blocking", "some")).GetProperty("number").GetString()!;
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-23T11:00:00+01:00"));
        await ActAsync(agent, number, "pause", new { reason = "customer-systems" });
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-23T13:00:00+01:00"));
        await ActAsync(agent, number, "resume");
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-23T14:00:00+01:00"));

        // Now P2 (1 business day = 18 h on type 4): counted from the submission, less the 2 h paused.
        var changed = await Json(await ActAsync(agent, number, "reclassify", new { urgency = "blocking", impact = "some" }), HttpStatusCode.OK);
        var reaction = changed.GetProperty("sla").GetProperty("reaction");
        reaction.GetProperty("usedMinutes").GetInt64().ShouldBe(120);
        reaction.GetProperty("due").GetString().ShouldBe("2026-11-24T12:00:00+01:00");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task GLPI_15605_an_sla_change_keeps_the_time_already_used_and_paused(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker", "managed-type1");
        var agent = await desk.CreateAgentAsync();
        // P2 on type 1 (Mon–Fri 08:45–17:00): 1 business day = 8 h 15 from Monday 10:00.
        var number = (await OpenTicketAsync(customer.ContactClient, "blocking", "some")).GetProperty("number").GetString()!;
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-23T11:00:00+01:00"));
        await ActAsync(agent, number, "pause", new { reason = "customer-systems" });
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-23T12:00:00+01:00"));
        await ActAsync(agent, number, "resume");
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-23T13:00:00+01:00"));

        // Upgraded to type 4 (Mon–Fri 06:00–24:00): 1 business day = 18 h, 2 h used, 1 h paused.
        (await desk.Admin.PostAsJsonAsync($"/api/contracts/{customer.Contract.Id}/sla", new { slaPreset = "managed-type4" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var reaction = (await Json(await desk.Admin.GetAsync($"/api/tickets/{number}"), HttpStatusCode.OK)).GetProperty("sla").GetProperty("reaction");
        reaction.GetProperty("usedMinutes").GetInt64().ShouldBe(120);
        reaction.GetProperty("leftMinutes").GetInt64().ShouldBe(16 * 60);
        // 18 h of running time from Monday 10:00, the paused hour left out: Monday gives 13 h, Tuesday 06:00 + 5 h.
        reaction.GetProperty("due").GetString().ShouldBe("2026-11-24T11:00:00+01:00");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task GLPI_10594_waiting_over_a_weekend_with_a_target_in_days(string database)
    {
        // Friday 16:00 on type 4 (Mon–Fri 06:00–24:00): a P4 has 3 business days (54 h) to react.
        await using var desk = await StartAsync(database, DateTimeOffset.Parse("2026-11-27T16:00:00+01:00"));
        var customer = await desk.CreateCustomerAsync("Anker");
        var agent = await desk.CreateAgentAsync();
        var number = (await OpenTicketAsync(customer.ContactClient, "non-blocking", "some")).GetProperty("number").GetString()!;
        // Paused Friday 18:00 until Monday 08:00: only Friday 18:00–24:00 and Monday 06:00–08:00 (8 h) are taken out.
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-27T18:00:00+01:00"));
        await ActAsync(agent, number, "pause", new { reason = "customer-systems" });
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-30T08:00:00+01:00"));
        var resumed = await Json(await ActAsync(agent, number, "resume"), HttpStatusCode.OK);
        var reaction = resumed.GetProperty("sla").GetProperty("reaction");
        reaction.GetProperty("usedMinutes").GetInt64().ShouldBe(120);
        // 52 h left from Monday 08:00: Monday 16 h, Tuesday 18 h, Wednesday 18 h → Wednesday 24:00.
        reaction.GetProperty("due").GetString().ShouldBe("2026-12-03T00:00:00+01:00");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Five_failed_sign_ins_lock_the_account(string database)
    {
        await using var desk = await StartAsync(database);
        var organisation = await desk.CreateOrganisationAsync("Anker");
        var person = await desk.CreatePersonAsync(organisation.Id, "contact-person", "An", password: "correct horse battery");
        var anonymous = desk.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            (await anonymous.PostAsJsonAsync("/api/sessions", new { email = person.Email, password = "wrong" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await anonymous.PostAsJsonAsync("/api/sessions", new { email = person.Email, password = "correct horse battery" })).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        desk.Clock.Advance(TimeSpan.FromMinutes(16));
        (await anonymous.PostAsJsonAsync("/api/sessions", new { email = person.Email, password = "correct horse battery" })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Tokens_expire_after_90_days_unless_asked_otherwise()
    {
        await using var desk = await StartAsync("sqlite");
        var token = await Json(await desk.Admin.PostAsJsonAsync("/api/tokens", new { name = "script" }), HttpStatusCode.Created);
        token.GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(desk.Clock.GetUtcNow().AddDays(90));
        var client = Client(desk.Address, token.GetProperty("token").GetString());
        (await client.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.OK);
        desk.Clock.Advance(TimeSpan.FromDays(91));
        (await client.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_revoked_token_or_a_deactivated_person_is_refused_at_once(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var token = await Json(await customer.ContactClient.PostAsJsonAsync("/api/tokens", new { name = "script" }), HttpStatusCode.Created);
        var script = Client(desk.Address, token.GetProperty("token").GetString());
        (await script.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await customer.UserClient.DeleteAsync($"/api/tokens/{token.GetProperty("id").GetString()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "not the user's token");
        (await customer.ContactClient.DeleteAsync($"/api/tokens/{token.GetProperty("id").GetString()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await script.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await customer.UserClient.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await customer.ContactClient.PostAsync($"/api/people/{customer.User.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await desk.Admin.PostAsync($"/api/people/{customer.User.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await customer.UserClient.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Only_the_requester_a_contact_person_or_the_customer_admin_accepts_a_solution()
    {
        await using var desk = await StartAsync("sqlite");
        var customer = await desk.CreateCustomerAsync("Anker", "software-support");
        var agent = await desk.CreateAgentAsync();
        var number = (await OpenTicketAsync(customer.ContactClient)).GetProperty("number").GetString()!;
        await desk.Admin.PutAsJsonAsync($"/api/contracts/{customer.Contract.Id}/rights/{customer.User.Id}", new { canView = true });
        await ActAsync(agent, number, "acknowledge");
        await ActAsync(agent, number, "resolve", new { closingReason = "fixed" });
        (await ActAsync(customer.UserClient, number, "accept")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a user who may only view");
        (await ActAsync(customer.ContactClient, number, "accept")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Another_provider_cannot_block_a_sign_in_by_adding_the_same_address(string database)
    {
        await using var desk = await StartAsync(database);
        var organisation = await desk.CreateOrganisationAsync("Anker");
        var person = await desk.CreatePersonAsync(organisation.Id, "contact-person", "An", password: "correct horse battery");
        var other = await desk.CreateOtherProviderAsync("Provider B");
        var theirs = await desk.CreateOrganisationAsync("Their customer", other);
        (await other.PostAsJsonAsync("/api/people", new { name = "Copy", email = person.Email, role = "contact-person", organisationId = theirs.Id, password = "another long password" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var anonymous = desk.Anonymous();
        var mine = await Json(await anonymous.PostAsJsonAsync("/api/sessions", new { email = person.Email, password = "correct horse battery" }), HttpStatusCode.Created);
        var client = Client(desk.Address, mine.GetProperty("token").GetString());
        (await Json(await client.GetAsync("/api/organisations"), HttpStatusCode.OK))[0].GetProperty("name").GetString().ShouldBe("Anker");

        var copy = await Json(await anonymous.PostAsJsonAsync("/api/sessions", new { email = person.Email, password = "another long password" }), HttpStatusCode.Created);
        var copyClient = Client(desk.Address, copy.GetProperty("token").GetString());
        (await Json(await copyClient.GetAsync("/api/organisations"), HttpStatusCode.OK))[0].GetProperty("name").GetString().ShouldBe("Their customer");
    }
}

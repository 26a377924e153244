using System.Net;
using System.Net.Http.Json;
using ClauseDesk.Data.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Desk;

/// <summary>Opening tickets through the API, on a real SQLite file and a real PostgreSQL server.</summary>
public class OpeningTicketsTests
{
    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_contact_person_opens_a_ticket_with_a_number_a_priority_and_a_live_sla(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Brouwerij Het Anker");

        var ticket = await OpenTicketAsync(customer.ContactClient, "blocking", "some");
        ticket.GetProperty("number").GetString().ShouldBe("CD-2026-000001");
        ticket.GetProperty("priority").GetString().ShouldBe("P2");
        ticket.GetProperty("status").GetString().ShouldBe("new");
        // SPEC §9: type 4, P2 reaction 1 business day = 18 h from Monday 10:00 → Tuesday 10:00.
        var reaction = ticket.GetProperty("sla").GetProperty("reaction");
        reaction.GetProperty("due").GetString().ShouldBe("2026-11-24T10:00:00+01:00");
        reaction.GetProperty("state").GetString().ShouldBe("on-track");
        reaction.GetProperty("working").GetProperty("clause").GetString()!.ShouldContain("seed 001 art. 35.3, 39.1.2");

        var second = await OpenTicketAsync(customer.ContactClient, "non-blocking", "all", "Printer");
        second.GetProperty("number").GetString().ShouldBe("CD-2026-000002");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Someone_who_is_not_a_contact_person_is_refused_and_told_who_can(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");

        var response = await PostTicketAsync(customer.UserClient);
        var problem = await Json(response, HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").GetProperty("requesterId")[0].GetString()!.ShouldContain("Anker Contact");
        problem.GetProperty("clause").GetString().ShouldBe("seed 001 art. 35.2, 36.1");
        (await desk.Admin.GetFromJsonAsync<TicketPageShape>("/api/tickets"))!.Total.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_retried_request_with_the_same_idempotency_key_makes_one_ticket(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");

        var first = await PostTicketAsync(customer.ContactClient, key: "retry-1");
        var again = await PostTicketAsync(customer.ContactClient, key: "retry-1");
        var firstBody = await Json(first, HttpStatusCode.Created);
        var againBody = await Json(again, HttpStatusCode.Created);
        againBody.GetProperty("number").GetString().ShouldBe(firstBody.GetProperty("number").GetString());
        again.Headers.GetValues("Idempotent-Replay").ShouldContain("true");
        (await desk.Admin.GetFromJsonAsync<TicketPageShape>("/api/tickets"))!.Total.ShouldBe(1);

        var reused = await PostTicketAsync(customer.ContactClient, subject: "Something else", key: "retry-1");
        (await Json(reused, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Concurrent_retries_of_one_key_still_make_one_ticket(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostTicketAsync(customer.ContactClient, key: "burst")));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        (await desk.Admin.GetFromJsonAsync<TicketPageShape>("/api/tickets"))!.Total.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Numbers_stay_unique_and_increasing_under_concurrent_creation(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => PostTicketAsync(customer.ContactClient, subject: $"Ticket {i}")));
        var numbers = new List<string>();
        foreach (var response in responses)
        {
            numbers.Add((await Json(response, HttpStatusCode.Created)).GetProperty("number").GetString()!);
        }

        numbers.Order().ShouldBe(Enumerable.Range(1, 20).Select(i => $"CD-2026-{i:000000}"));
        desk.Services.GetRequiredService<WriteGate>().Groups.SecondPasses.ShouldBe(0, "creations arriving together are written in one pass");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Creations_committed_together_fail_alone_and_refused_ones_give_their_number_back(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        // Every fourth is refused by the rules after it drew its number (a customer may not report by
        // phone); arriving together, refused and accepted creations share groups.
        var responses = await Task.WhenAll(Enumerable.Range(0, 48).Select(i => i % 4 == 3
            ? PostTicketAsync(customer.ContactClient, extra: new { subject = $"Ticket {i}", description = "By phone", urgency = "blocking", impact = "all", channel = "phone" })
            : PostTicketAsync(customer.ContactClient, subject: $"Ticket {i}")));
        var numbers = new List<string>();
        for (var i = 0; i < responses.Length; i++)
        {
            if (i % 4 == 3)
            {
                (await Json(responses[i], HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("channel", out _).ShouldBeTrue();
            }
            else
            {
                numbers.Add((await Json(responses[i], HttpStatusCode.Created)).GetProperty("number").GetString()!);
            }
        }

        numbers.Order().ShouldBe(Enumerable.Range(1, 36).Select(i => $"CD-2026-{i:000000}"), "no number lost to a refused creation, none given twice");
        foreach (var number in numbers)
        {
            (await desk.Admin.GetAsync($"/api/tickets/{number}")).StatusCode.ShouldBe(HttpStatusCode.OK, number);
        }

        (await desk.Admin.GetFromJsonAsync<TicketPageShape>("/api/tickets"))!.Total.ShouldBe(36);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Retries_racing_in_a_burst_of_creations_get_their_first_ticket_and_cost_no_number(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        // Four keys sent four times at once among 24 plain creations: a retry that shares a group with
        // its first is refused by the database (the key's record exists) and answered with the first's ticket.
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => i < 16
            ? PostTicketAsync(customer.ContactClient, subject: $"Retried {i % 4}", key: $"key-{i % 4}")
            : PostTicketAsync(customer.ContactClient, subject: $"Ticket {i}")));
        var byKey = new Dictionary<string, HashSet<string>>();
        var numbers = new HashSet<string>();
        for (var i = 0; i < responses.Length; i++)
        {
            var number = (await Json(responses[i], HttpStatusCode.Created)).GetProperty("number").GetString()!;
            numbers.Add(number);
            if (i < 16)
            {
                (byKey.TryGetValue($"key-{i % 4}", out var seen) ? seen : byKey[$"key-{i % 4}"] = []).Add(number);
            }
        }

        byKey.Values.ShouldAllBe(seen => seen.Count == 1, "every retry of a key is answered with the first one's ticket");
        numbers.Order().ShouldBe(Enumerable.Range(1, 28).Select(i => $"CD-2026-{i:000000}"), "28 tickets, no number lost or given twice");
        (await desk.Admin.GetFromJsonAsync<TicketPageShape>("/api/tickets"))!.Total.ShouldBe(28);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Phone_is_for_P1_and_P2_only_and_asks_for_a_written_confirmation(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var agent = await desk.CreateAgentAsync();

        var refused = await PostTicketAsync(agent, extra: new { subject = "Slow", description = "Slow screens", urgency = "non-blocking", impact = "all", channel = "phone", requesterId = customer.Contact.Id });
        (await Json(refused, HttpStatusCode.UnprocessableEntity)).GetProperty("clause").GetString().ShouldBe("seed 001 art. 39.2.2");

        var accepted = await PostTicketAsync(agent, extra: new { subject = "Down", description = "All down", urgency = "blocking", impact = "all", channel = "phone", requesterId = customer.Contact.Id });
        (await Json(accepted, HttpStatusCode.Created)).GetProperty("writtenConfirmationRequested").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Bad_input_is_a_problem_naming_the_field(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");

        var badUrgency = await PostTicketAsync(customer.ContactClient, urgency: "very");
        (await Json(badUrgency, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("urgency")[0].GetString()!.ShouldContain("non-blocking");

        var noSubject = await PostTicketAsync(customer.ContactClient, subject: "");
        (await Json(noSubject, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("subject", out _).ShouldBeTrue();

        var anonymous = await PostTicketAsync(desk.Anonymous());
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private sealed record TicketPageShape(int Total);
}

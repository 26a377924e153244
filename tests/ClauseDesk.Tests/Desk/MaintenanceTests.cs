using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Desk;

/// <summary>Announced maintenance (SPEC §6): who may announce, who is told, which clocks stop, the public page and feed.</summary>
public class MaintenanceTests
{
    private static Task<HttpResponseMessage> AnnounceAsync(HttpClient client, string kind, string start, string end, Guid[]? organisations = null, string title = "Database upgrade") =>
        client.PostAsJsonAsync("/api/maintenance", new { kind, title, services = "ERP, Mail", description = "Short outage; mail is queued.", start, end, organisationIds = organisations });

    private static async Task<JsonElement> TicketAsync(HttpClient client, string number) =>
        await Json(await client.GetAsync($"/api/tickets/{number}"), HttpStatusCode.OK);

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Maintenance_stops_the_clocks_of_the_customers_it_affects_and_only_theirs(string database)
    {
        await using var desk = await StartAsync(database);
        var anker = await desk.CreateCustomerAsync("Anker");
        var brugge = await desk.CreateCustomerAsync("Brugge");
        // Type 4, P1: reaction within 2 business hours from Monday 10:00 → due 12:00.
        var affected = (await OpenTicketAsync(anker.ContactClient, "blocking", "all")).GetProperty("number").GetString()!;
        var other = (await OpenTicketAsync(brugge.ContactClient, "blocking", "all")).GetProperty("number").GetString()!;

        var window = await Json(await AnnounceAsync(desk.Admin, "critical", "2026-11-23T10:30:00+01:00", "2026-11-23T11:30:00+01:00", [anker.Organisation.Id]), HttpStatusCode.Created);
        window.GetProperty("state").GetString().ShouldBe("ahead");
        window.GetProperty("start").GetString().ShouldBe("2026-11-23T10:30:00+01:00");

        (await TicketAsync(desk.Admin, affected)).GetProperty("nextDueAt").GetString().ShouldBe("2026-11-23T13:00:00+01:00");
        (await TicketAsync(desk.Admin, other)).GetProperty("nextDueAt").GetString().ShouldBe("2026-11-23T12:00:00+01:00");

        desk.Clock.Set(DateTimeOffset.Parse("2026-11-23T11:00:00+01:00"));
        var reaction = (await TicketAsync(anker.ContactClient, affected)).GetProperty("sla").GetProperty("reaction");
        reaction.GetProperty("state").GetString().ShouldBe("paused");
        reaction.GetProperty("pausedFor").GetString().ShouldBe("announced-maintenance");
        reaction.GetProperty("usedMinutes").GetInt64().ShouldBe(30);
        string.Join("\n", reaction.GetProperty("working").GetProperty("steps").EnumerateArray().Select(s => s.GetString()))
            .ShouldContain("Critical maintenance \"Database upgrade\" Mon 2026-11-23 10:30–11:30 (+01:00), excluded (seed 001 art. 34.4, 38.3)");

        // At 12:30 only the unaffected customer's ticket has missed its reaction target.
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-23T12:30:00+01:00"));
        (await desk.SweepAsync()).ShouldBe(1);
        (await TicketAsync(desk.Admin, other)).GetProperty("escalationTier").GetInt32().ShouldBe(2);
        (await TicketAsync(desk.Admin, affected)).GetProperty("escalationTier").GetInt32().ShouldBe(1);

        var mails = (await desk.OutboxAsync()).Where(o => o.Kind == "maintenance-announced").ToList();
        mails.Select(m => m.Recipients).ShouldBe([anker.Contact.Email]);
        mails[0].Subject.ShouldBe("[Onderhoud] Database upgrade, ma 23 nov 2026 10:30 (CET)");
        mails[0].Body.ShouldContain("Periode: maandag 23 november 2026 om 10:30 (CET) – maandag 23 november 2026 om 11:30 (CET)");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Cancelling_ahead_gives_the_time_back_and_tells_the_subscribers(string database)
    {
        await using var desk = await StartAsync(database);
        var anker = await desk.CreateCustomerAsync("Anker");
        var number = (await OpenTicketAsync(anker.ContactClient, "blocking", "all")).GetProperty("number").GetString()!;
        var window = await Json(await AnnounceAsync(desk.Admin, "unplanned", "2026-11-23T10:30:00+01:00", "2026-11-23T11:30:00+01:00"), HttpStatusCode.Created);
        (await TicketAsync(desk.Admin, number)).GetProperty("nextDueAt").GetString().ShouldBe("2026-11-23T13:00:00+01:00");

        var cancelled = await Json(await desk.Admin.PostAsync($"/api/maintenance/{window.GetProperty("id").GetGuid()}/cancel", null), HttpStatusCode.OK);

        cancelled.GetProperty("state").GetString().ShouldBe("cancelled");
        (await TicketAsync(desk.Admin, number)).GetProperty("nextDueAt").GetString().ShouldBe("2026-11-23T12:00:00+01:00");
        (await desk.OutboxAsync()).Where(o => o.Kind == "maintenance-cancelled").Select(o => o.Recipients).ShouldBe([anker.Contact.Email]);
        var again = await desk.Admin.PostAsync($"/api/maintenance/{window.GetProperty("id").GetGuid()}/cancel", null);
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Refusals_name_the_field_and_the_clause(string database)
    {
        await using var desk = await StartAsync(database);
        var anker = await desk.CreateCustomerAsync("Anker");

        var tooSoon = await Json(await AnnounceAsync(desk.Admin, "planned", "2026-12-01T22:00:00+01:00", "2026-12-02T02:00:00+01:00"), HttpStatusCode.UnprocessableEntity);
        tooSoon.GetProperty("errors").GetProperty("start")[0].GetString()!.ShouldContain("2 weeks ahead");
        tooSoon.GetProperty("clause").GetString().ShouldBe("seed 001 art. 27.2.3");

        (await AnnounceAsync(desk.Admin, "someday", "2026-12-01T22:00:00+01:00", "2026-12-02T02:00:00+01:00")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AnnounceAsync(desk.Admin, "critical", "2026-11-23T12:00:00+01:00", "2026-11-23T13:00:00+01:00", [Guid.NewGuid()])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await AnnounceAsync(anker.ContactClient, "critical", "2026-11-23T12:00:00+01:00", "2026-11-23T13:00:00+01:00")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Json(await desk.Admin.GetAsync("/api/maintenance"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0, "nothing refused was kept");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Customers_see_their_windows_and_other_providers_see_none(string database)
    {
        await using var desk = await StartAsync(database);
        var anker = await desk.CreateCustomerAsync("Anker");
        var brugge = await desk.CreateCustomerAsync("Brugge");
        var forAnker = await Json(await AnnounceAsync(desk.Admin, "critical", "2026-11-23T12:00:00+01:00", "2026-11-23T13:00:00+01:00", [anker.Organisation.Id], "Anker's firewall"), HttpStatusCode.Created);
        await Json(await AnnounceAsync(desk.Admin, "critical", "2026-11-23T14:00:00+01:00", "2026-11-23T15:00:00+01:00", title: "Everyone's mail"), HttpStatusCode.Created);

        var seenByBrugge = await Json(await brugge.UserClient.GetAsync("/api/maintenance"), HttpStatusCode.OK);
        seenByBrugge.EnumerateArray().Select(w => w.GetProperty("title").GetString()).ShouldBe(["Everyone's mail"]);
        seenByBrugge[0].GetProperty("organisationIds").ValueKind.ShouldBe(JsonValueKind.Null);
        (await brugge.UserClient.GetAsync($"/api/maintenance/{forAnker.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Json(await anker.UserClient.GetAsync("/api/maintenance"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(2);

        var otherProvider = await desk.CreateOtherProviderAsync("Provider B");
        (await Json(await otherProvider.GetAsync("/api/maintenance"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
        (await otherProvider.GetAsync($"/api/maintenance/{forAnker.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherProvider.PostAsync($"/api/maintenance/{forAnker.GetProperty("id").GetGuid()}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_public_status_page_and_feed_show_the_windows_without_customers_and_encode_what_staff_typed()
    {
        await using var desk = await StartAsync("sqlite");
        var anker = await desk.CreateCustomerAsync("Anker");
        var window = await Json(await AnnounceAsync(desk.Admin, "planned", "2026-12-12T22:00:00+01:00", "2026-12-13T02:00:00+01:00", [anker.Organisation.Id], "<script>alert(1)</script> upgrade, phase 1; a very long title that needs folding in the feed"), HttpStatusCode.Created);
        var anonymous = desk.Anonymous();

        var page = await anonymous.GetStringAsync(window.GetProperty("statusPage").GetString());
        page.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt; upgrade");
        page.ShouldNotContain("<script>");
        page.ShouldContain("Sat 2026-12-12 22:00 (CET) – Sun 2026-12-13 02:00 (CET)");
        page.ShouldContain("some customers");
        page.ShouldNotContain("Anker");

        var response = await anonymous.GetAsync($"/status/{desk.TenantId}/maintenance.ics");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var feed = await response.Content.ReadAsStringAsync();
        feed.ShouldStartWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
        feed.ShouldContain("DTSTART:20261212T210000Z\r\nDTEND:20261213T010000Z\r\n");
        feed.ShouldContain("STATUS:CONFIRMED");
        feed.Split("\r\n").ShouldAllBe(line => Encoding.UTF8.GetByteCount(line) <= 75);
        var unfolded = feed.Replace("\r\n ", "", StringComparison.Ordinal);
        unfolded.ShouldContain("SUMMARY:Planned maintenance: <script>alert(1)</script> upgrade\\, phase 1\\; a very long title that needs folding in the feed\r\n");

        await desk.Admin.PostAsync($"/api/maintenance/{window.GetProperty("id").GetGuid()}/cancel", null);
        (await anonymous.GetStringAsync($"/status/{desk.TenantId}/maintenance.ics")).ShouldContain("STATUS:CANCELLED");
        (await anonymous.GetAsync($"/status/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

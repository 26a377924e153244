using System.Net;
using System.Text;
using System.Text.Json;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Desk;

/// <summary>GET /api/reports/sla: SLA compliance per customer and month, as JSON and CSV, on both databases.</summary>
public class SlaReportApiTests
{
    private static JsonElement RowOf(JsonElement report, Guid organisation, string month) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("organisationId").GetGuid() == organisation && r.GetProperty("month").GetString() == month);

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_breached_ticket_shows_in_its_customers_month_with_its_penalty_in_json_and_csv(string database)
    {
        await using var desk = await StartAsync(database);
        var anker = await desk.CreateCustomerAsync("Anker");
        var duvel = await desk.CreateCustomerAsync("Duvel");
        // Managed type 4 from Mon 2026-11-23 10:00: P1 reaction 2 business hours (due 12:00), P2 one business day.
        var breached = (await OpenTicketAsync(anker.ContactClient, urgency: "blocking", impact: "all", subject: "Brewhouse down")).GetProperty("number").GetString()!;
        var met = (await OpenTicketAsync(anker.ContactClient, urgency: "blocking", impact: "some", subject: "Scanner")).GetProperty("number").GetString()!;
        await OpenTicketAsync(duvel.ContactClient, urgency: "non-blocking", impact: "some", subject: "Duvel wallpaper");
        (await ActAsync(desk.Admin, met, "acknowledge")).StatusCode.ShouldBe(HttpStatusCode.OK);
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-23T15:00:00+01:00"));

        var report = await Json(await desk.Admin.GetAsync("/api/reports/sla"), HttpStatusCode.OK);
        report.GetProperty("from").GetString().ShouldBe("2026-06");
        report.GetProperty("to").GetString().ShouldBe("2026-11");
        report.GetProperty("timeZone").GetString().ShouldBe("Europe/Brussels");
        report.GetProperty("rows").GetArrayLength().ShouldBe(12);
        var row = RowOf(report, anker.Organisation.Id, "2026-11");
        row.GetProperty("organisation").GetString().ShouldBe("Anker");
        row.GetProperty("tickets").GetInt32().ShouldBe(2);
        row.GetProperty("reaction").GetProperty("met").GetInt32().ShouldBe(1);
        row.GetProperty("reaction").GetProperty("breached").GetInt32().ShouldBe(1);
        row.GetProperty("reaction").GetProperty("metPercent").GetDecimal().ShouldBe(50.0m);
        row.GetProperty("resolution").GetProperty("pending").GetInt32().ShouldBe(2);
        row.GetProperty("resolution").GetProperty("metPercent").ValueKind.ShouldBe(JsonValueKind.Null);
        row.GetProperty("breaches").GetInt32().ShouldBe(1);
        // 3 h late → one started day → 10 % of €1,200 (seed 001 art. 40.3); cap: the October fee.
        row.GetProperty("penalty").GetDecimal().ShouldBe(120.00m);
        row.GetProperty("capPerBreach").GetDecimal().ShouldBe(1200.00m);
        row.GetProperty("cappedBreaches").GetInt32().ShouldBe(0);
        var behind = row.GetProperty("ticketList").EnumerateArray().Single(t => t.GetProperty("breaches").GetArrayLength() > 0);
        behind.GetProperty("number").GetString().ShouldBe(breached);
        behind.GetProperty("reaction").GetString().ShouldBe("breached");
        var breach = behind.GetProperty("breaches")[0];
        breach.GetProperty("penalty").GetDecimal().ShouldBe(120.00m);
        breach.GetProperty("working").GetProperty("clause").GetString().ShouldBe("seed 001 art. 40.3");
        var steps = row.GetProperty("working").GetProperty("steps").EnumerateArray().Select(s => s.GetString()!).ToList();
        steps.ShouldContain($"Reaction breached (1): {breached}.");
        steps.ShouldContain($"Reaction met (1): {met}.");
        RowOf(report, anker.Organisation.Id, "2026-10").GetProperty("tickets").GetInt32().ShouldBe(0);
        RowOf(report, duvel.Organisation.Id, "2026-11").GetProperty("breaches").GetInt32().ShouldBe(0);

        var csv = await desk.Admin.GetAsync($"/api/reports/sla?from=2026-11&to=2026-11&organisationId={anker.Organisation.Id}&format=csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csv.Content.Headers.ContentDisposition!.FileName.ShouldBe("sla-2026-11-2026-11.csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(Encoding.UTF8.GetPreamble());
        Encoding.UTF8.GetString(bytes[3..]).ShouldBe(
            "organisation;organisation_id;month;tickets;reaction_met;reaction_breached;reaction_pending;reaction_met_percent;reaction_breached_percent;"
            + "resolution_met;resolution_breached;resolution_pending;resolution_met_percent;resolution_breached_percent;breaches;penalty_eur;cap_per_breach_eur;capped_breaches;breached_tickets\r\n"
            + $"Anker;{anker.Organisation.Id};2026-11;2;1;1;0;50.0;50.0;0;0;2;;;1;120.00;1200.00;0;{breached}\r\n");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_customer_admin_reads_only_their_organisation_and_bad_input_names_its_field(string database)
    {
        await using var desk = await StartAsync(database);
        var anker = await desk.CreateCustomerAsync("Anker");
        var duvel = await desk.CreateCustomerAsync("Duvel");
        await OpenTicketAsync(anker.ContactClient, subject: "Anker outage");
        await OpenTicketAsync(duvel.ContactClient, subject: "Duvel outage");
        var admin = await desk.SignInAsAsync((await desk.CreatePersonAsync(anker.Organisation.Id, "customer-admin", "Anker Admin")).Id);

        var own = await Json(await admin.GetAsync("/api/reports/sla"), HttpStatusCode.OK);
        own.GetProperty("organisationId").GetGuid().ShouldBe(anker.Organisation.Id);
        own.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("organisationId").GetGuid()).Distinct().ShouldBe([anker.Organisation.Id]);
        own.GetRawText().ShouldNotContain("Duvel");
        (await (await admin.GetAsync("/api/reports/sla?format=csv")).Content.ReadAsStringAsync()).ShouldNotContain("Duvel");

        var other = await admin.GetAsync($"/api/reports/sla?organisationId={duvel.Organisation.Id}");
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Content.ReadAsStringAsync()).ShouldNotContain("Duvel");
        (await anker.ContactClient.GetAsync("/api/reports/sla")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        foreach (var (query, field) in new[]
        {
            ("from=2026-13", "from"),
            ("to=november", "to"),
            ("from=2026-11&to=2026-06", "from"),
            ("from=2024-01&to=2026-11", "to"),
            ("format=xml", "format"),
            ("organisationId=anker", "organisationId"),
        })
        {
            var problem = await Json(await desk.Admin.GetAsync($"/api/reports/sla?{query}"), HttpStatusCode.BadRequest);
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"{query}: {problem}");
        }
    }
}

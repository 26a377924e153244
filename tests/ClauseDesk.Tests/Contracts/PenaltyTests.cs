using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClauseDesk.Billing;
using ClauseDesk.Desk;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Contracts;

/// <summary>
/// A contract's penalties of a month through the API on both databases (seed 001 art. 40.3–40.4): the
/// engine's penalty per breach, the cap, the claim deadline, the claim letter as PDF, and who may see them.
/// </summary>
public class PenaltyTests
{
    private static readonly DateTimeOffset Acknowledged = DateTimeOffset.Parse("2026-11-25T14:30:00+01:00");

    /// <summary>SPEC §9: a P2 opened Mon 2026-11-23 10:00 on type 4 (€1,200 a month), acknowledged Wed 14:30.</summary>
    private static async Task<(Customer Customer, string Number)> WorkedExampleAsync(DeskApp desk)
    {
        var customer = await desk.CreateCustomerAsync("Anker");
        var number = (await OpenTicketAsync(customer.ContactClient, urgency: "blocking", impact: "some")).GetProperty("number").GetString()!;
        desk.Clock.Set(Acknowledged);
        await Json(await ActAsync(desk.Admin, number, "acknowledge"), HttpStatusCode.OK);
        return (customer, number);
    }

    private static async Task<JsonElement> PenaltiesAsync(HttpClient client, Guid contract, string month = "2026-11") =>
        await Json(await client.GetAsync($"/api/contracts/{contract}/penalties?month={month}"), HttpStatusCode.OK);

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task The_worked_example_gives_the_engines_240_euro_and_a_claim_deadline_of_1_December(string database)
    {
        await using var desk = await StartAsync(database);
        var (customer, number) = await WorkedExampleAsync(desk);
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-26T09:00:00+01:00"));

        var penalties = await PenaltiesAsync(customer.ContactClient, customer.Contract.Id);
        var sla = (await Json(await desk.Admin.GetAsync($"/api/tickets/{number}"), HttpStatusCode.OK)).GetProperty("sla");

        var breach = penalties.GetProperty("breaches").EnumerateArray().ShouldHaveSingleItem();
        breach.GetProperty("ticket").GetString().ShouldBe(number);
        breach.GetProperty("clock").GetString().ShouldBe("reaction");
        breach.GetProperty("due").GetString().ShouldBe("2026-11-24T10:00:00+01:00");
        breach.GetProperty("lateBy").GetString().ShouldBe("28h30m");
        breach.GetProperty("daysExceeded").GetInt32().ShouldBe(2);
        breach.GetProperty("penalty").GetDecimal().ShouldBe(240.00m);
        breach.GetProperty("capped").GetBoolean().ShouldBeFalse();
        breach.GetProperty("claimDeadline").GetString().ShouldBe("2026-12-01");
        breach.GetProperty("lapsed").GetBoolean().ShouldBeFalse();
        breach.GetProperty("working").GetProperty("clause").GetString().ShouldBe("seed 001 art. 40.3");
        // The same figure as the ticket's own SLA: the engine's, not a second computation.
        breach.GetProperty("penalty").GetDecimal().ShouldBe(sla.GetProperty("penalty").GetDecimal());
        penalties.GetProperty("total").GetDecimal().ShouldBe(240.00m);
        penalties.GetProperty("cap").GetDecimal().ShouldBe(1200.00m);
        penalties.GetProperty("capWorking").GetProperty("steps")[0].GetString()!.ShouldContain("October 2026");
        penalties.GetProperty("claimable").GetDecimal().ShouldBe(240.00m);
        penalties.GetProperty("claimDeadline").GetString().ShouldBe("2026-12-01");
        penalties.GetProperty("claimDeadlineWorking").GetProperty("clause").GetString().ShouldBe("seed 001 art. 40.4");
        penalties.GetProperty("claimLetter").GetString().ShouldBe($"/api/contracts/{customer.Contract.Id}/penalties/claim.pdf?month=2026-11");

        // December has no breach of this ticket yet (its resolution is due Fri 27 November).
        var december = await PenaltiesAsync(desk.Admin, customer.Contract.Id, "2026-12");
        december.GetProperty("breaches").GetArrayLength().ShouldBe(0);
        december.GetProperty("total").GetDecimal().ShouldBe(0m);
        december.GetProperty("claimDeadline").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Long_breaches_are_held_to_the_fee_of_the_month_before_and_lapse_after_the_deadline(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var acknowledged = (await OpenTicketAsync(customer.ContactClient)).GetProperty("number").GetString()!;
        var forgotten = (await OpenTicketAsync(customer.ContactClient, subject: "VPN down")).GetProperty("number").GetString()!;
        desk.Clock.Set(Acknowledged);
        await Json(await ActAsync(desk.Admin, acknowledged, "acknowledge"), HttpStatusCode.OK);
        desk.Clock.Set(DateTimeOffset.Parse("2026-12-10T10:00:00+01:00"));

        var penalties = await PenaltiesAsync(desk.Admin, customer.Contract.Id);

        var breaches = penalties.GetProperty("breaches").EnumerateArray().ToList();
        breaches.Select(b => (b.GetProperty("ticket").GetString()!, b.GetProperty("clock").GetString()!, b.GetProperty("penalty").GetDecimal(), b.GetProperty("capped").GetBoolean()))
            .OrderBy(b => b.Item1).ThenBy(b => b.Item2).ToList()
            .ShouldBe(new[]
            {
                // Reaction 28 h 30 late: 20 %. Resolution due Fri 27 Nov 14:30, still running: 13 days → 130 %, held to 100 %.
                (acknowledged, "reaction", 240.00m, false),
                (acknowledged, "resolution", 1200.00m, true),
                // Never acknowledged: 16 days late → 160 %, held to 100 %.
                (forgotten, "reaction", 1200.00m, true),
            }.OrderBy(b => b.Item1).ThenBy(b => b.Item2).ToList());
        var ticketPenalties = 0m;
        foreach (var number in new[] { acknowledged, forgotten })
        {
            ticketPenalties += (await Json(await desk.Admin.GetAsync($"/api/tickets/{number}"), HttpStatusCode.OK)).GetProperty("sla").GetProperty("penalty").GetDecimal();
        }

        penalties.GetProperty("total").GetDecimal().ShouldBe(2640.00m);
        penalties.GetProperty("total").GetDecimal().ShouldBe(ticketPenalties);
        penalties.GetProperty("cap").GetDecimal().ShouldBe(1200.00m);
        penalties.GetProperty("capWorking").GetProperty("steps").EnumerateArray().Last().GetString()!.ShouldContain(forgotten);
        breaches.ShouldAllBe(b => b.GetProperty("ongoing").GetBoolean() == (b.GetProperty("clock").GetString() == "resolution" || b.GetProperty("ticket").GetString() == forgotten));
        // Every first breach was on 24 November: the right to claim ended on 1 December (art. 40.4).
        breaches.ShouldAllBe(b => b.GetProperty("lapsed").GetBoolean());
        penalties.GetProperty("claimable").GetDecimal().ShouldBe(0m);
        penalties.GetProperty("claimDeadline").ValueKind.ShouldBe(JsonValueKind.Null);

        var letter = await Json(await desk.Admin.GetAsync($"/api/contracts/{customer.Contract.Id}/penalties/claim.pdf?month=2026-11"), HttpStatusCode.UnprocessableEntity);
        letter.GetProperty("errors").GetProperty("month")[0].GetString()!.ShouldContain("has passed");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Only_staff_and_the_customers_admins_and_contact_persons_see_a_contracts_penalties(string database)
    {
        await using var desk = await StartAsync(database);
        var (customer, _) = await WorkedExampleAsync(desk);
        var customerAdmin = await desk.SignInAsAsync((await desk.CreatePersonAsync(customer.Organisation.Id, "customer-admin", "Anker Admin")).Id);
        var other = await desk.CreateCustomerAsync("Duvel");
        var otherTenant = await desk.CreateOtherProviderAsync("Provider B");
        var path = $"/api/contracts/{customer.Contract.Id}/penalties?month=2026-11";

        (await desk.Admin.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await desk.CreateAgentAsync()).GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await customerAdmin.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await customer.ContactClient.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var outsider in new[] { customer.UserClient, other.ContactClient, otherTenant })
        {
            var refused = await outsider.GetAsync(path);
            refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            // The trace id is random hex and may hold any digits: leave it out of what must not leak.
            var body = System.Text.RegularExpressions.Regex.Replace(await refused.Content.ReadAsStringAsync(), "\"traceId\":\"[^\"]*\"", "");
            body.ShouldNotContain("240");
            (await outsider.GetAsync($"/api/contracts/{customer.Contract.Id}/penalties/claim.pdf?month=2026-11")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        // The other organisation's own contract has no breach.
        (await PenaltiesAsync(other.ContactClient, other.Contract.Id)).GetProperty("breaches").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_missing_or_malformed_month_or_language_is_refused_naming_the_field(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var path = $"/api/contracts/{customer.Contract.Id}/penalties";

        foreach (var query in new[] { "", "?month=", "?month=2026-13", "?month=November", "?month=1999-12" })
        {
            var problem = await Json(await desk.Admin.GetAsync(path + query), HttpStatusCode.BadRequest);
            problem.GetProperty("errors").GetProperty("month").GetArrayLength().ShouldBe(1);
        }

        var language = await Json(await desk.Admin.GetAsync($"{path}/claim.pdf?month=2026-11&language=de"), HttpStatusCode.BadRequest);
        language.GetProperty("errors").GetProperty("language")[0].GetString().ShouldBe("nl, fr or en");
        var nothing = await Json(await desk.Admin.GetAsync($"{path}/claim.pdf?month=2026-11"), HttpStatusCode.UnprocessableEntity);
        nothing.GetProperty("errors").GetProperty("month")[0].GetString()!.ShouldContain("no service-level breach in 2026-11");
    }

    [Fact]
    public async Task The_penalty_and_data_breach_endpoints_are_in_the_openapi_document_with_summaries()
    {
        await using var desk = await StartAsync("sqlite");
        var paths = (await Json(await desk.Anonymous().GetAsync("/openapi/v1.json"), HttpStatusCode.OK)).GetProperty("paths");

        foreach (var (path, verb) in new[]
        {
            ("/api/contracts/{id}/penalties", "get"), ("/api/contracts/{id}/penalties/claim.pdf", "get"),
            ("/api/data-breaches", "get"), ("/api/data-breaches", "post"), ("/api/data-breaches/{id}", "get"), ("/api/data-breaches/{id}/notify", "post"),
        })
        {
            paths.GetProperty(path).GetProperty(verb).GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace($"{verb} {path}");
        }
    }

    private static readonly object ProviderBilling = new
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
        name = "Anker Logistiek NV",
        street = "Kaai 12",
        city = "Antwerpen",
        postcode = "2000",
        country = "BE",
        enterpriseNumber = "0202.239.951",
        vatNumber = "BE0202239951",
        email = "ap@customer.example",
    };

    [Theory]
    [InlineData("sqlite", "nl", "AANGETEKEND", "€ 240,00", "01/12/2026", "reactietijd", "artikel 40.3")]
    [InlineData("postgres", "fr", "RECOMMANDÉ", "240,00 €", "01/12/2026", "réaction", "l'article 40.3")]
    [InlineData("sqlite", "en", "REGISTERED LETTER", "€ 240.00", "01/12/2026", "reaction", "article 40.3")]
    public async Task The_claim_letter_names_both_parties_the_clause_each_breach_the_total_and_the_deadline(
        string database, string language, string mark, string amount, string deadline, string clock, string clause)
    {
        await using var desk = await StartAsync(database);
        var (customer, number) = await WorkedExampleAsync(desk);
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-26T09:00:00+01:00"));
        var path = $"/api/contracts/{customer.Contract.Id}/penalties/claim.pdf?month=2026-11&language={language}";

        var missing = await Json(await customer.ContactClient.GetAsync(path), HttpStatusCode.UnprocessableEntity);
        missing.GetProperty("errors").GetProperty("provider").GetArrayLength().ShouldBe(1);
        await Json(await desk.Admin.PutAsJsonAsync("/api/provider/billing", ProviderBilling), HttpStatusCode.OK);
        await Json(await desk.Admin.PutAsJsonAsync($"/api/organisations/{customer.Organisation.Id}/billing", CustomerBilling), HttpStatusCode.OK);

        var response = await customer.ContactClient.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        using var pdf = new Poppler(await response.Content.ReadAsByteArrayAsync());
        var text = pdf.Text();

        text.ShouldContain(mark);
        text.ShouldContain("Anker Logistiek NV");
        text.ShouldContain("Kaai 12");
        text.ShouldContain("Provider A BV");
        text.ShouldContain("Kortrijksesteenweg 1100");
        text.ShouldContain("9051 Gent");
        text.ShouldContain(customer.Contract.Name);
        text.ShouldContain(clause);
        text.ShouldContain("40.4");
        text.ShouldContain(number);
        text.ShouldContain(clock);
        text.ShouldContain("24/11/2026 10:00");
        text.ShouldContain("28 h 30 min");
        text.ShouldContain(amount);
        text.ShouldContain(deadline);
        text.ShouldContain("Antwerpen, 26/11/2026");
        pdf.Info().ShouldContain("595 x 842 pts (A4)");
        var fonts = pdf.Fonts().Split('\n').Where(l => l.Contains("DejaVu Sans", StringComparison.Ordinal)).ToList();
        fonts.ShouldNotBeEmpty();
        fonts.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^5]).ShouldAllBe(embedded => embedded == "yes");

        if (language == "nl")
        {
            // docs/screenshots/claim-letter.png is made from this (CLAUSEDESK_SCREENSHOTS names the folder).
            var png = pdf.FirstPagePng(72);
            Poppler.PngSize(png).ShouldBe((595, 842));
            if (Environment.GetEnvironmentVariable("CLAUSEDESK_SCREENSHOTS") is { Length: > 0 } folder)
            {
                await File.WriteAllBytesAsync(Path.Combine(folder, "claim-letter.png"), png);
            }
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClauseDesk.Desk;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Contracts;

/// <summary>Indexation applied, suspension and termination fees, the liability cap, the customer's export and the purge after 90 days (SPEC §4–5, §9).</summary>
public class ContractFeesTests
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

    private static object Customer(string name) => new
    {
        name,
        street = "Kaai 12",
        city = "Antwerpen",
        postcode = "2000",
        country = "BE",
        enterpriseNumber = "0202.239.951",
        vatNumber = "BE0202239951",
        email = "ap@customer.example",
    };

    private static Task<HttpResponseMessage> PutCsvAsync(HttpClient client, string name, string csv, string type = "text/csv") =>
        client.PutAsync($"/api/index-series/{name}", new StringContent(csv, Encoding.UTF8, type));

    private static async Task SetTermAsync(DeskApp desk, Guid contract, string start, int months, string indexation = "anniversary") =>
        await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{contract}/term", new { start, months, indexation }), HttpStatusCode.OK);

    private static async Task IssueAsync(DeskApp desk, Guid organisation, string issueDate, decimal amount) =>
        await Json(await desk.Admin.PostAsJsonAsync("/api/invoices", new
        {
            organisationId = organisation,
            issueDate,
            lines = new[] { new { description = $"Service-level fee {issueDate[..7]}", quantity = 1, unit = "MON", unitPrice = amount, vat = "21" } },
        }), HttpStatusCode.Created);

    private static async Task BillingAsync(DeskApp desk, Guid organisation, string name)
    {
        await Json(await desk.Admin.PutAsJsonAsync("/api/provider/billing", Provider), HttpStatusCode.OK);
        await Json(await desk.Admin.PutAsJsonAsync($"/api/organisations/{organisation}/billing", Customer(name)), HttpStatusCode.OK);
    }

    private static string Field(JsonElement problem) => problem.GetProperty("errors").EnumerateObject().Single().Name;

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task An_index_series_is_imported_from_CSV_and_a_bad_line_is_refused_by_its_number(string database)
    {
        await using var desk = await StartAsync(database);

        var bad = await Json(await PutCsvAsync(desk.Admin, "agoria-digital", "month,value\n2026-01,120.00\n2026-02,12O.5\n"), HttpStatusCode.BadRequest);
        Field(bad).ShouldBe("line 3");
        bad.GetProperty("detail").GetString()!.ShouldContain("'12O.5' is not a number");
        Field(await Json(await PutCsvAsync(desk.Admin, "agoria-digital", "2026-13,120.00"), HttpStatusCode.BadRequest)).ShouldBe("line 1");
        (await Json(await PutCsvAsync(desk.Admin, "agoria-digital", "2026-01,120\n\n2026-01,121"), HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!.ShouldContain("2026-01 is given twice");
        (await Json(await PutCsvAsync(desk.Admin, "agoria-digital", "2026-01;120,5"), HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!.ShouldContain("line 1");
        var notCsv = await Json(await PutCsvAsync(desk.Admin, "agoria-digital", "2026-01,120", "application/json"), HttpStatusCode.UnsupportedMediaType);
        Field(notCsv).ShouldBe("Content-Type");
        notCsv.GetProperty("errors").GetProperty("Content-Type")[0].GetString()!.ShouldContain("text/csv");
        Field(await Json(await PutCsvAsync(desk.Admin, "Agoria Digital", "2026-01,120"), HttpStatusCode.BadRequest)).ShouldBe("name");
        (await desk.Admin.GetAsync("/api/index-series/agoria-digital")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a refused import stores nothing");

        var imported = await Json(await PutCsvAsync(desk.Admin, "agoria-digital", "\uFEFFmonth,value\r\n2025-12,120.00\r\n2026-12,126.00\r\n"), HttpStatusCode.OK);
        imported.GetProperty("months").GetInt32().ShouldBe(2);
        // A second import replaces the series.
        await Json(await PutCsvAsync(desk.Admin, "agoria-digital", "2025-12,120.00\n2026-11,125.10\n2026-12,126.00\n"), HttpStatusCode.OK);
        var series = await Json(await desk.Admin.GetAsync("/api/index-series/agoria-digital"), HttpStatusCode.OK);
        series.GetProperty("values").EnumerateArray().Select(v => $"{v.GetProperty("month").GetString()}={v.GetProperty("value").GetDecimal()}").ShouldBe(["2025-12=120", "2026-11=125.1", "2026-12=126"]);
        (await Json(await desk.Admin.GetAsync("/api/index-series"), HttpStatusCode.OK)).EnumerateArray().Single().GetProperty("last").GetString().ShouldBe("2026-12");

        var customer = await desk.CreateCustomerAsync("Anker");
        (await PutCsvAsync(customer.ContactClient, "cpi", "2026-01,120")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await customer.ContactClient.GetAsync("/api/index-series")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var other = await desk.CreateOtherProviderAsync("Provider B");
        (await other.GetAsync("/api/index-series/agoria-digital")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another provider's series are its own");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task The_preview_is_what_apply_applies_once_on_the_indexation_day(string database)
    {
        await using var desk = await StartAsync(database);
        var organisation = await desk.CreateOrganisationAsync("Anker");
        var contract = await desk.CreateContractAsync(organisation.Id, monthlyFee: 1000m);
        await SetTermAsync(desk, contract.Id, "2026-01-01", 36, "first-of-january");
        await Json(await PutCsvAsync(desk.Admin, "agoria-digital", "2025-12,120.00\n2026-11,125.00\n"), HttpStatusCode.OK);
        var clause = await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{contract.Id}/indexation", new { formula = "agoria", series = "agoria-digital", baseMonth = "2025-12" }), HttpStatusCode.OK);
        clause.GetProperty("baseIndex").GetDecimal().ShouldBe(120m);
        clause.GetProperty("basePrice").GetDecimal().ShouldBe(1000m, "P0 defaults to the monthly fee");

        // The 2027-01-01 indexation reads December 2026, not imported yet.
        var missing = await Json(await desk.Admin.GetAsync($"/api/contracts/{contract.Id}/indexation?on=2027-01-15"), HttpStatusCode.UnprocessableEntity);
        Field(missing).ShouldBe("index");
        missing.GetProperty("detail").GetString()!.ShouldContain("agoria-digital' has no value for 2026-12");
        Field(await Json(await desk.Admin.GetAsync($"/api/contracts/{contract.Id}/indexation?on=2026-06-01"), HttpStatusCode.UnprocessableEntity)).ShouldBe("on");

        await Json(await PutCsvAsync(desk.Admin, "agoria-digital", "2025-12,120.00\n2026-11,125.00\n2026-12,126.00\n"), HttpStatusCode.OK);
        var preview = await Json(await desk.Admin.GetAsync($"/api/contracts/{contract.Id}/indexation?on=2027-01-15"), HttpStatusCode.OK);
        preview.GetProperty("indexationDay").GetString().ShouldBe("2027-01-01");
        preview.GetProperty("indexMonth").GetString().ShouldBe("2026-12");
        preview.GetProperty("price").GetDecimal().ShouldBe(1040.00m, "SPEC §9: €1,000 × (0.2 + 0.8 × 126/120)");
        preview.GetProperty("applied").GetBoolean().ShouldBeFalse();
        var steps = string.Join("\n", preview.GetProperty("working").GetProperty("steps").EnumerateArray().Select(s => s.GetString()));
        steps.ShouldContain("Indexation day 2027-01-01");
        steps.ShouldContain("value of 2026-12");
        steps.ShouldContain("P = P0 × (0.2 + 0.8 × S/S0) = €1,000.00 × (0.2 + 0.8 × 126/120)", Case.Sensitive, steps);
        steps.ShouldContain("Rounded once to the cent, half away from zero: €1,040.00.");

        // Before the day: refused, naming the day.
        var early = await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{contract.Id}/indexation/apply", new { indexationDay = "2027-01-01" }), HttpStatusCode.UnprocessableEntity);
        Field(early).ShouldBe("indexationDay");
        early.GetProperty("detail").GetString()!.ShouldContain("has not come yet");
        (await Json(await desk.Admin.GetAsync($"/api/contracts/{contract.Id}"), HttpStatusCode.OK)).GetProperty("monthlyFee").GetDecimal().ShouldBe(1000m);

        desk.Clock.Set(DateTimeOffset.Parse("2027-01-02T09:00:00+01:00"));
        var applied = await Json(await desk.Admin.PostAsync($"/api/contracts/{contract.Id}/indexation/apply", JsonContent.Create(new { })), HttpStatusCode.OK);
        applied.GetProperty("price").GetDecimal().ShouldBe(preview.GetProperty("price").GetDecimal());
        applied.GetProperty("working").GetRawText().ShouldBe(preview.GetProperty("working").GetRawText(), "the preview shows exactly what is applied");
        applied.GetProperty("applied").GetBoolean().ShouldBeTrue();
        (await Json(await desk.Admin.GetAsync($"/api/contracts/{contract.Id}"), HttpStatusCode.OK)).GetProperty("monthlyFee").GetDecimal().ShouldBe(1040m, "later invoices and penalties use the new fee");

        // Once: applying again answers the same and changes nothing, even after the series moved.
        await Json(await PutCsvAsync(desk.Admin, "agoria-digital", "2025-12,120.00\n2026-12,130.00\n"), HttpStatusCode.OK);
        var again = await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{contract.Id}/indexation/apply", new { indexationDay = "2027-01-01" }), HttpStatusCode.OK);
        again.GetProperty("price").GetDecimal().ShouldBe(1040m);
        again.GetProperty("appliedAt").GetString().ShouldBe(applied.GetProperty("appliedAt").GetString());
        (await Json(await desk.Admin.GetAsync($"/api/contracts/{contract.Id}"), HttpStatusCode.OK)).GetProperty("monthlyFee").GetDecimal().ShouldBe(1040m);
        Field(await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{contract.Id}/indexation/apply", new { indexationDay = "2027-01-02" }), HttpStatusCode.UnprocessableEntity)).ShouldBe("indexationDay");

        // The CPI example of SPEC §9 on an anniversary contract: base month the one before signing.
        var cpiContract = await desk.CreateContractAsync(organisation.Id, monthlyFee: 49m);
        await SetTermAsync(desk, cpiContract.Id, "2025-03-01", 12);
        await Json(await PutCsvAsync(desk.Admin, "cpi", "2025-02,128.67\n2026-02,130.08\n"), HttpStatusCode.OK);
        await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{cpiContract.Id}/indexation", new { formula = "cpi", series = "cpi", baseMonth = "2025-02" }), HttpStatusCode.OK);
        var cpi = await Json(await desk.Admin.GetAsync($"/api/contracts/{cpiContract.Id}/indexation?on=2026-03-01"), HttpStatusCode.OK);
        cpi.GetProperty("price").GetDecimal().ShouldBe(49.54m);
        cpi.GetProperty("indexMonth").GetString().ShouldBe("2026-02");

        var other = await desk.CreateOtherProviderAsync("Provider B");
        (await other.GetAsync($"/api/contracts/{contract.Id}/indexation")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/contracts/{contract.Id}/indexation/apply", JsonContent.Create(new { }))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Suspension_comes_only_after_the_notice_and_15_days_and_reactivation_costs_the_indexed_fee(string database)
    {
        await using var desk = await StartAsync(database);
        var organisation = await desk.CreateOrganisationAsync("Anker");
        var contract = await desk.CreateContractAsync(organisation.Id, monthlyFee: 1000m);
        await SetTermAsync(desk, contract.Id, "2026-01-01", 36, "first-of-january");

        await BillingAsync(desk, organisation.Id, "Anker NV");
        var none = await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{contract.Id}/suspend", new { on = "2026-11-20" }), HttpStatusCode.UnprocessableEntity);
        Field(none).ShouldBe("formalNotice");

        var notice = await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{contract.Id}/formal-notice", new { sentOn = "2026-11-02" }), HttpStatusCode.Created);
        notice.GetProperty("suspensionAllowedFrom").GetProperty("date").GetString().ShouldBe("2026-11-18");
        var early = await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{contract.Id}/suspend", new { on = "2026-11-17" }), HttpStatusCode.UnprocessableEntity);
        Field(early).ShouldBe("on");
        early.GetProperty("detail").GetString()!.ShouldContain("suspension is allowed from 2026-11-18");
        var suspended = await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{contract.Id}/suspend", new { on = "2026-11-18" }), HttpStatusCode.OK);
        suspended.GetProperty("suspendedOn").GetString().ShouldBe("2026-11-18");

        // Indexed like the prices (seed 001 art. 20.5): €250 × (0.2 + 0.8 × 126/120) = €260.00, on November's index.
        await Json(await PutCsvAsync(desk.Admin, "agoria-digital", "2025-12,120.00\n2026-10,123.00\n"), HttpStatusCode.OK);
        await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{contract.Id}/indexation", new { formula = "agoria", series = "agoria-digital", baseMonth = "2025-12" }), HttpStatusCode.OK);
        var missing = await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{contract.Id}/reactivate", new { on = "2026-12-05" }), HttpStatusCode.UnprocessableEntity);
        missing.GetProperty("detail").GetString()!.ShouldContain("no value for 2026-11");
        await Json(await PutCsvAsync(desk.Admin, "agoria-digital", "2025-12,120.00\n2026-11,126.00\n"), HttpStatusCode.OK);
        var reactivated = await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{contract.Id}/reactivate", new { on = "2026-12-05" }), HttpStatusCode.OK);
        reactivated.GetProperty("reactivatedOn").GetString().ShouldBe("2026-12-05");
        var fee = reactivated.GetProperty("reactivationFee");
        fee.GetProperty("amount").GetDecimal().ShouldBe(260.00m);
        fee.GetProperty("working").GetProperty("clause").GetString()!.ShouldContain("seed 001 art. 17.4");
        fee.GetProperty("working").GetProperty("inputs").GetProperty("index month").GetString().ShouldBe("2026-11");

        // The fee is invoiced (one line, VAT 21 %), and the services resume only once it is paid (art. 17.4).
        var number = reactivated.GetProperty("feeInvoice").GetString()!;
        reactivated.GetProperty("resumesWhenPaid").GetBoolean().ShouldBeTrue();
        reactivated.GetProperty("feePaid").GetBoolean().ShouldBeFalse();
        reactivated.GetProperty("state").GetString().ShouldBe("awaiting-payment");
        var invoice = await Json(await desk.Admin.GetAsync($"/api/invoices/{number}"), HttpStatusCode.OK);
        invoice.GetProperty("issueDate").GetString().ShouldBe("2026-12-05");
        invoice.GetProperty("lines").GetArrayLength().ShouldBe(1);
        var line = invoice.GetProperty("lines")[0];
        line.GetProperty("unitPrice").GetDecimal().ShouldBe(260.00m);
        line.GetProperty("vat").GetString()!.ShouldContain("21");
        line.GetProperty("description").GetString()!.ShouldContain("seed 001 art. 17.4");
        line.GetProperty("description").GetString()!.ShouldContain("index month 2026-11");
        invoice.GetProperty("taxInclusive").GetDecimal().ShouldBe(314.60m);
        invoice.GetProperty("paymentReference").GetString()!.ShouldStartWith("+++");
        (await desk.Admin.GetAsync($"/api/invoices/{number}/pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await desk.Admin.GetAsync($"/api/invoices/{number}/ubl")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Asked again, the same invoice: once per suspension.
        var again = await desk.Admin.PostAsJsonAsync($"/api/contracts/{contract.Id}/reactivate", new { on = "2026-12-06" });
        again.Headers.GetValues("Idempotent-Replay").Single().ShouldBe("true");
        var replay = await Json(again, HttpStatusCode.OK);
        replay.GetProperty("feeInvoice").GetString().ShouldBe(number);
        replay.GetProperty("reactivatedOn").GetString().ShouldBe("2026-12-05");
        var invoices = await Json(await desk.Admin.GetAsync("/api/invoices"), HttpStatusCode.OK);
        invoices.EnumerateArray().Count(i => i.GetProperty("organisationId").GetGuid() == organisation.Id).ShouldBe(1);

        // Part paid: still waiting; paid in full: resumed.
        desk.Clock.Set(DateTimeOffset.Parse("2026-12-06T10:00:00+01:00"));
        var reference = invoice.GetProperty("paymentReference").GetString();
        await Json(await desk.Admin.PostAsJsonAsync("/api/payments", new { organisationId = organisation.Id, amount = 300.00m, reference }), HttpStatusCode.Created);
        var waiting = await Json(await desk.Admin.GetAsync($"/api/contracts/{contract.Id}/suspension"), HttpStatusCode.OK);
        waiting.GetProperty("feePaid").GetBoolean().ShouldBeFalse();
        waiting.GetProperty("state").GetString().ShouldBe("awaiting-payment");
        await Json(await desk.Admin.PostAsJsonAsync("/api/payments", new { organisationId = organisation.Id, amount = 14.60m, reference }), HttpStatusCode.Created);
        var resumed = await Json(await desk.Admin.GetAsync($"/api/contracts/{contract.Id}/suspension"), HttpStatusCode.OK);
        resumed.GetProperty("feePaid").GetBoolean().ShouldBeTrue();
        resumed.GetProperty("state").GetString().ShouldBe("resumed");
        resumed.GetProperty("feeInvoice").GetString().ShouldBe(number);

        // Without a clause the fee is the seed's €250.00.
        var plain = await desk.CreateContractAsync(organisation.Id);
        await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{plain.Id}/formal-notice", new { sentOn = "2026-11-01" }), HttpStatusCode.Created);
        await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{plain.Id}/suspend", new { }), HttpStatusCode.OK);
        var plainFee = await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{plain.Id}/reactivate", new { }), HttpStatusCode.OK);
        plainFee.GetProperty("reactivationFee").GetProperty("amount").GetDecimal().ShouldBe(250m);
        plainFee.GetProperty("feeInvoice").GetString().ShouldNotBe(number, "another suspension, another invoice");
        (await Json(await desk.Admin.GetAsync($"/api/invoices/{plainFee.GetProperty("feeInvoice").GetString()}"), HttpStatusCode.OK)).GetProperty("taxInclusive").GetDecimal().ShouldBe(302.50m);
        Field(await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{plain.Id}/formal-notice", new { sentOn = "2026-12-24" }), HttpStatusCode.BadRequest)).ShouldBe("sentOn");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task The_liability_cap_counts_only_the_principal_the_payments_settled(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Westmalle");
        var contract = await desk.CreateContractAsync(customer.Organisation.Id, monthlyFee: 6000m);
        await SetTermAsync(desk, contract.Id, "2026-01-01", 36);
        await BillingAsync(desk, customer.Organisation.Id, "Westmalle NV");
        await IssueAsync(desk, customer.Organisation.Id, "2026-01-01", 6000m);
        await IssueAsync(desk, customer.Organisation.Id, "2026-06-01", 6000m);
        var id = customer.Organisation.Id;

        // The first paid in full on time (€7,260.00), the second half (€3,630.00): €6,000 + €3,000 received excl. VAT → 20 % = €1,800.
        await Json(await desk.Admin.PostAsJsonAsync("/api/payments", new { organisationId = id, amount = 7260m, received = "2026-01-10" }), HttpStatusCode.Created);
        await Json(await desk.Admin.PostAsJsonAsync("/api/payments", new { organisationId = id, amount = 3630m, received = "2026-06-10" }), HttpStatusCode.Created);
        var half = await Json(await desk.Admin.GetAsync($"/api/contracts/{contract.Id}/liability-cap?on=2026-07-01&projectPrice=30000"), HttpStatusCode.OK);
        half.GetProperty("invoicedLast12Months").GetProperty("taxExclusive").GetDecimal().ShouldBe(9000m);
        half.GetProperty("cap").GetProperty("amount").GetDecimal().ShouldBe(1800m);
        var steps = half.GetProperty("invoicedLast12Months").GetProperty("working").GetProperty("steps").EnumerateArray().Select(s => s.GetString()!).ToList();
        steps.ShouldContain(s => s.Contains("€3,630.00 of €7,260.00 payable received", StringComparison.Ordinal) && s.EndsWith("= €3,000.00 excl. VAT, rounded to the cent.", StringComparison.Ordinal));

        // A payment received on or after the event's day does not count for it.
        await Json(await desk.Admin.PostAsJsonAsync("/api/payments", new { organisationId = id, amount = 1000m, received = "2026-07-01" }), HttpStatusCode.Created);
        (await Json(await desk.Admin.GetAsync($"/api/contracts/{contract.Id}/liability-cap?on=2026-07-01&projectPrice=30000"), HttpStatusCode.OK))
            .GetProperty("cap").GetProperty("amount").GetDecimal().ShouldBe(1800m);

        // Paid late, the rest goes to interest and the lump sum first (art. 6.10): only what reached the principal counts.
        await Json(await desk.Admin.PostAsJsonAsync("/api/payments", new { organisationId = id, amount = 2630m, received = "2026-09-01" }), HttpStatusCode.Created);
        var account = await Json(await desk.Admin.GetAsync($"/api/organisations/{id}/account?on=2026-09-30"), HttpStatusCode.OK);
        var second = account.GetProperty("invoices").EnumerateArray().Single(i => i.GetProperty("issueDate").GetString() == "2026-06-01");
        var principal = second.GetProperty("principalPaid").GetDecimal();
        principal.ShouldBeLessThan(7260m, "interest and the lump sum took part of the payments");
        (second.GetProperty("interestPaid").GetDecimal() + second.GetProperty("lumpSumPaid").GetDecimal()).ShouldBeGreaterThan(0m);
        var late = await Json(await desk.Admin.GetAsync($"/api/contracts/{contract.Id}/liability-cap?on=2026-10-01&projectPrice=30000"), HttpStatusCode.OK);
        var received = 6000m + Math.Round(6000m * principal / 7260m, 2, MidpointRounding.AwayFromZero);
        late.GetProperty("invoicedLast12Months").GetProperty("taxExclusive").GetDecimal().ShouldBe(received);
        received.ShouldBeLessThan(12000m);
        late.GetProperty("cap").GetProperty("amount").GetDecimal().ShouldBe(Math.Round(received * 0.2m, 2, MidpointRounding.AwayFromZero));
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Termination_and_dissolution_fees_and_the_liability_cap_come_from_the_invoices_issued(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var admin = await desk.CreatePersonAsync(customer.Organisation.Id, "customer-admin", "Anker Admin");
        var contract = await desk.CreateContractAsync(customer.Organisation.Id, monthlyFee: 500m);
        await SetTermAsync(desk, contract.Id, "2026-01-01", 36);
        await BillingAsync(desk, customer.Organisation.Id, "Anker NV");
        for (var month = 1; month <= 10; month++)
        {
            await IssueAsync(desk, customer.Organisation.Id, $"2026-{month:00}-01", 500m);
        }

        // SPEC §9: ended by the customer after 10 months → 26 × €500 = €13,000 → €5,200.
        var fees = await Json(await (await desk.SignInAsAsync(admin.Id)).GetAsync($"/api/contracts/{contract.Id}/termination?on=2026-11-01"), HttpStatusCode.OK);
        fees.GetProperty("earlyTermination").GetProperty("amount").GetDecimal().ShouldBe(5200m);
        fees.GetProperty("earlyTermination").GetProperty("working").GetProperty("steps").EnumerateArray().Select(s => s.GetString()).ShouldContain("Could still be invoiced: 26 × €500.00 = €13,000.00.");
        fees.GetProperty("invoicedLast12Months").GetProperty("taxExclusive").GetDecimal().ShouldBe(5000m);
        fees.GetProperty("invoicedLast12Months").GetProperty("invoices").GetInt32().ShouldBe(10);
        var dissolution = fees.GetProperty("dissolution");
        dissolution.GetProperty("amount").GetDecimal().ShouldBe(5200m);
        dissolution.GetProperty("working").GetProperty("steps").EnumerateArray().Select(s => s.GetString()).ShouldContain("Minimum: one quarter of €5,000.00 = €1,250.00.");

        // Near the end the minimum wins: one period left of €500 → 40 % = €200 < ¼ of €6,000 invoiced.
        await IssueAsync(desk, customer.Organisation.Id, "2026-11-01", 500m);
        await IssueAsync(desk, customer.Organisation.Id, "2026-12-01", 500m);
        var late = await Json(await desk.Admin.GetAsync($"/api/contracts/{contract.Id}/termination?on=2028-12-01"), HttpStatusCode.OK);
        late.GetProperty("earlyTermination").GetProperty("amount").GetDecimal().ShouldBe(200m);
        late.GetProperty("invoicedLast12Months").GetProperty("invoices").GetInt32().ShouldBe(0, "nothing was invoiced in the 12 months before 2028-12-01");

        // SPEC §9: €18,000 in the 12 months before → 20 % = €3,600; project €30,000; yearly €5,000.
        var other = await desk.CreateCustomerAsync("Duvel");
        var otherContract = await desk.CreateContractAsync(other.Organisation.Id, monthlyFee: 1500m);
        await SetTermAsync(desk, otherContract.Id, "2025-01-01", 36);
        await BillingAsync(desk, other.Organisation.Id, "Duvel NV");
        await IssueAsync(desk, other.Organisation.Id, "2025-11-30", 9000m);
        foreach (var date in new[] { "2025-12-01", "2026-05-01", "2026-11-30" })
        {
            await IssueAsync(desk, other.Organisation.Id, date, 6000m);
        }

        // Art. 16.3 counts what was invoiced and received: nothing paid yet, nothing counts.
        var unpaid = await Json(await desk.Admin.GetAsync($"/api/contracts/{otherContract.Id}/liability-cap?on=2026-12-01&projectPrice=30000"), HttpStatusCode.OK);
        unpaid.GetProperty("cap").GetProperty("amount").GetDecimal().ShouldBe(0m);
        unpaid.GetProperty("invoicedLast12Months").GetProperty("invoices").GetInt32().ShouldBe(3);

        // Each invoice paid on its issue day (€6,000 + 21 % = €7,260.00), before the event.
        desk.Clock.Set(DateTimeOffset.Parse("2026-12-01T10:00:00+01:00"));
        foreach (var (date, amount) in new[] { ("2025-11-30", 10890m), ("2025-12-01", 7260m), ("2026-05-01", 7260m), ("2026-11-30", 7260m) })
        {
            await Json(await desk.Admin.PostAsJsonAsync("/api/payments", new { organisationId = other.Organisation.Id, amount, received = date }), HttpStatusCode.Created);
        }

        var cap = await Json(await desk.Admin.GetAsync($"/api/contracts/{otherContract.Id}/liability-cap?on=2026-12-01&projectPrice=30000"), HttpStatusCode.OK);
        cap.GetProperty("cap").GetProperty("amount").GetDecimal().ShouldBe(3600m);
        cap.GetProperty("invoicedLast12Months").GetProperty("taxExclusive").GetDecimal().ShouldBe(18000m, "2025-11-30 is outside [2025-12-01, 2026-12-01)");
        cap.GetProperty("invoicedLast12Months").GetProperty("working").GetProperty("reading").GetString()!.ShouldContain("principal the payments received before the event settled");
        var capSteps = cap.GetProperty("invoicedLast12Months").GetProperty("working").GetProperty("steps").EnumerateArray().Select(s => s.GetString()!).ToList();
        capSteps.Count(s => s.Contains("all received: €6,000.00 excl. VAT.", StringComparison.Ordinal)).ShouldBe(3);
        capSteps[^1].ShouldBe("Invoiced and received excl. VAT: €18,000.00.");
        (await Json(await desk.Admin.GetAsync($"/api/contracts/{otherContract.Id}/liability-cap?on=2026-12-01&projectPrice=30000&alreadyPaid=3000"), HttpStatusCode.OK))
            .GetProperty("cap").GetProperty("amount").GetDecimal().ShouldBe(600m);
        Field(await Json(await desk.Admin.GetAsync($"/api/contracts/{otherContract.Id}/liability-cap?projectPrice=-1"), HttpStatusCode.BadRequest)).ShouldBe("projectPrice");

        (await customer.ContactClient.GetAsync($"/api/contracts/{contract.Id}/termination")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await desk.SignInAsAsync(admin.Id)).GetAsync($"/api/contracts/{otherContract.Id}/liability-cap")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task The_export_holds_everything_of_the_customer_and_nothing_of_anyone_else(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var admin = await desk.SignInAsAsync((await desk.CreatePersonAsync(customer.Organisation.Id, "customer-admin", "Anker Admin", password: "a long enough password 1")).Id);
        var agent = await desk.CreateAgentAsync();
        var number = (await OpenTicketAsync(customer.ContactClient, subject: "Anker mail down")).GetProperty("number").GetString()!;
        await Json(await customer.ContactClient.PostAsJsonAsync($"/api/tickets/{number}/messages", new { body = "Still down at noon." }), HttpStatusCode.Created);
        await Json(await agent.PostAsJsonAsync($"/api/tickets/{number}/messages", new { body = "Internal: their firewall again", @internal = true }), HttpStatusCode.Created);
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        await Json(await customer.ContactClient.PostAsync($"/api/tickets/{number}/attachments", new MultipartFormDataContent { { file, "file", "screen.png" } }), HttpStatusCode.Created);
        await BillingAsync(desk, customer.Organisation.Id, "Anker NV");
        await IssueAsync(desk, customer.Organisation.Id, "2026-11-01", 1200m);

        var other = await desk.CreateCustomerAsync("Duvel");
        await OpenTicketAsync(other.ContactClient, subject: "Duvel secret");
        var otherTenant = await desk.CreateOtherProviderAsync("Provider B");

        var response = await admin.GetAsync($"/api/organisations/{customer.Organisation.Id}/export");
        var text = await response.Content.ReadAsStringAsync();
        var export = await Json(response, HttpStatusCode.OK);
        export.GetProperty("format").GetString().ShouldBe("clausedesk-export/1");
        export.GetProperty("organisation").GetProperty("name").GetString().ShouldBe("Anker");
        export.GetProperty("people").GetArrayLength().ShouldBe(3);
        export.GetProperty("contracts").GetArrayLength().ShouldBe(1);
        var ticket = export.GetProperty("tickets").EnumerateArray().Single();
        ticket.GetProperty("number").GetString().ShouldBe(number);
        ticket.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()).ShouldContain("Still down at noon.");
        Convert.FromBase64String(ticket.GetProperty("attachments").EnumerateArray().Single().GetProperty("contentBase64").GetString()!).ShouldBe(bytes);
        export.GetProperty("invoices").EnumerateArray().Single().GetProperty("document").GetProperty("customer").GetProperty("name").GetString().ShouldBe("Anker NV");
        text.ShouldNotContain("Internal: their firewall", Case.Insensitive, "internal notes are the provider's");
        text.ShouldNotContain("passwordHash", Case.Insensitive);
        text.ShouldNotContain("Duvel", Case.Insensitive);
        text.ShouldNotContain(other.Organisation.Id.ToString(), Case.Insensitive);

        (await Json(await desk.Admin.GetAsync($"/api/organisations/{customer.Organisation.Id}/export"), HttpStatusCode.OK)).GetProperty("tickets").GetArrayLength().ShouldBe(1);
        (await admin.GetAsync($"/api/organisations/{other.Organisation.Id}/export")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await customer.ContactClient.GetAsync($"/api/organisations/{customer.Organisation.Id}/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await agent.GetAsync($"/api/organisations/{customer.Organisation.Id}/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await otherTenant.GetAsync($"/api/organisations/{customer.Organisation.Id}/export")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task The_purge_runs_on_the_day_90_days_after_the_end_once_and_keeps_the_invoices(string database)
    {
        await using var desk = await StartAsync(database, DateTimeOffset.Parse("2025-06-02T10:00:00+02:00"));
        var customer = await desk.CreateCustomerAsync("Anker");
        await SetTermAsync(desk, customer.Contract.Id, "2025-01-01", 12);
        await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{customer.Contract.Id}/stop-renewal", new { on = "2025-06-01" }), HttpStatusCode.OK);
        var number = (await OpenTicketAsync(customer.ContactClient, subject: "Anker mail down")).GetProperty("number").GetString()!;
        await Json(await customer.ContactClient.PostAsJsonAsync($"/api/tickets/{number}/messages", new { body = "Still down." }), HttpStatusCode.Created);
        await BillingAsync(desk, customer.Organisation.Id, "Anker NV");
        await IssueAsync(desk, customer.Organisation.Id, "2025-06-01", 1200m);
        var other = await desk.CreateCustomerAsync("Duvel");
        var otherNumber = (await OpenTicketAsync(other.ContactClient, subject: "Duvel printer")).GetProperty("number").GetString()!;

        var dates = await Json(await desk.Admin.GetAsync($"/api/contracts/{customer.Contract.Id}/dates?on=2026-01-15"), HttpStatusCode.OK);
        dates.GetProperty("dataPurge").GetProperty("date").GetString().ShouldBe("2026-04-01");

        desk.Clock.Set(DateTimeOffset.Parse("2026-03-31T23:59:00+02:00"));
        (await desk.PurgeAsync()).ShouldBe(0, "the 90 days are not over on 31 March in Brussels");
        await Json(await desk.Admin.GetAsync($"/api/tickets/{number}"), HttpStatusCode.OK);

        desk.Clock.Set(DateTimeOffset.Parse("2026-04-01T00:01:00+02:00"));
        (await desk.PurgeAsync()).ShouldBe(1);
        (await desk.PurgeAsync()).ShouldBe(0, "never twice");
        (await desk.PurgeAsync("server-2")).ShouldBe(0, "another server waits for the lease");

        (await desk.Admin.GetAsync($"/api/tickets/{number}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await customer.ContactClient.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the customer's people and their tokens are gone");
        var export = await Json(await desk.Admin.GetAsync($"/api/organisations/{customer.Organisation.Id}/export"), HttpStatusCode.OK);
        export.GetProperty("tickets").GetArrayLength().ShouldBe(0);
        export.GetProperty("people").GetArrayLength().ShouldBe(0);
        export.GetProperty("contracts").GetArrayLength().ShouldBe(1);
        export.GetProperty("invoices").GetArrayLength().ShouldBe(1, "issued invoices are kept for the legal period");

        // Another customer's data is untouched, and its audit chain still verifies.
        var audit = await Json(await desk.Admin.GetAsync($"/api/tickets/{otherNumber}/audit"), HttpStatusCode.OK);
        audit.GetProperty("chainIntact").GetBoolean().ShouldBeTrue();
        await Json(await other.ContactClient.GetAsync($"/api/tickets/{otherNumber}"), HttpStatusCode.OK);
    }
}

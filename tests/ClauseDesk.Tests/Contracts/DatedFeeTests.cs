using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClauseDesk.Desk;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Contracts;

/// <summary>
/// The monthly fee kept with its dates (ADR 0020) through the API on both databases: a month's penalty
/// takes the fee in force in that month, not the one an indexation set afterwards.
/// </summary>
public class DatedFeeTests
{
    private static async Task<JsonElement> PenaltiesAsync(HttpClient client, Guid contract, string month) =>
        await Json(await client.GetAsync($"/api/contracts/{contract}/penalties?month={month}"), HttpStatusCode.OK);

    private static JsonElement Reaction(JsonElement penalties) =>
        penalties.GetProperty("breaches").EnumerateArray().Single(b => b.GetProperty("clock").GetString() == "reaction");

    private static bool Names(JsonElement problem, string field) => problem.GetProperty("errors").TryGetProperty(field, out _);

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_penalty_of_the_month_before_an_indexation_keeps_the_fee_of_its_month(string database)
    {
        await using var desk = await StartAsync(database);
        // SPEC §9: type 4 at €1,200 a month; a P2 opened Mon 2026-11-23 10:00 and acknowledged Wed 14:30 → €240.
        var customer = await desk.CreateCustomerAsync("Anker");
        var contract = customer.Contract.Id;
        var november = (await OpenTicketAsync(customer.ContactClient)).GetProperty("number").GetString()!;
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-25T14:30:00+01:00"));
        await Json(await ActAsync(desk.Admin, november, "acknowledge"), HttpStatusCode.OK);

        // Agoria indexation on 1 January 2027: €1,200 × (0.2 + 0.8 × 126/120) = €1,248.
        await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{contract}/term", new { start = "2026-01-01", months = 36, indexation = "first-of-january" }), HttpStatusCode.OK);
        await Json(await desk.Admin.PutAsync("/api/index-series/agoria-digital", new StringContent("2025-12,120.00\n2026-12,126.00\n", System.Text.Encoding.UTF8, "text/csv")), HttpStatusCode.OK);
        await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{contract}/indexation", new { formula = "agoria", series = "agoria-digital", baseMonth = "2025-12" }), HttpStatusCode.OK);
        desk.Clock.Set(DateTimeOffset.Parse("2027-01-02T09:00:00+01:00"));
        (await Json(await desk.Admin.PostAsync($"/api/contracts/{contract}/indexation/apply", JsonContent.Create(new { })), HttpStatusCode.OK)).GetProperty("price").GetDecimal().ShouldBe(1248m);

        // November, claimed after the indexation: still 10 % of €1,200 × 2 days.
        var before = await PenaltiesAsync(customer.ContactClient, contract, "2026-11");
        var breach = Reaction(before);
        breach.GetProperty("penalty").GetDecimal().ShouldBe(240.00m);
        breach.GetProperty("working").GetProperty("inputs").GetProperty("monthly fee November 2026").GetString().ShouldBe("€1,200.00");
        before.GetProperty("cap").GetDecimal().ShouldBe(1200.00m);
        before.GetProperty("monthlyFee").GetDecimal().ShouldBe(1200.00m);
        var feeSteps = before.GetProperty("monthlyFeeWorking").GetProperty("steps").EnumerateArray().Select(s => s.GetString()!).ToList();
        feeSteps.ShouldContain("From 2027-01-01: €1,248.00 (indexation of 2027-01-01); counts from January 2027.");
        feeSteps[^1].ShouldBe("In force on the first day of November 2026: €1,200.00 (set when the contract was made).");

        // January: 10 % of the indexed fee per day, held to the fee of December (the month before).
        desk.Clock.Set(DateTimeOffset.Parse("2027-01-04T10:00:00+01:00"));
        var january = (await OpenTicketAsync(customer.ContactClient)).GetProperty("number").GetString()!;
        desk.Clock.Set(DateTimeOffset.Parse("2027-01-06T14:30:00+01:00"));
        await Json(await ActAsync(desk.Admin, january, "acknowledge"), HttpStatusCode.OK);
        desk.Clock.Set(DateTimeOffset.Parse("2027-01-07T09:00:00+01:00"));
        var after = await PenaltiesAsync(desk.Admin, contract, "2027-01");
        Reaction(after).GetProperty("penalty").GetDecimal().ShouldBe(249.60m);
        Reaction(after).GetProperty("ticket").GetString().ShouldBe(january);
        after.GetProperty("cap").GetDecimal().ShouldBe(1200.00m, "the cap is the fee of December, before the indexation");
        after.GetProperty("monthlyFee").GetDecimal().ShouldBe(1248.00m);
        Reaction(await PenaltiesAsync(desk.Admin, contract, "2026-11")).GetProperty("penalty").GetDecimal().ShouldBe(240.00m);

        var fee = await Json(await customer.ContactClient.GetAsync($"/api/contracts/{contract}/fee?month=2026-12"), HttpStatusCode.OK);
        fee.GetProperty("monthlyFee").GetDecimal().ShouldBe(1248m);
        fee.GetProperty("feeOfMonth").GetDecimal().ShouldBe(1200m);
        fee.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("from").GetString(), h.GetProperty("fee").GetDecimal()))
            .ShouldBe([(null, 1200m), ("2027-01-01", 1248m)]);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_fee_change_holds_from_its_day_and_bad_input_is_refused_naming_the_field(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var contract = customer.Contract.Id;

        var changed = await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{contract}/fee", new { monthlyFee = 1300m, from = "2027-02-15", reason = "price change announced on 2026-12-10" }), HttpStatusCode.OK);
        changed.GetProperty("monthlyFee").GetDecimal().ShouldBe(1300m);
        changed.GetProperty("history").GetArrayLength().ShouldBe(2);
        (await Json(await desk.Admin.GetAsync($"/api/contracts/{contract}/fee?month=2027-02"), HttpStatusCode.OK)).GetProperty("feeOfMonth").GetDecimal().ShouldBe(1200m, "on 1 February the old fee was in force");
        var march = await Json(await desk.Admin.GetAsync($"/api/contracts/{contract}/fee?month=2027-03"), HttpStatusCode.OK);
        march.GetProperty("feeOfMonth").GetDecimal().ShouldBe(1300m);
        march.GetProperty("working").GetProperty("steps").EnumerateArray().Last().GetString().ShouldBe("In force on the first day of March 2027: €1,300.00 (price change announced on 2026-12-10).");

        Names(await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{contract}/fee", new { monthlyFee = -5m, reason = "x" }), HttpStatusCode.BadRequest), "monthlyFee").ShouldBeTrue();
        Names(await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{contract}/fee", new { monthlyFee = 1000.005m, reason = "x" }), HttpStatusCode.BadRequest), "monthlyFee").ShouldBeTrue();
        Names(await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{contract}/fee", new { monthlyFee = 1000m }), HttpStatusCode.BadRequest), "reason").ShouldBeTrue();
        Names(await Json(await desk.Admin.GetAsync($"/api/contracts/{contract}/fee?month=2027-13"), HttpStatusCode.BadRequest), "month").ShouldBeTrue();
        (await customer.ContactClient.PutAsJsonAsync($"/api/contracts/{contract}/fee", new { monthlyFee = 1m, reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await customer.UserClient.GetAsync($"/api/contracts/{contract}/fee")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var other = await desk.CreateOtherProviderAsync("Provider B");
        (await other.GetAsync($"/api/contracts/{contract}/fee")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Json(await desk.Admin.GetAsync($"/api/contracts/{contract}/fee"), HttpStatusCode.OK)).GetProperty("history").GetArrayLength().ShouldBe(2, "refused changes store nothing");

        // The export carries the history with the contract.
        var exported = (await Json(await desk.Admin.GetAsync($"/api/organisations/{customer.Organisation.Id}/export"), HttpStatusCode.OK)).GetProperty("contracts").EnumerateArray().Single();
        exported.GetProperty("feeHistory").EnumerateArray().Select(h => h.GetProperty("fee").GetDecimal()).ShouldBe([1200m, 1300m]);
    }
}

using System.Net;
using System.Net.Http.Json;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Desk;

/// <summary>A contract's term through the API (SPEC §4): tacit renewal, notice, reminders and purge, each with its working.</summary>
public class ContractTermTests
{
    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task The_term_gives_its_dates_with_working_and_notice_stops_the_renewal(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var customerAdmin = await desk.SignInAsAsync((await desk.CreatePersonAsync(customer.Organisation.Id, "customer-admin", "Anker Admin")).Id);
        var id = customer.Contract.Id;

        var dates = await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{id}/term", new { start = "2026-01-01", months = 12, renewal = "notice-4-months" }), HttpStatusCode.OK);
        dates.GetProperty("termLastDay").GetString().ShouldBe("2026-12-31");
        dates.GetProperty("renews").GetBoolean().ShouldBeTrue();
        dates.GetProperty("renewalDate").GetProperty("date").GetString().ShouldBe("2027-01-01");
        dates.GetProperty("noticeDeadline").GetProperty("date").GetString().ShouldBe("2026-09-01");
        dates.GetProperty("noticeDeadline").GetProperty("working").GetProperty("clause").GetString()!.ShouldContain("seed 004");
        dates.GetProperty("dataPurge").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        // Too late for this term (after 1 September): the contract renews once more and ends a year later.
        (await customer.ContactClient.PostAsJsonAsync($"/api/contracts/{id}/stop-renewal", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var stopped = await Json(await customerAdmin.PostAsJsonAsync($"/api/contracts/{id}/stop-renewal", new { }), HttpStatusCode.OK);
        stopped.GetProperty("renews").GetBoolean().ShouldBeTrue("notice on 23 November is after the deadline of 1 September");
        var later = await Json(await desk.Admin.GetAsync($"/api/contracts/{id}/dates?on=2027-06-01"), HttpStatusCode.OK);
        later.GetProperty("renews").GetBoolean().ShouldBeFalse();
        later.GetProperty("termLastDay").GetString().ShouldBe("2027-12-31");
        later.GetProperty("dataPurge").GetProperty("date").GetString().ShouldBe("2028-03-31");
        (await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{id}/stop-renewal", new { }), HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("renewal", out _).ShouldBeTrue();

        var other = await desk.CreateOtherProviderAsync("Provider B");
        (await other.GetAsync($"/api/contracts/{id}/dates")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var unknown = await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{id}/term", new { start = "2026-01-01", months = 12, renewal = "forever" }), HttpStatusCode.UnprocessableEntity);
        unknown.GetProperty("errors").GetProperty("renewal")[0].GetString()!.ShouldContain("notice-4-months");
        (await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{id}/term", new { start = "2026-01-01", months = 0 }), HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("months", out _).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_reminder_that_falls_due_is_mailed_once_to_the_customers_admins(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var id = customer.Contract.Id;
        // Renewal switched off (seed 002 art. 5.2): a term ending 23 December 2026 is reminded 30 days before.
        await Json(await desk.Admin.PutAsJsonAsync($"/api/contracts/{id}/term", new { start = "2025-12-23", months = 12, renewal = "switch-off" }), HttpStatusCode.OK);
        var dates = await Json(await desk.Admin.PostAsJsonAsync($"/api/contracts/{id}/stop-renewal", new { on = "2026-06-01" }), HttpStatusCode.OK);
        var due = dates.GetProperty("remindersDue").EnumerateArray().Select(r => r.GetProperty("key").GetString()!).ToList();
        due.ShouldNotBeEmpty();

        await desk.SweepAsync();
        await desk.SweepAsync();

        var reminders = (await desk.OutboxAsync()).Where(o => o.Kind.StartsWith("contract-", StringComparison.Ordinal)).ToList();
        reminders.Select(r => r.DedupKey).ShouldBe(due.Select(k => $"contract:{id:N}:{k}:nl"), ignoreOrder: true);
        reminders.ShouldAllBe(r => r.Recipients == customer.Contact.Email);
        reminders.ShouldContain(r => r.Kind == "contract-end-without-renewal" && r.Subject == $"[{customer.Contract.Name}] Het contract eindigt zonder verlenging: woensdag 23 december 2026");
    }
}

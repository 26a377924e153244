using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClauseDesk.Data;
using ClauseDesk.Data.Audit;
using ClauseDesk.Desk;
using Microsoft.EntityFrameworkCore;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Contracts;

/// <summary>
/// The data-breach register through the API on both databases: the 48-hour deadline of seed 004 §12.9
/// with its working, met or overdue on a set clock, once-only notifications, and who sees which entry.
/// </summary>
public class DataBreachTests
{
    private static object Breach(params Guid[] organisations) => new
    {
        discoveredAt = "2026-11-23T08:00:00+01:00",
        nature = "A laptop with an unencrypted export of the ticket database was stolen from a car.",
        dataCategories = "names, e-mail addresses, phone numbers of contact persons",
        subjectCategories = "customers' staff",
        approximateSubjects = 140,
        approximateRecords = 2300,
        organisationIds = organisations,
        measures = "Accounts of the laptop's user revoked, passwords of the affected people reset, police report filed.",
    };

    private static JsonElement For(JsonElement breach, Guid organisation) =>
        breach.GetProperty("organisations").EnumerateArray().Single(o => o.GetProperty("organisationId").GetGuid() == organisation);

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Each_customer_is_to_be_told_within_48_hours_and_the_register_shows_met_and_overdue(string database)
    {
        await using var desk = await StartAsync(database);
        var anker = await desk.CreateOrganisationAsync("Anker");
        var duvel = await desk.CreateOrganisationAsync("Duvel");

        var recorded = await Json(await desk.Admin.PostAsJsonAsync("/api/data-breaches", Breach(anker.Id, duvel.Id)), HttpStatusCode.Created);
        var id = recorded.GetProperty("id").GetGuid();
        recorded.GetProperty("discoveredAt").GetString().ShouldBe("2026-11-23T08:00:00+01:00");
        recorded.GetProperty("notifyBy").GetString().ShouldBe("2026-11-25T08:00:00+01:00");
        recorded.GetProperty("notifyByWorking").GetProperty("clause").GetString().ShouldBe("seed 004 §12.9");
        recorded.GetProperty("notifyByWorking").GetProperty("steps")[0].GetString()!.ShouldContain("discovery + 48 h");
        recorded.GetProperty("status").GetString().ShouldBe("open");
        recorded.GetProperty("approximateSubjects").GetInt32().ShouldBe(140);
        recorded.GetProperty("organisations").GetArrayLength().ShouldBe(2);

        desk.Clock.Set(DateTimeOffset.Parse("2026-11-24T17:00:00+01:00"));
        var notified = await Json(await desk.Admin.PostAsJsonAsync($"/api/data-breaches/{id}/notify", new { organisationId = anker.Id, to = "dpo@anker.example by e-mail" }), HttpStatusCode.OK);
        For(notified, anker.Id).GetProperty("status").GetString().ShouldBe("notified-in-time");
        For(notified, anker.Id).GetProperty("notifiedAt").GetString().ShouldBe("2026-11-24T17:00:00+01:00");
        For(notified, anker.Id).GetProperty("notifiedTo").GetString().ShouldBe("dpo@anker.example by e-mail");
        For(notified, duvel.Id).GetProperty("status").GetString().ShouldBe("open");
        notified.GetProperty("status").GetString().ShouldBe("open");

        // One hour past the deadline Duvel has not been told.
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-25T09:00:00+01:00"));
        var late = await Json(await desk.Admin.GetAsync($"/api/data-breaches/{id}"), HttpStatusCode.OK);
        For(late, duvel.Id).GetProperty("status").GetString().ShouldBe("overdue");
        For(late, duvel.Id).GetProperty("working").GetProperty("steps")[1].GetString().ShouldBe("Not notified yet; 1 h 00 min overdue.");
        For(late, anker.Id).GetProperty("status").GetString().ShouldBe("notified-in-time");
        late.GetProperty("status").GetString().ShouldBe("overdue");

        var afterwards = await Json(await desk.Admin.PostAsJsonAsync($"/api/data-breaches/{id}/notify", new { organisationId = duvel.Id, to = "Duvel's director, by registered letter" }), HttpStatusCode.OK);
        For(afterwards, duvel.Id).GetProperty("status").GetString().ShouldBe("notified-late");
        afterwards.GetProperty("status").GetString().ShouldBe("notified-late");

        // Append-only: the first notification stands.
        var again = await Json(await desk.Admin.PostAsJsonAsync($"/api/data-breaches/{id}/notify", new { organisationId = anker.Id, to = "someone else" }), HttpStatusCode.UnprocessableEntity);
        again.GetProperty("errors").GetProperty("organisationId")[0].GetString()!.ShouldContain("already recorded");
        var list = await Json(await desk.Admin.GetAsync("/api/data-breaches"), HttpStatusCode.OK);
        For(list.EnumerateArray().Single(), anker.Id).GetProperty("notifiedTo").GetString().ShouldBe("dpo@anker.example by e-mail");

        // Every change is in the audit trail, chained: the entry once, each notice created and notified.
        await using var db = new DeskDbContext(DeskDatabase.Options(desk.Connection));
        (await db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.EntityType == "DataBreachReport" && a.EntityId == id)).ShouldBe(1);
        var notices = await db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityType == "DataBreachNotice").ToListAsync();
        notices.Select(a => a.Action).Order().ShouldBe(["created", "created", "updated", "updated"]);
        notices.ShouldContain(a => a.Action == "updated" && a.After!.Contains("dpo@anker.example by e-mail"));
        foreach (var chain in notices.GroupBy(a => a.EntityId))
        {
            AuditTrail.FirstBroken([.. chain.OrderBy(a => a.Sequence)]).ShouldBeNull();
        }
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_customer_admin_sees_only_breaches_of_their_organisation_and_only_their_own_notice(string database)
    {
        await using var desk = await StartAsync(database);
        var anker = await desk.CreateCustomerAsync("Anker");
        var duvel = await desk.CreateOrganisationAsync("Duvel");
        var chimay = await desk.CreateOrganisationAsync("Chimay");
        var ankerAdmin = await desk.SignInAsAsync((await desk.CreatePersonAsync(anker.Organisation.Id, "customer-admin", "Anker Admin")).Id);
        var chimayAdmin = await desk.SignInAsAsync((await desk.CreatePersonAsync(chimay.Id, "customer-admin", "Chimay Admin")).Id);
        var agent = await desk.CreateAgentAsync();
        var otherTenant = await desk.CreateOtherProviderAsync("Provider B");
        var id = (await Json(await desk.Admin.PostAsJsonAsync("/api/data-breaches", Breach(anker.Organisation.Id, duvel.Id)), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var path = $"/api/data-breaches/{id}";

        var seen = await Json(await ankerAdmin.GetAsync(path), HttpStatusCode.OK);
        seen.GetProperty("organisations").EnumerateArray().ShouldHaveSingleItem().GetProperty("organisation").GetString().ShouldBe("Anker");
        (await ankerAdmin.GetStringAsync("/api/data-breaches")).ShouldNotContain("Duvel");
        (await Json(await ankerAdmin.GetAsync("/api/data-breaches"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(1);

        (await Json(await chimayAdmin.GetAsync("/api/data-breaches"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
        (await chimayAdmin.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Json(await otherTenant.GetAsync("/api/data-breaches"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
        (await otherTenant.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherTenant.PostAsJsonAsync($"{path}/notify", new { organisationId = anker.Organisation.Id, to = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anker.ContactClient.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await anker.UserClient.GetAsync("/api/data-breaches")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await Json(await agent.GetAsync(path), HttpStatusCode.OK)).GetProperty("organisations").GetArrayLength().ShouldBe(2);
        (await agent.PostAsJsonAsync("/api/data-breaches", Breach(duvel.Id))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ankerAdmin.PostAsJsonAsync($"{path}/notify", new { organisationId = anker.Organisation.Id, to = "me" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // Another provider cannot name this provider's customers in its own register.
        (await otherTenant.PostAsJsonAsync("/api/data-breaches", Breach(anker.Organisation.Id))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Incomplete_or_impossible_entries_are_refused_naming_the_field(string database)
    {
        await using var desk = await StartAsync(database);
        var anker = await desk.CreateOrganisationAsync("Anker");
        var other = await desk.CreateOrganisationAsync("Other");

        async Task Refused(object body, HttpStatusCode status, string field)
        {
            var problem = await Json(await desk.Admin.PostAsJsonAsync("/api/data-breaches", body), status);
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        }

        await Refused(new { nature = "x", dataCategories = "x", measures = "x", organisationIds = new[] { anker.Id } }, HttpStatusCode.BadRequest, "discoveredAt");
        await Refused(new { discoveredAt = "2026-11-24T08:00:00+01:00", nature = "x", dataCategories = "x", measures = "x", organisationIds = new[] { anker.Id } }, HttpStatusCode.UnprocessableEntity, "discoveredAt");
        await Refused(new { discoveredAt = "2026-11-23T08:00:00+01:00", nature = "x", dataCategories = "x", measures = "x", organisationIds = Array.Empty<Guid>() }, HttpStatusCode.BadRequest, "organisationIds");
        await Refused(new { discoveredAt = "2026-11-23T08:00:00+01:00", nature = "x", dataCategories = "x", measures = "x", organisationIds = new[] { Guid.NewGuid() } }, HttpStatusCode.NotFound, "organisationIds");
        await Refused(new { discoveredAt = "2026-11-23T08:00:00+01:00", nature = "  ", dataCategories = "x", measures = "x", organisationIds = new[] { anker.Id } }, HttpStatusCode.UnprocessableEntity, "nature");
        await Refused(new { discoveredAt = "2026-11-23T08:00:00+01:00", nature = "x", dataCategories = "x", measures = "x", approximateSubjects = -1, organisationIds = new[] { anker.Id } }, HttpStatusCode.UnprocessableEntity, "approximateSubjects");
        await Refused(new { discoveredAt = "not a time", nature = "x", dataCategories = "x", measures = "x", organisationIds = new[] { anker.Id } }, HttpStatusCode.BadRequest, "discoveredAt");

        var id = (await Json(await desk.Admin.PostAsJsonAsync("/api/data-breaches", Breach(anker.Id)), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        async Task NotifyRefused(object body, HttpStatusCode status, string field)
        {
            var problem = await Json(await desk.Admin.PostAsJsonAsync($"/api/data-breaches/{id}/notify", body), status);
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        }

        await NotifyRefused(new { to = "dpo" }, HttpStatusCode.BadRequest, "organisationId");
        await NotifyRefused(new { organisationId = other.Id, to = "dpo" }, HttpStatusCode.NotFound, "organisationId");
        await NotifyRefused(new { organisationId = anker.Id }, HttpStatusCode.UnprocessableEntity, "to");
        await NotifyRefused(new { organisationId = anker.Id, to = "dpo", notifiedAt = "2026-11-23T07:00:00+01:00" }, HttpStatusCode.UnprocessableEntity, "notifiedAt");
        await NotifyRefused(new { organisationId = anker.Id, to = "dpo", notifiedAt = "2026-11-23T11:00:00+01:00" }, HttpStatusCode.UnprocessableEntity, "notifiedAt");
        (await desk.Admin.PostAsJsonAsync($"/api/data-breaches/{Guid.NewGuid()}/notify", new { organisationId = anker.Id, to = "dpo" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Told at 09:30, before the clock's 10:00: in time.
        var told = await Json(await desk.Admin.PostAsJsonAsync($"/api/data-breaches/{id}/notify", new { organisationId = anker.Id, to = "dpo@anker.example", notifiedAt = "2026-11-23T09:30:00+01:00" }), HttpStatusCode.OK);
        told.GetProperty("status").GetString().ShouldBe("notified-in-time");
    }
}

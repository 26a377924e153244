using System.Net;
using System.Net.Http.Json;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Desk;

/// <summary>The customer told of a missed target and reminded of the last day to claim its penalty (seed 001 art. 40.3–40.4).</summary>
public class BreachNoticeTests
{
    /// <summary>A managed-type4 contract at €1,200 a month, and a French-speaking contact person who opens a P2 on Monday 10:00.</summary>
    private static async Task<(DeskApp Desk, PersonView Contact, string Number)> BreachableAsync(string database, decimal? monthlyFee = 1200)
    {
        var desk = await StartAsync(database);
        var organisation = await desk.CreateOrganisationAsync("Anker");
        await desk.CreateContractAsync(organisation.Id, monthlyFee: monthlyFee);
        var contact = await Json(await desk.Admin.PostAsJsonAsync("/api/people", new
        {
            name = "Chloé Contact",
            email = $"chloe.{Guid.NewGuid():N}@example.be",
            role = "contact-person",
            organisationId = organisation.Id,
            language = "fr",
        }), HttpStatusCode.Created);
        var person = System.Text.Json.JsonSerializer.Deserialize<PersonView>(contact, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        // P2 on type 4: reaction 1 business day = 18 h → due Tuesday 2026-11-24 10:00 (SPEC §9).
        var number = (await OpenTicketAsync(await desk.SignInAsAsync(person.Id), "blocking", "some")).GetProperty("number").GetString()!;
        return (desk, person, number);
    }

    private static async Task<List<Data.Outbox.OutboxMessage>> MailsAsync(DeskApp desk, string kind) =>
        [.. (await desk.OutboxAsync()).Where(o => o.Kind == kind)];

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_breach_tells_the_requester_once_with_the_penalty_and_the_claim_deadline(string database)
    {
        var (desk, contact, number) = await BreachableAsync(database);
        await using var _ = desk;

        desk.Clock.Set(DateTimeOffset.Parse("2026-11-24T09:59:00+01:00"));
        await desk.SweepAsync();
        (await MailsAsync(desk, "sla-breached")).ShouldBeEmpty("the target is not missed yet");

        desk.Clock.Set(DateTimeOffset.Parse("2026-11-24T10:01:00+01:00"));
        (await desk.SweepAsync()).ShouldBe(1);
        (await desk.SweepAsync()).ShouldBe(0);
        desk.Clock.Advance(TimeSpan.FromMinutes(5));
        await desk.SweepAsync("server-2"); // a restarted server: another holder, the lease expired

        var breached = (await MailsAsync(desk, "sla-breached")).ShouldHaveSingleItem();
        breached.Recipients.ShouldBe(contact.Email);
        breached.Language.ShouldBe("fr");
        breached.Subject.ShouldContain(number);
        breached.Subject.ShouldContain("Délai de service dépassé");
        // 1 started day late → 10 % of €1,200; claim by 2026-11-24 + 7 days.
        breached.Body.ShouldContain("120,00");
        breached.Body.ShouldContain("1 décembre 2026");
        breached.Body.ShouldContain("24 novembre 2026");
        (await MailsAsync(desk, "escalation-tier-2")).Count.ShouldBe(1, "the escalation goes on as before");
        (await MailsAsync(desk, "penalty-claim-deadline")).ShouldBeEmpty("the reminder comes later");
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task The_claim_reminder_comes_once_two_working_days_before_the_deadline(string database)
    {
        var (desk, contact, number) = await BreachableAsync(database);
        await using var _ = desk;
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-24T10:01:00+01:00"));
        await desk.SweepAsync();

        // Deadline Tuesday 1 December: two working days before is Friday 27 November (Monday, then Friday).
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-26T23:59:00+01:00"));
        await desk.SweepAsync();
        (await MailsAsync(desk, "penalty-claim-deadline")).ShouldBeEmpty("Thursday is too early");

        desk.Clock.Set(DateTimeOffset.Parse("2026-11-27T00:01:00+01:00"));
        await desk.SweepAsync();
        foreach (var at in new[] { "2026-11-27T09:00:00+01:00", "2026-11-30T09:00:00+01:00", "2026-12-01T23:00:00+01:00" })
        {
            desk.Clock.Set(DateTimeOffset.Parse(at));
            await desk.SweepAsync(at);
        }

        var reminder = (await MailsAsync(desk, "penalty-claim-deadline")).ShouldHaveSingleItem();
        reminder.CreatedAt.ShouldBe(DateTimeOffset.Parse("2026-11-27T00:01:00+01:00"));
        reminder.Recipients.ShouldBe(contact.Email);
        reminder.Language.ShouldBe("fr");
        reminder.Subject.ShouldContain(number);
        // Tuesday 10:00 to Friday 00:01: 2 days 14 h 01 → 3 started days → 30 % of €1,200.
        reminder.Body.ShouldContain("360,00");
        reminder.Body.ShouldContain("1 décembre 2026");
        (await MailsAsync(desk, "sla-breached")).Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task No_reminder_once_the_right_to_claim_lapsed(string database)
    {
        var (desk, _, _) = await BreachableAsync(database);
        await using var __ = desk;
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-24T10:01:00+01:00"));
        await desk.SweepAsync();

        // The desk was down from the breach until after the deadline (Tuesday 1 December).
        desk.Clock.Set(DateTimeOffset.Parse("2026-12-02T00:01:00+01:00"));
        await desk.SweepAsync();
        (await MailsAsync(desk, "sla-breached")).Count.ShouldBe(1);
        (await MailsAsync(desk, "penalty-claim-deadline")).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Without_a_fee_there_is_nothing_to_claim_and_no_reminder(string database)
    {
        var (desk, _, _) = await BreachableAsync(database, monthlyFee: null);
        await using var _ = desk;
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-24T10:01:00+01:00"));
        await desk.SweepAsync();
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-27T09:00:00+01:00"));
        await desk.SweepAsync("server-2");

        (await MailsAsync(desk, "sla-breached")).ShouldHaveSingleItem().Body.ShouldContain("0,00");
        (await MailsAsync(desk, "penalty-claim-deadline")).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_ticket_solved_in_time_gets_neither(string database)
    {
        var (desk, _, number) = await BreachableAsync(database);
        await using var _ = desk;
        var agent = await desk.CreateAgentAsync();
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-23T11:00:00+01:00"));
        (await ActAsync(agent, number, "acknowledge")).StatusCode.ShouldBe(HttpStatusCode.OK);
        desk.Clock.Set(DateTimeOffset.Parse("2026-11-23T15:00:00+01:00"));
        (await ActAsync(agent, number, "resolve", new { closingReason = "fixed" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var at in new[] { "2026-11-24T10:01:00+01:00", "2026-11-27T09:00:00+01:00", "2026-11-30T09:00:00+01:00" })
        {
            desk.Clock.Set(DateTimeOffset.Parse(at));
            await desk.SweepAsync(at);
        }

        (await desk.OutboxAsync()).ShouldNotContain(o => o.Kind == "sla-breached" || o.Kind == "penalty-claim-deadline");
    }
}

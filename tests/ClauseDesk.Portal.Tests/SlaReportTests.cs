using System.Text;
using Microsoft.Playwright;

namespace ClauseDesk.Portal;

/// <summary>The SLA compliance report in the browser, and the ticket page's supplier, on-site and refusal additions.</summary>
public sealed class SlaReportTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static ILocator Row(IPage page, Guid organisation, string month) =>
        page.Locator($"section.report-customer[data-organisation='{organisation}'] tr[data-month='{month}']");

    [Fact]
    public async Task The_report_shows_the_breach_of_a_breached_ticket_for_its_customer_and_month_and_the_csv_has_the_same_numbers()
    {
        var customer = await Customer.CreateAsync(app, "Brasserie Dupont");
        var contact = await app.ApiAsAsync(customer.Contact);
        // Managed type 4, P1: reaction within 2 business hours, due 12:00; three hours later it is 1 h late.
        var breached = await PortalApp.OpenTicketAsync(contact, "Brewing line halted", urgency: "blocking", impact: "all");
        var met = await PortalApp.OpenTicketAsync(contact, "Label printer", urgency: "blocking", impact: "some");
        var agentAccount = await app.CreatePersonAsync(null, "agent", "Report Agent");
        await PortalApp.ActAsync(await app.ApiAsAsync(agentAccount), met, "acknowledge");
        app.Clock.Advance(TimeSpan.FromHours(3));
        var page = await app.SignedInAsync(agentAccount);

        await page.GotoAsync("/reports");
        var row = Row(page, customer.OrganisationId, "2026-11");
        (await row.Locator("th").TextContentAsync()).ShouldBe("Nov 2026");
        (await row.Locator("td.tickets .count").TextContentAsync()).ShouldBe("2");
        (await row.Locator("td.reaction-met summary").TextContentAsync()).ShouldBe("1 (50%)");
        (await row.Locator("td.reaction-breached summary").TextContentAsync()).ShouldBe("1 (50%)");
        (await row.Locator("td.breaches .count").TextContentAsync()).ShouldBe("1");
        // 10 % of the €1,200 monthly fee for one started day (seed 001 art. 40.3), capped at the fee.
        (await row.Locator("td.penalty .count").TextContentAsync()).ShouldBe("€120.00");
        (await row.Locator("td.penalty .cap").TextContentAsync()).ShouldBe("at most €1,200.00 per breach");
        // The months before hold nothing of this customer.
        (await Row(page, customer.OrganisationId, "2026-10").Locator("td.breaches .count").TextContentAsync()).ShouldBe("0");

        // Unfolded, the breach count names the ticket behind it, and the penalty its clause.
        await row.Locator("td.breaches summary").ClickAsync();
        (await row.Locator("td.breaches li a").AllTextContentsAsync()).ShouldBe([breached]);
        await row.Locator("td.reaction-met summary").ClickAsync();
        (await row.Locator("td.reaction-met li a").AllTextContentsAsync()).ShouldBe([met]);
        await row.Locator("td.penalty details.unfold > summary").ClickAsync();
        (await row.Locator("td.penalty li").First.TextContentAsync() ?? "").ShouldContain(breached);
        (await row.Locator("td.penalty li dd").First.TextContentAsync()).ShouldBe("seed 001 art. 40.3");

        // The chart says what it shows, and its bars carry their words.
        var chart = page.Locator($"section.report-customer[data-organisation='{customer.OrganisationId}'] svg");
        (await chart.Locator("title").First.TextContentAsync()).ShouldBe("Brasserie Dupont: reaction and resolution per month");
        (await chart.Locator("g.month[data-month='2026-11'] rect.breached title").AllTextContentsAsync()).ShouldBe(["Nov 2026, Rea. Breached: 1"]);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#csv"));
        download.SuggestedFilename.ShouldBe("sla-2026-06-2026-11.csv");
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(';');
        var line = lines.Single(l => l.StartsWith($"Brasserie Dupont;{customer.OrganisationId};2026-11;", StringComparison.Ordinal)).Split(';');
        string Field(string name) => line[Array.IndexOf(header, name)];
        Field("tickets").ShouldBe("2");
        Field("reaction_met").ShouldBe("1");
        Field("reaction_breached").ShouldBe("1");
        Field("reaction_met_percent").ShouldBe("50.0");
        Field("breaches").ShouldBe("1");
        Field("penalty_eur").ShouldBe("120.00");
        Field("cap_per_breach_eur").ShouldBe("1200.00");
        Field("breached_tickets").ShouldBe(breached);
        lines.Count(l => l.Contains($";{customer.OrganisationId};", StringComparison.Ordinal)).ShouldBe(6);
    }

    [Fact]
    public async Task A_customer_admin_sees_only_their_own_organisation()
    {
        var own = await Customer.CreateAsync(app, "Gemeente Lier");
        var other = await Customer.CreateAsync(app, "Provincie Limburg");
        await PortalApp.OpenTicketAsync(await app.ApiAsAsync(own.Contact), "Agenda sync fails");
        await PortalApp.OpenTicketAsync(await app.ApiAsAsync(other.Contact), "Limburg secret outage");
        var admin = await app.CreatePersonAsync(own.OrganisationId, "customer-admin", "Lier Admin");
        var page = await app.SignedInAsync(admin, "nl");

        await page.GotoAsync("/tickets");
        await page.ClickAsync("nav.filters a:text('SLA-naleving')");
        await page.WaitForURLAsync("**/reports");
        (await page.Locator("section.report-customer").EvaluateAllAsync<string[]>("s => s.map(x => x.dataset.organisation)")).ShouldBe([own.OrganisationId.ToString()]);
        (await Row(page, own.OrganisationId, "2026-11").Locator("td.tickets .count").TextContentAsync()).ShouldBe("1");
        (await page.Locator("#organisation").CountAsync()).ShouldBe(0);
        var html = await page.ContentAsync();
        html.ShouldNotContain("Provincie Limburg");
        html.ShouldNotContain("Limburg secret outage");

        // Asking for the other organisation by its id shows nothing of it.
        var response = await page.GotoAsync($"/reports?organisation={other.OrganisationId}");
        response!.Status.ShouldBe(404);
        (await page.TextContentAsync("#organisation-error")).ShouldBe("Deze klant bestaat niet, of u mag hem niet inzien.");
        (await page.Locator("section.report-customer").CountAsync()).ShouldBe(0);
        (await page.ContentAsync()).ShouldNotContain("Provincie Limburg");

        var csv = await page.APIRequest.GetAsync($"/reports?handler=csv&organisation={own.OrganisationId}");
        (await csv.TextAsync()).ShouldNotContain("Provincie Limburg");

        // A contact person is no customer admin: the report is not for them.
        var contact = await app.SignedInAsync(own.Contact);
        var refused = await contact.GotoAsync("/reports");
        refused!.Status.ShouldBe(403);
        (await contact.TextContentAsync("#not-allowed")).ShouldBe("The SLA report is for the provider's staff and for your organisation's admin.");
        (await contact.ContentAsync()).ShouldNotContain("Agenda sync fails");
    }

    [Fact]
    public async Task A_period_that_cannot_be_read_is_named_next_to_its_field()
    {
        var agent = await app.CreatePersonAsync(null, "agent", "Period Agent");
        var page = await app.SignedInAsync(agent, "fr");

        var response = await page.GotoAsync("/reports?from=2026-11&to=2026-06");
        response!.Status.ShouldBe(400);
        (await page.TextContentAsync("#from-error")).ShouldBe("Le premier mois vient après le dernier.");
        (await page.InputValueAsync("#from")).ShouldBe("2026-11");

        await page.GotoAsync("/reports?to=2026-13");
        (await page.TextContentAsync("#to-error")).ShouldBe("Choisissez un mois, par exemple 2026-11.");
    }

    [Fact]
    public async Task A_refusal_is_shown_in_french_to_a_french_user()
    {
        // The browser's e-mail field takes no accents, and people's addresses here are made from the name.
        var customer = await Customer.CreateAsync(app, "Compagnie des Eaux");
        var number = await PortalApp.OpenTicketAsync(await app.ApiAsAsync(customer.Contact), "Télérelève en panne");
        var agent = await app.CreatePersonAsync(null, "agent", "Agent Dubois");
        var api = await app.ApiAsAsync(agent);
        await PortalApp.ActAsync(api, number, "acknowledge");
        await PortalApp.ActAsync(api, number, "wait-on-supplier");
        var page = await app.SignedInAsync(agent, "fr");

        // Handing over to line 2 while the supplier has the ticket is refused by the ticket itself.
        await page.GotoAsync($"/tickets/{number}");
        await page.ClickAsync("summary:text-is('Transférer')");
        await page.SelectOptionAsync("#line", "2");
        await page.ClickAsync("details.action[open] button[type=submit]");

        var error = await page.TextContentAsync(".alert.error") ?? "";
        error.ShouldBe("Refusé: Le fournisseur a le ticket : enregistrez d'abord la livraison du fournisseur, puis transférez-le.");
        (await page.Locator(".badges .status").TextContentAsync()).ShouldBe("En attente du fournisseur");

        // Who may open a ticket, refused on the form, in French too, naming who can.
        var user = await app.SignedInAsync(customer.User, "fr");
        await user.GotoAsync("/tickets/new");
        await user.FillAsync("#subject", "Compteur illisible");
        await user.FillAsync("#description", "Le compteur affiche une erreur.");
        await user.ClickAsync("form.ticket-form button[type=submit]");
        var refusal = await user.TextContentAsync("#refusal p") ?? "";
        refusal.ShouldStartWith("Sous le contrat « managed-type4 service levels », seules les personnes de contact désignées peuvent ouvrir des tickets : ");
        refusal.ShouldContain(customer.Contact.Name);
        refusal.ShouldEndWith("(seed 001 art. 35.2, 36.1)");
    }

    [Fact]
    public async Task An_agent_hands_over_to_the_supplier_records_the_delivery_and_agrees_an_on_site_visit()
    {
        var customer = await Customer.CreateAsync(app, "Vlaamse Waterweg");
        var number = await PortalApp.OpenTicketAsync(await app.ApiAsAsync(customer.Contact), "Lock control unreachable");
        var agent = await app.CreatePersonAsync(null, "agent", "Supplier Agent");
        var page = await app.SignedInAsync(agent);

        await page.GotoAsync($"/tickets/{number}");
        await page.ClickAsync("button:text('Acknowledge')");
        await page.WaitForSelectorAsync(".alert.ok");

        await page.ClickAsync("summary:text('Hand over to the supplier (line 3)')");
        await page.FillAsync("#supplier-note", "Firmware bug, ticket 4711 at the vendor");
        await page.ClickAsync("details.action[open] button[type=submit]");
        await page.WaitForSelectorAsync(".alert.ok");
        (await page.Locator(".badges .status").TextContentAsync()).ShouldBe("Waiting on supplier");
        (await page.Locator(".badges .tag").TextContentAsync()).ShouldBe("Line 3");
        (await page.Locator(".panel section.clock").Nth(1).Locator(".state").TextContentAsync()).ShouldBe("Paused");

        await page.ClickAsync("summary:text('Supplier delivered')");
        await page.ClickAsync("details.action[open] button[type=submit]");
        await page.WaitForSelectorAsync(".alert.ok");
        (await page.Locator(".badges .status").TextContentAsync()).ShouldBe("In progress");

        await page.ClickAsync("summary:text('On-site intervention agreed')");
        await page.FillAsync("#on-site-note", "Technician Tuesday 09:00");
        await page.ClickAsync("details.action[open] button[type=submit]");
        await page.WaitForSelectorAsync(".alert.ok");
        var events = await page.Locator(".entry-event strong").AllTextContentsAsync();
        events.ShouldContain("Waiting on the supplier");
        events.ShouldContain("Supplier delivered");
        events.ShouldContain("On-site intervention agreed");
    }
}

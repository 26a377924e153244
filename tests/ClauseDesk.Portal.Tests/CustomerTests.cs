namespace ClauseDesk.Portal;

public sealed class CustomerTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task A_contact_person_opens_a_ticket_with_the_bug_report_fields()
    {
        var customer = await Customer.CreateAsync(app, "Brouwerij Het Anker");
        var page = await app.SignedInAsync(customer.Contact);

        await page.ClickAsync("a:text('Open a ticket')");
        await page.FillAsync("#subject", "Invoices do not export");
        await page.FillAsync("#description", "The export button does nothing.\nSince this morning.");
        await page.CheckAsync("input[name=urgency][value=blocking]");
        await page.FillAsync("#company", "Anker BV (database ANKER01)");
        await page.FillAsync("#affected-user", "jan@anker.example");
        await page.CheckAsync("input[name=otherUsersAffected][value=yes]");
        await page.FillAsync("#steps", "1. Open Invoices\n2. Click Export");
        await page.ClickAsync("button:text('Open the ticket')");
        await page.WaitForURLAsync("**/tickets/CD-*");

        (await page.TextContentAsync(".alert.ok") ?? "").ShouldMatch(@"^Your ticket CD-2026-\d{6} was opened\.$");
        (await page.Locator("h1").TextContentAsync()).ShouldEndWith("Invoices do not export");
        (await page.Locator(".badges .priority").TextContentAsync()).ShouldBe("P2 · High");
        (await page.Locator(".description > .text").TextContentAsync()).ShouldBe("The export button does nothing.\nSince this morning.");
        (await page.Locator("dl.bug dd").AllTextContentsAsync()).ShouldBe(["Anker BV (database ANKER01)", "jan@anker.example", "Yes", "1. Open Invoices\n2. Click Export"]);
    }

    [Fact]
    public async Task Someone_who_may_not_open_a_ticket_is_told_who_can_and_keeps_what_they_typed()
    {
        var customer = await Customer.CreateAsync(app, "Stad Mechelen");
        var page = await app.SignedInAsync(customer.User);

        await page.GotoAsync("/tickets/new");
        await page.FillAsync("#subject", "Parking app down");
        await page.FillAsync("#description", "It shows an error.");
        await page.ClickAsync("button:text('Open the ticket')");

        var refusal = await page.TextContentAsync("#refusal") ?? "";
        refusal.ShouldContain("only the designated contact persons may open tickets");
        refusal.ShouldContain($"{customer.Contact.Name} <{customer.Contact.Email}>");
        (await page.InputValueAsync("#subject")).ShouldBe("Parking app down");
        (await page.InputValueAsync("#description")).ShouldBe("It shows an error.");
        page.Url.ShouldEndWith("/tickets/new");
    }

    [Fact]
    public async Task The_customer_accepts_the_solution_and_the_ticket_closes()
    {
        var customer = await Customer.CreateAsync(app, "FOD Digitale Transformatie");
        var contact = await app.ApiAsAsync(customer.Contact);
        var number = await PortalApp.OpenTicketAsync(contact, "Certificates expired");
        var agent = await app.ApiAsAsync(await app.CreatePersonAsync(null, "agent", "Resolving Agent"));
        await PortalApp.ActAsync(agent, number, "acknowledge");
        await PortalApp.ActAsync(agent, number, "resolve", new { closingReason = "fixed" });
        var page = await app.SignedInAsync(customer.Contact, "fr");

        await page.GotoAsync($"/tickets/{number}");
        (await page.Locator(".badges .status").TextContentAsync()).ShouldBe("Résolu");
        await page.ClickAsync("button:text('Accepter la solution')");
        await page.WaitForSelectorAsync(".alert.ok");

        (await page.Locator(".badges .status").TextContentAsync()).ShouldBe("Clôturé");
        (await page.Locator("button:text('Accepter la solution')").CountAsync()).ShouldBe(0);
        var api = System.Text.Json.JsonDocument.Parse(await contact.GetStringAsync($"/api/tickets/{number}")).RootElement;
        api.GetProperty("status").GetString().ShouldBe("closed");
        api.GetProperty("closingReason").GetString().ShouldBe("fixed");
    }

    [Fact]
    public async Task Another_organisations_ticket_is_not_found_and_nothing_of_it_shows()
    {
        var ours = await Customer.CreateAsync(app, "Garage Janssens");
        var theirs = await Customer.CreateAsync(app, "Notariaat Claes");
        var secret = await PortalApp.OpenTicketAsync(await app.ApiAsAsync(theirs.Contact), "Confidential deed archive corrupted");
        var page = await app.SignedInAsync(ours.Contact);

        var response = await page.GotoAsync($"/tickets/{secret}");
        var answer = await response!.TextAsync();
        var missing = await page.GotoAsync("/tickets/CD-2026-999999");
        var nobodys = await missing!.TextAsync();

        response.Status.ShouldBe(404);
        missing.Status.ShouldBe(404);
        answer.ShouldNotContain("Confidential");
        answer.ShouldNotContain("Notariaat");
        answer.ShouldContain("There is no such ticket, or it is not yours to see.");
        // Someone else's ticket and no ticket at all answer alike, apart from the address asked for.
        Comparable(answer, secret).ShouldBe(Comparable(nobodys, "CD-2026-999999"));
        await page.GotoAsync("/tickets");
        (await page.Locator("main").TextContentAsync() ?? "").ShouldNotContain(secret);
    }

    [Fact]
    public async Task Switching_the_language_changes_the_texts_and_the_date_format()
    {
        var customer = await Customer.CreateAsync(app, "Drukkerij Peeters");
        var number = await PortalApp.OpenTicketAsync(await app.ApiAsAsync(customer.Contact), "Plotter offline", urgency: "blocking", impact: "all");
        var page = await app.SignedInAsync(customer.Contact, "en");

        await page.GotoAsync($"/tickets/{number}");
        (await page.Locator(".top button.link:text-is('Sign out')").CountAsync()).ShouldBe(1);
        (await page.Locator(".badges time").TextContentAsync()).ShouldBe("Mon 23 Nov, 10:00 CET");

        await page.ClickAsync("button[value=nl]");
        await page.WaitForSelectorAsync("html[lang=nl]");
        page.Url.ShouldEndWith($"/tickets/{number}");
        (await page.Locator(".top button.link:text-is('Afmelden')").CountAsync()).ShouldBe(1);
        (await page.Locator(".badges time").TextContentAsync()).ShouldBe("ma 23 nov, 10:00 CET");
        (await page.Locator(".badges .priority").TextContentAsync()).ShouldBe("P1 · Kritiek");

        await page.ClickAsync("button[value=fr]");
        await page.WaitForSelectorAsync("html[lang=fr]");
        (await page.Locator(".badges time").TextContentAsync()).ShouldBe("lun 23 nov, 10:00 CET");
        (await page.Locator(".badges .priority").TextContentAsync()).ShouldBe("P1 · Critique");
        (await page.Locator("#penalty").TextContentAsync() ?? "").ShouldMatch(@"^0,00\s€$");
    }

    // The page without what differs on every answer: the number asked for and the antiforgery token.
    private static string Comparable(string html, string number) =>
        System.Text.RegularExpressions.Regex.Replace(html.Replace(number, "NUMBER", StringComparison.Ordinal), "__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"", "TOKEN");
}

using Microsoft.Playwright;

namespace ClauseDesk.Portal;

public sealed class AgentWorkTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static ILocator Reaction(IPage page) => page.Locator(".panel section.clock").Nth(0);

    private static ILocator Resolution(IPage page) => page.Locator(".panel section.clock").Nth(1);

    [Fact]
    public async Task The_queue_shows_the_nearest_deadline_first_with_state_words_and_priority_words()
    {
        var customer = await Customer.CreateAsync(app, "Port of Antwerp Logistics");
        var contact = await app.ApiAsAsync(customer.Contact);
        // Managed type 4: P4 reaction in 3 business days, P1 in 2 business hours.
        var low = await PortalApp.OpenTicketAsync(contact, "Wallpaper on the kiosk", urgency: "non-blocking", impact: "some");
        var critical = await PortalApp.OpenTicketAsync(contact, "Warehouse scanners down", urgency: "blocking", impact: "all");
        var agent = await app.CreatePersonAsync(null, "agent", "Queue Agent");
        var page = await app.SignedInAsync(agent);

        await page.GotoAsync("/queue?view=all&status=open");
        var numbers = await page.Locator("table.queue tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.number)");
        Array.IndexOf(numbers, critical).ShouldBeLessThan(Array.IndexOf(numbers, low));
        var row = page.Locator($"tr[data-number='{critical}']");
        (await row.Locator(".priority").TextContentAsync()).ShouldBe("P1 · Critical");
        (await row.Locator(".state").TextContentAsync()).ShouldBe("On track");
        (await row.Locator(".countdown").TextContentAsync()).ShouldBe("2 h 00 business minutes left");
        (await row.Locator("time").TextContentAsync()).ShouldBe("Mon 23 Nov, 12:00 CET");

        await page.GotoAsync("/queue?priority=P4");
        (await page.Locator("table.queue tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.number)")).ShouldBe([low]);
    }

    [Fact]
    public async Task Acknowledging_stops_the_reaction_clock_and_starts_the_resolution_countdown()
    {
        var customer = await Customer.CreateAsync(app, "Banque Wallonne");
        var number = await PortalApp.OpenTicketAsync(await app.ApiAsAsync(customer.Contact), "Payment batch stuck", urgency: "blocking", impact: "some");
        var agent = await app.CreatePersonAsync(null, "agent", "Ack Agent");
        var page = await app.SignedInAsync(agent);
        await page.Clock.InstallAsync();

        await page.GotoAsync($"/tickets/{number}");
        (await Reaction(page).Locator(".state").TextContentAsync()).ShouldBe("On track");
        (await Reaction(page).Locator(".countdown").TextContentAsync()).ShouldBe("18 h 00 business minutes left");
        (await Resolution(page).Locator(".state").TextContentAsync()).ShouldBe("Not started");

        // The script ticks the running countdown down while the page stays open (Monday 10:00: open).
        await page.Clock.RunForAsync(61_000);
        (await Reaction(page).Locator(".countdown").TextContentAsync()).ShouldBe("17 h 59 business minutes left");

        await page.ClickAsync("button:text('Acknowledge')");
        await page.WaitForSelectorAsync(".alert.ok");
        (await page.Locator(".badges .status").TextContentAsync()).ShouldBe("Acknowledged");
        (await Reaction(page).Locator(".state").TextContentAsync()).ShouldBe("Met");
        (await Reaction(page).Locator(".countdown").CountAsync()).ShouldBe(0);
        (await Resolution(page).Locator(".state").TextContentAsync()).ShouldBe("On track");
        // Type 4, P2: resolution within 2 business days of 18 h.
        (await Resolution(page).Locator(".countdown").TextContentAsync()).ShouldBe("36 h 00 business minutes left");
        (await page.Locator(".entry-event strong").AllTextContentsAsync()).ShouldContain("Acknowledged");
    }

    [Fact]
    public async Task A_workaround_drops_the_ticket_to_P3()
    {
        var customer = await Customer.CreateAsync(app, "Ziekenhuis Sint-Jan");
        var number = await PortalApp.OpenTicketAsync(await app.ApiAsAsync(customer.Contact), "Lab results do not print", urgency: "blocking", impact: "all");
        var agent = await app.CreatePersonAsync(null, "agent", "Workaround Agent");
        var page = await app.SignedInAsync(agent, "nl");

        await page.GotoAsync($"/tickets/{number}");
        (await page.Locator(".badges .priority").TextContentAsync()).ShouldBe("P1 · Kritiek");
        await page.ClickAsync("button:text('Bevestigen')");
        await page.WaitForSelectorAsync(".alert.ok");
        await page.ClickAsync("summary:text('Tijdelijke oplossing')");
        await page.FillAsync("#workaround-note", "Printing through the backup queue");
        await page.ClickAsync("details.action[open] button[type=submit]");
        await page.WaitForSelectorAsync(".alert.ok");

        (await page.Locator(".badges .priority").TextContentAsync()).ShouldBe("P3 · Medium");
        (await page.Locator(".badges .status").TextContentAsync()).ShouldBe("Tijdelijke oplossing");
        (await Resolution(page).Locator(".state").TextContentAsync()).ShouldBe("Gehaald");
        (await page.Locator(".entry-event .text").AllTextContentsAsync()).ShouldContain("Printing through the backup queue");
    }

    [Fact]
    public async Task A_stale_form_says_so_instead_of_overwriting()
    {
        var customer = await Customer.CreateAsync(app, "Boekhouding Peeters");
        var number = await PortalApp.OpenTicketAsync(await app.ApiAsAsync(customer.Contact), "Year-end report empty");
        var agent = await app.CreatePersonAsync(null, "agent", "Slow Agent");
        var colleague = await app.CreatePersonAsync(null, "agent", "Fast Agent");
        var page = await app.SignedInAsync(agent);
        await page.GotoAsync($"/tickets/{number}");

        // A colleague hands the ticket over to line 2 while the page is open.
        await PortalApp.ActAsync(await app.ApiAsAsync(colleague), number, "hand-over", new { line = 2 });
        await page.ClickAsync("button:text('Acknowledge')");

        (await page.TextContentAsync("#stale")).ShouldStartWith("Someone changed this ticket after you opened it");
        (await page.Locator(".badges .status").TextContentAsync()).ShouldBe("New");
        (await page.Locator(".badges .tag").TextContentAsync()).ShouldBe("Line 2");
    }

    [Fact]
    public async Task A_script_in_a_message_stays_inert_and_is_shown_as_text()
    {
        var customer = await Customer.CreateAsync(app, "Webwinkel Online");
        var contact = await app.ApiAsAsync(customer.Contact);
        const string Hostile = "<script>alert('x')</script>\n<img src=x onerror=\"alert('y')\">";
        var number = await PortalApp.OpenTicketAsync(contact, "<b>Checkout</b> broken", description: Hostile);
        (await contact.PostAsync($"/api/tickets/{number}/messages", System.Net.Http.Json.JsonContent.Create(new { body = Hostile, @internal = false }))).EnsureSuccessStatusCode();
        var agent = await app.CreatePersonAsync(null, "agent", "Careful Agent");
        var page = await app.SignedInAsync(agent);
        var dialogs = 0;
        page.Dialog += (_, dialog) => dialogs++;

        await page.GotoAsync($"/tickets/{number}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        dialogs.ShouldBe(0);
        (await page.Locator(".entry-message .text").TextContentAsync()).ShouldBe(Hostile);
        (await page.Locator(".description > .text").TextContentAsync()).ShouldBe(Hostile);
        (await page.Locator("h1").TextContentAsync() ?? "").ShouldContain("<b>Checkout</b> broken");
        (await page.Locator("main script, main img, main b").CountAsync()).ShouldBe(0);
    }
}

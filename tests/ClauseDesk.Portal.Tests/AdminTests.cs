using System.Text.Json;

namespace ClauseDesk.Portal;

/// <summary>The administration pages: the provider admin's organisations, people and contracts, and a customer admin's own people and rights.</summary>
public sealed class AdminTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task A_provider_admin_adds_an_organisation_a_person_and_a_contract_and_sees_them()
    {
        var admin = await app.CreatePersonAsync(null, "provider-admin", "Paula Admin");
        var page = await app.SignedInAsync(admin);

        await page.ClickAsync("a.admin-link");
        await page.FillAsync("#organisation-name", "Brouwerij De Koninck");
        await page.ClickAsync("#add-organisation button[type=submit]");
        await page.WaitForURLAsync("**/customers/*");
        (await page.TextContentAsync(".alert.ok")).ShouldBe("Organisation Brouwerij De Koninck was added.");
        (await page.TextContentAsync("h1")).ShouldBe("Brouwerij De Koninck");

        await page.FillAsync("#person-name", "Koen Koninck");
        await page.FillAsync("#person-email", "koen@koninck.example");
        await page.SelectOptionAsync("#person-role", "contact-person");
        await page.ClickAsync("#add-person button[type=submit]");
        await page.WaitForSelectorAsync(".alert.ok");
        (await page.TextContentAsync(".alert.ok")).ShouldBe("Koen Koninck was added.");
        (await page.Locator("table.people tbody tr").AllInnerTextsAsync()).ShouldHaveSingleItem().ShouldContain("koen@koninck.example");

        await page.ClickAsync("a:text('New contract')");
        await page.FillAsync("#contract-name", "Support 2027");
        await page.SelectOptionAsync("#sla-preset", "software-support");
        await page.FillAsync("#monthly-fee", "1200.50");
        await page.FillAsync("#auto-close", "7");
        await page.FillAsync("#tier2", "escalation@provider.example");
        await page.ClickAsync("button:text('Create the contract')");
        await page.WaitForURLAsync("**/customers/*");
        (await page.TextContentAsync(".alert.ok")).ShouldBe("Contract Support 2027 was added.");
        var row = await page.Locator("table.contracts tbody tr").InnerTextAsync();
        row.ShouldContain("Support 2027");
        row.ShouldContain("software-support");
        row.ShouldContain("€1,200.50");
        row.ShouldContain("contact persons only");

        // What the page made is what the API holds.
        var contracts = JsonDocument.Parse(await app.Admin.GetStringAsync("/api/contracts")).RootElement.EnumerateArray().Where(c => c.GetProperty("name").GetString() == "Support 2027").ToList();
        var contract = contracts.ShouldHaveSingleItem();
        contract.GetProperty("monthlyFee").GetDecimal().ShouldBe(1200.50m);
        contract.GetProperty("autoCloseWorkingDays").GetInt32().ShouldBe(7);
        contract.GetProperty("tier2Contacts").GetString().ShouldBe("escalation@provider.example");
        contract.GetProperty("onlyContactPersonsMayOpen").GetBoolean().ShouldBeTrue();

        await page.GotoAsync("/admin");
        (await page.Locator("table.organisations").InnerTextAsync()).ShouldContain("Brouwerij De Koninck");
    }

    [Fact]
    public async Task The_calendar_preview_lists_next_weeks_openings_in_the_zone_and_a_sample_deadline_with_its_working()
    {
        var organisation = await app.CreateOrganisationAsync("Tea Importers Ltd");
        var page = await app.SignedInAsync(await app.CreatePersonAsync(null, "provider-admin", "Preview Admin"));

        await page.GotoAsync($"/admin/organisations/{organisation}/contracts/new");
        await page.SelectOptionAsync("#sla-preset", "managed-type4");
        await page.CheckAsync("#own-calendar");
        await page.FillAsync("#time-zone", "Europe/London");
        await page.SelectOptionAsync("#holidays", "none");
        foreach (var day in new[] { "monday", "tuesday", "wednesday", "thursday", "friday" })
        {
            await page.FillAsync($"#windows-{day}", "09:00-17:00");
        }

        await page.FillAsync("#closed-dates", "2026-12-01");
        await page.ClickAsync("button:text('Preview')");
        await page.WaitForSelectorAsync("#preview");

        // The clock stands at Monday 23 November 10:00 in Brussels, 09:00 in London.
        List<string> openings = [];
        foreach (var row in await page.Locator("table.openings tr").AllAsync())
        {
            openings.Add($"{await row.Locator("th").TextContentAsync()} {await row.Locator("td").TextContentAsync()}");
        }

        openings.ShouldBe(
        [
            "Mon 30 Nov 2026 09:00 GMT–17:00 GMT",
            "Tue 1 Dec 2026 closed",
            "Wed 2 Dec 2026 09:00 GMT–17:00 GMT",
            "Thu 3 Dec 2026 09:00 GMT–17:00 GMT",
            "Fri 4 Dec 2026 09:00 GMT–17:00 GMT",
            "Sat 5 Dec 2026 closed",
            "Sun 6 Dec 2026 closed",
        ]);
        // P2 under managed services: a reaction within 1 business day, the calendar's 8 h day.
        (await page.TextContentAsync("#sample-deadline")).ShouldBe("A P2 opened now (Mon 23 Nov, 09:00 GMT) would be due for a reaction at Mon 23 Nov, 17:00 GMT.");
        await page.ClickAsync("#preview details.working summary");
        (await page.Locator("#preview details.working").InnerTextAsync()).ShouldContain("seed 001 art. 35.3, 39.1.2 (type 4)");
        (await page.InputValueAsync("#time-zone")).ShouldBe("Europe/London");
        (await page.InputValueAsync("#closed-dates")).ShouldBe("2026-12-01");
        await ScreenshotAsync(page, "admin-contract.png");
    }

    [Fact]
    public async Task An_invalid_calendar_shows_the_reason_on_its_field_keeps_what_was_typed_and_saves_nothing()
    {
        var organisation = await app.CreateOrganisationAsync("Gemeente Zottegem");
        var page = await app.SignedInAsync(await app.CreatePersonAsync(null, "provider-admin", "Careful Admin"), "nl");

        await page.GotoAsync($"/admin/organisations/{organisation}/contracts/new");
        await page.FillAsync("#contract-name", "Ondersteuning");
        await page.CheckAsync("#own-calendar");
        await page.FillAsync("#time-zone", "Europe/Zottegem");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button:text('Contract aanmaken')"), r => r.Request.Method == "POST");
        await page.WaitForSelectorAsync("#time-zone-error");

        response.Status.ShouldBe(422);
        (await page.TextContentAsync("#time-zone-error") ?? "").ShouldContain("unknown time zone 'Europe/Zottegem'");
        (await page.GetAttributeAsync("#time-zone", "aria-invalid")).ShouldBe("true");
        (await page.InputValueAsync("#contract-name")).ShouldBe("Ondersteuning");

        await page.FillAsync("#time-zone", "Europe/Brussels");
        await page.FillAsync("#windows-tuesday", "08:30-12:00, 17:00-09:00");
        await page.ClickAsync("button:text('Contract aanmaken')");
        await page.WaitForSelectorAsync("#windows-tuesday-error");

        (await page.TextContentAsync("#windows-tuesday-error") ?? "").ShouldStartWith("calendar $.windows.tuesday[1]:");
        (await page.GetAttributeAsync("#windows-tuesday", "aria-invalid")).ShouldBe("true");
        (await page.GetAttributeAsync("#windows-monday", "aria-invalid")).ShouldBeNull();
        (await page.InputValueAsync("#windows-tuesday")).ShouldBe("08:30-12:00, 17:00-09:00");
        (await page.IsCheckedAsync("#own-calendar")).ShouldBeTrue();
        var theirs = JsonDocument.Parse(await app.Admin.GetStringAsync("/api/contracts")).RootElement.EnumerateArray().Where(c => c.GetProperty("organisationId").GetGuid() == organisation);
        theirs.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_customer_admin_gives_a_colleague_rights_and_the_colleague_can_then_open_a_ticket()
    {
        var customer = await Customer.CreateAsync(app, "Vzw Kinderopvang");
        var admin = await app.CreatePersonAsync(customer.OrganisationId, "customer-admin", "Kinderopvang Admin");
        var page = await app.SignedInAsync(admin, "fr");

        await page.ClickAsync("a.admin-link");
        page.Url.ShouldEndWith($"/customers/{customer.OrganisationId}");
        await page.CheckAsync($"form.rights[data-person='{customer.User.Id}'] input[value='{customer.ContractId}']");
        await page.ClickAsync($"form.rights[data-person='{customer.User.Id}'] button[type=submit]");
        await page.WaitForSelectorAsync(".alert.ok");
        (await page.TextContentAsync(".alert.ok")).ShouldBe($"Les droits de {customer.User.Name} ont été enregistrés.");
        var rights = JsonDocument.Parse(await (await app.ApiAsAsync(admin)).GetStringAsync($"/api/contracts/{customer.ContractId}/rights")).RootElement;
        rights.EnumerateArray().ShouldContain(r => r.GetProperty("personId").GetGuid() == customer.User.Id && r.GetProperty("canView").GetBoolean());

        // Under a managed-services contract only contact persons may open tickets (seed 001 art. 35.2).
        await page.SelectOptionAsync($"tr[data-person='{customer.User.Id}'] select", "contact-person");
        await page.ClickAsync($"tr[data-person='{customer.User.Id}'] form:has(select) button");
        await page.WaitForSelectorAsync(".alert.ok");
        (await page.TextContentAsync(".alert.ok")).ShouldBe($"{customer.User.Name} est maintenant Personne de contact.");

        await ScreenshotAsync(page, "admin-organisation.png");

        var colleague = await app.SignedInAsync(customer.User);
        await colleague.GotoAsync("/tickets/new");
        await colleague.FillAsync("#subject", "Badge reader offline");
        await colleague.FillAsync("#description", "The front door stays locked.");
        await colleague.ClickAsync("button:text('Open the ticket')");
        await colleague.WaitForURLAsync("**/tickets/CD-*");
        (await colleague.TextContentAsync(".alert.ok") ?? "").ShouldMatch(@"^Your ticket CD-2026-\d{6} was opened\.$");
    }

    [Fact]
    public async Task A_customer_admin_finds_no_other_organisations_admin_page_and_no_provider_pages()
    {
        var ours = await Customer.CreateAsync(app, "Apotheek Vermeulen");
        var theirs = await Customer.CreateAsync(app, "Advocatenkantoor Stevens");
        var admin = await app.CreatePersonAsync(ours.OrganisationId, "customer-admin", "Vermeulen Admin");
        var page = await app.SignedInAsync(admin);

        var other = await page.GotoAsync($"/customers/{theirs.OrganisationId}");
        var answer = await other!.TextAsync();
        var nobody = await page.GotoAsync($"/customers/{Guid.NewGuid()}");
        var provider = await page.GotoAsync("/admin");
        var contract = await page.GotoAsync($"/admin/organisations/{ours.OrganisationId}/contracts/new");

        other.Status.ShouldBe(404);
        nobody!.Status.ShouldBe(404);
        provider!.Status.ShouldBe(404);
        contract!.Status.ShouldBe(404);
        answer.ShouldNotContain("Stevens");
        answer.ShouldNotContain(theirs.User.Email);
        answer.ShouldContain("There is no such organisation, or it is not yours to manage.");

        // Nor can a form posted with another organisation's person change them.
        var token = await page.GetAttributeAsync("form.languages input[name=__RequestVerificationToken]", "value") ?? "";
        var post = await page.APIRequest.PostAsync($"/customers/{ours.OrganisationId}?handler=Role",
            new() { Form = PortalApp.Form(page, ("personId", theirs.User.Id.ToString()), ("role", "customer-admin"), ("__RequestVerificationToken", token)) });
        post.Status.ShouldBe(404);
        var people = JsonDocument.Parse(await app.Admin.GetStringAsync($"/api/people?organisation={theirs.OrganisationId}")).RootElement;
        people.EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == theirs.User.Id).GetProperty("role").GetString().ShouldBe("customer-user");
    }

    [Fact]
    public async Task A_customer_user_reaches_no_admin_page()
    {
        var customer = await Customer.CreateAsync(app, "Bakkerij Wouters");
        var page = await app.SignedInAsync(customer.User);

        (await page.Locator("a.admin-link").CountAsync()).ShouldBe(0);
        var own = await page.GotoAsync($"/customers/{customer.OrganisationId}");
        var ownAnswer = await own!.TextAsync();
        var provider = await page.GotoAsync("/admin");
        var providerAnswer = await provider!.TextAsync();

        own.Status.ShouldBe(404);
        provider.Status.ShouldBe(404);
        ownAnswer.ShouldNotContain(customer.Contact.Email);
        ownAnswer.ShouldContain("There is no such organisation, or it is not yours to manage.");
        providerAnswer.ShouldContain("There is no such page, or it is not yours to use.");
        providerAnswer.ShouldNotContain("Organisations");
    }

    // CLAUSEDESK_SCREENSHOTS=docs/screenshots writes the pictures of docs/portal.md, as ScreenshotTests does.
    private static async Task ScreenshotAsync(Microsoft.Playwright.IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CLAUSEDESK_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true });
        }
    }
}

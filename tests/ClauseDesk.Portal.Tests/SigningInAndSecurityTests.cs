using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace ClauseDesk.Portal;

public sealed class SigningInAndSecurityTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task An_agent_signs_in_with_the_right_password_and_a_wrong_one_is_refused()
    {
        var agent = await app.CreatePersonAsync(null, "agent", "Eva Agent");
        var page = await app.NewPageAsync();

        await page.GotoAsync("/queue");
        page.Url.ShouldContain("/signin");
        await page.FillAsync("#email", agent.Email);
        await page.FillAsync("#password", "not-the-password");
        var refused = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("form:not(.languages) button[type=submit]"), r => r.Request.Method == "POST");
        refused.Status.ShouldBe(401);
        await page.WaitForLoadStateAsync();
        (await page.TextContentAsync(".alert.error")).ShouldBe("Unknown e-mail address or wrong password.");

        await page.FillAsync("#password", agent.Password);
        await page.ClickAsync("form:not(.languages) button[type=submit]");
        await page.WaitForURLAsync("**/queue");
        (await page.TextContentAsync("h1")).ShouldBe("Queue");
        (await page.TextContentAsync(".top .who")).ShouldBe("Eva Agent");
    }

    [Fact]
    public async Task Someone_whose_address_has_accented_letters_signs_in_however_the_letters_were_typed()
    {
        var organisation = await app.CreateOrganisationAsync("Crèmerie Zoë");
        var email = $"zoë.lefèvre.{Guid.NewGuid():N}@crèmerie.example";
        var created = await app.Admin.PostAsJsonAsync("/api/people", new { name = "Zoë Lefèvre", email, role = "contact-person", organisationId = organisation, password = PortalApp.Password });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        // The same letters as e + combining diaeresis and e + combining grave accent (Unicode NFD),
        // in capitals, as a keyboard or a password manager may give them.
        var typed = email.Normalize(NormalizationForm.FormD).ToUpperInvariant();
        typed.ShouldNotBe(email);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#email", typed);
        await page.FillAsync("#password", PortalApp.Password);
        await page.ClickAsync("form:not(.languages) button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        (await page.TextContentAsync(".top .who")).ShouldBe("Zoë Lefèvre");
    }

    [Fact]
    public async Task The_api_keeps_answering_401_without_a_redirect_and_ignores_the_portal_cookie()
    {
        var agent = await app.CreatePersonAsync(null, "agent", "Cookie Agent");
        var page = await app.SignedInAsync(agent);

        var withCookie = await page.APIRequest.GetAsync("/api/tickets", new() { MaxRedirects = 0 });
        withCookie.Status.ShouldBe(401);
        var portal = await page.APIRequest.GetAsync("/queue", new() { MaxRedirects = 0 });
        portal.Status.ShouldBe(200);

        using var anonymous = app.Client(null);
        var response = await anonymous.GetAsync("/api/tickets");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task Every_page_answers_with_the_content_security_policy()
    {
        var customer = await Customer.CreateAsync(app, "Brouwerij Het Anker");
        var number = await PortalApp.OpenTicketAsync(await app.ApiAsAsync(customer.Contact), "Printer offline");
        var agent = await app.CreatePersonAsync(null, "agent", "Header Agent");
        var staff = await app.SignedInAsync(agent);
        var contact = await app.SignedInAsync(customer.Contact);

        foreach (var (page, path) in new[] { (staff, "/signin"), (staff, "/queue"), (staff, $"/tickets/{number}"), (contact, "/tickets"), (contact, "/tickets/new"), (contact, "/tickets/CD-2026-999999") })
        {
            var response = await page.GotoAsync(path);
            var headers = await response!.AllHeadersAsync();
            headers.ShouldContainKey("content-security-policy", path);
            headers["content-security-policy"].ShouldContain("script-src 'self'", Case.Sensitive, path);
            headers["content-security-policy"].ShouldContain("frame-ancestors 'none'", Case.Sensitive, path);
            headers["content-security-policy"].ShouldNotContain("unsafe-inline", Case.Sensitive, path);
            headers["x-content-type-options"].ShouldBe("nosniff", path);
            headers["referrer-policy"].ShouldBe("same-origin", path);
        }

        var stylesheet = await staff.APIRequest.GetAsync("/portal/portal.css");
        stylesheet.Status.ShouldBe(200);
        stylesheet.Headers["content-type"].ShouldStartWith("text/css");
    }

    [Fact]
    public async Task A_form_posted_without_the_antiforgery_token_is_refused()
    {
        var customer = await Customer.CreateAsync(app, "Stad Mechelen");
        var number = await PortalApp.OpenTicketAsync(await app.ApiAsAsync(customer.Contact), "VPN drops");
        var page = await app.SignedInAsync(customer.Contact);
        await page.GotoAsync($"/tickets/{number}");
        var token = await page.GetAttributeAsync("form.reply input[name=__RequestVerificationToken]", "value");

        var forged = await page.APIRequest.PostAsync($"/tickets/{number}?handler=Message", new()
        {
            Form = PortalApp.Form(page, ("body", "sent from another site"), ("isInternal", "false")),
            MaxRedirects = 0,
        });
        forged.Status.ShouldBe(400);

        // The same post with the page's token goes through: the token, nothing else, made the difference.
        var genuine = await page.APIRequest.PostAsync($"/tickets/{number}?handler=Message", new()
        {
            Form = PortalApp.Form(page, ("body", "sent from the portal"), ("isInternal", "false"), ("__RequestVerificationToken", token!)),
            MaxRedirects = 0,
        });
        genuine.Status.ShouldBe(302);
        await page.ReloadAsync();
        (await page.Locator(".entry-message .text").AllTextContentsAsync()).ShouldBe(["sent from the portal"]);
    }
}

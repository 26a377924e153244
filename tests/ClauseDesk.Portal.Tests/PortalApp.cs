using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace ClauseDesk.Portal;

/// <summary>A clock the tests move by hand.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public void Advance(TimeSpan by) => _now += by;
}

public sealed record Account(Guid Id, string Name, string Email, string Password);

/// <summary>
/// The real desk on 127.0.0.1 with a fresh SQLite file, seeded through its public HTTP API, and one
/// headless Chromium for the test class. The clock starts on Monday 2026-11-23 10:00 in Brussels.
/// </summary>
public sealed class PortalApp : IAsyncLifetime
{
    public const string Password = "portal-password-2026";

    private WebApplication _app = null!;

    public TestClock Clock { get; } = new(DateTimeOffset.Parse("2026-11-23T10:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture));
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public Uri Address => new(_app.Urls.Single());
    public string Database { get; } = Path.Combine(Path.GetTempPath(), $"clausedesk-portal-{Guid.NewGuid():N}.db");

    public async Task InitializeAsync()
    {
        _app = WebApp.Build([], "http://127.0.0.1:0", $"Data Source={Database}", Clock, sweep: false);
        var created = await FirstStart.PrepareAsync(_app.Services, "Provider A", CancellationToken.None) ?? throw new InvalidOperationException("the database was not fresh");
        await _app.StartAsync();
        Admin = Client(created.Token);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Without these Chromium reaches for the network, which is refused here.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Database, Database + "-wal", Database + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>The demo of <c>serve --demo</c>: customers on every SLA preset and tickets in every state.</summary>
    public Task<IReadOnlyList<string>> LoadDemoAsync() => DemoData.LoadAsync(_app.Services, CancellationToken.None);

    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A browser page of its own (cookies included) in the given language.</summary>
    public async Task<IPage> NewPageAsync(string language = "en", int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            Locale = language,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    public async Task<IPage> SignedInAsync(Account account, string language = "en", int width = 1366, int height = 768)
    {
        var page = await NewPageAsync(language, width, height);
        await page.GotoAsync("/signin");
        await page.FillAsync("#email", account.Email);
        await page.FillAsync("#password", account.Password);
        await page.ClickAsync("form:not(.languages) button[type=submit]");
        // The page after signing in has arrived once its document is parsed; assertions then wait for what they look at.
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        return page;
    }

    public async Task<Guid> CreateOrganisationAsync(string name) =>
        (await CreatedAsync(await Admin.PostAsJsonAsync("/api/organisations", new { name }))).GetProperty("id").GetGuid();

    public async Task<Guid> CreateContractAsync(Guid organisationId, string preset = "managed-type4", decimal monthlyFee = 1200) =>
        (await CreatedAsync(await Admin.PostAsJsonAsync("/api/contracts", new { organisationId, name = $"{preset} service levels", slaPreset = preset, monthlyFee, tier2Contacts = "tier2@provider.example" }))).GetProperty("id").GetGuid();

    public async Task<Account> CreatePersonAsync(Guid? organisationId, string role, string name)
    {
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@example.be";
        var person = await CreatedAsync(await Admin.PostAsJsonAsync("/api/people", new { name, email, role, organisationId, password = Password }));
        return new Account(person.GetProperty("id").GetGuid(), name, email, Password);
    }

    /// <summary>Signs in through the API, as a client would, and returns a client with the session token.</summary>
    public async Task<HttpClient> ApiAsAsync(Account account)
    {
        var session = await CreatedAsync(await Client(null).PostAsJsonAsync("/api/sessions", new { email = account.Email, password = account.Password }));
        return Client(session.GetProperty("token").GetString());
    }

    public static IFormData Form(IPage page, params (string Name, string Value)[] fields)
    {
        var data = page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            data.Set(name, value);
        }

        return data;
    }

    public static async Task<string> OpenTicketAsync(HttpClient customer, string subject, string urgency = "blocking", string impact = "some", string description = "Nobody receives mail since 09:40.") =>
        (await CreatedAsync(await customer.PostAsJsonAsync("/api/tickets", new { subject, description, urgency, impact }))).GetProperty("number").GetString()!;

    public static async Task ActAsync(HttpClient client, string number, string action, object? body = null)
    {
        var current = await client.GetAsync($"/api/tickets/{number}");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{number}/actions/{action}") { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.ToString());
        var response = await client.SendAsync(request);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>A customer organisation on a managed-services contract, with a contact person and a plain user.</summary>
public sealed record Customer(Guid OrganisationId, Guid ContractId, Account Contact, Account User)
{
    public static async Task<Customer> CreateAsync(PortalApp app, string name, string preset = "managed-type4")
    {
        var organisation = await app.CreateOrganisationAsync(name);
        var contract = await app.CreateContractAsync(organisation, preset);
        var contact = await app.CreatePersonAsync(organisation, "contact-person", $"{name} Contact");
        var user = await app.CreatePersonAsync(organisation, "customer-user", $"{name} User");
        return new Customer(organisation, contract, contact, user);
    }
}

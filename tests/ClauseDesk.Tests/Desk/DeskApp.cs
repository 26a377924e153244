using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ClauseDesk.Access;
using ClauseDesk.Data;
using ClauseDesk.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ClauseDesk.Desk;

/// <summary>A clock the tests move by hand.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>
/// The real desk on 127.0.0.1 with a real database (a SQLite file or a PostgreSQL database), and
/// intent methods that go through the HTTP API as a client would.
/// </summary>
public sealed class DeskApp : IAsyncDisposable
{
    public static TheoryData<string> Databases => ["sqlite", "postgres"];

    private readonly WebApplication _app;

    private DeskApp(WebApplication app, string connection, TestClock clock, HttpClient admin, Guid tenantId)
    {
        _app = app;
        Connection = connection;
        Clock = clock;
        Admin = admin;
        TenantId = tenantId;
    }

    public string Connection { get; }
    public TestClock Clock { get; }

    /// <summary>The first provider's admin.</summary>
    public HttpClient Admin { get; }

    public Guid TenantId { get; }
    public Uri Address => new(_app.Urls.Single());

    /// <summary>The desk's services, for running a background service of its own in a test.</summary>
    public IServiceProvider Services => _app.Services;

    public static string NewDatabase(string kind) => kind == "sqlite"
        ? $"Data Source={Path.Combine(Path.GetTempPath(), $"clausedesk-{Guid.NewGuid():N}.db")}"
        : PostgresServer.CreateDatabase("desk");

    /// <summary>Starts a desk on a fresh database; the clock starts on Monday 2026-11-23 10:00 in Brussels.</summary>
    public static async Task<DeskApp> StartAsync(string kind, DateTimeOffset? now = null)
    {
        var connection = NewDatabase(kind);
        var clock = new TestClock(now ?? DateTimeOffset.Parse("2026-11-23T10:00:00+01:00"));
        // The background sweep is driven by the tests (SweepAsync), at the moments they choose.
        var app = WebApp.Build([], "http://127.0.0.1:0", connection, clock, sweep: false);
        var created = await FirstStart.PrepareAsync(app.Services, "Provider A", CancellationToken.None) ?? throw new InvalidOperationException("the database was not fresh");
        await app.StartAsync();
        var admin = Client(new Uri(app.Urls.Single()), created.Token);
        var tenant = (await admin.GetFromJsonAsync<List<PersonView>>("/api/people"))!.Single();
        return new DeskApp(app, connection, clock, admin, await TenantOf(app, tenant.Id));
    }

    private static async Task<Guid> TenantOf(WebApplication app, Guid personId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var person = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.People), p => p.Id == personId);
        return person.TenantId;
    }

    public static HttpClient Client(Uri address, string? token)
    {
        var client = new HttpClient { BaseAddress = address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public HttpClient Anonymous() => Client(Address, null);

    /// <summary>A second provider on the same database, with its own admin: for isolation tests.</summary>
    public async Task<HttpClient> CreateOtherProviderAsync(string name)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var tenant = new Tenant(name, "OT");
        var admin = new Person(tenant.Id, null, $"{name} admin", $"admin@{Guid.NewGuid():N}.example", Role.ProviderAdmin, "en");
        var (token, text) = ApiToken.Issue(admin, "test", Clock.GetUtcNow());
        db.Scope.TenantId = tenant.Id;
        db.Tenants.Add(tenant);
        db.People.Add(admin);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return Client(Address, text);
    }

    public async Task<OrganisationView> CreateOrganisationAsync(string name, HttpClient? admin = null) =>
        await Created<OrganisationView>(await (admin ?? Admin).PostAsJsonAsync("/api/organisations", new { name }));

    public async Task<PersonView> CreatePersonAsync(Guid? organisationId, string role, string name, HttpClient? admin = null, string? password = null) =>
        await Created<PersonView>(await (admin ?? Admin).PostAsJsonAsync("/api/people", new { name, email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@example.be", role, organisationId, password }));

    public async Task<ContractView> CreateContractAsync(Guid organisationId, string preset = "managed-type4", decimal? monthlyFee = 1200, HttpClient? admin = null, object? extra = null) =>
        await Created<ContractView>(await (admin ?? Admin).PostAsJsonAsync("/api/contracts", new { organisationId, name = $"{preset} contract", slaPreset = preset, monthlyFee, tier2Contacts = "tier2@provider.example" }));

    /// <summary>A token for a person, issued directly (as an admin would hand it over).</summary>
    public async Task<HttpClient> SignInAsAsync(Guid personId)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var person = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.People), p => p.Id == personId);
        db.Scope.TenantId = person.TenantId;
        var (token, text) = ApiToken.Issue(person, "test", Clock.GetUtcNow());
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return Client(Address, text);
    }

    /// <summary>An organisation with a managed-type4 contract, a contact person and a plain user.</summary>
    public async Task<Customer> CreateCustomerAsync(string name, string preset = "managed-type4")
    {
        var organisation = await CreateOrganisationAsync(name);
        var contract = await CreateContractAsync(organisation.Id, preset);
        var contact = await CreatePersonAsync(organisation.Id, "contact-person", $"{name} Contact");
        var user = await CreatePersonAsync(organisation.Id, "customer-user", $"{name} User");
        return new Customer(organisation, contract, contact, user, await SignInAsAsync(contact.Id), await SignInAsAsync(user.Id));
    }

    /// <summary>The provider's invoicing details, and the customer's with its late-payment terms.</summary>
    public async Task SetUpBillingAsync(Guid organisationId, string customerName, string? latePaymentPolicy = null, bool? lumpSumClause = null, string? paymentAllocation = null)
    {
        await Json(await Admin.PutAsJsonAsync("/api/provider/billing", Billing.BillingData.Provider), HttpStatusCode.OK);
        await Json(await Admin.PutAsJsonAsync($"/api/organisations/{organisationId}/billing", Billing.BillingData.Customer(customerName, latePaymentPolicy, lumpSumClause, paymentAllocation)), HttpStatusCode.OK);
    }

    /// <summary>Issues an invoice (today, the test clock's day) with <see cref="Billing.BillingData.Lines"/> unless told otherwise.</summary>
    public async Task<JsonElement> IssueInvoiceAsync(Guid organisationId, object? lines = null) =>
        await Json(await Admin.PostAsJsonAsync("/api/invoices", new { organisationId, lines = lines ?? Billing.BillingData.Lines() }), HttpStatusCode.Created);

    public async Task<HttpClient> CreateAgentAsync(string name = "Eva Agent")
    {
        var agent = await CreatePersonAsync(null, "agent", name);
        return await SignInAsAsync(agent.Id);
    }

    public static async Task<JsonElement> OpenTicketAsync(HttpClient client, string urgency = "blocking", string impact = "some", string subject = "Mail server down", string? key = null, object? extra = null)
    {
        var response = await PostTicketAsync(client, urgency, impact, subject, key, extra);
        return await Json(response, HttpStatusCode.Created);
    }

    public static async Task<HttpResponseMessage> PostTicketAsync(HttpClient client, string urgency = "blocking", string impact = "some", string subject = "Mail server down", string? key = null, object? extra = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets")
        {
            Content = JsonContent.Create(extra ?? new { subject, description = "Nobody receives mail since 09:40.", urgency, impact }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Takes an action with the ticket's current ETag.</summary>
    public static async Task<HttpResponseMessage> ActAsync(HttpClient client, string number, string action, object? body = null, string? etag = null)
    {
        if (etag is null)
        {
            var current = await client.GetAsync($"/api/tickets/{number}");
            etag = current.Headers.ETag?.ToString();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{number}/actions/{action}") { Content = JsonContent.Create(body ?? new { }) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<T> Created<T>(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonSerializer.Deserialize<T>(text, JsonSerializerOptions.Web)!;
    }

    public Task<IReadOnlyList<string>> LoadDemoAsync() => DemoData.LoadAsync(_app.Services, CancellationToken.None);

    /// <summary>One round of the background sweep at the test clock's time, as the given server.</summary>
    public Task<int> SweepAsync(string holder = "server-1") =>
        Tickets.TicketSweep.RunOnceAsync(_app.Services, Clock.GetUtcNow(), holder, CancellationToken.None);

    /// <summary>The notifications written to the outbox, oldest first.</summary>
    public async Task<List<Data.Outbox.OutboxMessage>> OutboxAsync()
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var all = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Outbox));
        return [.. all.OrderBy(o => o.CreatedAt)];
    }

    /// <summary>One round of the data purge after the end of contracts, at the test clock's time.</summary>
    public Task<int> PurgeAsync(string holder = "server-1") =>
        ContractDataPurge.RunOnceAsync(_app.Services, Clock.GetUtcNow(), holder, CancellationToken.None);

    /// <summary>Delivers a raw message to the named mailbox, as the IMAP reader or an MTA would.</summary>
    public async Task<Mail.IntakeResult> ReceiveMailAsync(string mailbox, byte[] raw, long? uid = null, long? uidValidity = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var box = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Mailboxes), m => m.Name == mailbox);
        return await scope.ServiceProvider.GetRequiredService<Mail.MailIntake>().ReceiveAsync(box, raw, uid, uidValidity, CancellationToken.None);
    }

    /// <summary>One round of the outbox sender at the test clock's time.</summary>
    public Task<int> SendOutboxAsync(Mail.SmtpOptions smtp, string holder = "server-1") =>
        Mail.OutboxSender.SendDueAsync(_app.Services, smtp, Clock.GetUtcNow(), holder, CancellationToken.None);

    /// <summary>One round of the IMAP reader on the named mailbox.</summary>
    public async Task<int> ReadMailboxAsync(string mailbox, System.Security.Cryptography.X509Certificates.X509Certificate2? trusted = null, string holder = "server-1")
    {
        Guid id;
        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
            id = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Mailboxes).Where(m => m.Name == mailbox).Select(m => m.Id));
        }

        return await Mail.MailboxReader.ReadOnceAsync(_app.Services, id, holder, Clock.GetUtcNow(), CancellationToken.None, trusted);
    }

    /// <summary>Changes the database behind the desk's back, as an attacker with database access would.</summary>
    public async Task TamperAsync(string sql)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, sql);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record Customer(OrganisationView Organisation, ContractView Contract, PersonView Contact, PersonView User, HttpClient ContactClient, HttpClient UserClient);

using System.Net.Http.Json;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Desk;

/// <summary>
/// Every endpoint × every role × own organisation / other organisation / other tenant → the expected
/// status; and nothing of another tenant, or of another organisation for customers, is ever returned.
/// </summary>
public class AuthorisationMatrixTests
{
    private const int Ok = 200, Created = 201, Unauthorised = 401, Forbidden = 403, NotFound = 404;

    private static readonly string[] Callers = ["provider-admin", "agent", "customer-admin", "contact-person", "customer-user", "other-org-contact", "other-tenant-admin", "anonymous"];

    private sealed record Call(string Name, Func<World, HttpClient, Task<HttpResponseMessage>> Send, Dictionary<string, int> Expected);

    private sealed record World(DeskApp Desk, string Ticket, Guid OrganisationId, Guid ContractId, Guid OtherOrganisationId, string OtherOrgTicket, Guid OtherOrgWindow, string Invoice, string CreditNote);

    private static object Window(Guid? organisation) => new { kind = "critical", title = "Firewall", services = "Network", start = "2026-11-23T12:00:00+01:00", end = "2026-11-23T13:00:00+01:00", organisationIds = organisation is { } o ? new[] { o } : null };

    private static async Task<HttpResponseMessage> CancelFreshWindowAsync(World w, HttpClient c)
    {
        var created = await w.Desk.Admin.PostAsJsonAsync("/api/maintenance", Window(w.OrganisationId));
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        return await c.PostAsync($"/api/maintenance/{id}/cancel", null);
    }

    private static Dictionary<string, int> Expect(int admin, int agent, int customerAdmin, int contact, int user, int otherOrg, int otherTenant, int anonymous = Unauthorised) => new()
    {
        ["provider-admin"] = admin,
        ["agent"] = agent,
        ["customer-admin"] = customerAdmin,
        ["contact-person"] = contact,
        ["customer-user"] = user,
        ["other-org-contact"] = otherOrg,
        ["other-tenant-admin"] = otherTenant,
        ["anonymous"] = anonymous,
    };

    // The customer user is not the ticket's requester and has no right on its contract (seed 000):
    // they see the organisation's contracts and people, not its other tickets.
    private static readonly Call[] Calls =
    [
        new("GET ticket", (w, c) => c.GetAsync($"/api/tickets/{w.Ticket}"), Expect(Ok, Ok, Ok, Ok, NotFound, NotFound, NotFound)),
        new("GET ticket sla", (w, c) => c.GetAsync($"/api/tickets/{w.Ticket}/sla"), Expect(Ok, Ok, Ok, Ok, NotFound, NotFound, NotFound)),
        new("GET ticket messages", (w, c) => c.GetAsync($"/api/tickets/{w.Ticket}/messages"), Expect(Ok, Ok, Ok, Ok, NotFound, NotFound, NotFound)),
        new("GET ticket audit", (w, c) => c.GetAsync($"/api/tickets/{w.Ticket}/audit"), Expect(Ok, Ok, Ok, Ok, NotFound, NotFound, NotFound)),
        new("GET tickets", (w, c) => c.GetAsync("/api/tickets"), Expect(Ok, Ok, Ok, Ok, Ok, Ok, Ok)),
        new("POST message", (w, c) => c.PostAsJsonAsync($"/api/tickets/{w.Ticket}/messages", new { body = "hello" }), Expect(Created, Created, Created, Created, NotFound, NotFound, NotFound)),
        new("POST action on-site", (w, c) => ActAsync(c, w.Ticket, "on-site"), Expect(Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST action accept", (w, c) => ActAsync(c, w.Ticket, "accept"), Expect(Forbidden, Forbidden, 422, 422, NotFound, NotFound, Forbidden)),
        new("GET organisations", (w, c) => c.GetAsync("/api/organisations"), Expect(Ok, Ok, Ok, Ok, Ok, Ok, Ok)),
        new("POST organisation", (w, c) => c.PostAsJsonAsync("/api/organisations", new { name = "New customer" }), Expect(Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Created)),
        new("GET contracts", (w, c) => c.GetAsync("/api/contracts"), Expect(Ok, Ok, Ok, Ok, Ok, Ok, Ok)),
        new("GET contract", (w, c) => c.GetAsync($"/api/contracts/{w.ContractId}"), Expect(Ok, Ok, Ok, Ok, Ok, NotFound, NotFound)),
        new("POST contract", (w, c) => c.PostAsJsonAsync("/api/contracts", new { organisationId = w.OrganisationId, name = "Extra", slaPreset = "managed-type1" }), Expect(Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET people", (w, c) => c.GetAsync("/api/people"), Expect(Ok, Ok, Ok, Ok, Ok, Ok, Ok)),
        new("POST person in the organisation", (w, c) => c.PostAsJsonAsync("/api/people", new { name = "New user", email = $"new.{Guid.NewGuid():N}@example.be", role = "customer-user", organisationId = w.OrganisationId }), Expect(Created, Forbidden, Created, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST token for oneself", (w, c) => c.PostAsJsonAsync("/api/tokens", new { name = "script" }), Expect(Created, Created, Created, Created, Created, Created, Created)),
        new("POST ticket", (w, c) => PostTicketAsync(c, extra: new { subject = "Printer", description = "Jammed", urgency = "non-blocking", impact = "some", contractId = w.ContractId }), Expect(BadRequest, BadRequest, Refused, Created, Refused, NotFound, BadRequest)),
        new("POST attachment", (w, c) => c.PostAsync($"/api/tickets/{w.Ticket}/attachments", Screenshot()), Expect(Created, Created, Created, Created, NotFound, NotFound, NotFound)),
        new("GET attachments", (w, c) => c.GetAsync($"/api/tickets/{w.Ticket}/attachments"), Expect(Ok, Ok, Ok, Ok, NotFound, NotFound, NotFound)),
        new("POST contract sla", (w, c) => c.PostAsJsonAsync($"/api/contracts/{w.ContractId}/sla", new { slaPreset = "managed-type4" }), Expect(Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET contract rights", (w, c) => c.GetAsync($"/api/contracts/{w.ContractId}/rights"), Expect(Ok, Forbidden, Ok, Forbidden, Forbidden, Forbidden, NotFound)),

        // Actions, in an order that walks the ticket's life: the provider admin acts first, so the agent
        // then meets the state the admin left (a refused transition, 422); customers never reach staff actions.
        new("POST action acknowledge", (w, c) => ActAsync(c, w.Ticket, "acknowledge"), Expect(Ok, Refused, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST action pause", (w, c) => ActAsync(c, w.Ticket, "pause", new { reason = "force-majeure" }), Expect(Ok, Refused, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST action resume", (w, c) => ActAsync(c, w.Ticket, "resume"), Expect(Ok, Refused, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST action start", (w, c) => ActAsync(c, w.Ticket, "start"), Expect(Ok, Refused, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST action reclassify", (w, c) => ActAsync(c, w.Ticket, "reclassify", new { urgency = "blocking", impact = "all" }), Expect(Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST action hand-over", (w, c) => ActAsync(c, w.Ticket, "hand-over", new { line = 2 }), Expect(Ok, Refused, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST action wait-on-supplier", (w, c) => ActAsync(c, w.Ticket, "wait-on-supplier"), Expect(Ok, Refused, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST action supplier-delivered", (w, c) => ActAsync(c, w.Ticket, "supplier-delivered"), Expect(Ok, Refused, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST action ask-customer", (w, c) => ActAsync(c, w.Ticket, "ask-customer", new { question = "Which mailbox?" }), Expect(Ok, Refused, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST action workaround", (w, c) => ActAsync(c, w.Ticket, "workaround"), Expect(Refused, Refused, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST message answers the question", (w, c) => c.PostAsJsonAsync($"/api/tickets/{w.Ticket}/messages", new { body = "The sales mailbox" }), Expect(Created, Created, Created, Created, NotFound, NotFound, NotFound)),
        new("POST action workaround after the answer", (w, c) => ActAsync(c, w.Ticket, "workaround"), Expect(Ok, Refused, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST action reopen", (w, c) => ActAsync(c, w.Ticket, "reopen"), Expect(Ok, Refused, Refused, Refused, NotFound, NotFound, NotFound)),
        new("POST action resolve", (w, c) => ActAsync(c, w.Ticket, "resolve", new { closingReason = "fixed" }), Expect(Ok, Refused, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST action close", (w, c) => ActAsync(c, w.Ticket, "close"), Expect(Refused, Refused, Refused, Refused, NotFound, NotFound, NotFound)),
        new("POST action accept after resolve", (w, c) => ActAsync(c, w.Ticket, "accept"), Expect(Forbidden, Forbidden, Ok, Refused, NotFound, NotFound, Forbidden)),
        new("POST action on-site when closed", (w, c) => ActAsync(c, w.Ticket, "on-site"), Expect(Refused, Refused, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST sessions", (w, c) => c.PostAsJsonAsync("/api/sessions", new { email = "nobody@example.be", password = "wrong password" }), Expect(Unauthorised, Unauthorised, Unauthorised, Unauthorised, Unauthorised, Unauthorised, Unauthorised, anonymous: Unauthorised)),
        new("GET maintenance", (w, c) => c.GetAsync("/api/maintenance"), Expect(Ok, Ok, Ok, Ok, Ok, Ok, Ok)),
        new("GET other organisation's maintenance", (w, c) => c.GetAsync($"/api/maintenance/{w.OtherOrgWindow}"), Expect(Ok, Ok, NotFound, NotFound, NotFound, Ok, NotFound)),
        new("POST maintenance", (w, c) => c.PostAsJsonAsync("/api/maintenance", Window(w.OrganisationId)), Expect(Created, Created, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST maintenance cancel", CancelFreshWindowAsync, Expect(Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET status page", (w, c) => c.GetAsync($"/status/{w.Desk.TenantId}"), Expect(Ok, Ok, Ok, Ok, Ok, Ok, Ok, anonymous: Ok)),
        new("POST deactivate contract", (w, c) => c.PostAsync($"/api/contracts/{w.ContractId}/deactivate", null), Expect(Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),

        // SLA report: staff see every customer, a customer's admin only their own organisation, other customers nothing.
        new("GET sla report", (w, c) => c.GetAsync("/api/reports/sla"), Expect(Ok, Ok, Ok, Forbidden, Forbidden, Forbidden, Ok)),
        new("GET sla report csv of the organisation", (w, c) => c.GetAsync($"/api/reports/sla?organisationId={w.OrganisationId}&format=csv"), Expect(Ok, Ok, Ok, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET sla report of the other organisation", (w, c) => c.GetAsync($"/api/reports/sla?organisationId={w.OtherOrganisationId}"), Expect(Ok, Ok, NotFound, Forbidden, Forbidden, Forbidden, NotFound)),
        // Billing: time entries, support credits and metered volume.
        new("PUT contract rates", (w, c) => c.PutAsJsonAsync($"/api/contracts/{w.ContractId}/rates", new { hourlyRate = 90m, surcharges = "seed-001" }), Expect(Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET contract rates", (w, c) => c.GetAsync($"/api/contracts/{w.ContractId}/rates"), Expect(Ok, Ok, Ok, Ok, Forbidden, NotFound, NotFound)),
        new("POST ticket time", (w, c) => c.PostAsJsonAsync($"/api/tickets/{w.Ticket}/time", new { start = "2026-11-23T09:00:00+01:00", minutes = 30 }), Expect(Created, Created, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET ticket time", (w, c) => c.GetAsync($"/api/tickets/{w.Ticket}/time"), Expect(Ok, Ok, Ok, Ok, NotFound, NotFound, NotFound)),
        new("POST contract credits", (w, c) => c.PostAsJsonAsync($"/api/contracts/{w.ContractId}/credits", new { quarterHours = 4 }), Expect(Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET contract credits", (w, c) => c.GetAsync($"/api/contracts/{w.ContractId}/credits"), Expect(Ok, Ok, Ok, Ok, Forbidden, NotFound, NotFound)),
        new("PUT contract volume", async (w, c) =>
        {
            await w.Desk.Admin.PutAsJsonAsync($"/api/contracts/{w.ContractId}/term", new { start = "2026-01-01", months = 12 });
            return await c.PutAsJsonAsync($"/api/contracts/{w.ContractId}/volume", new { volume = 100, pricePerExtraUnit = 1m });
        }, Expect(Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET contract usage", (w, c) => c.GetAsync($"/api/contracts/{w.ContractId}/usage"), Expect(Ok, Ok, Ok, Ok, Forbidden, NotFound, NotFound)),
        new("POST contract usage", (w, c) => c.PostAsJsonAsync($"/api/contracts/{w.ContractId}/usage", new { unitId = "U-1", state = "GETEKEND" }), Expect(Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST overage invoice of an unfinished year", (w, c) => c.PostAsync($"/api/contracts/{w.ContractId}/usage/1/invoice", null), Expect(Refused, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        // Contracts and billing: index series, indexation, suspension, fees, liability cap, export.
        new("PUT index series", (w, c) => c.PutAsync("/api/index-series/agoria-digital", new StringContent("2026-01,120.00", System.Text.Encoding.UTF8, "text/csv")), Expect(Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok)),
        new("GET index series", (w, c) => c.GetAsync("/api/index-series"), Expect(Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok)),
        new("GET contract indexation", (w, c) => c.GetAsync($"/api/contracts/{w.ContractId}/indexation?on=2027-01-01"), Expect(Refused, Refused, Refused, Refused, Refused, NotFound, NotFound)),
        new("POST contract indexation apply", (w, c) => c.PostAsync($"/api/contracts/{w.ContractId}/indexation/apply", JsonContent.Create(new { })), Expect(Refused, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST formal notice", (w, c) => c.PostAsJsonAsync($"/api/contracts/{w.ContractId}/formal-notice", new { sentOn = "2026-11-02" }), Expect(Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET suspension", (w, c) => c.GetAsync($"/api/contracts/{w.ContractId}/suspension"), Expect(Ok, Ok, Ok, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST suspend", (w, c) => c.PostAsJsonAsync($"/api/contracts/{w.ContractId}/suspend", new { on = "2026-11-17" }), Expect(Refused, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET termination fees", async (w, c) =>
        {
            // Fees need a term; the row sets it itself rather than rely on the rows before it.
            await w.Desk.Admin.PutAsJsonAsync($"/api/contracts/{w.ContractId}/term", new { start = "2026-01-01", months = 12 });
            return await c.GetAsync($"/api/contracts/{w.ContractId}/termination");
        }, Expect(Ok, Ok, Ok, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET liability cap", (w, c) => c.GetAsync($"/api/contracts/{w.ContractId}/liability-cap?projectPrice=30000"), Expect(Ok, Ok, Ok, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET organisation export", (w, c) => c.GetAsync($"/api/organisations/{w.OrganisationId}/export"), Expect(Ok, Forbidden, Ok, Forbidden, Forbidden, Forbidden, NotFound)),
        // Penalties and the data-breach register: a contract's penalties are for staff and the customer's
        // admins and contact persons (no breach yet, so no letter: 422); the register for staff and customer admins.
        new("GET contract penalties", (w, c) => c.GetAsync($"/api/contracts/{w.ContractId}/penalties?month=2026-11"), Expect(Ok, Ok, Ok, Ok, NotFound, NotFound, NotFound)),
        new("GET contract fee", (w, c) => c.GetAsync($"/api/contracts/{w.ContractId}/fee?month=2026-11"), Expect(Ok, Ok, Ok, Ok, Forbidden, NotFound, NotFound)),
        new("PUT contract fee", (w, c) => c.PutAsJsonAsync($"/api/contracts/{w.ContractId}/fee", new { monthlyFee = 1200m, from = "2027-01-01", reason = "price change" }), Expect(Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST credits overage invoice with nothing to invoice", (w, c) => c.PostAsync($"/api/contracts/{w.ContractId}/credits/invoice", null), Expect(Refused, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET contract claim letter", (w, c) => c.GetAsync($"/api/contracts/{w.ContractId}/penalties/claim.pdf?month=2026-11"), Expect(Refused, Refused, Refused, Refused, NotFound, NotFound, NotFound)),
        new("POST data breach", (w, c) => c.PostAsJsonAsync("/api/data-breaches", new { discoveredAt = "2026-11-23T08:00:00+01:00", nature = "Lost laptop", dataCategories = "names", measures = "Revoked", organisationIds = new[] { w.OrganisationId } }), Expect(Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET data breaches", (w, c) => c.GetAsync("/api/data-breaches"), Expect(Ok, Ok, Ok, Forbidden, Forbidden, Forbidden, Ok)),
        new("GET data breach", async (w, c) =>
        {
            var created = await w.Desk.Admin.PostAsJsonAsync("/api/data-breaches", new { discoveredAt = "2026-11-23T08:00:00+01:00", nature = "Lost laptop", dataCategories = "names", measures = "Revoked", organisationIds = new[] { w.OrganisationId } });
            var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
            return await c.GetAsync($"/api/data-breaches/{id}");
        }, Expect(Ok, Ok, Ok, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST data breach notify", async (w, c) =>
        {
            var created = await w.Desk.Admin.PostAsJsonAsync("/api/data-breaches", new { discoveredAt = "2026-11-23T08:00:00+01:00", nature = "Lost laptop", dataCategories = "names", measures = "Revoked", organisationIds = new[] { w.OrganisationId } });
            var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
            return await c.PostAsJsonAsync($"/api/data-breaches/{id}/notify", new { organisationId = w.OrganisationId, to = "dpo by e-mail" });
        }, Expect(Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        // Invoices, credit notes, payments and the account: staff see all, customers their organisation's
        // invoices (admin and contact persons) and account (admin only); only the provider admin writes.
        new("GET invoice", (w, c) => c.GetAsync($"/api/invoices/{w.Invoice}"), Expect(Ok, Ok, Ok, Ok, NotFound, NotFound, NotFound)),
        new("GET invoice ubl", (w, c) => c.GetAsync($"/api/invoices/{w.Invoice}/ubl"), Expect(Ok, Ok, Ok, Ok, NotFound, NotFound, NotFound)),
        new("POST credit note", (w, c) => c.PostAsJsonAsync($"/api/invoices/{w.Invoice}/credit-notes", new { reason = "Goodwill", amount = 1.00m, vat = "21" }), Expect(Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET invoice credit notes", (w, c) => c.GetAsync($"/api/invoices/{w.Invoice}/credit-notes"), Expect(Ok, Ok, Ok, Ok, NotFound, NotFound, NotFound)),
        new("GET credit note", (w, c) => c.GetAsync($"/api/credit-notes/{w.CreditNote}"), Expect(Ok, Ok, Ok, Ok, NotFound, NotFound, NotFound)),
        new("GET credit note pdf", (w, c) => c.GetAsync($"/api/credit-notes/{w.CreditNote}/pdf"), Expect(Ok, Ok, Ok, Ok, NotFound, NotFound, NotFound)),
        new("GET credit note ubl", (w, c) => c.GetAsync($"/api/credit-notes/{w.CreditNote}/ubl"), Expect(Ok, Ok, Ok, Ok, NotFound, NotFound, NotFound)),
        new("POST payment", (w, c) => c.PostAsJsonAsync("/api/payments", new { organisationId = w.OrganisationId, amount = 10.00m }), Expect(Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound)),
        new("POST payment by reference", (w, c) => c.PostAsJsonAsync("/api/payments", new { amount = 10.00m, reference = w.Invoice }), Expect(Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Refused)),
        new("GET account", (w, c) => c.GetAsync($"/api/organisations/{w.OrganisationId}/account"), Expect(Ok, Ok, Ok, Forbidden, Forbidden, Forbidden, NotFound)),
        new("GET other organisation's account", (w, c) => c.GetAsync($"/api/organisations/{w.OtherOrganisationId}/account"), Expect(Ok, Ok, NotFound, Forbidden, Forbidden, Forbidden, NotFound)),
    ];

    private const int BadRequest = 400, Refused = 422;

    private static MultipartFormDataContent Screenshot()
    {
        var file = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "file", "screen.png" } };
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Every_endpoint_answers_every_role_as_expected_and_leaks_nothing(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var customerAdmin = await desk.CreatePersonAsync(customer.Organisation.Id, "customer-admin", "Anker Admin");
        var other = await desk.CreateCustomerAsync("Duvel");
        var ticket = (await OpenTicketAsync(customer.ContactClient)).GetProperty("number").GetString()!;
        var otherTicket = (await OpenTicketAsync(other.ContactClient, subject: "Duvel secret")).GetProperty("number").GetString()!;
        var otherTenant = await desk.CreateOtherProviderAsync("Provider B");
        var clients = new Dictionary<string, HttpClient>
        {
            ["provider-admin"] = desk.Admin,
            ["agent"] = await desk.CreateAgentAsync(),
            ["customer-admin"] = await desk.SignInAsAsync(customerAdmin.Id),
            ["contact-person"] = customer.ContactClient,
            ["customer-user"] = customer.UserClient,
            ["other-org-contact"] = other.ContactClient,
            ["other-tenant-admin"] = otherTenant,
            ["anonymous"] = desk.Anonymous(),
        };
        var otherWindow = await Json(await desk.Admin.PostAsJsonAsync("/api/maintenance", Window(other.Organisation.Id)), System.Net.HttpStatusCode.Created);
        await desk.SetUpBillingAsync(customer.Organisation.Id, "Anker NV", latePaymentPolicy: "yearly-10");
        var invoice = (await desk.IssueInvoiceAsync(customer.Organisation.Id)).GetProperty("number").GetString()!;
        var creditNote = await Json(await desk.Admin.PostAsJsonAsync($"/api/invoices/{invoice}/credit-notes", new { reason = "Manual not delivered", lines = new[] { new { line = 3 } } }), System.Net.HttpStatusCode.Created);
        var world = new World(desk, ticket, customer.Organisation.Id, customer.Contract.Id, other.Organisation.Id, otherTicket, otherWindow.GetProperty("id").GetGuid(), invoice, creditNote.GetProperty("number").GetString()!);

        var wrong = new List<string>();
        foreach (var call in Calls)
        {
            foreach (var caller in Callers)
            {
                var response = await call.Send(world, clients[caller]);
                var body = await response.Content.ReadAsStringAsync();
                // A refusal may repeat what the caller asked for (the number in the URL); nothing more.
                var asked = response.RequestMessage!.RequestUri!.ToString();
                bool Leaks(string secret) => body.Contains(secret, StringComparison.OrdinalIgnoreCase) && (response.IsSuccessStatusCode || !asked.Contains(secret, StringComparison.OrdinalIgnoreCase));
                if ((int)response.StatusCode != call.Expected[caller])
                {
                    wrong.Add($"{call.Name} as {caller}: {(int)response.StatusCode}, expected {call.Expected[caller]} {body[..Math.Min(body.Length, 200)]}");
                }

                if (caller == "other-tenant-admin")
                {
                    foreach (var secret in new[] { ticket, otherTicket, customer.Organisation.Id.ToString(), "Anker", "Duvel", customer.Contract.Id.ToString() })
                    {
                        if (Leaks(secret))
                        {
                            wrong.Add($"{call.Name} as {caller} leaked '{secret}'");
                        }
                    }
                }

                if (caller is "customer-admin" or "contact-person" or "customer-user")
                {
                    foreach (var secret in new[] { otherTicket, "Duvel", other.Organisation.Id.ToString() })
                    {
                        if (Leaks(secret))
                        {
                            wrong.Add($"{call.Name} as {caller} leaked the other organisation's '{secret}'");
                        }
                    }
                }
            }
        }

        wrong.ShouldBeEmpty();
    }
}

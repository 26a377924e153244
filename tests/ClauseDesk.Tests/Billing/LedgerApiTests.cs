using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using ClauseDesk.Desk;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Billing;

/// <summary>
/// Credit notes, payments and the account through the API on both databases: an invoice is issued,
/// credited, paid partly on time and partly late, and the late payment goes to interest and costs first.
/// </summary>
public class LedgerApiTests
{
    private static decimal Decimal(JsonElement element, string name) => element.GetProperty(name).GetDecimal();

    private static async Task<JsonElement> AccountAsync(HttpClient client, Guid organisationId, string? on = null) =>
        await Json(await client.GetAsync($"/api/organisations/{organisationId}/account{(on is null ? "" : $"?on={on}")}"), HttpStatusCode.OK);

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task An_invoice_credited_then_paid_partly_and_late_pays_interest_and_costs_first(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        var organisation = customer.Organisation.Id;
        await desk.SetUpBillingAsync(organisation, "Anker NV", latePaymentPolicy: "yearly-10");
        var invoice = await desk.IssueInvoiceAsync(organisation);
        var number = invoice.GetProperty("number").GetString()!;
        var communication = invoice.GetProperty("paymentReference").GetString()!;
        Decimal(invoice, "taxInclusive").ShouldBe(1995.57m);

        // Credit 1.5 of the 4.5 hours on site: €142.50 + 21 % = €172.43.
        var credit = await Json(await desk.Admin.PostAsJsonAsync($"/api/invoices/{number}/credit-notes", new { reason = "1.5 h on site billed twice", lines = new[] { new { line = 2, quantity = 1.5m } } }), HttpStatusCode.Created);
        credit.GetProperty("number").GetString().ShouldBe("CN-2026-000001");
        credit.GetProperty("invoiceNumber").GetString().ShouldBe(number);
        Decimal(credit, "taxInclusive").ShouldBe(172.43m);
        credit.GetProperty("reason").GetString().ShouldBe("1.5 h on site billed twice");
        var pdf = await desk.Admin.GetAsync("/api/credit-notes/CN-2026-000001/pdf?language=en");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await pdf.Content.ReadAsByteArrayAsync())[..5].ShouldBe("%PDF-"u8.ToArray());
        var ubl = XDocument.Parse(Encoding.UTF8.GetString(await (await desk.Admin.GetAsync("/api/credit-notes/CN-2026-000001/ubl")).Content.ReadAsByteArrayAsync()));
        ubl.Root!.Name.LocalName.ShouldBe("CreditNote");
        ubl.Descendants().Single(e => e.Name.LocalName == "InvoiceDocumentReference").Elements().Select(e => e.Value).ShouldBe([number, "2026-11-23"]);
        (await Json(await desk.Admin.GetAsync($"/api/invoices/{number}/credit-notes"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(1);

        // On time, by the structured communication alone: the customer is found from it.
        desk.Clock.Set(DateTimeOffset.Parse("2026-12-01T09:00:00+01:00"));
        var first = await Json(await desk.Admin.PostAsJsonAsync("/api/payments", new { amount = 1000.00m, reference = communication }), HttpStatusCode.Created);
        first.GetProperty("organisationId").GetGuid().ShouldBe(organisation);
        first.GetProperty("invoice").GetString().ShouldBe(number);
        first.GetProperty("received").GetString().ShouldBe("2026-12-01");

        var onTime = await AccountAsync(desk.Admin, organisation, "2026-12-10");
        Decimal(onTime, "balance").ShouldBe(823.14m);
        var open = onTime.GetProperty("invoices")[0];
        Decimal(open, "corrected").ShouldBe(1823.14m);
        Decimal(open, "interest").ShouldBe(0m);
        open.GetProperty("creditNotes")[0].GetProperty("number").GetString().ShouldBe("CN-2026-000001");

        // 30 days late on €823.14: €6.7655… → €6.77 interest, then 10 % of €1,823.14 = €182.31 lump sum, then the invoice.
        desk.Clock.Set(DateTimeOffset.Parse("2027-01-22T09:00:00+01:00"));
        await Json(await desk.Admin.PostAsJsonAsync("/api/payments", new { organisationId = organisation, amount = 500.00m, reference = communication, received = "2027-01-22" }), HttpStatusCode.Created);
        var late = await AccountAsync(desk.Admin, organisation);
        late.GetProperty("on").GetString().ShouldBe("2027-01-22");
        late.GetProperty("terms").GetProperty("latePaymentPolicy").GetString().ShouldBe("yearly-10");
        late.GetProperty("terms").GetProperty("paymentAllocation").GetString().ShouldBe("oldest-first");
        var payment = late.GetProperty("payments")[1];
        payment.GetProperty("allocations").EnumerateArray().Select(a => (a.GetProperty("kind").GetString(), Decimal(a, "amount"))).ShouldBe([
            ("interest", 6.77m),
            ("lump-sum", 182.31m),
            ("principal", 310.92m),
        ]);
        Decimal(payment, "unallocated").ShouldBe(0m);
        payment.GetProperty("working").GetProperty("steps").EnumerateArray().ShouldContain(s => s.GetString()!.Contains("interest and costs first", StringComparison.Ordinal));
        var invoiceLine = late.GetProperty("invoices")[0];
        invoiceLine.GetProperty("daysLate").GetInt32().ShouldBe(30);
        Decimal(invoiceLine, "principalOpen").ShouldBe(512.22m);
        invoiceLine.GetProperty("interestWorking").GetProperty("steps")[0].GetString()!.ShouldContain("on €823.14");
        invoiceLine.GetProperty("lumpSumWorking").GetProperty("steps").EnumerateArray().ShouldContain(s => s.GetString()!.Contains("€182.31", StringComparison.Ordinal));
        Decimal(late, "balance").ShouldBe(512.22m);
        late.GetProperty("working").GetProperty("steps").EnumerateArray().Last().GetString()!.ShouldContain("= €512.22");

        // The statement of an earlier day is the same as before the late payment.
        Decimal(await AccountAsync(desk.Admin, organisation, "2026-12-10"), "balance").ShouldBe(823.14m);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task A_payment_naming_a_later_invoice_still_pays_the_oldest_and_credit_notes_never_exceed_the_invoice(string database)
    {
        await using var desk = await StartAsync(database);
        var anker = await desk.CreateCustomerAsync("Anker");
        var organisation = anker.Organisation.Id;
        await desk.SetUpBillingAsync(organisation, "Anker NV", latePaymentPolicy: "monthly-1");
        var older = (await desk.IssueInvoiceAsync(organisation)).GetProperty("number").GetString()!;
        desk.Clock.Set(DateTimeOffset.Parse("2026-12-01T09:00:00+01:00"));
        var later = await desk.IssueInvoiceAsync(organisation, new[] { new { description = "Support credits", quantity = 10, unitPrice = 20.00m, vat = "21" } });

        // Seed 001 art. 6.10: to the oldest, "even if the customer states that the payment concerns a later invoice".
        await Json(await desk.Admin.PostAsJsonAsync("/api/payments", new { amount = 242.00m, reference = later.GetProperty("paymentReference").GetString() }), HttpStatusCode.Created);
        var account = await AccountAsync(desk.Admin, organisation);
        var allocation = account.GetProperty("payments")[0];
        allocation.GetProperty("designatedInvoice").GetString().ShouldBe(later.GetProperty("number").GetString());
        allocation.GetProperty("allocations").EnumerateArray().Select(a => a.GetProperty("invoice").GetString()).ShouldBe([older]);

        // The customer's contract without that clause: the Civil Code lets the debtor say which debt it pays.
        await Json(await desk.Admin.PutAsJsonAsync($"/api/organisations/{organisation}/billing", BillingData.Customer("Anker NV", "monthly-1", paymentAllocation: "as-designated")), HttpStatusCode.OK);
        account = await AccountAsync(desk.Admin, organisation);
        account.GetProperty("payments")[0].GetProperty("allocations").EnumerateArray().Select(a => a.GetProperty("invoice").GetString()).ShouldBe([later.GetProperty("number").GetString()]);
        account.GetProperty("invoices")[1].GetProperty("settled").GetBoolean().ShouldBeTrue();

        // Credit notes: by an amount taxed as the invoice's only rate, then never more than what is left.
        var laterNumber = later.GetProperty("number").GetString()!;
        var goodwill = await Json(await desk.Admin.PostAsJsonAsync($"/api/invoices/{laterNumber}/credit-notes", new { reason = "Goodwill", amount = 50.00m }), HttpStatusCode.Created);
        Decimal(goodwill, "taxInclusive").ShouldBe(60.50m);
        var tooMuch = await Json(await desk.Admin.PostAsJsonAsync($"/api/invoices/{laterNumber}/credit-notes", new { reason = "Again", amount = 160.00m }), HttpStatusCode.UnprocessableEntity);
        tooMuch.GetProperty("errors").GetProperty("amount")[0].GetString()!.ShouldContain("€181.50 is left to credit");
        var full = await Json(await desk.Admin.PostAsJsonAsync($"/api/invoices/{laterNumber}/credit-notes", new { reason = "Cancelled", full = true }), HttpStatusCode.UnprocessableEntity);
        full.GetProperty("errors").TryGetProperty("full", out _).ShouldBeTrue();
        var mixed = await Json(await desk.Admin.PostAsJsonAsync($"/api/invoices/{older}/credit-notes", new { reason = "Discount", amount = 10m }), HttpStatusCode.UnprocessableEntity);
        mixed.GetProperty("errors").TryGetProperty("vat", out _).ShouldBeTrue();
        (await desk.Admin.PostAsJsonAsync($"/api/invoices/{older}/credit-notes", new { amount = 10m, vat = "21" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await desk.Admin.PostAsJsonAsync($"/api/invoices/{older}/credit-notes", new { reason = "Two ways", full = true, amount = 10m })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var tooManyHours = await Json(await desk.Admin.PostAsJsonAsync($"/api/invoices/{older}/credit-notes", new { reason = "Hours", lines = new[] { new { line = 2, quantity = 5m } } }), HttpStatusCode.UnprocessableEntity);
        tooManyHours.GetProperty("errors").TryGetProperty("lines[0].quantity", out _).ShouldBeTrue();
        var whole = await Json(await desk.Admin.PostAsJsonAsync($"/api/invoices/{older}/credit-notes", new { reason = "Contract cancelled", full = true }), HttpStatusCode.Created);
        Decimal(whole, "taxInclusive").ShouldBe(1995.57m);
        (await desk.Admin.PostAsJsonAsync($"/api/invoices/{older}/credit-notes", new { reason = "Once more", lines = new[] { new { line = 1 } } })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await desk.Admin.PostAsJsonAsync("/api/invoices/2099-000001/credit-notes", new { reason = "None", full = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The older invoice is fully credited: what was paid for it is held on account, or pays the later one.
        account = await AccountAsync(desk.Admin, organisation);
        Decimal(account.GetProperty("invoices")[0], "open").ShouldBe(0m);
        Decimal(account, "balance").ShouldBe(242.00m - 60.50m - 242.00m);

        // Payments refused with the field named.
        var unknown = await Json(await desk.Admin.PostAsJsonAsync("/api/payments", new { amount = 10m, reference = "thanks" }), HttpStatusCode.UnprocessableEntity);
        unknown.GetProperty("errors").TryGetProperty("organisationId", out _).ShouldBeTrue();
        (await desk.Admin.PostAsJsonAsync("/api/payments", new { organisationId = organisation, amount = 10.001m })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await desk.Admin.PostAsJsonAsync("/api/payments", new { organisationId = organisation, amount = -5m })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await desk.Admin.PostAsJsonAsync("/api/payments", new { organisationId = organisation, amount = 5m, received = "2027-06-01" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var duvel = await desk.CreateCustomerAsync("Duvel");
        var elsewhere = await Json(await desk.Admin.PostAsJsonAsync("/api/payments", new { organisationId = duvel.Organisation.Id, amount = 5m, reference = older }), HttpStatusCode.UnprocessableEntity);
        elsewhere.GetProperty("errors").TryGetProperty("reference", out _).ShouldBeTrue();
        var badPolicy = await Json(await desk.Admin.PutAsJsonAsync($"/api/organisations/{organisation}/billing", BillingData.Customer("Anker NV", "weekly-5")), HttpStatusCode.UnprocessableEntity);
        badPolicy.GetProperty("errors").TryGetProperty("latePaymentPolicy", out _).ShouldBeTrue();
        (await desk.Admin.GetAsync($"/api/organisations/{organisation}/account?on=someday")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task The_account_is_seen_by_staff_and_the_customer_s_admin_only(string database)
    {
        await using var desk = await StartAsync(database);
        var anker = await desk.CreateCustomerAsync("Anker");
        var duvel = await desk.CreateCustomerAsync("Duvel");
        await desk.SetUpBillingAsync(anker.Organisation.Id, "Anker NV");
        var number = (await desk.IssueInvoiceAsync(anker.Organisation.Id)).GetProperty("number").GetString()!;
        var admin = await desk.SignInAsAsync((await desk.CreatePersonAsync(anker.Organisation.Id, "customer-admin", "Anker Admin")).Id);

        // No clause set: the law of 2 August 2002 (statutory rate, flat €40).
        var own = await AccountAsync(admin, anker.Organisation.Id, "2027-01-10");
        own.GetProperty("terms").GetProperty("source").GetString()!.ShouldContain("law of 2 August 2002");
        Decimal(own.GetProperty("invoices")[0], "lumpSum").ShouldBe(40m);
        (await AccountAsync(await desk.CreateAgentAsync(), anker.Organisation.Id)).GetProperty("invoices")[0].GetProperty("number").GetString().ShouldBe(number);
        (await admin.GetAsync($"/api/organisations/{duvel.Organisation.Id}/account")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anker.ContactClient.GetAsync($"/api/organisations/{anker.Organisation.Id}/account")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await anker.UserClient.GetAsync($"/api/organisations/{anker.Organisation.Id}/account")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PostAsJsonAsync("/api/payments", new { organisationId = anker.Organisation.Id, amount = 10m })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PostAsJsonAsync($"/api/invoices/{number}/credit-notes", new { reason = "Mine", full = true })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var other = await desk.CreateOtherProviderAsync("Provider B");
        (await other.GetAsync($"/api/organisations/{anker.Organisation.Id}/account")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsJsonAsync("/api/payments", new { organisationId = anker.Organisation.Id, amount = 10m })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsJsonAsync($"/api/invoices/{number}/credit-notes", new { reason = "Theirs", full = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

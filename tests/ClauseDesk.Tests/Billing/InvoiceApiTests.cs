using System.Net;
using System.Net.Http.Json;
using ClauseDesk.Billing.Invoices;
using ClauseDesk.Desk;
using static ClauseDesk.Billing.BillingData;
using static ClauseDesk.Desk.DeskApp;

namespace ClauseDesk.Billing;

/// <summary>Invoices through the API on both databases: numbered, with their working, as PDF and as valid Peppol UBL, seen only by whom they concern.</summary>
public class InvoiceApiTests
{
    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task An_invoice_is_numbered_in_sequence_carries_its_working_and_is_valid_Peppol(string database)
    {
        await using var desk = await StartAsync(database);
        var customer = await desk.CreateCustomerAsync("Anker");
        await Json(await desk.Admin.PutAsJsonAsync("/api/provider/billing", Provider), HttpStatusCode.OK);
        await Json(await desk.Admin.PutAsJsonAsync($"/api/organisations/{customer.Organisation.Id}/billing", Customer("Anker NV")), HttpStatusCode.OK);

        var invoice = await Json(await desk.Admin.PostAsJsonAsync("/api/invoices", new { organisationId = customer.Organisation.Id, lines = Lines() }), HttpStatusCode.Created);
        invoice.GetProperty("number").GetString().ShouldBe("2026-000001");
        invoice.GetProperty("issueDate").GetString().ShouldBe("2026-11-23");
        invoice.GetProperty("dueDate").GetString().ShouldBe("2026-12-23");
        // 1,200.00 + 427.50 at 21 % → 341.78; 24.80 at 6 % → 1.49 (VAT per rate on the sum, EN 16931).
        invoice.GetProperty("taxExclusive").GetDecimal().ShouldBe(1652.30m);
        invoice.GetProperty("vatTotal").GetDecimal().ShouldBe(343.27m);
        invoice.GetProperty("taxInclusive").GetDecimal().ShouldBe(1995.57m);
        StructuredCommunication.TryParse(invoice.GetProperty("paymentReference").GetString(), out _).ShouldBeTrue();
        invoice.GetProperty("working").GetProperty("steps").GetArrayLength().ShouldBeGreaterThan(0);
        var second = await Json(await desk.Admin.PostAsJsonAsync("/api/invoices", new { organisationId = customer.Organisation.Id, lines = Lines() }), HttpStatusCode.Created);
        second.GetProperty("number").GetString().ShouldBe("2026-000002");
        second.GetProperty("paymentReference").GetString().ShouldNotBe(invoice.GetProperty("paymentReference").GetString());

        var pdf = await desk.Admin.GetAsync("/api/invoices/2026-000001/pdf?language=fr");
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await pdf.Content.ReadAsByteArrayAsync())[..5].ShouldBe("%PDF-"u8.ToArray());
        var ubl = await (await desk.Admin.GetAsync("/api/invoices/2026-000001/ubl")).Content.ReadAsByteArrayAsync();
        var reverse = await Json(await desk.Admin.PostAsJsonAsync("/api/invoices", new { organisationId = customer.Organisation.Id, lines = Lines("reverse-charge") }), HttpStatusCode.Created);
        var reverseUbl = await (await desk.Admin.GetAsync($"/api/invoices/{reverse.GetProperty("number").GetString()}/ubl")).Content.ReadAsByteArrayAsync();
        var validations = await PeppolValidator.ValidateAsync(new Dictionary<string, byte[]> { ["standard"] = ubl, ["mixed-reverse-charge"] = reverseUbl });
        foreach (var (name, validation) in validations)
        {
            validation.Fatal.ShouldBeEmpty($"{name}: {string.Join("; ", validation.Fatal)}");
            validation.FiredRules.ShouldBeGreaterThan(0);
        }
    }

    [Theory]
    [MemberData(nameof(Databases), MemberType = typeof(DeskApp))]
    public async Task Invoices_are_seen_only_by_whom_they_concern_and_bad_input_names_its_field(string database)
    {
        await using var desk = await StartAsync(database);
        var anker = await desk.CreateCustomerAsync("Anker");
        var duvel = await desk.CreateCustomerAsync("Duvel");

        var noProvider = await Json(await desk.Admin.PostAsJsonAsync("/api/invoices", new { organisationId = anker.Organisation.Id, lines = Lines() }), HttpStatusCode.UnprocessableEntity);
        noProvider.GetProperty("errors").TryGetProperty("provider", out _).ShouldBeTrue();
        var badIban = await Json(await desk.Admin.PutAsJsonAsync("/api/provider/billing", new { name = "P", street = "s", city = "c", postcode = "1", country = "BE", enterpriseNumber = "0403170701", iban = "BE00 0000 0000 0000", bic = "GKCCBEBB" }), HttpStatusCode.UnprocessableEntity);
        badIban.GetProperty("errors").EnumerateObject().Single().Name.ShouldStartWith("provider");
        await Json(await desk.Admin.PutAsJsonAsync("/api/provider/billing", Provider), HttpStatusCode.OK);
        await Json(await desk.Admin.PutAsJsonAsync($"/api/organisations/{anker.Organisation.Id}/billing", Customer("Anker NV")), HttpStatusCode.OK);
        var badVat = await Json(await desk.Admin.PostAsJsonAsync("/api/invoices", new { organisationId = anker.Organisation.Id, lines = Lines("19") }), HttpStatusCode.UnprocessableEntity);
        badVat.GetProperty("errors").TryGetProperty("lines[0].vat", out _).ShouldBeTrue();
        (await Json(await desk.Admin.GetAsync("/api/invoices"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0, "nothing refused was kept");

        await Json(await desk.Admin.PostAsJsonAsync("/api/invoices", new { organisationId = anker.Organisation.Id, lines = Lines() }), HttpStatusCode.Created);
        (await anker.ContactClient.PostAsJsonAsync("/api/invoices", new { organisationId = anker.Organisation.Id, lines = Lines() })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Json(await anker.ContactClient.GetAsync("/api/invoices"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(1);
        (await anker.ContactClient.GetAsync("/api/invoices/2026-000001/pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(await anker.UserClient.GetAsync("/api/invoices"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
        (await duvel.ContactClient.GetAsync("/api/invoices/2026-000001")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var other = await desk.CreateOtherProviderAsync("Provider B");
        (await other.GetAsync("/api/invoices/2026-000001/ubl")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Json(await other.GetAsync("/api/invoices"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
        (await other.PutAsJsonAsync($"/api/organisations/{anker.Organisation.Id}/billing", Customer("Hijack"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Xml.Linq;
using ClauseDesk.Billing.Invoices;
using ClauseDesk.Billing.Peppol;
using ClauseDesk.Desk;

namespace ClauseDesk.Billing;

/// <summary>
/// Writes every kind of document we send, plus two deliberately broken ones, and validates them all
/// in one Saxon run per rule set (compiling the stylesheets is the slow part).
/// </summary>
public sealed class PeppolValidationFixture : IAsyncLifetime
{
    public const int RandomCount = 40;

    public IReadOnlyDictionary<string, byte[]> Documents { get; private set; } = new Dictionary<string, byte[]>();

    public IReadOnlyDictionary<string, Validation> Results { get; private set; } = new Dictionary<string, Validation>();

    public async Task InitializeAsync()
    {
        var documents = Samples.All().Concat(Samples.Random(RandomCount)).ToDictionary(d => d.Key, d => PeppolUbl.ToBytes(d.Value));
        documents["broken-total"] = Edit(documents["standard"], "PayableAmount", "9999.99");
        documents["broken-enterprise-number"] = Edit(documents["standard"], "EndpointID", "0403170702");
        foreach (var (name, xml) in await ThroughTheApiAsync())
        {
            documents[name] = xml;
        }

        Documents = documents;
        Results = await PeppolValidator.ValidateAsync(documents);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The documents issued through the API and fetched as UBL, as a customer's software would receive them.</summary>
    public static readonly IReadOnlyList<string> ApiDocuments =
        ["api-invoice", "api-credit-note-full", "api-credit-note-lines", "api-credit-note-amount", "api-invoice-reverse-charge", "api-credit-note-reverse-charge"];

    private static async Task<Dictionary<string, byte[]>> ThroughTheApiAsync()
    {
        await using var desk = await DeskApp.StartAsync("sqlite");
        var customer = await desk.CreateCustomerAsync("Anker");
        await desk.SetUpBillingAsync(customer.Organisation.Id, "Anker NV", latePaymentPolicy: "statutory");
        var standard = (await desk.IssueInvoiceAsync(customer.Organisation.Id)).GetProperty("number").GetString()!;
        var credited = (await desk.IssueInvoiceAsync(customer.Organisation.Id)).GetProperty("number").GetString()!;
        var single = (await desk.IssueInvoiceAsync(customer.Organisation.Id, new[] { new { description = "Support credits", quantity = 10, unitPrice = 20.00m, vat = "21" } })).GetProperty("number").GetString()!;
        var reverse = (await desk.IssueInvoiceAsync(customer.Organisation.Id, BillingData.Lines("reverse-charge"))).GetProperty("number").GetString()!;
        async Task<string> CreditAsync(string invoice, object request) =>
            (await DeskApp.Json(await desk.Admin.PostAsJsonAsync($"/api/invoices/{invoice}/credit-notes", request), HttpStatusCode.Created)).GetProperty("number").GetString()!;

        var full = await CreditAsync(credited, new { reason = "Contract cancelled before the start", full = true });
        var lines = await CreditAsync(standard, new { reason = "1.5 h on site billed twice", lines = new[] { new { line = 2, quantity = 1.5m }, new { line = 3, quantity = 1m } } });
        var amount = await CreditAsync(single, new { reason = "Goodwill for the outage of 2 November", amount = 33.33m });
        var reverseCredit = await CreditAsync(reverse, new { reason = "Service-level fee not due", lines = new[] { new { line = 1 } } });
        async Task<byte[]> UblAsync(string path) => await (await desk.Admin.GetAsync(path)).Content.ReadAsByteArrayAsync();
        return new Dictionary<string, byte[]>
        {
            ["api-invoice"] = await UblAsync($"/api/invoices/{standard}/ubl"),
            ["api-credit-note-full"] = await UblAsync($"/api/credit-notes/{full}/ubl"),
            ["api-credit-note-lines"] = await UblAsync($"/api/credit-notes/{lines}/ubl"),
            ["api-credit-note-amount"] = await UblAsync($"/api/credit-notes/{amount}/ubl"),
            ["api-invoice-reverse-charge"] = await UblAsync($"/api/invoices/{reverse}/ubl"),
            ["api-credit-note-reverse-charge"] = await UblAsync($"/api/credit-notes/{reverseCredit}/ubl"),
        };
    }

    private static byte[] Edit(byte[] xml, string localName, string value)
    {
        var document = XDocument.Parse(Encoding.UTF8.GetString(xml));
        document.Descendants().First(e => e.Name.LocalName == localName).Value = value;
        return Encoding.UTF8.GetBytes(document.ToString());
    }
}

public class PeppolValidationTests(PeppolValidationFixture fixture) : IClassFixture<PeppolValidationFixture>
{
    public static TheoryData<string> Produced() => [.. Samples.All().Keys];

    public static TheoryData<string> ThroughTheApi() => [.. PeppolValidationFixture.ApiDocuments];

    public static TheoryData<string> Drawn() => [.. Samples.Random(PeppolValidationFixture.RandomCount).Keys];

    [Fact]
    public void The_validator_finds_a_wrong_amount_due()
    {
        var fatal = fixture.Results["broken-total"].Fatal;

        fatal.ShouldContain(f => f.Id == "BR-CO-16" && f.Artefact == "CEN-EN16931-UBL", string.Join("\n", fatal));
    }

    [Fact]
    public void The_validator_finds_an_enterprise_number_with_a_wrong_check_number()
    {
        var fatal = fixture.Results["broken-enterprise-number"].Fatal;

        fatal.ShouldContain(f => f.Id == "PEPPOL-COMMON-R043" && f.Artefact == "PEPPOL-EN16931-UBL", string.Join("\n", fatal));
    }

    [Theory]
    [MemberData(nameof(Produced))]
    public void Every_document_we_produce_passes_both_rule_sets(string name)
    {
        var result = fixture.Results[name];

        result.Fatal.ShouldBeEmpty(string.Join("\n", result.Findings));
        // Both rule sets really ran over the document (dozens of rules fire on any invoice).
        result.FiredRules.ShouldBeGreaterThan(50);
    }

    [Theory]
    [MemberData(nameof(Produced))]
    public void Every_document_we_produce_draws_no_warning_either(string name) =>
        fixture.Results[name].Findings.ShouldBeEmpty(string.Join("\n", fixture.Results[name].Findings));

    [Theory]
    [MemberData(nameof(Drawn))]
    public void Random_invoices_pass_both_rule_sets(string name)
    {
        var result = fixture.Results[name];

        result.Fatal.ShouldBeEmpty(string.Join("\n", result.Findings));
        result.FiredRules.ShouldBeGreaterThan(50);
    }

    [Theory]
    [MemberData(nameof(ThroughTheApi))]
    public void Invoices_and_credit_notes_issued_through_the_api_pass_both_rule_sets(string name)
    {
        var result = fixture.Results[name];

        result.Fatal.ShouldBeEmpty(string.Join("\n", result.Findings));
        result.FiredRules.ShouldBeGreaterThan(50);
    }

    [Fact]
    public void A_credit_note_issued_through_the_api_refers_to_its_invoice_and_gives_its_reason_in_the_one_note()
    {
        var xml = XDocument.Parse(Encoding.UTF8.GetString(fixture.Documents["api-credit-note-reverse-charge"]));
        var reference = xml.Descendants().Single(e => e.Name.LocalName == "InvoiceDocumentReference").Elements().Select(e => e.Value).ToList();

        xml.Root!.Name.LocalName.ShouldBe("CreditNote");
        reference[0].ShouldBe("2026-000004");
        reference[1].ShouldBe("2026-11-23");
        xml.Root.Elements().Single(e => e.Name.LocalName == "Note").Value.ShouldBe($"{VatTreatment.ReverseChargeText} — Service-level fee not due");
        xml.Descendants().Single(e => e.Name.LocalName == "CreditNoteLine").Descendants().First(e => e.Name.LocalName == "ID" && e.Parent!.Name.LocalName == "ClassifiedTaxCategory").Value.ShouldBe("AE");
    }

    [Fact]
    public void The_standard_invoice_carries_the_peppol_identifiers_the_payment_and_the_totals()
    {
        var xml = XDocument.Parse(Encoding.UTF8.GetString(fixture.Documents["standard"]));
        string Value(string name) => xml.Descendants().First(e => e.Name.LocalName == name).Value;

        xml.Root!.Name.LocalName.ShouldBe("Invoice");
        Value("CustomizationID").ShouldBe("urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0");
        Value("ProfileID").ShouldBe("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0");
        Value("InvoiceTypeCode").ShouldBe("380");
        Value("DueDate").ShouldBe("2026-12-30");
        xml.Descendants().First(e => e.Name.LocalName == "EndpointID").Attribute("schemeID")!.Value.ShouldBe("0208");
        Value("EndpointID").ShouldBe("0403170701");
        Value("PaymentMeansCode").ShouldBe("58");
        Value("PaymentID").ShouldBe("123456789002");
        xml.Descendants().First(e => e.Name.LocalName == "PayeeFinancialAccount").Elements().First().Value.ShouldBe("BE68539007547034");
        Value("TaxExclusiveAmount").ShouldBe("1497.50");
        Value("PayableAmount").ShouldBe("1811.98");
    }

    [Fact]
    public void Elements_come_in_the_order_of_the_official_examples()
    {
        // Schematron does not check the UBL schema's element order, so compare with OpenPEPPOL's
        // examples: two siblings never appear the other way round from an example.
        var seen = new HashSet<(string Parent, string Before, string After)>();
        foreach (var file in Directory.GetFiles(Path.Combine(PeppolValidator.PeppolDirectory, "examples"), "*.xml"))
        {
            foreach (var parent in XDocument.Load(file).Descendants())
            {
                var children = parent.Elements().Select(e => e.Name.LocalName).ToList();
                for (var i = 0; i < children.Count; i++)
                {
                    for (var j = i + 1; j < children.Count; j++)
                    {
                        seen.Add((parent.Name.LocalName, children[i], children[j]));
                    }
                }
            }
        }

        var reversed = new List<string>();
        var compared = 0;
        foreach (var (name, xml) in fixture.Documents.Where(d => !d.Key.StartsWith("broken", StringComparison.Ordinal)))
        {
            foreach (var parent in XDocument.Parse(Encoding.UTF8.GetString(xml)).Descendants())
            {
                var children = parent.Elements().Select(e => e.Name.LocalName).ToList();
                for (var i = 0; i < children.Count; i++)
                {
                    for (var j = i + 1; j < children.Count; j++)
                    {
                        if (children[i] == children[j])
                        {
                            continue;
                        }

                        compared += seen.Contains((parent.Name.LocalName, children[i], children[j])) ? 1 : 0;
                        if (seen.Contains((parent.Name.LocalName, children[j], children[i])))
                        {
                            reversed.Add($"{name}: in {parent.Name.LocalName}, {children[i]} before {children[j]}");
                        }
                    }
                }
            }
        }

        reversed.ShouldBeEmpty();
        compared.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void The_credit_note_refers_to_the_invoice_it_corrects()
    {
        var xml = XDocument.Parse(Encoding.UTF8.GetString(fixture.Documents["credit-note"]));

        xml.Root!.Name.LocalName.ShouldBe("CreditNote");
        xml.Descendants().First(e => e.Name.LocalName == "CreditNoteTypeCode").Value.ShouldBe("381");
        xml.Descendants().First(e => e.Name.LocalName == "InvoiceDocumentReference").Elements().First().Value.ShouldBe("2026-0042");
        xml.Descendants().Count(e => e.Name.LocalName == "CreditNoteLine").ShouldBe(1);
        xml.Descendants().Single(e => e.Name.LocalName == "Note" && e.Parent == xml.Root).Value.ShouldBe("One hour of ticket #1187 was billed twice");
    }

    [Fact]
    public void A_reverse_charge_invoice_states_the_exemption_and_both_vat_numbers()
    {
        var xml = XDocument.Parse(Encoding.UTF8.GetString(fixture.Documents["reverse-charge"]));
        var subtotal = xml.Descendants().Single(e => e.Name.LocalName == "TaxSubtotal");

        subtotal.Descendants().First(e => e.Name.LocalName == "ID").Value.ShouldBe("AE");
        subtotal.Descendants().First(e => e.Name.LocalName == "TaxExemptionReason").Value.ShouldBe(VatTreatment.ReverseChargeText);
        xml.Descendants().Where(e => e.Name.LocalName == "PartyTaxScheme").Select(e => e.Elements().First().Value)
            .ShouldBe(["BE0403170701", "NL859387391B01"]);
    }
}

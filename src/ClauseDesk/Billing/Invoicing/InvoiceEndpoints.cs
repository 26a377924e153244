using System.Text.Json;
using ClauseDesk.Access;
using ClauseDesk.Billing.Invoices;
using ClauseDesk.Billing.Payments;
using ClauseDesk.Billing.Pdf;
using ClauseDesk.Billing.Peppol;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk.Billing.Invoicing;

public sealed record InvoiceRequest(Guid? OrganisationId, DateOnly? IssueDate, string? BuyerReference, IReadOnlyList<LineRequest>? Lines);

public sealed record InvoiceLineView(string Description, decimal Quantity, string Unit, decimal UnitPrice, string Vat, decimal Net, WorkingView Working);

public sealed record VatView(string Category, decimal Percent, decimal Taxable, decimal Tax, string? ExemptionReason, WorkingView Working);

public sealed record InvoiceView(
    string Number, Guid OrganisationId, string IssueDate, string DueDate, string Customer, string PaymentReference,
    IReadOnlyList<InvoiceLineView> Lines, IReadOnlyList<VatView> Vat, decimal TaxExclusive, decimal VatTotal, decimal TaxInclusive, decimal Payable,
    WorkingView Working, string Pdf, string Ubl);

/// <summary>
/// Invoices (SPEC §5): the provider's and customers' invoicing details, invoices issued with a sequential
/// number and a structured communication, each with its totals' working, as PDF and as Peppol BIS 3.0 UBL.
/// </summary>
public static class InvoiceEndpoints
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapInvoicing(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/api/provider/billing", SetProviderBilling).WithTags("Invoices").RequireAuthorization()
            .WithSummary("The provider's invoicing details: name, address, enterprise and VAT number, IBAN and BIC, payment term (provider admin)");
        endpoints.MapPut("/api/organisations/{id:guid}/billing", SetCustomerBilling).WithTags("Invoices").RequireAuthorization()
            .WithSummary("A customer's invoicing details: name, address, enterprise and VAT number, e-mail; its late-payment clause and payment allocation (provider admin)");
        var invoices = endpoints.MapGroup("/api/invoices").WithTags("Invoices").RequireAuthorization();
        invoices.MapPost("/", Issue).WithSummary("Issue an invoice to a customer: numbered in sequence, with a structured communication (provider admin)")
            .Produces<InvoiceView>(StatusCodes.Status201Created).ProducesValidationProblem();
        invoices.MapGet("/", List).WithSummary("Invoices: all for staff, their organisation's for customer admins and contact persons");
        invoices.MapGet("/{number}", Get).WithSummary("An invoice with the working of every amount");
        invoices.MapGet("/{number}/pdf", Pdf).WithSummary("The invoice as PDF (?language=nl|fr|en) with the payment QR code");
        invoices.MapGet("/{number}/ubl", Ubl).WithSummary("The invoice as Peppol BIS Billing 3.0 UBL 2.1");
        return endpoints;
    }

    private static async Task<IResult> SetProviderBilling(HttpContext http, DeskDbContext db, BillingDetails details, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        details.ToParty("provider", supplier: true);
        if (details.LatePaymentPolicy is not null || details.LumpSumClause is not null || details.PaymentAllocation is not null)
        {
            throw new RequestException(StatusCodes.Status422UnprocessableEntity, "Not valid invoicing details", "latePaymentPolicy", "the late-payment clause is the customer's: PUT /api/organisations/{id}/billing");
        }

        if (details.PaymentTermDays is < 0 or > Invoice.MaxPaymentTermDays)
        {
            throw RequestException.Invalid("paymentTermDays", $"0 to {Invoice.MaxPaymentTermDays} days");
        }

        var tenant = await db.Tenants.FirstAsync(t => t.Id == user.TenantId, cancellation);
        tenant.SetBilling(JsonSerializer.Serialize(details, Json));
        await db.SaveChangesAsync(cancellation);
        return Results.Ok(details);
    }

    private static async Task<IResult> SetCustomerBilling(HttpContext http, DeskDbContext db, Guid id, BillingDetails details, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellation) ?? throw RequestException.NotFound("id", "no such organisation");
        details.ToParty("organisation", supplier: false);
        AccountTerms.Of(details);
        organisation.SetBilling(JsonSerializer.Serialize(details, Json));
        await db.SaveChangesAsync(cancellation);
        return Results.Ok(details);
    }

    private static async Task<IResult> Issue(HttpContext http, DeskDbContext db, TimeProvider clock, WriteGate gate, InvoiceRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var organisationId = request.OrganisationId ?? throw RequestException.Invalid("organisationId", "which customer is invoiced?");
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, cancellation) ?? throw RequestException.NotFound("organisationId", "no such organisation");
        var tenant = await db.Tenants.FirstAsync(t => t.Id == user.TenantId, cancellation);
        var (supplier, customer) = Parties(tenant, organisation);
        if (request.Lines is not { Count: > 0 } lines)
        {
            throw RequestException.Invalid("lines", "at least one line");
        }

        var zone = tenant.Zone();
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date;
        var issueDate = request.IssueDate ?? new DateOnly(today.Year, today.Month, today.Day);

        using var passage = await gate.EnterAsync(db, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var (issued, invoice) = await AddAsync(db, tenant.Id, organisation.Id, supplier, customer, lines, issueDate, request.BuyerReference, user.Name, clock.GetUtcNow(), cancellation);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return Results.Created($"/api/invoices/{issued.Number}", View(issued, invoice));
    }

    /// <summary>
    /// Numbers an invoice and adds it to the context, in the caller's transaction (which the caller
    /// holds the write gate for and commits): also how other areas issue their invoices.
    /// </summary>
    internal static async Task<(IssuedInvoice Issued, Invoice Invoice)> AddAsync(
        DeskDbContext db, Guid tenantId, Guid organisationId, BillingDetails supplier, BillingDetails customer, IReadOnlyList<LineRequest> lines,
        DateOnly issueDate, string? buyerReference, string issuedBy, DateTimeOffset now, CancellationToken cancellation)
    {
        var sequence = await Counters.NextAsync(db, $"i{tenantId:N}", issueDate.Year, cancellation);
        // The structured communication carries year and sequence, so a payment names its invoice.
        var reference = StructuredCommunication.FromBase((issueDate.Year % 10000 * 1_000_000L) + sequence).ToString();
        var document = new InvoiceDocument(InvoiceDocument.NumberOf(issueDate.Year, sequence), issueDate, supplier.PaymentTermDays ?? 30, supplier, customer, lines, buyerReference, reference);
        var invoice = document.ToInvoice();
        var issued = new IssuedInvoice(tenantId, organisationId, invoice, JsonSerializer.Serialize(document, Json), issuedBy, now);
        db.Invoices.Add(issued);
        return (issued, invoice);
    }

    /// <summary>The invoicing details of the provider and a customer, or a 422 naming which are missing.</summary>
    internal static (BillingDetails Supplier, BillingDetails Customer) Parties(Tenant tenant, Organisation organisation) => (
        tenant.BillingJson is { } s ? JsonSerializer.Deserialize<BillingDetails>(s, Json)! : throw new RequestException(StatusCodes.Status422UnprocessableEntity, "Not a valid invoice", "provider", "give the provider's invoicing details first: PUT /api/provider/billing"),
        organisation.BillingJson is { } c ? JsonSerializer.Deserialize<BillingDetails>(c, Json)! : throw new RequestException(StatusCodes.Status422UnprocessableEntity, "Not a valid invoice", "organisationId", "give this customer's invoicing details first: PUT /api/organisations/{id}/billing"));

    private static async Task<IReadOnlyList<InvoiceView>> List(HttpContext http, DeskDbContext db, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var issued = await Visible(db, user).OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Number).Take(500).ToListAsync(cancellation);
        return [.. issued.Select(i => View(i, Document(i).ToInvoice()))];
    }

    private static async Task<InvoiceView> Get(HttpContext http, DeskDbContext db, string number, CancellationToken cancellation)
    {
        var issued = await FindAsync(db, CurrentUser.Of(http), number, cancellation);
        return View(issued, Document(issued).ToInvoice());
    }

    private static async Task<IResult> Pdf(HttpContext http, DeskDbContext db, string number, string? language, CancellationToken cancellation)
    {
        var issued = await FindAsync(db, CurrentUser.Of(http), number, cancellation);
        var chosen = InvoiceEndpoints.Language(language);
        return Results.File(InvoicePdf.Render(Document(issued).ToInvoice(), chosen), "application/pdf", $"invoice-{issued.Number}.pdf");
    }

    private static async Task<IResult> Ubl(HttpContext http, DeskDbContext db, string number, CancellationToken cancellation)
    {
        var issued = await FindAsync(db, CurrentUser.Of(http), number, cancellation);
        return Results.File(PeppolUbl.ToBytes(Document(issued).ToInvoice()), "application/xml", $"invoice-{issued.Number}.xml");
    }

    /// <summary>The language a document is asked in (<c>?language=</c>): Dutch unless French or English is asked.</summary>
    /// <exception cref="RequestException">Another language is asked.</exception>
    internal static InvoiceLanguage Language(string? language) => language?.ToLowerInvariant() switch
    {
        null or "nl" => InvoiceLanguage.Nl,
        "fr" => InvoiceLanguage.Fr,
        "en" => InvoiceLanguage.En,
        _ => throw RequestException.Invalid("language", "nl, fr or en"),
    };

    internal static IQueryable<IssuedInvoice> Visible(DeskDbContext db, CurrentUser user) => user.Role switch
    {
        _ when user.IsStaff => db.Invoices.AsNoTracking(),
        Role.CustomerAdmin or Role.ContactPerson => db.Invoices.AsNoTracking().Where(i => i.OrganisationId == user.OrganisationId),
        _ => db.Invoices.AsNoTracking().Where(_ => false),
    };

    internal static async Task<IssuedInvoice> FindAsync(DeskDbContext db, CurrentUser user, string number, CancellationToken cancellation) =>
        await Visible(db, user).FirstOrDefaultAsync(i => i.Number == number, cancellation) ?? throw RequestException.NotFound("number", $"no invoice {number}");

    internal static InvoiceDocument Document(IssuedInvoice issued) => JsonSerializer.Deserialize<InvoiceDocument>(issued.DocumentJson, Json)!;

    internal static InvoiceView View(IssuedInvoice issued, Invoice invoice) => new(
        invoice.Number, issued.OrganisationId, $"{issued.IssueDate:yyyy-MM-dd}", $"{issued.DueDate:yyyy-MM-dd}", invoice.Customer.Name, invoice.PaymentReference.ToString(),
        [.. invoice.Lines.Select(l => new InvoiceLineView(l.Description, l.Quantity, l.UnitCode, l.UnitPrice.Amount, $"{l.Vat.Category} {l.Vat.Percent:0.##} %", l.Net.Value.Amount, WorkingView.Of(l.Net.Working)))],
        [.. invoice.VatBreakdown.Select(v => new VatView(v.Vat.Category.ToString(), v.Vat.Percent, v.Taxable.Amount, v.Tax.Amount, v.Vat.ExemptionReason, WorkingView.Of(v.Working)))],
        invoice.Totals.TaxExclusive.Amount, invoice.Totals.VatTotal.Amount, invoice.Totals.TaxInclusive.Amount, invoice.Totals.Payable.Amount,
        WorkingView.Of(invoice.Totals.Working), $"/api/invoices/{invoice.Number}/pdf", $"/api/invoices/{invoice.Number}/ubl");
}

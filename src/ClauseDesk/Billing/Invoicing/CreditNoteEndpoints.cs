using System.Globalization;
using System.Text.Json;
using ClauseDesk.Billing.Invoices;
using ClauseDesk.Billing.Pdf;
using ClauseDesk.Billing.Peppol;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk.Billing.Invoicing;

/// <summary>
/// Crediting an invoice: in full (<c>full: true</c>), by lines (<c>lines: [{ line: 2, quantity: 1.5 }]</c>,
/// 1-based, quantity default the whole line) or by an amount excl. VAT (<c>amount</c>, taxed as <c>vat</c>,
/// default the invoice's only VAT rate); always with a reason.
/// </summary>
public sealed record CreditNoteRequest(string? Reason, DateOnly? IssueDate, bool? Full, IReadOnlyList<CreditLineRequest>? Lines, decimal? Amount, string? Vat);

/// <summary>One invoice line to credit: its 1-based position and how much of it (default all that is left).</summary>
public sealed record CreditLineRequest(int? Line, decimal? Quantity);

public sealed record CreditNoteView(
    string Number, string InvoiceNumber, string InvoiceIssueDate, Guid OrganisationId, string IssueDate, string Customer, string Reason,
    IReadOnlyList<InvoiceLineView> Lines, IReadOnlyList<VatView> Vat, decimal TaxExclusive, decimal VatTotal, decimal TaxInclusive,
    WorkingView Working, string Pdf, string Ubl);

/// <summary>
/// A credit note as issued: the parties as on the invoice, the lines credited (each with the invoice line it
/// comes from, when it does), the reason. Kept as JSON with the credit note, like <see cref="InvoiceDocument"/>.
/// </summary>
public sealed record CreditNoteDocument(
    string Number, DateOnly IssueDate, string InvoiceNumber, DateOnly InvoiceIssueDate, BillingDetails Supplier, BillingDetails Customer,
    IReadOnlyList<LineRequest> Lines, IReadOnlyList<int?> InvoiceLines, string? BuyerReference, string Reason)
{
    public CreditNote ToCreditNote()
    {
        var supplier = Supplier.ToParty("provider", supplier: true);
        var customer = Customer.ToParty("organisation", supplier: false);
        var lines = InvoiceDocument.ToLines(Lines);
        return InvoiceDocument.Checked("creditNote", () => new CreditNote(
            Number, new LocalDate(IssueDate.Year, IssueDate.Month, IssueDate.Day),
            new InvoiceReference(InvoiceNumber, new LocalDate(InvoiceIssueDate.Year, InvoiceIssueDate.Month, InvoiceIssueDate.Day)),
            supplier, customer, lines, BuyerReference ?? customer.Name, reason: Reason), "Not a valid credit note");
    }

    public static string NumberOf(int year, long sequence) => string.Create(CultureInfo.InvariantCulture, $"CN-{year}-{sequence:000000}");
}

/// <summary>
/// Credit notes (SPEC §5): an issued invoice credited fully, by lines or by an amount, with a reason;
/// numbered in their own yearly series, as PDF and as Peppol BIS 3.0 UBL CreditNote referring to the
/// invoice. A credit note lowers what the customer owes on its invoice (the account, decision 0012).
/// </summary>
public static class CreditNoteEndpoints
{
    private static readonly JsonSerializerOptions Json = InvoiceEndpoints.Json;

    public static IEndpointRouteBuilder MapCreditNotes(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/invoices/{number}/credit-notes", Issue).WithTags("Invoices").RequireAuthorization()
            .WithSummary("Credit an issued invoice fully, by lines or by an amount, with a reason: numbered CN-year-sequence (provider admin)")
            .Produces<CreditNoteView>(StatusCodes.Status201Created).ProducesValidationProblem();
        endpoints.MapGet("/api/invoices/{number}/credit-notes", ListFor).WithTags("Invoices").RequireAuthorization()
            .WithSummary("The credit notes of an invoice, to whom sees the invoice");
        var notes = endpoints.MapGroup("/api/credit-notes").WithTags("Invoices").RequireAuthorization();
        notes.MapGet("/{number}", Get).WithSummary("A credit note with the working of every amount");
        notes.MapGet("/{number}/pdf", Pdf).WithSummary("The credit note as PDF (?language=nl|fr|en), with its reason");
        notes.MapGet("/{number}/ubl", Ubl).WithSummary("The credit note as Peppol BIS Billing 3.0 UBL 2.1 CreditNote, referring to its invoice");
        return endpoints;
    }

    private static async Task<IResult> Issue(HttpContext http, DeskDbContext db, TimeProvider clock, WriteGate gate, string number, CreditNoteRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var issued = await InvoiceEndpoints.FindAsync(db, user, number, cancellation);
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw RequestException.Invalid("reason", "why is the invoice credited?");
        }

        var ways = (request.Full == true ? 1 : 0) + (request.Lines is not null ? 1 : 0) + (request.Amount is not null ? 1 : 0);
        if (ways != 1)
        {
            throw RequestException.Invalid("full", "credit the invoice one way: full: true, lines: [{ line, quantity }] or amount (excl. VAT)");
        }

        var tenant = await db.Tenants.FirstAsync(t => t.Id == user.TenantId, cancellation);
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(tenant.Zone()).Date;
        var issueDate = request.IssueDate ?? new DateOnly(today.Year, today.Month, today.Day);
        var invoice = InvoiceEndpoints.Document(issued);

        using var passage = await gate.EnterAsync(db, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var earlier = await db.CreditNotes.Where(c => c.InvoiceId == issued.Id).ToListAsync(cancellation);
        var (lines, sources) = Lines(request, invoice, [.. earlier.Select(Document)]);
        var sequence = await Counters.NextAsync(db, $"c{tenant.Id:N}", issueDate.Year, cancellation);
        var document = new CreditNoteDocument(
            CreditNoteDocument.NumberOf(issueDate.Year, sequence), issueDate, issued.Number, issued.IssueDate, invoice.Supplier, invoice.Customer,
            lines, sources, invoice.BuyerReference, request.Reason.Trim());
        var creditNote = document.ToCreditNote();
        var credited = earlier.Sum(c => c.TaxInclusive) + creditNote.Totals.TaxInclusive.Amount;
        if (credited > issued.Payable)
        {
            var left = issued.Payable - earlier.Sum(c => c.TaxInclusive);
            throw new RequestException(StatusCodes.Status422UnprocessableEntity, "Not a valid credit note", request.Amount is not null ? "amount" : "lines",
                $"invoice {issued.Number} asks {Money.Euros(issued.Payable)}; {Money.Euros(left)} is left to credit, this credit note is {creditNote.Totals.TaxInclusive} incl. VAT");
        }

        var kept = new IssuedCreditNote(tenant.Id, issued, creditNote, JsonSerializer.Serialize(document, Json), user.Name, clock.GetUtcNow());
        db.CreditNotes.Add(kept);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return Results.Created($"/api/credit-notes/{kept.Number}", View(kept, creditNote));
    }

    // The lines of the credit note and, for each, the invoice line (0-based) it credits.
    private static (List<LineRequest> Lines, List<int?> Sources) Lines(CreditNoteRequest request, InvoiceDocument invoice, List<CreditNoteDocument> earlier)
    {
        if (request.Full == true)
        {
            if (earlier.Count > 0)
            {
                throw new RequestException(StatusCodes.Status422UnprocessableEntity, "Not a valid credit note", "full",
                    $"invoice {invoice.Number} already has credit note {string.Join(", ", earlier.Select(e => e.Number))}: credit the rest by lines or by an amount");
            }

            if (invoice.Lines.Any(l => l.Quantity < 0))
            {
                throw new RequestException(StatusCodes.Status422UnprocessableEntity, "Not a valid credit note", "full",
                    "the invoice has a correction line (a negative quantity), which a credit note cannot carry: credit it by an amount");
            }

            return ([.. invoice.Lines], [.. invoice.Lines.Select((_, i) => (int?)i)]);
        }

        if (request.Lines is { } wanted)
        {
            if (wanted.Count == 0)
            {
                throw RequestException.Invalid("lines", "at least one line to credit");
            }

            var lines = new List<LineRequest>();
            var sources = new List<int?>();
            for (var i = 0; i < wanted.Count; i++)
            {
                var field = $"lines[{i}]";
                if (wanted[i].Line is not { } position || position < 1 || position > invoice.Lines.Count)
                {
                    throw RequestException.Invalid($"{field}.line", $"a line of the invoice, 1 to {invoice.Lines.Count}");
                }

                var index = position - 1;
                if (sources.Contains(index))
                {
                    throw RequestException.Invalid($"{field}.line", $"line {position} is named twice");
                }

                var line = invoice.Lines[index];
                if (line.Quantity is not > 0m)
                {
                    throw new RequestException(StatusCodes.Status422UnprocessableEntity, "Not a valid credit note", $"{field}.line", $"line {position} is a correction (a negative quantity): credit it by an amount");
                }

                var creditedBefore = earlier.SelectMany(e => e.Lines.Zip(e.InvoiceLines)).Where(p => p.Second == index).Sum(p => p.First.Quantity ?? 0m);
                var left = line.Quantity.Value - creditedBefore;
                var quantity = wanted[i].Quantity ?? left;
                if (quantity <= 0m || quantity > left)
                {
                    throw new RequestException(StatusCodes.Status422UnprocessableEntity, "Not a valid credit note", $"{field}.quantity",
                        left <= 0m ? $"line {position} is credited in full already" : $"more than zero and at most the {left.ToString(CultureInfo.InvariantCulture)} of line {position} not yet credited");
                }

                lines.Add(line with { Quantity = quantity });
                sources.Add(index);
            }

            return (lines, sources);
        }

        var amount = request.Amount!.Value;
        if (amount <= 0m || decimal.Round(amount, 2) != amount)
        {
            throw RequestException.Invalid("amount", "more than zero, in euro excl. VAT with at most two decimals");
        }

        var rates = invoice.Lines.Select(l => l.Vat?.Trim().ToLowerInvariant()).Distinct().ToList();
        var vat = request.Vat?.Trim().ToLowerInvariant() ?? (rates.Count == 1 ? rates[0] : throw new RequestException(StatusCodes.Status422UnprocessableEntity, "Not a valid credit note", "vat",
            $"the invoice has several VAT rates ({string.Join(", ", rates)}): say which one the amount is taxed at"));
        if (!rates.Contains(vat))
        {
            throw new RequestException(StatusCodes.Status422UnprocessableEntity, "Not a valid credit note", "vat", $"the invoice has no line at '{vat}'; its VAT: {string.Join(", ", rates)}");
        }

        var description = $"Credit on invoice {invoice.Number}: {request.Reason!.Trim()}";
        return ([new LineRequest(description[..Math.Min(500, description.Length)], 1m, Units.Piece, amount, vat)], [null]);
    }

    private static async Task<IReadOnlyList<CreditNoteView>> ListFor(HttpContext http, DeskDbContext db, string number, CancellationToken cancellation)
    {
        var invoice = await InvoiceEndpoints.FindAsync(db, CurrentUser.Of(http), number, cancellation);
        var notes = await db.CreditNotes.AsNoTracking().Where(c => c.InvoiceId == invoice.Id).ToListAsync(cancellation);
        return [.. notes.OrderBy(c => c.IssueDate).ThenBy(c => c.Number, StringComparer.Ordinal).Select(c => View(c, Document(c).ToCreditNote()))];
    }

    private static async Task<CreditNoteView> Get(HttpContext http, DeskDbContext db, string number, CancellationToken cancellation)
    {
        var note = await FindAsync(db, CurrentUser.Of(http), number, cancellation);
        return View(note, Document(note).ToCreditNote());
    }

    private static async Task<IResult> Pdf(HttpContext http, DeskDbContext db, string number, string? language, CancellationToken cancellation)
    {
        var note = await FindAsync(db, CurrentUser.Of(http), number, cancellation);
        var chosen = InvoiceEndpoints.Language(language);
        return Results.File(InvoicePdf.Render(Document(note).ToCreditNote(), chosen), "application/pdf", $"credit-note-{note.Number}.pdf");
    }

    private static async Task<IResult> Ubl(HttpContext http, DeskDbContext db, string number, CancellationToken cancellation)
    {
        var note = await FindAsync(db, CurrentUser.Of(http), number, cancellation);
        return Results.File(PeppolUbl.ToBytes(Document(note).ToCreditNote()), "application/xml", $"credit-note-{note.Number}.xml");
    }

    // Seen by whom sees its invoice.
    private static async Task<IssuedCreditNote> FindAsync(DeskDbContext db, CurrentUser user, string number, CancellationToken cancellation)
    {
        var visible = InvoiceEndpoints.Visible(db, user).Select(i => i.Id);
        return await db.CreditNotes.AsNoTracking().Where(c => visible.Contains(c.InvoiceId)).FirstOrDefaultAsync(c => c.Number == number, cancellation)
            ?? throw RequestException.NotFound("number", $"no credit note {number}");
    }

    internal static CreditNoteDocument Document(IssuedCreditNote note) => JsonSerializer.Deserialize<CreditNoteDocument>(note.DocumentJson, Json)!;

    private static CreditNoteView View(IssuedCreditNote note, CreditNote creditNote) => new(
        creditNote.Number, note.InvoiceNumber, creditNote.Corrects.IssueDate.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), note.OrganisationId, $"{note.IssueDate:yyyy-MM-dd}", creditNote.Customer.Name, note.Reason,
        [.. creditNote.Lines.Select(l => new InvoiceLineView(l.Description, l.Quantity, l.UnitCode, l.UnitPrice.Amount, $"{l.Vat.Category} {l.Vat.Percent:0.##} %", l.Net.Value.Amount, WorkingView.Of(l.Net.Working)))],
        [.. creditNote.VatBreakdown.Select(v => new VatView(v.Vat.Category.ToString(), v.Vat.Percent, v.Taxable.Amount, v.Tax.Amount, v.Vat.ExemptionReason, WorkingView.Of(v.Working)))],
        creditNote.Totals.TaxExclusive.Amount, creditNote.Totals.VatTotal.Amount, creditNote.Totals.TaxInclusive.Amount,
        WorkingView.Of(creditNote.Totals.Working), $"/api/credit-notes/{creditNote.Number}/pdf", $"/api/credit-notes/{creditNote.Number}/ubl");
}

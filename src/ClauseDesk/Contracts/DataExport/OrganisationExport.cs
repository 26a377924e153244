using System.Text.Json;
using ClauseDesk.Access;
using ClauseDesk.Data;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk;

public sealed record ExportOrganisation(Guid Id, string Name, string? VatNumber, JsonElement? Billing);

public sealed record ExportPerson(Guid Id, string Name, string Email, string Role, string Language, bool Active);

public sealed record ExportContract(
    Guid Id, string Name, string SlaPreset, decimal? MonthlyFee, string? StartDate, int? TermMonths, string? Renewal, string Indexation, string? RenewalStoppedOn, bool Active,
    IReadOnlyList<FeeChangeView> FeeHistory);

public sealed record ExportMessage(Guid Id, string At, string Author, string Channel, string Body);

public sealed record ExportAttachment(Guid Id, string FileName, string ContentType, long Size, string Sha256, string At, string UploadedBy, string ContentBase64);

public sealed record ExportTicket(
    Guid Id, string Number, Guid ContractId, Guid RequesterId, string Subject, string Description, string Status, string Priority, string Urgency, string Impact,
    string SubmittedAt, string? ClosedAt, string? ClosingReason, IReadOnlyList<ExportMessage> Messages, IReadOnlyList<ExportAttachment> Attachments);

public sealed record ExportInvoice(string Number, string IssueDate, string DueDate, decimal TaxInclusive, decimal Payable, string PaymentReference, JsonElement Document);

/// <summary>The shape of <c>GET /api/organisations/{id}/export</c>, documented in docs/contracts.md.</summary>
public sealed record OrganisationExportView(
    string Format, string ExportedAt, ExportOrganisation Organisation, IReadOnlyList<ExportPerson> People, IReadOnlyList<ExportContract> Contracts,
    IReadOnlyList<ExportTicket> Tickets, IReadOnlyList<ExportInvoice> Invoices);

/// <summary>
/// All of a customer's data in one machine-readable JSON document (seed 001 art. 29.2: available after
/// the end, exportable): no password hashes, no internal notes, attachments in base64.
/// </summary>
public static class OrganisationExport
{
    public const string Format = "clausedesk-export/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapOrganisationExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/organisations/{id:guid}/export", Export).WithTags("Access").RequireAuthorization()
            .WithSummary("Everything of a customer as JSON (format clausedesk-export/1): organisation, people without password hashes, contracts, tickets with the messages the customer sees and attachments in base64, invoices (provider admin, the customer's admin)");
        return endpoints;
    }

    private static async Task<IResult> Export(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        if (user.Role is not (Role.ProviderAdmin or Role.CustomerAdmin))
        {
            throw RequestException.Forbidden("the provider's admin and the customer's own admin export a customer's data");
        }

        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && (user.IsStaff || o.Id == user.OrganisationId), cancellation)
            ?? throw RequestException.NotFound("id", "no such organisation");
        var people = await db.People.AsNoTracking().Where(p => p.OrganisationId == id).OrderBy(p => p.Name).ToListAsync(cancellation);
        var contracts = await db.Contracts.AsNoTracking().Where(c => c.OrganisationId == id).OrderBy(c => c.Name).ToListAsync(cancellation);
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.OrganisationId == id).OrderBy(t => t.SubmittedAt).ToListAsync(cancellation);
        var ticketIds = tickets.Select(t => t.Id).ToList();
        // Only what the customer sees: internal notes are the provider's.
        var messages = await db.Messages.AsNoTracking().Where(m => ticketIds.Contains(m.TicketId) && !m.IsInternal).ToListAsync(cancellation);
        var attachments = await db.Attachments.AsNoTracking().Where(a => ticketIds.Contains(a.TicketId)).ToListAsync(cancellation);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.OrganisationId == id).OrderBy(i => i.IssueDate).ThenBy(i => i.Number).ToListAsync(cancellation);

        var view = new OrganisationExportView(
            Format,
            Stamp(clock.GetUtcNow()),
            new ExportOrganisation(organisation.Id, organisation.Name, organisation.VatNumber, organisation.BillingJson is { } b ? JsonDocument.Parse(b).RootElement.Clone() : null),
            [.. people.Select(p => new ExportPerson(p.Id, p.Name, p.Email, p.Role.Code(), p.Language, p.Active))],
            [.. contracts.Select(c => new ExportContract(c.Id, c.Name, c.SlaPreset, c.MonthlyFee, c.StartDate?.ToString("yyyy-MM-dd"), c.TermMonths, c.RenewalClauseName, c.Indexation == Contracts.IndexationDay.Anniversary ? "anniversary" : "first-of-january", c.RenewalStoppedOn?.ToString("yyyy-MM-dd"), c.Active, ContractFee.History(c)))],
            [.. tickets.Select(t => new ExportTicket(
                t.Id, t.Number, t.ContractId, t.RequesterId, t.Subject, t.Description, t.Status.ToString(), t.Priority.ToString(), t.Urgency.ToString(), t.Impact.ToString(),
                Stamp(t.SubmittedAt), t.ClosedAt is { } closed ? Stamp(closed) : null, t.ClosingReason?.ToString(),
                [.. messages.Where(m => m.TicketId == t.Id).OrderBy(m => m.At).Select(m => new ExportMessage(m.Id, Stamp(m.At), m.AuthorName, m.Channel.ToString(), m.Body))],
                [.. attachments.Where(a => a.TicketId == t.Id).OrderBy(a => a.At).Select(a => new ExportAttachment(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, Stamp(a.At), a.UploadedBy, Convert.ToBase64String(a.Content)))]))],
            [.. invoices.Select(i => new ExportInvoice(i.Number, $"{i.IssueDate:yyyy-MM-dd}", $"{i.DueDate:yyyy-MM-dd}", i.TaxInclusive, i.Payable, i.PaymentReference, JsonDocument.Parse(i.DocumentJson).RootElement.Clone()))]);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"export-{organisation.Id:N}.json\"";
        return Results.Json(view, Json);
    }

    private static string Stamp(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

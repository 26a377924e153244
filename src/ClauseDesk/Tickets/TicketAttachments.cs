using ClauseDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Tickets;

public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, string At);

/// <summary>Files on tickets: uploaded as multipart form data (field <c>file</c>), downloaded as attachments.</summary>
public static class TicketAttachments
{
    public static IEndpointRouteBuilder MapTicketAttachments(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/tickets/{number}/attachments").WithTags("Tickets").RequireAuthorization();
        // Token-authenticated API: no cookies, so no cross-site request to forge.
        group.MapPost("/", Upload).DisableAntiforgery().Produces<AttachmentView>(StatusCodes.Status201Created).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary($"Attach a file (multipart field 'file'; at most {Attachment.MaxBytes / 1024 / 1024} MB; images, PDF, text, CSV, ZIP, Office documents, mail)");
        group.MapGet("/", List).WithSummary("The ticket's files");
        group.MapGet("/{id:guid}", Download).WithSummary("Download a file");
        return endpoints;
    }

    private static async Task<IResult> Upload(HttpContext http, DeskDbContext db, TimeProvider clock, string number, IFormFile? file, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var (ticket, contract) = await TicketAccess.FindAsync(db, user, number, cancellation);
        if (file is null)
        {
            throw RequestException.Invalid("file", "send the file as multipart form data in the field 'file'");
        }

        if (file.Length > Attachment.MaxBytes)
        {
            throw new DeskRuleException("file", $"files are at most {Attachment.MaxBytes / 1024 / 1024} MB");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellation);
        var now = clock.GetUtcNow();
        var attachment = new Attachment(ticket, user.Actor, file.FileName, file.ContentType ?? "", buffer.ToArray(), now);
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(cancellation);
        return Results.Created($"/api/tickets/{number}/attachments/{attachment.Id}", View(attachment, contract.Policy().Calendar));
    }

    private static async Task<IReadOnlyList<AttachmentView>> List(HttpContext http, DeskDbContext db, string number, CancellationToken cancellation)
    {
        var (ticket, contract) = await TicketAccess.FindAsync(db, CurrentUser.Of(http), number, cancellation);
        var calendar = contract.Policy().Calendar;
        var rows = await db.Attachments.AsNoTracking().Where(a => a.TicketId == ticket.Id)
            .Select(a => new { a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.At })
            .ToListAsync(cancellation);
        return [.. rows.OrderBy(a => a.At).Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, TicketViewMapping.Iso(calendar.InZone(a.At))))];
    }

    private static async Task<IResult> Download(HttpContext http, DeskDbContext db, string number, Guid id, CancellationToken cancellation)
    {
        var (ticket, _) = await TicketAccess.FindAsync(db, CurrentUser.Of(http), number, cancellation);
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.TicketId == ticket.Id, cancellation)
            ?? throw RequestException.NotFound("id", "no such file on this ticket");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Results.File(attachment.Content, attachment.ContentType, attachment.FileName);
    }

    private static AttachmentView View(Attachment a, Calendars.BusinessCalendar calendar) =>
        new(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, TicketViewMapping.Iso(calendar.InZone(a.At)));
}

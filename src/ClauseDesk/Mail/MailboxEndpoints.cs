using ClauseDesk.Data;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Mail;

public sealed record ImapSettings(string? Host, int? Port, string? Security, string? User, string? Password, string? Folder);

public sealed record MailboxRequest(string? Name, string? Address, ImapSettings? Imap);

/// <summary>A mailbox as the API shows it: never its password.</summary>
public sealed record MailboxView(Guid Id, string Name, string Address, bool Active, string? ImapHost, int? ImapPort, string? ImapSecurity, string? ImapUser, string? ImapFolder, long? UidValidity, long LastUid);

public sealed record ReceivedMailView(Guid Id, Guid MailboxId, string MessageId, string From, string Subject, string ReceivedAt, string Outcome, string Reason, Guid? TicketId, long Size);

/// <summary>Support mailboxes (provider admins) and what they received (staff): quarantined mail is listed with its reason and can be downloaded as received.</summary>
public static class MailboxEndpoints
{
    public static IEndpointRouteBuilder MapMail(this IEndpointRouteBuilder endpoints)
    {
        var boxes = endpoints.MapGroup("/api/mailboxes").WithTags("Mail").RequireAuthorization();
        boxes.MapPost("/", Create).WithSummary("Add a support mailbox, read over IMAP or fed by an MTA (clausedesk mail receive); the password is stored encrypted (provider admin)")
            .Produces<MailboxView>(StatusCodes.Status201Created).ProducesValidationProblem();
        boxes.MapGet("/", List).WithSummary("The provider's mailboxes (provider admin)");
        var received = endpoints.MapGroup("/api/mail").WithTags("Mail").RequireAuthorization();
        received.MapGet("/received", Received).WithSummary("Received mail, newest first; ?outcome=quarantined lists what needs an admin (staff)");
        received.MapGet("/received/{id:guid}/raw", Raw).WithSummary("A received message exactly as it arrived, as message/rfc822 (staff)");
        return endpoints;
    }

    private static async Task<IResult> Create(HttpContext http, DeskDbContext db, SecretBox secrets, MailboxRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        user.RequireProviderAdmin();
        var mailbox = new Mailbox(user.TenantId, request.Name ?? "", request.Address ?? "");
        if (request.Imap is { } imap)
        {
            var security = imap.Security is null ? MailSecurity.Tls : OpenTicket.Parse<MailSecurity>(imap.Security, "imap.security", required: true);
            if (string.IsNullOrEmpty(imap.Password))
            {
                throw RequestException.Invalid("imap.password", "the account's password");
            }

            mailbox.UseImap(imap.Host ?? "", imap.Port ?? (security == MailSecurity.Tls ? 993 : 143), security, imap.User ?? "", secrets.Seal(imap.Password), imap.Folder);
        }

        if (await db.Mailboxes.IgnoreQueryFilters().AnyAsync(m => m.Name == mailbox.Name, cancellation))
        {
            throw new RequestException(StatusCodes.Status409Conflict, "Name taken", "name", "a mailbox of that name exists on this installation; names are unique so that an MTA can pipe to one by name");
        }

        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync(cancellation);
        return Results.Created($"/api/mailboxes/{mailbox.Id}", View(mailbox));
    }

    private static async Task<IReadOnlyList<MailboxView>> List(HttpContext http, DeskDbContext db, CancellationToken cancellation)
    {
        CurrentUser.Of(http).RequireProviderAdmin();
        return [.. (await db.Mailboxes.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellation)).Select(View)];
    }

    private static async Task<IReadOnlyList<ReceivedMailView>> Received(HttpContext http, DeskDbContext db, string? outcome, int? limit, CancellationToken cancellation)
    {
        RequireStaff(CurrentUser.Of(http));
        var query = db.InboundMails.AsNoTracking();
        if (outcome is not null)
        {
            var wanted = OpenTicket.Parse<MailOutcome>(outcome, "outcome", required: true);
            query = query.Where(m => m.Outcome == wanted);
        }

        var take = Math.Clamp(limit ?? 100, 1, 500);
        var mails = await query.OrderByDescending(m => m.ReceivedAt).Take(take)
            .Select(m => new { m.Id, m.MailboxId, m.MessageId, m.From, m.Subject, m.ReceivedAt, m.Outcome, m.Reason, m.TicketId, Size = m.Raw.Length })
            .ToListAsync(cancellation);
        return [.. mails.Select(m => new ReceivedMailView(m.Id, m.MailboxId, m.MessageId, m.From, m.Subject, TicketViewMapping.Iso(m.ReceivedAt), m.Outcome.Code(), m.Reason, m.TicketId, m.Size))];
    }

    private static async Task<IResult> Raw(HttpContext http, DeskDbContext db, Guid id, CancellationToken cancellation)
    {
        RequireStaff(CurrentUser.Of(http));
        var raw = await db.InboundMails.AsNoTracking().Where(m => m.Id == id).Select(m => m.Raw).FirstOrDefaultAsync(cancellation)
            ?? throw RequestException.NotFound("id", "no such received mail");
        return Results.File(raw, "message/rfc822", $"{id}.eml");
    }

    private static void RequireStaff(CurrentUser user)
    {
        if (!user.IsStaff)
        {
            throw RequestException.Forbidden("received mail is for the provider's staff");
        }
    }

    private static MailboxView View(Mailbox m) => new(m.Id, m.Name, m.Address, m.Active, m.ImapHost, m.ImapHost is null ? null : m.ImapPort,
        m.ImapHost is null ? null : m.ImapSecurity.Code(), m.ImapUser, m.ImapHost is null ? null : m.ImapFolder, m.UidValidity, m.LastUid);
}

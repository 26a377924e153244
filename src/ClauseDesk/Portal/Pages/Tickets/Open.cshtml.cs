using System.Text.Json;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Portal.Pages.Tickets;

/// <summary>
/// "Open a ticket": the bug-report form of seed 004 §6.5. Opening goes through the API's own
/// <see cref="OpenTicket"/> handler, so who may open (seed 001 art. 35.2, with the refusal naming who
/// can), the number, the clocks, the notices and the idempotency key are decided in one place.
/// </summary>
public sealed class OpenModel(DeskDbContext db, TimeProvider clock) : PortalPage
{
    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string Urgency { get; set; } = "non-blocking";

    [BindProperty]
    public string Impact { get; set; } = "some";

    [BindProperty]
    public string Type { get; set; } = "incident";

    [BindProperty]
    public Guid? ContractId { get; set; }

    [BindProperty]
    public string? CompanyOrDatabase { get; set; }

    [BindProperty]
    public string? AffectedUser { get; set; }

    [BindProperty]
    public string? OtherUsersAffected { get; set; }

    [BindProperty]
    public string? StepsToReproduce { get; set; }

    [BindProperty]
    public IFormFile? Screenshot { get; set; }

    /// <summary>The form's idempotency key: submitting the same form twice opens one ticket.</summary>
    [BindProperty]
    public string Key { get; set; } = "";

    public IReadOnlyList<ServiceContract> Contracts { get; private set; } = [];

    /// <summary>Errors by field, in the words of the rule that refused.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>The refusal of who may open, naming who can.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation)
    {
        if (Me.IsStaff)
        {
            return Redirect("/queue");
        }

        Key = Guid.NewGuid().ToString("N");
        await LoadAsync(cancellation);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellation)
    {
        if (Me.IsStaff)
        {
            return Redirect("/queue");
        }

        await LoadAsync(cancellation);
        if (string.IsNullOrWhiteSpace(Subject))
        {
            Errors["subject"] = T.Required;
        }

        if (string.IsNullOrWhiteSpace(Description))
        {
            Errors["description"] = T.Required;
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var bug = new BugReport(Blank(CompanyOrDatabase), Blank(AffectedUser), OtherUsersAffected switch { "yes" => true, "no" => false, _ => null }, Text(Blank(StepsToReproduce)));
        var request = new OpenTicketRequest(Subject, Text(Description), Urgency, Impact, Type, null, ContractId ?? (Contracts.Count == 1 ? Contracts[0].Id : null), null, null,
            bug is { CompanyOrDatabase: null, AffectedUser: null, OtherUsersAffected: null, StepsToReproduce: null } ? null : bug);
        string number;
        try
        {
            number = await OpenAsync(request, cancellation);
        }
        catch (DeskRuleException e) when (e.Field == "requesterId")
        {
            Refusal = RefusalText.Explain(e);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        catch (DeskRuleException e)
        {
            Errors[e.Field] = RefusalText.Explain(e);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        catch (RequestException e)
        {
            Errors[e.Field] = e.Message;
            Response.StatusCode = e.Status;
            return Page();
        }

        Flash = string.Format(System.Globalization.CultureInfo.CurrentCulture, T.Opened, number);
        if (Screenshot is { Length: > 0 } screenshot && await AttachAsync(number, screenshot, cancellation) is { } refused)
        {
            Flash += $" {T.ScreenshotRefused}: {refused}";
        }

        return Redirect($"/tickets/{number}");
    }

    // OpenTicket reads a JSON body and answers with an IResult: the portal hands it the same JSON and
    // reads the number from its answer, so nothing about opening a ticket is written twice.
    private async Task<string> OpenAsync(OpenTicketRequest request, CancellationToken cancellation)
    {
        var call = new DefaultHttpContext { RequestServices = HttpContext.RequestServices, User = HttpContext.User };
        call.Request.Method = HttpMethods.Post;
        call.Request.ContentType = "application/json";
        call.Request.Body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(request, JsonSerializerOptions.Web));
        call.Request.Headers["Idempotency-Key"] = Key.Length is > 0 and <= 200 ? Key : Guid.NewGuid().ToString("N");
        using var answer = new MemoryStream();
        call.Response.Body = answer;
        var result = await OpenTicket.HandleAsync(call, db, clock, HttpContext.RequestServices.GetRequiredService<Data.Infrastructure.WriteGate>(), cancellation);
        await result.ExecuteAsync(call);
        using var json = JsonDocument.Parse(answer.ToArray());
        return json.RootElement.GetProperty("number").GetString()!;
    }

    private async Task<string?> AttachAsync(string number, IFormFile file, CancellationToken cancellation)
    {
        try
        {
            var (ticket, _) = await TicketAccess.FindAsync(db, Me, number, cancellation);
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellation);
            db.Attachments.Add(new Attachment(ticket, Me.Actor, file.FileName, file.ContentType ?? "", buffer.ToArray(), clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellation);
            return null;
        }
        catch (DeskRuleException e)
        {
            return e.Message;
        }
    }

    private async Task LoadAsync(CancellationToken cancellation) =>
        Contracts = await db.Contracts.AsNoTracking().Where(c => c.OrganisationId == Me.OrganisationId && c.Active).OrderBy(c => c.Name).ToListAsync(cancellation);

    // Browsers send a textarea's line breaks as CR LF; the desk keeps LF, as mail and the API do.
    private static string? Text(string? text) => text?.ReplaceLineEndings("\n");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

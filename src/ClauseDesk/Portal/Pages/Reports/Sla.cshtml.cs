using ClauseDesk.Access;
using ClauseDesk.Data;
using ClauseDesk.Sla;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Portal.Pages.Reports;

/// <summary>
/// The SLA compliance report: per customer and month a chart, the numbers as a table, each number
/// unfolding to the tickets behind it, and the same report as CSV. Filters live in the URL
/// (<c>from</c>, <c>to</c>: YYYY-MM; <c>organisation</c>), so a view can be bookmarked and shared.
/// </summary>
public sealed class SlaModel(DeskDbContext db, TimeProvider clock) : PortalPage
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Organisation { get; set; }

    public ReportText R => ReportText.Current;

    public SlaReportView? Report { get; private set; }

    /// <summary>The customers a member of staff can choose from; empty for a customer's admin.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Customers { get; private set; } = [];

    /// <summary>Errors by field (from, to, organisation), in the reader's language.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public bool NotAllowed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation)
    {
        await RunAsync(cancellation);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellation)
    {
        await RunAsync(cancellation);
        return Report is { } report ? File(SlaReport.Csv(report), "text/csv; charset=utf-8", SlaReport.FileName(report)) : Page();
    }

    private async Task RunAsync(CancellationToken cancellation)
    {
        if (!Me.IsStaff && Me.Role != Role.CustomerAdmin)
        {
            NotAllowed = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (Me.IsStaff)
        {
            Customers = [.. (await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(cancellation))
                .OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase).Select(o => (o.Id, o.Name))];
        }

        Guid? organisation = null;
        if (!string.IsNullOrWhiteSpace(Organisation))
        {
            if (Guid.TryParse(Organisation, out var id))
            {
                organisation = id;
            }
            else
            {
                Errors["organisation"] = R.UnknownCustomer;
            }
        }

        // The page words the period's problems itself; the API's English refusal names the same field.
        var zone = await SlaReport.ZoneAsync(db, Me, cancellation);
        var (_, _, field, problem) = SlaReport.ReadPeriod(From, To, NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date.ToYearMonth());
        if (field is not null)
        {
            Errors[field] = problem switch
            {
                PeriodProblem.Reversed => R.FromAfterTo,
                PeriodProblem.TooLong => string.Format(System.Globalization.CultureInfo.CurrentCulture, R.TooLong, SlaReport.MaxMonths),
                _ => R.MonthUnreadable,
            };
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        try
        {
            Report = await SlaReport.RunAsync(db, Me, clock.GetUtcNow(), From, To, organisation, cancellation);
        }
        catch (RequestException e) when (e.Field == "organisationId")
        {
            Errors["organisation"] = R.UnknownCustomer;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}

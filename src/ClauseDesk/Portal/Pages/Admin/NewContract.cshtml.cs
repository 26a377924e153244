using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClauseDesk.Access;
using ClauseDesk.Calendars;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Sla;
using ClauseDesk.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk.Portal.Pages.Admin;

/// <summary>
/// A new contract for an organisation: the SLA preset, optionally the contract's own calendar and
/// targets, the fee, auto-close, who may open and the escalation contacts. The contract is built by
/// <see cref="AddContract"/>, as the API's; the preview shows next week's openings and a sample
/// deadline computed by that same contract's policy, with its working.
/// </summary>
public sealed partial class NewContractModel(DeskDbContext db, TimeProvider clock) : AdminPage
{
    public static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string SlaPreset { get; set; } = SlaPolicy.PresetNames[0];

    [BindProperty]
    public string? MonthlyFee { get; set; }

    [BindProperty]
    public string? AutoCloseWorkingDays { get; set; }

    [BindProperty]
    public bool OnlyContactPersonsMayOpen { get; set; } = true;

    [BindProperty]
    public string? Tier2Contacts { get; set; }

    [BindProperty]
    public string? Tier3Contacts { get; set; }

    [BindProperty]
    public bool OwnCalendar { get; set; }

    [BindProperty]
    public string TimeZone { get; set; } = "Europe/Brussels";

    [BindProperty]
    public string Holidays { get; set; } = "BE";

    /// <summary>Monday first: the windows of each weekday, e.g. <c>08:30-12:00, 13:00-17:00</c>.</summary>
    [BindProperty]
    public string?[] Windows { get; set; } = ["08:30-17:00", "08:30-17:00", "08:30-17:00", "08:30-17:00", "08:30-17:00", "", ""];

    [BindProperty]
    public string? ClosedDates { get; set; }

    /// <summary>P1 first.</summary>
    [BindProperty]
    public string?[] Reaction { get; set; } = new string?[4];

    [BindProperty]
    public string?[] Resolution { get; set; } = new string?[4];

    public Organisation Organisation { get; private set; } = null!;

    public CalendarPreview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation) =>
        await FindAsync(cancellation) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellation)
    {
        if (!await FindAsync(cancellation))
        {
            return NotFoundPage();
        }

        // The preview needs no name yet; everything else is checked as when the contract is created.
        if (BuildRequest(string.IsNullOrWhiteSpace(Name) ? "preview" : Name) is { } request)
        {
            ServiceContract? contract = null;
            if (await TryAsync("contract", async () => contract = await AddContract.BuildAsync(db, Me, request, cancellation)))
            {
                Preview = CalendarPreview.Of(contract!.Policy(), clock.GetUtcNow());
            }
            else
            {
                PlaceCalendarError();
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellation)
    {
        if (!await FindAsync(cancellation))
        {
            return NotFoundPage();
        }

        if (BuildRequest(Name) is { } request)
        {
            ServiceContract? contract = null;
            if (await TryAsync("contract", async () => contract = await AddContract.HandleAsync(db, Me, request, cancellation)))
            {
                Flash = string.Format(CultureInfo.CurrentCulture, A.ContractAdded, contract!.Name);
                return Redirect($"/customers/{Id}");
            }

            PlaceCalendarError();
        }

        return Page();
    }

    /// <summary>The field of the form a refusal of the calendar is about, read from its JSON path.</summary>
    public static string CalendarField(string message)
    {
        var match = CalendarPath().Match(message);
        return !match.Success ? "calendar"
            : match.Groups[1].Value == "windows" && Days.Contains(match.Groups[2].Value.ToLowerInvariant()) ? $"windows.{match.Groups[2].Value.ToLowerInvariant()}"
            : match.Groups[1].Value is "timeZone" or "holidays" or "closedDates" ? match.Groups[1].Value
            : "calendar";
    }

    // The calendar's parser names the JSON path it refused; the form shows the reason on that field.
    private void PlaceCalendarError()
    {
        if (Errors.Remove("contract.calendar", out var message))
        {
            Errors[$"contract.{CalendarField(message)}"] = message;
        }
    }

    private ContractRequest? BuildRequest(string? name)
    {
        decimal? fee = null;
        if (!string.IsNullOrWhiteSpace(MonthlyFee))
        {
            // 1200.50 reads the same in every language; with a comma it is read the reader's way (1200,50 or 1,200.50).
            var culture = MonthlyFee.Contains(',') ? CultureInfo.CurrentCulture : CultureInfo.InvariantCulture;
            var digits = MonthlyFee.Replace(" ", "").Replace("\u00a0", "").Replace("\u202f", "");
            if (decimal.TryParse(digits, NumberStyles.Number, culture, out var parsed))
            {
                fee = parsed;
            }
            else
            {
                Refuse("contract", "monthlyFee", A.NotANumber);
            }
        }

        int? days = null;
        if (!string.IsNullOrWhiteSpace(AutoCloseWorkingDays))
        {
            if (int.TryParse(AutoCloseWorkingDays, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                days = parsed;
            }
            else
            {
                Refuse("contract", "autoCloseWorkingDays", A.NotAWholeNumber);
            }
        }

        if (Errors.Count > 0)
        {
            return null;
        }

        return new ContractRequest(Id, name, SlaPreset, fee, days, OnlyContactPersonsMayOpen, null, null, Tier2Contacts?.Trim(), Tier3Contacts?.Trim(), null,
            OwnCalendar ? CalendarJson() : null, TargetsJson());
    }

    // The form's calendar in the shape of docs/calendars.md, read by the same parser as a calendar file.
    private JsonElement CalendarJson()
    {
        var windows = new Dictionary<string, string[]>();
        for (var d = 0; d < Days.Length; d++)
        {
            var list = (d < Windows.Length ? Windows[d] : null)?.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            if (list.Length > 0)
            {
                windows[Days[d]] = list;
            }
        }

        var closed = (ClosedDates ?? "").Split([',', ';', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["timeZone"] = TimeZone.Trim(),
            ["holidays"] = Holidays,
            ["windows"] = windows,
            ["closedDates"] = closed,
        });
    }

    private JsonElement? TargetsJson()
    {
        static Dictionary<string, string> Table(string?[] cells) => Enumerable.Range(0, 4)
            .Where(i => i < cells.Length && !string.IsNullOrWhiteSpace(cells[i]))
            .ToDictionary(i => $"P{i + 1}", i => cells[i]!.Trim());

        var reaction = Table(Reaction);
        var resolution = Table(Resolution);
        return reaction.Count + resolution.Count == 0 ? null : JsonSerializer.SerializeToElement(new { reaction, resolution });
    }

    private async Task<bool> FindAsync(CancellationToken cancellation)
    {
        if (Me.Role != Role.ProviderAdmin)
        {
            return false;
        }

        Organisation = (await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == Id, cancellation))!;
        return Organisation is not null;
    }

    [GeneratedRegex(@"^calendar \$\.(\w+)(?:\.(\w+))?")]
    private static partial Regex CalendarPath();
}

/// <summary>What a calendar and policy would do: next week's openings in the calendar's zone, and the reaction due of a P2 opened now.</summary>
public sealed record CalendarPreview(BusinessCalendar Calendar, DateTimeOffset Now, IReadOnlyList<(LocalDate Date, IReadOnlyList<(DateTimeOffset Open, DateTimeOffset Close)> Openings)> NextWeek, ClockStatus SampleReaction)
{
    public static CalendarPreview Of(SlaPolicy policy, DateTimeOffset now)
    {
        var calendar = policy.Calendar;
        var today = LocalDate.FromDateTime(calendar.InZone(now).DateTime);
        var monday = today.PlusDays(8 - (int)today.DayOfWeek);
        var week = Enumerable.Range(0, 7).Select(i => monday.PlusDays(i))
            .Select(d => (d, (IReadOnlyList<(DateTimeOffset, DateTimeOffset)>)[.. calendar.OpeningsOn(d)])).ToList();
        // The same engine a ticket's clocks run on, with a history of one submission.
        var sample = SlaEngine.Evaluate(policy, [new Submitted(now, "preview", Priority.P2)], now);
        return new CalendarPreview(calendar, now, week, sample.Reaction);
    }

    /// <summary>A time of day in the calendar's zone with the zone's abbreviation, e.g. <c>08:30 CET</c>.</summary>
    public string Time(DateTimeOffset at)
    {
        var instant = Instant.FromDateTimeOffset(at);
        return instant.InZone(Calendar.TimeZone).ToString("HH:mm", CultureInfo.InvariantCulture) + " " + Calendar.TimeZone.GetZoneInterval(instant).Name;
    }

    public WorkingView Working => WorkingView.Of(SampleReaction.Working);
}

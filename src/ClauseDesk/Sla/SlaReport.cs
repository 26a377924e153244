using System.Globalization;
using System.Text;
using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Maintenance;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace ClauseDesk.Sla;

/// <summary>What is wrong with the period asked for.</summary>
public enum PeriodProblem
{
    None,
    Unreadable,
    Reversed,
    TooLong,
}

/// <summary>How many tickets of a row met or breached one clock; the percentages are of the decided ones (met + breached).</summary>
/// <param name="Met">Stopped on or before the due.</param>
/// <param name="Breached">Stopped after the due, or still running after it.</param>
/// <param name="Pending">Still running within the target, paused or not started: not decided yet.</param>
/// <param name="NoTarget">The contract has no target for this clock and priority.</param>
/// <param name="MetPercent">Met of met + breached, to one decimal; null when none is decided.</param>
/// <param name="BreachedPercent">Breached of met + breached, to one decimal; null when none is decided.</param>
public sealed record ClockCounts(int Met, int Breached, int Pending, int NoTarget, decimal? MetPercent, decimal? BreachedPercent);

/// <summary>A ticket behind a figure: its clocks' states (met, breached, on-track, …) and its breaches with the engine's working.</summary>
public sealed record ReportTicketView(string Number, string Subject, string Priority, string Contract, string SubmittedAt, string Reaction, string Resolution, IReadOnlyList<BreachView> Breaches, decimal Penalty);

/// <summary>
/// One customer in one month: the tickets submitted in it and how their clocks fared, the breaches and
/// the penalty exposure (seed 001 art. 40.3), with the tickets behind every figure and its working.
/// </summary>
/// <remarks>
/// <c>CapPerBreach</c> is 100 % of the monthly service-level fee of the month before (art. 40.3), the
/// most one breach in this month can cost (the highest of the customer's contracts; null without a
/// fee); <c>CappedBreaches</c> counts the breaches whose penalty reached their cap.
/// </remarks>
public sealed record SlaReportRow(
    Guid OrganisationId,
    string Organisation,
    string Month,
    int Tickets,
    ClockCounts Reaction,
    ClockCounts Resolution,
    int Breaches,
    decimal Penalty,
    decimal? CapPerBreach,
    int CappedBreaches,
    IReadOnlyList<ReportTicketView> TicketList,
    WorkingView Working);

/// <summary>The SLA compliance report: one row per customer and month, months in the provider's zone.</summary>
public sealed record SlaReportView(string From, string To, Guid? OrganisationId, string TimeZone, string GeneratedAt, IReadOnlyList<string> Months, IReadOnlyList<SlaReportRow> Rows);

/// <summary>
/// SLA compliance per customer and month, for the API and the portal alike (ADR 0019): every ticket
/// counts in the month it was submitted (in the provider's zone), its clocks evaluated now by the
/// engine; provider staff see every customer, a customer's admin only their own organisation.
/// </summary>
public static class SlaReport
{
    /// <summary>The longest period one report covers.</summary>
    public const int MaxMonths = 24;

    /// <summary>The default period: this month and the five before it.</summary>
    public const int DefaultMonths = 6;

    private const string Clause = "seed 001 art. 33.9, 33.10 (clocks), 40.3 (penalty)";
    private const string Reading = "month-of-submission: a ticket counts in the month it was submitted, in the provider's zone (ADR 0019); percentages of the clocks decided (met or breached)";

    private static readonly YearMonthPattern MonthPattern = YearMonthPattern.CreateWithInvariantCulture("uuuu'-'MM");

    public static IEndpointRouteBuilder MapSlaReport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/reports/sla", HandleAsync)
            .WithTags("Reports")
            .RequireAuthorization()
            .WithSummary("SLA compliance per customer and month: tickets, reaction and resolution met / breached, breaches and penalty exposure, each with the tickets behind it. from, to: YYYY-MM (default the last 6 months, at most 24); organisationId; format=csv for a ;-separated UTF-8 file. Provider staff and the customer's admin.")
            .Produces<SlaReportView>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, DeskDbContext db, TimeProvider clock, string? from, string? to, Guid? organisationId, string? format, CancellationToken cancellation)
    {
        var csv = format?.ToLowerInvariant() switch
        {
            null or "" or "json" => false,
            "csv" => true,
            _ => throw RequestException.Invalid("format", $"'{format}' is not json or csv"),
        };
        var report = await RunAsync(db, CurrentUser.Of(http), clock.GetUtcNow(), from, to, organisationId, cancellation);
        return csv
            ? Results.File(Csv(report), "text/csv; charset=utf-8", FileName(report))
            : Results.Ok(report);
    }

    /// <summary>The report's file name, e.g. <c>sla-2026-06-2026-11.csv</c>.</summary>
    public static string FileName(SlaReportView report) => $"sla-{report.From}-{report.To}.csv";

    /// <summary>Computes the report for the user at <paramref name="now"/>.</summary>
    /// <param name="db">The context, limited to the user's tenant.</param>
    /// <param name="user">Provider staff or a customer's admin.</param>
    /// <param name="now">The moment running clocks are evaluated at.</param>
    /// <param name="from">First month, <c>YYYY-MM</c>; null: five months before <paramref name="to"/>.</param>
    /// <param name="to">Last month, <c>YYYY-MM</c>; null: the current month in the provider's zone.</param>
    /// <param name="organisationId">One customer only; null: every customer the user may see.</param>
    /// <param name="cancellation">Cancels the queries.</param>
    /// <exception cref="RequestException">Not staff nor the customer's admin (403); a month unreadable or the period reversed or longer than <see cref="MaxMonths"/> (400); an organisation the user may not see (404).</exception>
    public static async Task<SlaReportView> RunAsync(DeskDbContext db, CurrentUser user, DateTimeOffset now, string? from, string? to, Guid? organisationId, CancellationToken cancellation)
    {
        if (!user.IsStaff && (user.Role != Role.CustomerAdmin || user.OrganisationId is null))
        {
            throw RequestException.Forbidden("the SLA report is for provider staff and the customer's admin");
        }

        var zone = await ZoneAsync(db, user, cancellation);
        var (first, last, field, problem) = ReadPeriod(from, to, Instant.FromDateTimeOffset(now).InZone(zone).Date.ToYearMonth());
        switch (problem)
        {
            case PeriodProblem.Unreadable:
                throw RequestException.Invalid(field!, $"'{(field == "from" ? from : to)}' is not a month like 2026-11");
            case PeriodProblem.Reversed:
                throw RequestException.Invalid(field!, $"{Show(first)} is after {Show(last)}: from is the first month, to the last");
            case PeriodProblem.TooLong:
                throw RequestException.Invalid(field!, $"a report covers at most {MaxMonths} months; {Show(first)} to {Show(last)} is more");
        }

        var months = new List<YearMonth>();
        for (var m = first; m <= last; m = m.PlusMonths(1))
        {
            months.Add(m);
        }

        // A customer's admin reads their own organisation; asking for another looks like asking for none.
        var scope = user.IsStaff ? organisationId : user.OrganisationId;
        if (!user.IsStaff && organisationId is { } asked && asked != user.OrganisationId)
        {
            throw RequestException.NotFound("organisationId", $"no organisation {asked}");
        }

        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => scope == null || o.Id == scope)
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellation);
        if (scope is { } chosen && !organisations.ContainsKey(chosen))
        {
            throw RequestException.NotFound("organisationId", $"no organisation {chosen}");
        }

        var start = first.OnDayOfMonth(1).AtStartOfDayInZone(zone).ToDateTimeOffset();
        var end = last.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(zone).ToDateTimeOffset();
        var query = db.Tickets.AsNoTracking().VisibleTo(db, user).Where(t => t.SubmittedAt >= start && t.SubmittedAt < end);
        if (scope is { } only)
        {
            query = query.Where(t => t.OrganisationId == only);
        }

        var tickets = await query.OrderBy(t => t.SubmittedAt).ThenBy(t => t.Number).ToListAsync(cancellation);
        var contractIds = tickets.Select(t => t.ContractId).Distinct().ToList();
        var contracts = await db.Contracts.AsNoTracking().Where(c => contractIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellation);
        await MaintenanceExclusions.ApplyAsync(db, contracts.Values, cancellation);

        var evaluated = tickets.Select(t => Evaluate(t, contracts[t.ContractId], now, zone)).ToList();
        var shown = scope is { } one ? [one] : evaluated.Select(e => e.Ticket.OrganisationId).Distinct().ToList();
        var rows = shown
            .OrderBy(id => organisations.GetValueOrDefault(id, ""), StringComparer.Create(CultureInfo.InvariantCulture, ignoreCase: true))
            .SelectMany(id => months.Select(m => Row(id, organisations.GetValueOrDefault(id, ""), m, [.. evaluated.Where(e => e.Ticket.OrganisationId == id && e.Month == m)], zone)))
            .ToList();
        return new SlaReportView(Show(first), Show(last), scope, zone.Id, TicketViewMapping.Iso(now.ToUniversalTime()), [.. months.Select(Show)], rows);
    }

    private sealed record Evaluated(Ticket Ticket, ServiceContract Contract, YearMonth Month, SlaStatus Status, SlaView View);

    private static Evaluated Evaluate(Ticket ticket, ServiceContract contract, DateTimeOffset now, DateTimeZone zone)
    {
        var status = ticket.Sla(contract.Policy(), contract.Fees(), now);
        return new Evaluated(ticket, contract, Instant.FromDateTimeOffset(ticket.SubmittedAt).InZone(zone).Date.ToYearMonth(), status, ticket.SlaView(contract, now, status));
    }

    private static SlaReportRow Row(Guid organisationId, string organisation, YearMonth month, IReadOnlyList<Evaluated> tickets, DateTimeZone zone)
    {
        var reaction = Count(tickets, e => e.View.Reaction.State);
        var resolution = Count(tickets, e => e.View.Resolution.State);
        var breaches = tickets.SelectMany(e => e.Status.Breaches.Select(b => (e.Ticket, e.Contract, Breach: b))).ToList();
        var penalty = breaches.Aggregate(Money.Zero, (sum, b) => sum + b.Breach.Penalty);
        var caps = tickets.Select(e => e.Contract).DistinctBy(c => c.Id)
            .Select(c => (Contract: c, Cap: c.Fees()?.FeeFor(month.PlusMonths(-1))))
            .ToList();
        decimal? cap = caps.Where(c => c.Cap is not null).Select(c => (decimal?)c.Cap!.Value.Amount).Max();
        var capped = breaches.Count(b => CapOf(b.Contract, b.Breach) is { } c && c > Money.Zero && b.Breach.Penalty >= c);

        var steps = new List<string>
        {
            Listed("Reaction met", tickets, e => e.View.Reaction.State == "met"),
            Listed("Reaction breached", tickets, e => e.View.Reaction.State == "breached"),
            Listed("Reaction not decided yet", tickets, e => Pending(e.View.Reaction.State)),
            Percentages("reaction", reaction),
            Listed("Resolution met", tickets, e => e.View.Resolution.State == "met"),
            Listed("Resolution breached", tickets, e => e.View.Resolution.State == "breached"),
            Listed("Resolution not decided yet", tickets, e => Pending(e.View.Resolution.State)),
            Percentages("resolution", resolution),
        };
        steps.Add(breaches.Count == 0
            ? "No breach: no penalty."
            : $"Breaches ({breaches.Count}): {string.Join(", ", breaches.Select(b => $"{b.Ticket.Number} {Lower(b.Breach.Kind)} {b.Breach.Penalty}"))}; exposure {penalty}.");
        steps.AddRange(caps.Select(c => c.Cap is { } fee
            ? $"Each breach is capped at 100 % of the monthly fee of the month before it (art. 40.3); for a breach in {Show(month)} under '{c.Contract.Name}': {fee}."
            : $"'{c.Contract.Name}' has no service-level fee: its breaches cost nothing (art. 40.3)."));
        if (capped > 0)
        {
            steps.Add($"{capped} breach{(capped == 1 ? " reached its" : "es reached their")} cap.");
        }

        if (breaches.Count > 0)
        {
            steps.Add("Assumes the provider alone is at fault; the customer claims by registered letter within 7 days of the first breach (art. 40.4), or the right is lost.");
        }

        if (tickets.Any(e => Pending(e.View.Reaction.State) || Pending(e.View.Resolution.State) || e.Status.Breaches.Any(b => b.Ongoing)))
        {
            steps.Add("Clocks that still run are evaluated at the report's time: their figures and penalties may still change.");
        }

        var working = new WorkingView(Clause, Reading, new Dictionary<string, string>
        {
            ["customer"] = organisation,
            ["month"] = $"{Show(month)} ({zone.Id})",
            ["tickets"] = tickets.Count == 0 ? "none" : string.Join(", ", tickets.Select(e => e.Ticket.Number)),
        }, steps);

        return new SlaReportRow(
            organisationId,
            organisation,
            Show(month),
            tickets.Count,
            reaction,
            resolution,
            breaches.Count,
            penalty.Amount,
            cap,
            capped,
            [.. tickets.Select(e => new ReportTicketView(
                e.Ticket.Number,
                e.Ticket.Subject,
                e.Ticket.Priority.ToString(),
                e.Contract.Name,
                TicketViewMapping.Iso(e.Contract.Policy().Calendar.InZone(e.Ticket.SubmittedAt)),
                e.View.Reaction.State,
                e.View.Resolution.State,
                e.View.Breaches,
                e.Status.Penalty.Value.Amount))],
            working);
    }

    private static Money? CapOf(ServiceContract contract, Breach breach)
    {
        var month = Instant.FromDateTimeOffset(breach.Due).InZone(contract.Policy().Calendar.TimeZone).Date.ToYearMonth();
        return contract.Fees()?.FeeFor(month.PlusMonths(-1));
    }

    /// <summary>Whether a clock state is not decided yet: running, paused or not started.</summary>
    public static bool Pending(string state) => state is not ("met" or "breached" or "none");

    private static ClockCounts Count(IReadOnlyList<Evaluated> tickets, Func<Evaluated, string> state)
    {
        var met = tickets.Count(e => state(e) == "met");
        var breached = tickets.Count(e => state(e) == "breached");
        var none = tickets.Count(e => state(e) == "none");
        var decided = met + breached;
        return new ClockCounts(met, breached, tickets.Count - decided - none, none, Percent(met, decided), Percent(breached, decided));
    }

    private static decimal? Percent(int part, int whole) =>
        whole == 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    private static string Listed(string what, IReadOnlyList<Evaluated> tickets, Func<Evaluated, bool> which)
    {
        var numbers = tickets.Where(which).Select(e => e.Ticket.Number).ToList();
        return $"{what} ({numbers.Count}): {(numbers.Count == 0 ? "none" : string.Join(", ", numbers))}.";
    }

    private static string Percentages(string clock, ClockCounts counts) =>
        counts.MetPercent is { } met
            ? $"Of the {counts.Met + counts.Breached} decided {clock} clocks, {counts.Met} met = {met.ToString("0.0", CultureInfo.InvariantCulture)} %, {counts.Breached} breached = {counts.BreachedPercent!.Value.ToString("0.0", CultureInfo.InvariantCulture)} %."
            : $"No {clock} clock decided yet: no percentage.";

    private static string Lower(ClockKind kind) => kind == ClockKind.Reaction ? "reaction" : "resolution";

    /// <summary>The provider's zone, in which the report's months are counted.</summary>
    public static async Task<DateTimeZone> ZoneAsync(DeskDbContext db, CurrentUser user, CancellationToken cancellation) =>
        Tenant.ZoneOf(await db.Tenants.Where(t => t.Id == user.TenantId).Select(t => t.TimeZone).FirstOrDefaultAsync(cancellation));

    /// <summary>
    /// The period asked for: <paramref name="to"/> defaults to <paramref name="current"/>, <paramref name="from"/>
    /// to five months before it. On a problem, <c>Field</c> names the input (<c>from</c> or <c>to</c>).
    /// </summary>
    public static (YearMonth First, YearMonth Last, string? Field, PeriodProblem Problem) ReadPeriod(string? from, string? to, YearMonth current)
    {
        if (!TryMonth(to, out var last))
        {
            return (current, current, "to", PeriodProblem.Unreadable);
        }

        if (!TryMonth(from, out var first))
        {
            return (current, current, "from", PeriodProblem.Unreadable);
        }

        var l = last ?? current;
        var f = first ?? l.PlusMonths(-(DefaultMonths - 1));
        if (f > l)
        {
            return (f, l, from is null ? "to" : "from", PeriodProblem.Reversed);
        }

        return Period.Between(f.OnDayOfMonth(1), l.OnDayOfMonth(1), PeriodUnits.Months).Months >= MaxMonths
            ? (f, l, "to", PeriodProblem.TooLong)
            : (f, l, null, PeriodProblem.None);
    }

    // False when unreadable; a month left out is read as null.
    private static bool TryMonth(string? text, out YearMonth? month)
    {
        month = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parsed = MonthPattern.Parse(text.Trim());
        if (!parsed.Success || parsed.Value.Year is < 2000 or > 2200)
        {
            return false;
        }

        month = parsed.Value;
        return true;
    }

    private static string Show(YearMonth month) => MonthPattern.Format(month);

    /// <summary>
    /// The report as CSV (ADR 0019): <c>;</c>-separated so that Dutch and French Excel open it in
    /// columns, invariant numbers (a point before decimals), UTF-8 with a byte-order mark so that
    /// Excel reads accents, one line per customer and month.
    /// </summary>
    public static byte[] Csv(SlaReportView report)
    {
        var text = new StringBuilder();
        string[] header =
        [
            "organisation", "organisation_id", "month", "tickets",
            "reaction_met", "reaction_breached", "reaction_pending", "reaction_met_percent", "reaction_breached_percent",
            "resolution_met", "resolution_breached", "resolution_pending", "resolution_met_percent", "resolution_breached_percent",
            "breaches", "penalty_eur", "cap_per_breach_eur", "capped_breaches", "breached_tickets",
        ];
        text.Append(string.Join(';', header)).Append("\r\n");
        foreach (var row in report.Rows)
        {
            string[] fields =
            [
                Field(row.Organisation), row.OrganisationId.ToString(), row.Month, Number(row.Tickets),
                Number(row.Reaction.Met), Number(row.Reaction.Breached), Number(row.Reaction.Pending), Number(row.Reaction.MetPercent), Number(row.Reaction.BreachedPercent),
                Number(row.Resolution.Met), Number(row.Resolution.Breached), Number(row.Resolution.Pending), Number(row.Resolution.MetPercent), Number(row.Resolution.BreachedPercent),
                Number(row.Breaches), Amount(row.Penalty), row.CapPerBreach is { } cap ? Amount(cap) : "", Number(row.CappedBreaches),
                Field(string.Join(' ', row.TicketList.Where(t => t.Breaches.Count > 0).Select(t => t.Number))),
            ];
            text.Append(string.Join(';', fields)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(decimal? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";

    private static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    // Quoted when it holds the separator, a quote or a line break; a leading =, +, - or @ is kept
    // from being read as a formula by a spreadsheet.
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}

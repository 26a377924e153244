using System.Text.Json;
using ClauseDesk.Calendars;
using ClauseDesk.Sla;
using NodaTime;

namespace ClauseDesk.Contracts;

/// <summary>When a report is late against the contract's reporting deadline (SPEC §3).</summary>
public enum IncidentReportRule
{
    /// <summary>No deadline for reporting incidents.</summary>
    None,

    /// <summary>Within 15 working days of when it should have been noticed (seed 001 art. 16.1).</summary>
    FifteenWorkingDays,

    /// <summary>Within 24 hours of when it occurred (seed 000).</summary>
    TwentyFourHours,
}

/// <summary>
/// The part of a customer's contract the desk needs (SPEC §4): the SLA policy (a preset, optionally
/// with the provider's own calendar and targets), the monthly service-level fee, escalation contacts,
/// auto-close, who may open tickets and the reporting deadlines.
/// </summary>
public sealed class ServiceContract
{
    private ServiceContract()
    {
    }

    /// <exception cref="ArgumentException">Blank name, unknown preset, or a calendar/targets override that does not parse.</exception>
    public ServiceContract(Guid tenantId, Guid organisationId, string name, string slaPreset)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        OrganisationId = organisationId;
        Name = name.Trim();
        SlaPreset = SlaPolicy.PresetNames.FirstOrDefault(p => p.Equals(slaPreset, StringComparison.OrdinalIgnoreCase))
            ?? throw new DeskRuleException("slaPreset", $"unknown SLA preset '{slaPreset}'; use one of {string.Join(", ", SlaPolicy.PresetNames)}");
        // Seed 001 art. 35.2: under the managed-services levels only contact persons reach the helpdesk.
        OnlyContactPersonsMayOpen = SlaPreset.StartsWith("managed-", StringComparison.Ordinal);
        IncidentReportRule = SlaPreset.StartsWith("managed-", StringComparison.Ordinal) ? IncidentReportRule.FifteenWorkingDays : IncidentReportRule.None;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Name { get; private set; } = "";
    public string SlaPreset { get; private set; } = "";

    /// <summary>The provider's own calendar (JSON, docs/calendars.md) replacing the preset's; null keeps the preset's.</summary>
    public string? CalendarJson { get; private set; }

    /// <summary>Targets replacing the preset's: <c>{"reaction": {"P1": "2h"}, "resolution": {"P1": "1d"}}</c>; null keeps them.</summary>
    public string? TargetsJson { get; private set; }

    public SupplierResumeReading SupplierResume { get; private set; } = SupplierResumeReading.Literal;

    /// <summary>The monthly service-level fee that penalties are a share of (seed 001 art. 40.3); null: none.</summary>
    public decimal? MonthlyFee { get; private set; }

    /// <summary>Working days without the customer's reply before a ticket closes itself; null takes the policy's.</summary>
    public int? AutoCloseWorkingDays { get; private set; }

    public bool OnlyContactPersonsMayOpen { get; set; }
    public IncidentReportRule IncidentReportRule { get; set; }

    /// <summary>Days after discovery within which a complaint must be made (seed 002 art. 15.1); null: no deadline.</summary>
    public int? ComplaintReportDays { get; set; } = 8;

    /// <summary>The service manager complaints go to (SPEC §3).</summary>
    public Guid? ServiceManagerId { get; set; }

    /// <summary>E-mail addresses notified at the first breach (seed 001 art. 39.4.1, tier 2), comma-separated.</summary>
    public string Tier2Contacts { get; set; } = "";

    /// <summary>E-mail addresses notified at the second breach (tier 3), comma-separated.</summary>
    public string Tier3Contacts { get; set; } = "";

    /// <summary>A deactivated contract stops escalating and auto-closing (Zammad #4353).</summary>
    public bool Active { get; private set; } = true;

    /// <summary>
    /// The dated history of the monthly fee as JSON (<see cref="FeeHistory"/>), oldest first; null for a
    /// contract made before the history was kept, whose current fee then holds for every month.
    /// </summary>
    public string? FeeHistoryJson { get; private set; }

    /// <summary>Sets the fee the contract is made with: it holds from the start until a later change.</summary>
    /// <exception cref="DeskRuleException">A negative fee.</exception>
    public void SetFee(decimal? monthlyFee)
    {
        if (monthlyFee < 0)
        {
            throw new DeskRuleException("monthlyFee", "a fee cannot be negative");
        }

        MonthlyFee = monthlyFee;
        FeeHistoryJson = monthlyFee is { } fee ? Serialise([new FeeChange(null, fee, "set when the contract was made")]) : null;
    }

    /// <summary>
    /// Changes the fee from a day on (an indexation applied, a price change): kept in the history, so a
    /// month before <paramref name="from"/> keeps the fee it had. A change from the same day replaces it.
    /// </summary>
    /// <exception cref="DeskRuleException">A negative fee, or a reason that is blank or longer than 300 characters.</exception>
    public void ChangeFee(decimal monthlyFee, DateOnly from, string reason)
    {
        if (monthlyFee < 0)
        {
            throw new DeskRuleException("monthlyFee", "a fee cannot be negative");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 300)
        {
            throw new DeskRuleException("reason", "why the fee changes, 1 to 300 characters");
        }

        var history = FeeHistory().ToList();
        if (history.Count == 0 && MonthlyFee is { } before)
        {
            // Made before the history was kept: its fee held until this change.
            history.Add(new FeeChange(null, before, "the fee before its history was kept"));
        }

        history.RemoveAll(c => c.From == from);
        history.Add(new FeeChange(from, monthlyFee, reason.Trim()));
        history = [.. history.OrderBy(c => c.From ?? DateOnly.MinValue)];
        MonthlyFee = history[^1].Fee;
        FeeHistoryJson = Serialise(history);
    }

    /// <summary>The fee's changes, oldest first; empty when none was kept.</summary>
    public IReadOnlyList<FeeChange> FeeHistory() =>
        FeeHistoryJson is null ? [] : JsonSerializer.Deserialize<List<FeeChange>>(FeeHistoryJson, FeeJson) ?? [];

    private static readonly JsonSerializerOptions FeeJson = new(JsonSerializerDefaults.Web);

    private static string Serialise(IReadOnlyList<FeeChange> history) => JsonSerializer.Serialize(history, FeeJson);

    public void SetAutoClose(int? workingDays)
    {
        if (workingDays is <= 0 or > 60)
        {
            throw new DeskRuleException("autoCloseWorkingDays", "auto-close takes 1 to 60 working days, or none");
        }

        AutoCloseWorkingDays = workingDays;
    }

    public void SetSupplierResume(SupplierResumeReading reading) => SupplierResume = reading;

    /// <exception cref="DeskRuleException">The calendar does not parse; the message says where.</exception>
    public void SetCalendar(string? calendarJson)
    {
        if (calendarJson is not null)
        {
            try
            {
                _ = Calendars.CalendarJson.Parse(calendarJson);
            }
            catch (CalendarFormatException e)
            {
                throw new DeskRuleException("calendar", e.Message);
            }
        }

        CalendarJson = calendarJson;
        _policy = null;
    }

    /// <exception cref="DeskRuleException">The targets do not parse.</exception>
    public void SetTargets(string? targetsJson)
    {
        if (targetsJson is not null)
        {
            _ = ParseTargets(targetsJson);
        }

        TargetsJson = targetsJson;
        _policy = null;
    }

    public void Deactivate() => Active = false;

    /// <summary>The first day of the contract; null until its term is set.</summary>
    public DateOnly? StartDate { get; private set; }

    /// <summary>The initial term in months.</summary>
    public int? TermMonths { get; private set; }

    /// <summary>The renewal clause's preset name (<see cref="RenewalClause.Presets"/>).</summary>
    public string? RenewalClauseName { get; private set; }

    public IndexationDay Indexation { get; private set; } = IndexationDay.Anniversary;

    /// <summary>The day notice was given or renewal switched off; null while the contract renews.</summary>
    public DateOnly? RenewalStoppedOn { get; private set; }

    /// <summary>Sets the term (SPEC §4); a notice given before stays.</summary>
    /// <exception cref="DeskRuleException">The renewal clause is unknown, or a date or length is out of bounds.</exception>
    public void SetTerm(DateOnly start, int months, string renewalClause, IndexationDay indexation)
    {
        var clause = RenewalClause.Find(renewalClause)
            ?? throw new DeskRuleException("renewal", $"unknown renewal clause '{renewalClause}'; use one of {string.Join(", ", RenewalClause.Presets.Select(p => p.Name))}");
        try
        {
            _ = new ContractTerm(Day(start), months, clause, indexation, RenewalStoppedOn is { } stopped ? Day(stopped) : null);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new DeskRuleException(e.ParamName == "initialMonths" ? "months" : "start", e.Message.Split(" (Parameter '")[0].Split('\n')[0]);
        }

        StartDate = start;
        TermMonths = months;
        RenewalClauseName = clause.Name;
        Indexation = indexation;
    }

    /// <summary>Notice given, or renewal switched off by the customer, on <paramref name="on"/>: the term ends without renewal if that is in time.</summary>
    /// <exception cref="DeskRuleException">The contract has no term yet, or renewal is already stopped.</exception>
    public void StopRenewal(DateOnly on)
    {
        if (Term() is null)
        {
            throw new DeskRuleException("term", "the contract has no term yet");
        }

        if (RenewalStoppedOn is not null)
        {
            throw new DeskRuleException("renewal", $"renewal was already stopped on {RenewalStoppedOn:yyyy-MM-dd}");
        }

        RenewalStoppedOn = on;
    }

    /// <summary>The term as a value to compute dates with; null until set.</summary>
    public ContractTerm? Term() =>
        StartDate is { } start && TermMonths is { } months && RenewalClauseName is { } name && RenewalClause.Find(name) is { } clause
            ? new ContractTerm(Day(start), months, clause, Indexation, RenewalStoppedOn is { } stopped ? Day(stopped) : null)
            : null;

    private static NodaTime.LocalDate Day(DateOnly d) => new(d.Year, d.Month, d.Day);

    /// <summary>
    /// Moves the contract to another SLA preset (an upgrade, say). Open tickets keep their history:
    /// their clocks are recomputed on the new targets with the time already used and paused kept
    /// (GLPI #6902, #15605).
    /// </summary>
    /// <exception cref="DeskRuleException">Unknown preset.</exception>
    public void ChangePreset(string slaPreset)
    {
        SlaPreset = SlaPolicy.PresetNames.FirstOrDefault(p => p.Equals(slaPreset, StringComparison.OrdinalIgnoreCase))
            ?? throw new DeskRuleException("slaPreset", $"unknown SLA preset '{slaPreset}'; use one of {string.Join(", ", SlaPolicy.PresetNames)}");
        _policy = null;
    }

    private SlaPolicy? _policy;
    private IReadOnlyList<ExcludedWindow> _excluded = [];

    /// <summary>
    /// Sets the windows excluded from the clocks of this contract's tickets (the announced maintenance
    /// that affects its customer), for the policy this instance hands out. Not stored with the contract:
    /// whoever loads a contract to compute an SLA applies them.
    /// </summary>
    public void Exclude(IReadOnlyList<ExcludedWindow> windows)
    {
        // Only the windows change: the calendar and targets already built are kept.
        if (_policy is not null)
        {
            _policy = _policy.WithExcluded(windows);
        }

        _excluded = windows;
    }

    /// <summary>The policy the clocks of this contract's tickets run on.</summary>
    public SlaPolicy Policy()
    {
        if (_policy is not null && _policy.SupplierResume == SupplierResume)
        {
            return _policy;
        }

        var preset = SlaPolicy.Preset(SlaPreset);
        var calendar = CalendarJson is null ? preset.Calendar : BusinessCalendar.FromJson(CalendarJson);
        var (reaction, resolution) = TargetsJson is null
            ? (Targets(p => preset.ReactionTarget(p)), Targets(p => preset.ResolutionTarget(p)))
            : ParseTargets(TargetsJson);
        var clause = TargetsJson is null && CalendarJson is null ? preset.Clause : $"{preset.Clause}, with the contract's own {(CalendarJson is null ? "" : "calendar")}{(CalendarJson is not null && TargetsJson is not null ? " and " : "")}{(TargetsJson is null ? "" : "targets")}";
        _policy = new SlaPolicy(
            CalendarJson is null && TargetsJson is null ? preset.Name : $"{preset.Name} ({Name})",
            calendar,
            clause,
            reaction,
            resolution,
            SupplierResume,
            AutoCloseWorkingDays ?? preset.AutoCloseWorkingDays);
        if (_excluded.Count > 0)
        {
            _policy = _policy.WithExcluded(_excluded);
        }

        return _policy;
    }

    /// <summary>
    /// The fee schedule penalties are computed with; null when the contract has no fee. A month's fee is
    /// the fee in force on its first day (reading <c>fee-of-the-month</c>, ADR 0020): a change from the
    /// 1st counts in that month, a change from a later day from the next month.
    /// </summary>
    public FeeSchedule? Fees()
    {
        var history = FeeHistory();
        if (history.Count == 0)
        {
            return MonthlyFee is { } fee ? FeeSchedule.Constant(Money.Euros(fee)) : null;
        }

        // The last change on or before a month's first day wins that month.
        var months = new SortedDictionary<YearMonth, Money>();
        foreach (var change in history)
        {
            months[FirstMonthOf(change)] = Money.Euros(change.Fee);
        }

        return new FeeSchedule(months.Select(m => (m.Key, m.Value)));
    }

    /// <summary>The fee of <paramref name="month"/> with its working: which change it comes from, and the history.</summary>
    public Computed<Money?> FeeFor(YearMonth month)
    {
        var fee = Fees()?.FeeFor(month);
        var history = FeeHistory();
        var name = month.ToString("MMMM uuuu", System.Globalization.CultureInfo.InvariantCulture);
        var steps = new List<string>();
        if (history.Count == 0)
        {
            steps.Add(MonthlyFee is { } f ? $"No dated history was kept for this contract: its fee {Money.Euros(f)} holds in every month." : "The contract has no monthly service-level fee.");
        }
        else
        {
            steps.AddRange(history.Select(c => $"{(c.From is { } d ? $"From {d:yyyy-MM-dd}" : "From the start")}: {Money.Euros(c.Fee)} ({c.Reason}); counts from {MonthName(FirstMonthOf(c))}."));
            var source = history.LastOrDefault(c => FirstMonthOf(c) <= month);
            steps.Add(source is null
                ? $"No fee was in force on the first day of {name}."
                : $"In force on the first day of {name}: {Money.Euros(source.Fee)} ({source.Reason}).");
        }

        return new Computed<Money?>(fee, new Working(
            "seed 001 art. 40.3",
            "fee-of-the-month: the fee in force on the month's first day (ADR 0020)",
            [("month", name), ("monthly fee", fee?.ToString() ?? "none")],
            steps));

        static string MonthName(YearMonth m) => m == FirstMonth ? "the start" : m.ToString("MMMM uuuu", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly YearMonth FirstMonth = new(1900, 1);

    /// <summary>The first month a change holds for: its own month from the 1st, else the next month.</summary>
    private static YearMonth FirstMonthOf(FeeChange change) => change.From is not { } d ? FirstMonth
        : d.Day == 1 ? new YearMonth(d.Year, d.Month) : new YearMonth(d.Year, d.Month).PlusMonths(1);

    private static Dictionary<Priority, SlaTarget> Targets(Func<Priority, SlaTarget?> pick) =>
        Enum.GetValues<Priority>().Where(p => pick(p) is not null).ToDictionary(p => p, p => pick(p)!.Value);

    private static (Dictionary<Priority, SlaTarget> Reaction, Dictionary<Priority, SlaTarget> Resolution) ParseTargets(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return (Read(document.RootElement, "reaction"), Read(document.RootElement, "resolution"));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw new DeskRuleException("targets", $"targets: {e.Message} — write {{\"reaction\": {{\"P1\": \"4h\"}}, \"resolution\": {{\"P1\": \"1d\"}}}}");
        }

        static Dictionary<Priority, SlaTarget> Read(JsonElement root, string name)
        {
            var result = new Dictionary<Priority, SlaTarget>();
            if (!root.TryGetProperty(name, out var table))
            {
                return result;
            }

            foreach (var entry in table.EnumerateObject())
            {
                var priority = Enum.Parse<Priority>(entry.Name.ToUpperInvariant());
                var duration = BusinessDuration.Parse(entry.Value.GetString() ?? "");
                result[priority] = duration.Days > 0 && duration.Time == TimeSpan.Zero
                    ? SlaTarget.BusinessDays(duration.Days)
                    : duration.Days == 0 && duration.Time > TimeSpan.Zero ? SlaTarget.BusinessTime(duration.Time)
                    : throw new FormatException($"{name}.{entry.Name}: a target is whole business days (2d) or hours and minutes (4h, 90m)");
            }

            return result;
        }
    }
}

/// <summary>A change of the monthly service-level fee: from a day (null: from the start), the fee excl. VAT, and why.</summary>
public sealed record FeeChange(DateOnly? From, decimal Fee, string Reason);

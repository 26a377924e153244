namespace ClauseDesk.Contracts;

/// <summary>When the contract's prices are indexed each year (SPEC §4, §5).</summary>
public enum IndexationDay
{
    /// <summary>On each anniversary of the start (seed 002 art. 7.5, "op de verjaardag van de inwerkingtreding").</summary>
    Anniversary,

    /// <summary>On each 1 January after the start (seed 004 §4.3, "jaarlijks op 1 januari").</summary>
    FirstOfJanuary,
}

/// <summary>
/// How a contract renews (SPEC §4): tacitly for a renewal term unless notice is given a number of
/// months before the renewal, or unless the customer switches renewal off before the end.
/// </summary>
/// <remarks>Readings: <c>docs/decisions/0010-contract-and-usage-readings.md</c>.</remarks>
public sealed record RenewalClause
{
    /// <summary>The longest notice period accepted: 24 months.</summary>
    public const int MaxNoticeMonths = 24;

    /// <summary>The longest reminder lead accepted: 366 days.</summary>
    public const int MaxReminderDays = 366;

    /// <param name="name">Short name, e.g. <c>notice-4-months</c>; not blank.</param>
    /// <param name="clause">The clause, shown in every working; not blank.</param>
    /// <param name="noticeMonths">Months before the renewal by which notice must be given, 0–<see cref="MaxNoticeMonths"/>; 0: renewal can be switched off up to the last day of the term.</param>
    /// <param name="renewalMonths">Length of each renewal term in months, 1–1200; null: the initial term's length.</param>
    /// <param name="noticeReminderDays">Days before the notice deadline that the reminder falls due, 0–<see cref="MaxReminderDays"/>.</param>
    /// <param name="endReminderDays">Days before the end that the reminder "this contract will not be renewed" falls due, 0–<see cref="MaxReminderDays"/>.</param>
    /// <exception cref="ArgumentException">A blank name or clause.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number out of its bounds.</exception>
    public RenewalClause(string name, string clause, int noticeMonths, int? renewalMonths, int noticeReminderDays, int endReminderDays)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(clause);
        ArgumentOutOfRangeException.ThrowIfNegative(noticeMonths);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(noticeMonths, MaxNoticeMonths);
        if (renewalMonths is { } months)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months, nameof(renewalMonths));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(months, ContractTerm.MaxTermMonths, nameof(renewalMonths));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(noticeReminderDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(noticeReminderDays, MaxReminderDays);
        ArgumentOutOfRangeException.ThrowIfNegative(endReminderDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(endReminderDays, MaxReminderDays);
        Name = name;
        Clause = clause;
        NoticeMonths = noticeMonths;
        RenewalMonths = renewalMonths;
        NoticeReminderDays = noticeReminderDays;
        EndReminderDays = endReminderDays;
    }

    public string Name { get; }

    public string Clause { get; }

    /// <summary>0 means no notice period: renewal is switched off up to the term's last day.</summary>
    public int NoticeMonths { get; }

    /// <summary>Null: each renewal lasts as long as the initial term.</summary>
    public int? RenewalMonths { get; }

    public int NoticeReminderDays { get; }

    public int EndReminderDays { get; }

    /// <summary>
    /// Seed 004 §16.1: renewed tacitly for the initially agreed duration unless notice is given four
    /// months before the renewal starts. The reminder falls due 30 days before the notice deadline.
    /// </summary>
    public static RenewalClause NoticeFourMonths { get; } = new(
        "notice-4-months", "seed 004 §16.1", noticeMonths: 4, renewalMonths: null, noticeReminderDays: 30, endReminderDays: 30);

    /// <summary>
    /// Seed 002 art. 5.2: renewed for one year at a time unless the customer switches renewal off in
    /// the application; then a reminder at the latest 30 days before the end.
    /// </summary>
    public static RenewalClause CustomerSwitchOff { get; } = new(
        "switch-off", "seed 002 art. 5.2", noticeMonths: 0, renewalMonths: 12, noticeReminderDays: 0, endReminderDays: 30);

    /// <summary>The presets, by name.</summary>
    public static IReadOnlyList<RenewalClause> Presets { get; } = [NoticeFourMonths, CustomerSwitchOff];

    /// <summary>The preset of that name (case-insensitive), or null.</summary>
    public static RenewalClause? Find(string name) =>
        Presets.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}

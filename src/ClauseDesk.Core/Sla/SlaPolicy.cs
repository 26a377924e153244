using ClauseDesk.Calendars;

namespace ClauseDesk.Sla;

/// <summary>
/// How the suspension of the resolution clock while waiting on a third-party supplier ends
/// (seed 001 art. 39.1.3). The clause and SPEC's summary of it differ when the supplier delivers on
/// a day that is not a working day, so the reading is a named setting.
/// </summary>
public enum SupplierResumeReading
{
    /// <summary>
    /// The clause as written (the preset default): suspended up to and including the delivery day
    /// or, when that day falls in the weekend or on a legal holiday (any day that is not a working
    /// day of the calendar), up to and including the next working day after it; the clock resumes at
    /// the first opening after that. A Saturday delivery resumes on Tuesday.
    /// </summary>
    Literal,

    /// <summary>
    /// SPEC §2's summary: the clock resumes at the first opening of the next working day after the
    /// delivery date. A Saturday delivery resumes on Monday.
    /// </summary>
    NextWorkingDay,
}

/// <summary>
/// A service-level policy (SPEC §2): a business calendar, reaction and resolution targets per
/// priority, the clause they come from, the reading of ambiguous clock rules it uses, and the
/// auto-close period. Immutable.
/// </summary>
public sealed class SlaPolicy
{
    private const string ManagedClause = "seed 001 art. 35.3, 39.1.2";

    private static readonly (string Name, Func<SlaPolicy> Create)[] Presets =
    [
        ("managed-type1", () => Managed("managed-type1", "type 1", TimeSpan.FromHours(4), resolution: false)),
        ("managed-type2", () => Managed("managed-type2", "type 2", TimeSpan.FromHours(2), resolution: false)),
        ("managed-type3", () => Managed("managed-type3", "type 3", TimeSpan.FromHours(2), resolution: false)),
        ("managed-type4", () => Managed("managed-type4", "type 4", TimeSpan.FromHours(2), resolution: true)),
        ("managed-type5", () => Managed("managed-type5", "type 5", TimeSpan.FromHours(2), resolution: true)),
        ("software-support", () => new SlaPolicy(
            "software-support",
            BusinessCalendar.Preset("software-support"),
            "seed 004 §8 (response times in office hours); §6 (closed after 10 working days without reply)",
            reaction: Targets(SlaTarget.BusinessHours(4), SlaTarget.BusinessHours(8), SlaTarget.BusinessHours(16), SlaTarget.BusinessHours(40)),
            autoCloseWorkingDays: 10)),
        ("public-desk", () => new SlaPolicy(
            "public-desk",
            BusinessCalendar.Preset("public-desk"),
            "seed 003 (closed when there is no reply within 5 working days)",
            autoCloseWorkingDays: 5)),
        ("24x7", () => new SlaPolicy("24x7", BusinessCalendar.Preset("24x7"), "no contract targets: the 24x7 calendar only")),
    ];

    private static readonly Dictionary<string, SlaPolicy> ByName =
        Presets.ToDictionary(p => p.Name, p => p.Create(), StringComparer.OrdinalIgnoreCase);

    private readonly SlaTarget?[] _reaction;
    private readonly SlaTarget?[] _resolution;

    /// <param name="name">A label shown in workings.</param>
    /// <param name="calendar">The calendar the clocks run on.</param>
    /// <param name="clause">The clause the targets come from, cited in every working.</param>
    /// <param name="reaction">Reaction targets per priority; a missing priority has none. Null: no reaction targets.</param>
    /// <param name="resolution">Resolution targets per priority; a missing priority has none. Null: no resolution targets.</param>
    /// <param name="supplierResume">The reading of art. 39.1.3; default <see cref="SupplierResumeReading.Literal"/>.</param>
    /// <param name="autoCloseWorkingDays">Working days without a reply after which a ticket closes itself; null: never.</param>
    /// <exception cref="ArgumentException">The name or clause is blank, or a target is zero (the <c>default</c> <see cref="SlaTarget"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined priority or reading, or auto-close days not positive.</exception>
    /// <exception cref="ArgumentNullException">The calendar is null.</exception>
    public SlaPolicy(
        string name,
        BusinessCalendar calendar,
        string clause,
        IReadOnlyDictionary<Priority, SlaTarget>? reaction = null,
        IReadOnlyDictionary<Priority, SlaTarget>? resolution = null,
        SupplierResumeReading supplierResume = SupplierResumeReading.Literal,
        int? autoCloseWorkingDays = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(clause);
        Name = name;
        Calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        Clause = clause;
        _reaction = Table(reaction, nameof(reaction));
        _resolution = Table(resolution, nameof(resolution));
        SupplierResume = Enum.IsDefined(supplierResume)
            ? supplierResume
            : throw new ArgumentOutOfRangeException(nameof(supplierResume), supplierResume, "an undefined reading");
        AutoCloseWorkingDays = autoCloseWorkingDays is null or > 0
            ? autoCloseWorkingDays
            : throw new ArgumentOutOfRangeException(nameof(autoCloseWorkingDays), autoCloseWorkingDays, "auto-close needs at least one working day");
    }

    /// <summary>The preset names, in order; the same as <see cref="CalendarPresets.Names"/>.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = [.. Presets.Select(p => p.Name)];

    public string Name { get; }

    public BusinessCalendar Calendar { get; }

    /// <summary>The clause the targets come from.</summary>
    public string Clause { get; }

    /// <summary>The reading of seed 001 art. 39.1.3 used when a supplier has delivered.</summary>
    public SupplierResumeReading SupplierResume { get; }

    /// <summary>Working days without a reply after which a ticket closes itself; null when it never does.</summary>
    public int? AutoCloseWorkingDays { get; }

    /// <summary>A shipped policy (case-insensitive), citing its clause; see <see cref="PresetNames"/>.</summary>
    /// <exception cref="ArgumentException">No preset has that name; the message lists them.</exception>
    public static SlaPolicy Preset(string name) =>
        ByName.TryGetValue(name ?? "", out var policy)
            ? policy
            : throw new ArgumentException($"unknown SLA preset '{name}'; presets: {string.Join(", ", PresetNames)}", nameof(name));

    /// <summary>The reaction target of a priority; null when the policy has none.</summary>
    public SlaTarget? ReactionTarget(Priority priority) => _reaction[Index(priority)];

    /// <summary>The resolution target of a priority; null when the policy has none.</summary>
    public SlaTarget? ResolutionTarget(Priority priority) => _resolution[Index(priority)];

    /// <summary>Windows excluded from every clock under this policy (announced maintenance); empty by default.</summary>
    public IReadOnlyList<ExcludedWindow> Excluded { get; private init; } = [];

    /// <summary>The same policy with another reading of art. 39.1.3.</summary>
    public SlaPolicy WithSupplierResume(SupplierResumeReading reading) =>
        new(Name, Calendar, Clause, Dictionary(_reaction), Dictionary(_resolution), reading, AutoCloseWorkingDays) { Excluded = Excluded };

    /// <summary>The same policy with these windows excluded from its clocks (instead of any before).</summary>
    public SlaPolicy WithExcluded(IReadOnlyList<ExcludedWindow> windows) =>
        new(Name, Calendar, Clause, Dictionary(_reaction), Dictionary(_resolution), SupplierResume, AutoCloseWorkingDays) { Excluded = [.. windows] };

    public override string ToString() => Name;

    private static SlaPolicy Managed(string name, string type, TimeSpan p1Reaction, bool resolution) => new(
        name,
        BusinessCalendar.Preset(name),
        $"{ManagedClause} ({type})",
        reaction: Targets(SlaTarget.BusinessTime(p1Reaction), SlaTarget.BusinessDays(1), SlaTarget.BusinessDays(2), SlaTarget.BusinessDays(3)),
        resolution: resolution
            ? Targets(SlaTarget.BusinessDays(1), SlaTarget.BusinessDays(2), SlaTarget.BusinessDays(3), SlaTarget.BusinessDays(5))
            : null);

    private static Dictionary<Priority, SlaTarget> Targets(SlaTarget p1, SlaTarget p2, SlaTarget p3, SlaTarget p4) => new()
    {
        [Priority.P1] = p1,
        [Priority.P2] = p2,
        [Priority.P3] = p3,
        [Priority.P4] = p4,
    };

    private static SlaTarget?[] Table(IReadOnlyDictionary<Priority, SlaTarget>? targets, string parameter)
    {
        var table = new SlaTarget?[4];
        foreach (var (priority, target) in targets ?? new Dictionary<Priority, SlaTarget>())
        {
            if (!Enum.IsDefined(priority))
            {
                throw new ArgumentOutOfRangeException(parameter, priority, "a priority is P1, P2, P3 or P4");
            }

            if (!target.IsDays && target.Time <= TimeSpan.Zero)
            {
                throw new ArgumentException($"the {priority} target is zero; build targets with SlaTarget.BusinessHours/BusinessDays", parameter);
            }

            table[Index(priority)] = target;
        }

        return table;
    }

    private static Dictionary<Priority, SlaTarget> Dictionary(SlaTarget?[] table) =>
        Enum.GetValues<Priority>().Where(p => table[Index(p)] is not null).ToDictionary(p => p, p => table[Index(p)]!.Value);

    private static int Index(Priority priority) =>
        Enum.IsDefined(priority)
            ? (int)priority - 1
            : throw new ArgumentOutOfRangeException(nameof(priority), priority, "a priority is P1, P2, P3 or P4");
}

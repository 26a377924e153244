using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace ClauseDesk.Contracts;

/// <summary>Where a data breach stands against its notification deadline.</summary>
public enum BreachNotificationStatus
{
    /// <summary>Not notified yet; the deadline has not passed.</summary>
    Open,

    /// <summary>Not notified and the deadline has passed.</summary>
    Overdue,

    /// <summary>Notified on or before the deadline.</summary>
    NotifiedInTime,

    /// <summary>Notified after the deadline.</summary>
    NotifiedLate,
}

/// <summary>
/// An entry of the data-breach register (SPEC §7): the customer must be informed in writing within
/// 48 hours of the breach's discovery (seed 004 §12.9, "zo spoedig mogelijk, maar ten minste binnen
/// 48 uur na ontdekking").
/// </summary>
/// <remarks>
/// The 48 hours are elapsed time on the timeline, whatever the clock shows: across a daylight-saving
/// change the deadline's wall-clock time moves by the hour. Notified exactly at the deadline is in
/// time. Times are shown in <see cref="Zone"/>.
/// </remarks>
public sealed class DataBreach
{
    /// <summary>The notification window: 48 hours.</summary>
    public static readonly Duration NotificationWindow = Duration.FromHours(48);

    private const string Clause = "seed 004 §12.9";
    private const string Reading = "48 elapsed hours from discovery on the timeline, daylight-saving changes included; notified at the deadline is in time";

    private static readonly ZonedDateTimePattern Pattern = ZonedDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss o<g> '('z')'", DateTimeZoneProviders.Tzdb);

    /// <param name="detectedAt">When the breach was discovered.</param>
    /// <param name="description">What happened; not blank.</param>
    /// <param name="zone">The zone times are shown in; default Europe/Brussels.</param>
    /// <param name="notifiedAt">When the customer was informed in writing; null when not yet. Not before <paramref name="detectedAt"/>.</param>
    /// <exception cref="ArgumentException">A blank description.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="notifiedAt"/> before <paramref name="detectedAt"/>.</exception>
    public DataBreach(Instant detectedAt, string description, DateTimeZone? zone = null, Instant? notifiedAt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        if (notifiedAt < detectedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(notifiedAt), notifiedAt, "The notification cannot come before the discovery.");
        }

        DetectedAt = detectedAt;
        Description = description.Trim();
        Zone = zone ?? DateTimeZoneProviders.Tzdb["Europe/Brussels"];
        NotifiedAt = notifiedAt;
    }

    public Instant DetectedAt { get; }

    public string Description { get; }

    public DateTimeZone Zone { get; }

    public Instant? NotifiedAt { get; }

    /// <summary>The deadline for informing the customer: <see cref="DetectedAt"/> + 48 hours.</summary>
    public Computed<Instant> NotifyBy
    {
        get
        {
            var deadline = DetectedAt + NotificationWindow;
            return new Computed<Instant>(deadline, new Working(
                Clause,
                Reading,
                [("discovered", Show(DetectedAt))],
                [$"Inform the customer in writing by {Show(deadline)} (discovery + 48 h)."]));
        }
    }

    /// <summary>The same entry, notified at <paramref name="at"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> before the discovery.</exception>
    public DataBreach Notified(Instant at) => new(DetectedAt, Description, Zone, at);

    /// <summary>Where the entry stands at <paramref name="now"/>, with the working.</summary>
    public Computed<BreachNotificationStatus> StatusAt(Instant now)
    {
        var deadline = NotifyBy.Value;
        var inputs = new List<(string Name, string Value)> { ("discovered", Show(DetectedAt)), ("now", Show(now)) };
        var steps = new List<string> { $"Deadline: {Show(deadline)} (discovery + 48 h)." };
        BreachNotificationStatus status;
        if (NotifiedAt is { } notified)
        {
            inputs.Add(("notified", Show(notified)));
            status = notified <= deadline ? BreachNotificationStatus.NotifiedInTime : BreachNotificationStatus.NotifiedLate;
            steps.Add(status == BreachNotificationStatus.NotifiedInTime
                ? $"Notified {Hours(notified - DetectedAt)} after discovery: in time."
                : $"Notified {Hours(notified - DetectedAt)} after discovery: {Hours(notified - deadline)} late.");
        }
        else
        {
            status = now <= deadline ? BreachNotificationStatus.Open : BreachNotificationStatus.Overdue;
            steps.Add(status == BreachNotificationStatus.Open
                ? $"Not notified yet; {Hours(deadline - now)} left."
                : $"Not notified yet; {Hours(now - deadline)} overdue.");
        }

        return new Computed<BreachNotificationStatus>(status, new Working(Clause, Reading, inputs, steps));
    }

    /// <summary>Whether the notification is, or was, late at <paramref name="now"/>.</summary>
    public bool IsLate(Instant now) => StatusAt(now).Value is BreachNotificationStatus.Overdue or BreachNotificationStatus.NotifiedLate;

    private string Show(Instant t) => Pattern.Format(t.InZone(Zone));

    private static string Hours(Duration d) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)d.TotalHours} h {d.Minutes:00} min");
}

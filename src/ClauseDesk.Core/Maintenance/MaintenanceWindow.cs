using System.Globalization;
using ClauseDesk.Sla;
using NodaTime;

namespace ClauseDesk.Maintenance;

/// <summary>How much notice a maintenance window came with (SPEC §6).</summary>
public enum MaintenanceKind
{
    /// <summary>Announced at least two weeks ahead (seed 001 art. 27.2.3).</summary>
    Planned,

    /// <summary>Needed sooner than two weeks; announced as soon as known.</summary>
    Unplanned,

    /// <summary>Urgent work to keep the service safe or running: may start at once.</summary>
    Critical,
}

/// <summary>
/// A maintenance window a provider announces: which services, which customers (or all), when. Its
/// time is excluded from the SLA clocks of the affected customers' tickets (seed 001 art. 34.4, 38.3)
/// and it is shown on the public status page and in the iCalendar feed.
/// </summary>
public sealed class MaintenanceWindow
{
    /// <summary>Planned maintenance is announced this far ahead (seed 001 art. 27.2.3).</summary>
    public static readonly TimeSpan PlannedNotice = TimeSpan.FromDays(14);

    /// <summary>The longest window the desk accepts: longer work is announced as several windows.</summary>
    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(7);

    /// <summary>How far back an unplanned or critical window may start: the announcement may follow the start of urgent work.</summary>
    public static readonly TimeSpan LateAnnouncement = TimeSpan.FromHours(1);

    private MaintenanceWindow()
    {
    }

    /// <summary>Announces a window.</summary>
    /// <param name="tenantId">The provider.</param>
    /// <param name="kind">Planned, unplanned or critical.</param>
    /// <param name="title">What is done, e.g. <c>Database upgrade</c>: 1–200 characters.</param>
    /// <param name="services">The services affected, e.g. <c>Mail, ERP</c>: 1–500 characters.</param>
    /// <param name="description">What customers should know; may be empty.</param>
    /// <param name="start">The window's first instant.</param>
    /// <param name="end">The instant after it: after <paramref name="start"/>, at most <see cref="LongestWindow"/> later.</param>
    /// <param name="organisations">The customers affected; empty: every customer of the provider.</param>
    /// <param name="announcedBy">Who announces it.</param>
    /// <param name="now">The moment of the announcement.</param>
    /// <exception cref="DeskRuleException">
    /// A field is blank or too long, the window is empty or too long, a planned window starts less than
    /// two weeks ahead, or any window starts more than <see cref="LateAnnouncement"/> ago.
    /// </exception>
    public static MaintenanceWindow Announce(Guid tenantId, MaintenanceKind kind, string title, string services, string? description,
        DateTimeOffset start, DateTimeOffset end, IReadOnlyCollection<Guid> organisations, string announcedBy, DateTimeOffset now)
    {
        Require("title", title, 200);
        Require("services", services, 500);
        if ((description?.Length ?? 0) > 4000)
        {
            throw new DeskRuleException("description", "at most 4000 characters");
        }

        if (end <= start)
        {
            throw new DeskRuleException("end", "a window ends after it starts");
        }

        if (end - start > LongestWindow)
        {
            throw new DeskRuleException("end", "a window lasts at most 7 days; announce longer work as several windows");
        }

        if (kind == MaintenanceKind.Planned && start < now + PlannedNotice)
        {
            throw new DeskRuleException("start",
                $"planned maintenance is announced at least 2 weeks ahead: the earliest start now is {(now + PlannedNotice).ToUniversalTime():yyyy-MM-dd HH:mm} UTC; announce it as unplanned or critical if it cannot wait",
                "seed 001 art. 27.2.3");
        }

        if (start < now - LateAnnouncement)
        {
            throw new DeskRuleException("start", "a window cannot be announced after the fact: it may start at most 1 hour before its announcement");
        }

        return new MaintenanceWindow
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Kind = kind,
            Title = title.Trim(),
            Services = services.Trim(),
            Description = description?.Trim() ?? "",
            Start = start.ToUniversalTime(),
            End = end.ToUniversalTime(),
            Organisations = string.Join(",", organisations.Distinct().Order()),
            AnnouncedAt = now.ToUniversalTime(),
            AnnouncedBy = announcedBy,
        };
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public MaintenanceKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string Services { get; private set; } = "";
    public string Description { get; private set; } = "";
    public DateTimeOffset Start { get; private set; }
    public DateTimeOffset End { get; private set; }

    /// <summary>The affected organisations' ids, comma-separated; empty: all customers.</summary>
    public string Organisations { get; private set; } = "";

    public DateTimeOffset AnnouncedAt { get; private set; }
    public string AnnouncedBy { get; private set; } = "";
    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelledBy { get; private set; }

    /// <summary>Every customer of the provider is affected.</summary>
    public bool AffectsEveryone => Organisations.Length == 0;

    public IReadOnlyList<Guid> OrganisationIds =>
        AffectsEveryone ? [] : [.. Organisations.Split(',').Select(s => Guid.Parse(s, CultureInfo.InvariantCulture))];

    public bool Affects(Guid organisationId) => CancelledAt is null && (AffectsEveryone || Organisations.Contains(organisationId.ToString(), StringComparison.Ordinal));

    /// <summary>
    /// Cancels a window that has not ended: a cancelled window no longer suspends any clock. A window
    /// that already ended stays, because the tickets' SLA history relied on it.
    /// </summary>
    /// <exception cref="DeskRuleException">It is already cancelled or has ended.</exception>
    public void Cancel(string by, DateTimeOffset now)
    {
        if (CancelledAt is not null)
        {
            throw new DeskRuleException("status", "this window is already cancelled");
        }

        if (End <= now)
        {
            throw new DeskRuleException("status", "this window has ended: the SLA history of its tickets relies on it");
        }

        // Cancelled while under way: it ends now, so the time already excluded stays excluded.
        if (Start < now)
        {
            End = now.ToUniversalTime();
        }
        else
        {
            CancelledAt = now.ToUniversalTime();
        }

        CancelledBy = by;
    }

    /// <summary>The window as the SLA engine excludes it, labelled in the calendar's zone.</summary>
    public ExcludedWindow Excluded(DateTimeZone zone)
    {
        var start = Instant.FromDateTimeOffset(Start).InZone(zone);
        var end = Instant.FromDateTimeOffset(End).InZone(zone);
        var pattern = start.Date == end.Date ? "HH:mm" : "ddd yyyy-MM-dd HH:mm";
        var label = string.Create(CultureInfo.InvariantCulture,
            $"{Kind} maintenance \"{Title}\" {start.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}–{end.ToString(pattern, CultureInfo.InvariantCulture)} ({start.Offset.ToString("+HH:mm", CultureInfo.InvariantCulture)})");
        return new ExcludedWindow(Start, End, label);
    }

    private static void Require(string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DeskRuleException(field, "required");
        }

        if (value.Trim().Length > max)
        {
            throw new DeskRuleException(field, $"at most {max} characters");
        }
    }
}

using NodaTime;

namespace ClauseDesk.Billing.Time;

/// <summary>Where the work was done.</summary>
public enum WorkPlace
{
    /// <summary>From a distance (seed 001 art. 24.5: the rule).</summary>
    Remote,

    /// <summary>At the customer's premises: minimum charge and travel apply.</summary>
    OnSite,
}

/// <summary>
/// Time spent on a ticket: [<see cref="Start"/>, <see cref="End"/>) on the timeline, where it was
/// done, and the kilometres travelled for it.
/// </summary>
public sealed record TimeEntry
{
    /// <summary>The longest entry accepted: 14 days.</summary>
    public static readonly Duration MaxLength = Duration.FromDays(14);

    /// <summary>The most kilometres accepted on one entry: 10,000.</summary>
    public const decimal MaxKm = 10_000m;

    /// <param name="start">When the work started; on a whole minute.</param>
    /// <param name="end">When it ended; on a whole minute, after <paramref name="start"/>, at most <see cref="MaxLength"/> later.</param>
    /// <param name="place">Remote or on site.</param>
    /// <param name="travelKm">Kilometres travelled (there and back), 0–<see cref="MaxKm"/>; only on site.</param>
    /// <exception cref="ArgumentException">A time not on a whole minute, or travel for remote work.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An end not after the start, too long an entry, or kilometres out of bounds.</exception>
    public TimeEntry(Instant start, Instant end, WorkPlace place = WorkPlace.Remote, decimal travelKm = 0m)
    {
        // Opening windows are whole minutes; whole-minute entries keep every line in whole minutes.
        if (start.ToUnixTimeTicks() % NodaConstants.TicksPerMinute != 0)
        {
            throw new ArgumentException("The start must be on a whole minute.", nameof(start));
        }

        if (end.ToUnixTimeTicks() % NodaConstants.TicksPerMinute != 0)
        {
            throw new ArgumentException("The end must be on a whole minute.", nameof(end));
        }

        if (end <= start || end - start > MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "The end must be after the start, at most 14 days later.");
        }

        if (travelKm is < 0m or > MaxKm)
        {
            throw new ArgumentOutOfRangeException(nameof(travelKm), travelKm, $"Kilometres from 0 to {MaxKm}.");
        }

        if (travelKm > 0m && place != WorkPlace.OnSite)
        {
            throw new ArgumentException("Travel is only charged for work on site.", nameof(travelKm));
        }

        Start = start;
        End = end;
        Place = place;
        TravelKm = travelKm;
    }

    public Instant Start { get; }

    public Instant End { get; }

    public WorkPlace Place { get; }

    public decimal TravelKm { get; }

    /// <summary>Whole minutes worked.</summary>
    public long Minutes => (long)(End - Start).TotalMinutes;
}

/// <summary>A stretch of a <see cref="TimeEntry"/> in one <see cref="TimeCategory"/>, [<see cref="Start"/>, <see cref="End"/>).</summary>
public sealed record TimeSegment(TimeCategory Category, Instant Start, Instant End)
{
    /// <summary>Whole minutes in the segment.</summary>
    public long Minutes => (long)(End - Start).TotalMinutes;
}

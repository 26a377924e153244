namespace ClauseDesk.Sla;

/// <summary>
/// A period the contract excludes from every clock of the tickets it affects, without anyone pausing
/// them: announced maintenance (seed 001 art. 34.4, 38.3; SPEC §6). A window that lies ahead already
/// moves a running clock's due; time in it is never counted as used.
/// </summary>
public sealed record ExcludedWindow
{
    /// <param name="start">The window's first instant.</param>
    /// <param name="end">The instant after it; later than <paramref name="start"/>.</param>
    /// <param name="label">What the working calls it, e.g. <c>Planned maintenance "Database upgrade", Sat 5 Dec 22:00–02:00 CET</c>.</param>
    /// <exception cref="ArgumentException">The end is not after the start, or the label is blank.</exception>
    public ExcludedWindow(DateTimeOffset start, DateTimeOffset end, string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        if (end <= start)
        {
            throw new ArgumentException("a window ends after it starts", nameof(end));
        }

        Start = start;
        End = end;
        Label = label;
    }

    public DateTimeOffset Start { get; }
    public DateTimeOffset End { get; }
    public string Label { get; }
}

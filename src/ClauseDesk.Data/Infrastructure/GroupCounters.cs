namespace ClauseDesk.Data.Infrastructure;

/// <summary>
/// The counters a commit group's first pass draws from: each row is read and held once, counted in
/// memory while the members run one after the other, and written back once before the commit. A
/// member that fails gives back what it drew, since nobody drew after it.
/// </summary>
/// <remarks>
/// A counter whose last value the lane committed itself (<paramref name="known"/>) is not read first:
/// the group takes that value and writes its own last only where the row still holds it, which the
/// write checks (<see cref="Writes"/>). So a lane that is the counter's only writer saves a round trip
/// per group, and one that is not finds out before its commit.
/// </remarks>
internal sealed class GroupCounters(IReadOnlyDictionary<(string Key, int Year), long>? known = null) : INumberSource
{
    private readonly Dictionary<(string Key, int Year), (long Held, long Last)> _values = [];

    // Counters taken from what the lane knows, not read and held.
    private readonly HashSet<(string Key, int Year)> _unread = [];

    public async Task<long> NextAsync(DeskDbContext db, string key, int year, CancellationToken cancellation)
    {
        if (!_values.TryGetValue((key, year), out var value))
        {
            var held = await StartAsync(db, key, year, cancellation);
            value = (held, held);
        }

        _values[(key, year)] = (value.Held, value.Last + 1);
        return value.Last + 1;
    }

    /// <summary>What a member that drew ahead finds: its numbers taken, to wait for, or wrong.</summary>
    public enum Verdict
    {
        Taken,
        Wait,
        Again,
    }

    /// <summary>
    /// Takes the numbers a member drew ahead if each is the next of its counter; else says whether the
    /// next one is still being prepared by someone (wait for it) or is not coming (prepare again).
    /// </summary>
    public async Task<Verdict> TakeAsync(DeskDbContext db, IReadOnlyList<Draw> draws, NumbersAhead ahead, CancellationToken cancellation)
    {
        var mark = Mark();
        foreach (var draw in draws)
        {
            if (!_values.TryGetValue((draw.Key, draw.Year), out var value))
            {
                var held = await StartAsync(db, draw.Key, draw.Year, cancellation);
                value = (held, held);
                _values[(draw.Key, draw.Year)] = value;
            }

            var next = value.Last + 1;
            if (draw.Value != next)
            {
                Revert(mark);
                return draw.Value > next && ahead.IsComing(draw.Key, draw.Year, next) ? Verdict.Wait : Verdict.Again;
            }

            _values[(draw.Key, draw.Year)] = (value.Held, next);
        }

        return Verdict.Taken;
    }

    /// <summary>Tells the numbers ahead what the group committed.</summary>
    public void Committed(NumbersAhead ahead)
    {
        foreach (var ((key, year), (_, last)) in _values)
        {
            ahead.Committed(key, year, last);
        }
    }

    /// <summary>Where the counters stand now, to go back to if the next member fails.</summary>
    public KeyValuePair<(string Key, int Year), (long Held, long Last)>[] Mark() => [.. _values];

    public void Revert(KeyValuePair<(string Key, int Year), (long Held, long Last)>[] mark)
    {
        foreach (var key in _values.Keys.ToList())
        {
            if (!mark.Any(m => m.Key == key))
            {
                // First drawn by the failed member: its row stays held, at the value it was read with.
                _values[key] = (_values[key].Held, _values[key].Held);
            }
        }

        foreach (var (key, value) in mark)
        {
            _values[key] = value;
        }
    }

    /// <summary>
    /// Every counter that moved, as statements to send with the group's rows (PostgreSQL); a counter
    /// that was not read changes only if it still has the value the group took, and the statement must
    /// then change exactly one row.
    /// </summary>
    public IReadOnlyList<(string Sql, object[] Values, bool OneRow)> Writes() =>
        [.. _values.Where(v => v.Value.Last != v.Value.Held).Select(v => _unread.Contains(v.Key)
            ? (Counters.SetIfStillSql, new object[] { v.Key.Key, v.Key.Year, v.Value.Last, v.Value.Held }, true)
            : (Counters.SetHeldSql, new object[] { v.Key.Key, v.Key.Year, v.Value.Last }, false))];

    /// <summary>Every counter's last value as the group will commit it.</summary>
    public IEnumerable<((string Key, int Year) Counter, long Last)> Lasts() => _values.Select(v => (v.Key, v.Value.Last));

    private async Task<long> StartAsync(DeskDbContext db, string key, int year, CancellationToken cancellation)
    {
        if (known is not null && known.TryGetValue((key, year), out var last))
        {
            _unread.Add((key, year));
            return last;
        }

        return await Counters.HoldAsync(db, key, year, cancellation);
    }

    /// <summary>Writes every counter that moved, in the group's transaction.</summary>
    public async Task WriteAsync(DeskDbContext db, CancellationToken cancellation)
    {
        foreach (var ((key, year), (held, last)) in _values)
        {
            if (last != held)
            {
                await Counters.SetAsync(db, key, year, last, cancellation);
            }
        }
    }
}

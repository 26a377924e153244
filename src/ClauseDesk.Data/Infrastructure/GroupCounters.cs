namespace ClauseDesk.Data.Infrastructure;

/// <summary>
/// The counters a commit group's first pass draws from: each row is read and held once, counted in
/// memory while the members run one after the other, and written back once before the commit. A
/// member that fails gives back what it drew, since nobody drew after it.
/// </summary>
internal sealed class GroupCounters : INumberSource
{
    private readonly Dictionary<(string Key, int Year), (long Held, long Last)> _values = [];

    public async Task<long> NextAsync(DeskDbContext db, string key, int year, CancellationToken cancellation)
    {
        if (!_values.TryGetValue((key, year), out var value))
        {
            var held = await Counters.HoldAsync(db, key, year, cancellation);
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
                var held = await Counters.HoldAsync(db, draw.Key, draw.Year, cancellation);
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

    /// <summary>Every counter that moved, as statements to send with the group's rows (PostgreSQL).</summary>
    public IReadOnlyList<(string Sql, object[] Values)> Writes() =>
        [.. _values.Where(v => v.Value.Last != v.Value.Held).Select(v => (Counters.SetHeldSql, new object[] { v.Key.Key, v.Key.Year, v.Value.Last }))];

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

namespace ClauseDesk.Data.Infrastructure;

/// <summary>Where a context's work draws its numbers while it runs for a commit group.</summary>
internal interface INumberSource
{
    Task<long> NextAsync(DeskDbContext db, string key, int year, CancellationToken cancellation);
}

/// <summary>A number a member drew before it joined its group.</summary>
internal readonly record struct Draw(string Key, int Year, long Value);

/// <summary>
/// Numbers handed out ahead of the group that writes them, so that a request can prepare everything
/// that depends on its number (the ticket, its notices, its answer) on its own thread, before it
/// queues for the writer. They are only proposals: the group takes a member's number only if it is
/// the next one after the counter it holds, and prepares the member again otherwise. A number still
/// being prepared, or given back and soon handed out again, is waited for.
/// </summary>
internal sealed class NumbersAhead
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Key, int Year), Series> _series = [];

    private sealed class Series(long next)
    {
        public long Next { get; set; } = next;

        // Handed out, and their members not yet taken into a group.
        public HashSet<long> Outstanding { get; } = [];

        // Given back below Next: handed out again first.
        public SortedSet<long> Holes { get; } = [];
    }

    /// <summary>A source for one member's work, recording what it drew.</summary>
    public Drawing StartDrawing() => new(this);

    /// <summary>Whether someone is preparing this number, or soon will be: worth waiting for.</summary>
    public bool IsComing(string key, int year, long value)
    {
        lock (_lock)
        {
            return _series.TryGetValue((key, year), out var series) && (series.Outstanding.Contains(value) || series.Holes.Contains(value));
        }
    }

    /// <summary>The member was taken into a group with these numbers: nobody is preparing them any more.</summary>
    public void Arrived(IReadOnlyList<Draw> draws) => Settle(draws, giveBack: false);

    /// <summary>The member failed before it was taken: its numbers are handed out again.</summary>
    public void GiveBack(IReadOnlyList<Draw> draws) => Settle(draws, giveBack: true);

    /// <summary>Numbers below <paramref name="value"/> waited for too long: the group fills them itself.</summary>
    public void AbandonBelow(string key, int year, long value)
    {
        lock (_lock)
        {
            if (_series.TryGetValue((key, year), out var series))
            {
                series.Outstanding.RemoveWhere(v => v < value);
                series.Holes.RemoveWhere(v => v < value);
            }
        }
    }

    /// <summary>A group committed <paramref name="last"/> as the key's last value: nothing up to it is handed out again.</summary>
    public void Committed(string key, int year, long last)
    {
        lock (_lock)
        {
            if (!_series.TryGetValue((key, year), out var series))
            {
                return;
            }

            series.Next = Math.Max(series.Next, last + 1);
            series.Outstanding.RemoveWhere(v => v <= last);
            series.Holes.RemoveWhere(v => v <= last);
        }
    }

    /// <summary>Forgets every proposal: a group that could not say what it committed.</summary>
    public void Forget()
    {
        lock (_lock)
        {
            _series.Clear();
        }
    }

    private async Task<long> DrawAsync(DeskDbContext db, string key, int year, CancellationToken cancellation)
    {
        bool known;
        lock (_lock)
        {
            known = _series.ContainsKey((key, year));
        }

        if (!known)
        {
            var last = await Counters.ReadAsync(db, key, year, cancellation);
            lock (_lock)
            {
                _series.TryAdd((key, year), new Series(last + 1));
            }
        }

        lock (_lock)
        {
            var series = _series[(key, year)];
            long value;
            if (series.Holes.Count > 0)
            {
                value = series.Holes.Min;
                series.Holes.Remove(value);
            }
            else
            {
                value = series.Next++;
            }

            series.Outstanding.Add(value);
            return value;
        }
    }

    private void Settle(IReadOnlyList<Draw> draws, bool giveBack)
    {
        lock (_lock)
        {
            for (var i = draws.Count - 1; i >= 0; i--)
            {
                var draw = draws[i];
                if (!_series.TryGetValue((draw.Key, draw.Year), out var series))
                {
                    continue;
                }

                if (!series.Outstanding.Remove(draw.Value) || !giveBack)
                {
                    continue;
                }

                series.Holes.Add(draw.Value);
                // Holes at the top are no holes: hand those numbers out next in order.
                while (series.Holes.Count > 0 && series.Holes.Max == series.Next - 1)
                {
                    series.Holes.Remove(series.Next - 1);
                    series.Next--;
                }
            }
        }
    }

    /// <summary>One member's drawing ahead.</summary>
    public sealed class Drawing(NumbersAhead ahead) : INumberSource
    {
        private readonly List<Draw> _draws = [];

        public IReadOnlyList<Draw> Draws => _draws;

        public async Task<long> NextAsync(DeskDbContext db, string key, int year, CancellationToken cancellation)
        {
            var value = await ahead.DrawAsync(db, key, year, cancellation);
            _draws.Add(new Draw(key, year, value));
            return value;
        }
    }
}

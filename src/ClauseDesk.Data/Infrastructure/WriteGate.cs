namespace ClauseDesk.Data.Infrastructure;

/// <summary>
/// Lets one request of this process at a time into a SQLite write transaction. SQLite admits one
/// writer anyway; without the gate the others wait in its busy handler, which sleeps in steps of up
/// to 100 ms and so puts the slowest requests far behind. Here they queue in order instead.
/// PostgreSQL locks rows, not the database: there the gate lets everyone through.
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim _sqlite = new(1, 1);

    public WriteGate()
    {
        Groups = new CommitGroups(this);
    }

    /// <summary>Writes that commit together with those of other requests waiting at the same time.</summary>
    public CommitGroups Groups { get; }

    /// <summary>Waits for the gate when the context is on SQLite; dispose the result to leave.</summary>
    public async ValueTask<IDisposable> EnterAsync(DeskDbContext db, CancellationToken cancellation)
    {
        if (!db.IsSqlite)
        {
            return Open.Instance;
        }

        await _sqlite.WaitAsync(cancellation);
        return new Passage(_sqlite);
    }

    private sealed class Passage(SemaphoreSlim gate) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private sealed class Open : IDisposable
    {
        public static readonly Open Instance = new();

        public void Dispose()
        {
        }
    }
}

using System.Collections.Concurrent;
using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ClauseDesk.Data.Infrastructure;

/// <summary>
/// Rows every request looks up on its way in (its API token and person, the provider, the contract
/// with its maintenance windows), kept in memory per database and trusted only under the
/// <see cref="ReadStamp"/> they were read under. The database raises the stamp in the same transaction
/// as any write to those tables (triggers, so raw SQL and other servers count too); a request reads the
/// stamp first, in one small query, and reloads whatever was cached under another. A revoked token or
/// a changed contract therefore stops being used by the first request that starts after the change
/// committed.
/// </summary>
/// <remarks>
/// Cached objects are shared by concurrent requests: they are loaded without tracking and must be
/// treated as read-only. Nothing that was not found is cached.
/// </remarks>
public sealed class ReadCache
{
    // Far above the tokens, people and contracts one desk has; a bound against a key space gone wrong.
    private const int MaxEntries = 50_000;

    private static readonly ConcurrentDictionary<string, ReadCache> ByDatabase = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<(string Kind, Guid Tenant, Guid Id), Entry> _entries = new();
    private long _newest = -1;

    private sealed record Entry(long Stamp, object Value);

    /// <summary>The cache of the context's database (one per connection string in this process).</summary>
    public static ReadCache Of(DeskDbContext db) => ByDatabase.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new ReadCache());

    /// <summary>
    /// The database's current stamp, read in the context's transaction if it has one; null when the
    /// database has no stamp (a schema before migration 15): then nothing is cached. Outside a
    /// transaction a context reads it once (a request's sign-in and its work share one read) until it
    /// saves, and shares that read with the requests that ask at the same time (<see cref="SharedStampAsync"/>).
    /// </summary>
    public static async Task<long?> StampAsync(DeskDbContext db, CancellationToken cancellation)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await ReadStampAsync(db, cancellation);
        }

        if (db.SeenStamp is { } seen)
        {
            return seen;
        }

        // SQLite reads in-process, without a round trip: there a read of one's own costs less than waiting.
        var stamp = db.IsSqlite
            ? await ReadStampAsync(db, cancellation)
            : await Of(db).SharedStampAsync(db.Database.GetConnectionString() ?? "").WaitAsync(cancellation);
        db.SeenStamp = stamp;
        return stamp;
    }

    private SharedRead<long?>? _stampReads;

    /// <summary>
    /// The stamp as read by a query that started after this call, shared with everyone who asks while
    /// it is on its way: under load the requests of a moment need one read between them, not one each
    /// (on PostgreSQL the reads had been about a third of the database's processor).
    /// </summary>
    private Task<long?> SharedStampAsync(string connectionString)
    {
        var reads = Volatile.Read(ref _stampReads);
        if (reads is null)
        {
            Interlocked.CompareExchange(ref _stampReads, new SharedRead<long?>(async () =>
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = StampSql;
                return Stamp(await command.ExecuteScalarAsync());
            }), null);
            reads = _stampReads!;
        }

        return reads.ReadAsync();
    }

    private const string StampSql = "SELECT value FROM read_stamps WHERE id = 1";

    private static long? Stamp(object? value) => value is not null and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static async Task<long?> ReadStampAsync(DeskDbContext db, CancellationToken cancellation)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellation);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = StampSql;
            return Stamp(await command.ExecuteScalarAsync(cancellation));
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>
    /// The value cached for <paramref name="kind"/>, <paramref name="tenant"/> and <paramref name="id"/>
    /// under <paramref name="stamp"/>, else what <paramref name="load"/> reads now (kept when found).
    /// </summary>
    public async Task<T?> GetAsync<T>(long? stamp, string kind, Guid tenant, Guid id, Func<CancellationToken, Task<T?>> load, CancellationToken cancellation)
        where T : class
    {
        if (stamp is not { } current)
        {
            return await load(cancellation);
        }

        var key = (kind, tenant, id);
        if (_entries.TryGetValue(key, out var entry) && entry.Stamp == current)
        {
            return (T)entry.Value;
        }

        var value = await load(cancellation);
        if (value is not null)
        {
            Keep(key, current, value);
        }

        return value;
    }

    private void Keep((string Kind, Guid Tenant, Guid Id) key, long stamp, object value)
    {
        var newest = Interlocked.Read(ref _newest);
        if (stamp < newest)
        {
            // Read under an older stamp than others already saw: good for its own request only.
            return;
        }

        if (stamp > newest && Interlocked.CompareExchange(ref _newest, stamp, newest) == newest)
        {
            // Everything cached so far is outdated: drop it rather than let it pile up.
            _entries.Clear();
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(stamp, value);
    }
}

using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ClauseDesk.Data.Infrastructure;

/// <summary>
/// Commits the writes of concurrent requests together (group commit): whoever arrives while a group
/// is being written waits for the next one, which then holds everyone who arrived meanwhile. A group
/// is one transaction on one connection — one fsync on SQLite, one commit and one hold of a counter
/// row on PostgreSQL — in which the requests' work runs one after the other, each on its own context.
/// A member refused before it sent anything fails alone and gives its numbers back; one that fails
/// after its save started sends the group round again, each member then in a savepoint of its own,
/// so that its rows go and the others' stay. A group whose commit fails fails all of its requests.
/// Nobody is answered before the commit.
/// </summary>
public sealed class CommitGroups(WriteGate gate)
{
    // Enough to take a queue of 32 requests in one or two groups; a bound on one transaction's size.
    private const int MaxGroup = 64;

    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    private long _secondPasses;

    /// <summary>How many groups had to be written a second time, each member in a savepoint.</summary>
    public long SecondPasses => Interlocked.Read(ref _secondPasses);

    private long _countersMoved;

    /// <summary>
    /// How many groups took a counter from what their lane had committed and found that another
    /// writer had moved it meanwhile, and so went round again holding their counters (PostgreSQL).
    /// </summary>
    public long CountersMoved => Interlocked.Read(ref _countersMoved);

    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="db"/> inside the next group's transaction and
    /// completes once that transaction has committed. The context must have no transaction, no open
    /// connection and nothing tracked of its own; the work gets no cancellation, since it runs for
    /// the group. The work writes only through <c>SaveChanges</c> and may run twice: when a member of
    /// the first pass fails after its save started, the group is rolled back and runs again, each
    /// member in a savepoint, on contexts cleared of what the first pass tracked.
    /// </summary>
    public async Task<T> RunAsync<T>(DeskDbContext db, Func<Task<T>> work)
    {
        var connectionString = ConnectionString(db);
        var lane = _lanes.GetOrAdd(connectionString, _ => new Lane(gate, this, !db.IsSqlite));
        var member = new Member<T>(db, connectionString, work);
        if (!await member.PrepareAheadAsync(lane.Ahead))
        {
            // Refused before it queued: nothing of it reached the database.
            ExceptionDispatchInfo.Throw(member.Error!);
        }

        lane.Join(member);
        return await member.Task;
    }

    private static string ConnectionString(DeskDbContext db) =>
        db.GetService<IDbContextOptions>().Extensions.OfType<RelationalOptionsExtension>().First().ConnectionString
            ?? throw new InvalidOperationException("the context has no connection string");

    private abstract class Member(DeskDbContext db, string connectionString)
    {
        public DeskDbContext Db { get; } = db;
        public string ConnectionString { get; } = connectionString;
        public Exception? Error { get; set; }

        /// <summary>What the work prepared on the request's own thread, with numbers drawn ahead.</summary>
        public (GroupRows Rows, IReadOnlyList<Draw> Draws)? Prepared { get; set; }

        /// <summary>Left for the next group: a number before its own is still being prepared.</summary>
        public bool Deferred { get; set; }

        public abstract Task RunAsync();

        public abstract void Complete();

        public abstract void Fail(Exception error);

        /// <summary>
        /// Runs the work ahead of the group, its saves prepared and its numbers proposed; false when
        /// the work was refused (then <see cref="Error"/> says why). A work whose save holds more than
        /// additions runs in the group instead.
        /// </summary>
        public async Task<bool> PrepareAheadAsync(NumbersAhead ahead)
        {
            var drawing = ahead.StartDrawing();
            var rows = new GroupRows { Ahead = true };
            Db.Numbers = drawing;
            Db.GroupRows = rows;
            try
            {
                await RunAsync();
                Prepared = (rows, drawing.Draws);
                return true;
            }
            catch (CannotPrepareAheadException)
            {
                ahead.GiveBack(drawing.Draws);
                Db.ChangeTracker.Clear();
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ahead.GiveBack(drawing.Draws);
                Error = e;
                return false;
            }
            finally
            {
                Db.Numbers = null;
                Db.GroupRows = null;
            }
        }
    }

    private sealed class Member<T>(DeskDbContext db, string connectionString, Func<Task<T>> work) : Member(db, connectionString)
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _done.Task;

        public override async Task RunAsync() => _result = await work();

        public override void Complete() => _done.TrySetResult(_result);

        public override void Fail(Exception error) => _done.TrySetException(error);
    }

    /// <summary>
    /// The groups of one database, written one after the other, started by a thread of its own: the
    /// writer is the part every creation queues for, so waking it must not wait in the thread pool's
    /// queue behind the requests it holds up.
    /// </summary>
    private sealed class Lane
    {
        private readonly WriteGate _gate;
        private readonly ConcurrentQueue<Member> _waiting = new();
        private readonly SemaphoreSlim _wake = new(0);
        private int _writing;

        private readonly CommitGroups _groups;

        // Members left for the next group, and since when the writer has found nothing else to do.
        private readonly List<Member> _held = [];
        private long _waitingSince;

        // A number waited for this long is taken as lost: whoever prepared it will be prepared again.
        private static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(50);

        public NumbersAhead Ahead { get; } = new();

        // On PostgreSQL, the counters' last values as this lane committed them: a group takes them
        // without reading and holding the rows first (a round trip), and its write checks them. After
        // a group found one moved (another process draws too), groups hold their counters for a while.
        private readonly Dictionary<(string Key, int Year), long>? _known;
        private int _holdFor;
        private bool _moved;
        private const int HoldAfterMoved = 200;

        public Lane(WriteGate gate, CommitGroups groups, bool postgres)
        {
            _gate = gate;
            _groups = groups;
            _known = postgres ? [] : null;
            new Thread(Run) { IsBackground = true, Name = "ClauseDesk group commit" }.Start();
        }

        public void Join(Member member)
        {
            _waiting.Enqueue(member);

            if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
            {
                _wake.Release();
            }
        }

        private void Run()
        {
            // The thread wakes the writer without a trip through the pool's queue; after the writer's
            // first wait for the database it goes on where the database's answer arrives (the pool).
            // Keeping it on this thread (a synchronization context) was tried: in three interleaved runs
            // each it was no faster, within this machine's run-to-run spread.
            while (true)
            {
                _wake.Wait();
                WriteAsync().GetAwaiter().GetResult();
            }
        }

        private async Task WriteAsync()
        {
            while (true)
            {
                var group = new List<Member>(_held);
                _held.Clear();
                while (group.Count < MaxGroup && _waiting.TryDequeue(out var member))
                {
                    group.Add(member);
                    if (member.Prepared is { } prepared)
                    {
                        // Taken into a group: a group that misses its numbers no longer waits for them.
                        Ahead.Arrived(prepared.Draws);
                    }
                }

                if (group.Count == 0)
                {
                    Volatile.Write(ref _writing, 0);
                    // Someone may have joined between the last look and the flag going down.
                    if (_waiting.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
                    {
                        return;
                    }

                    continue;
                }

                var written = await WriteGroupAsync(group);
                if (written || _held.Count == 0)
                {
                    _waitingSince = 0;
                }
                else if (_waitingSince == 0)
                {
                    _waitingSince = Stopwatch.GetTimestamp();
                }
                else if (Stopwatch.GetElapsedTime(_waitingSince) > LongestWait)
                {
                    // The number waited for is not coming (its request is stuck or gone): go on without it.
                    foreach (var member in _held)
                    {
                        foreach (var draw in member.Prepared?.Draws ?? [])
                        {
                            Ahead.AbandonBelow(draw.Key, draw.Year, draw.Value);
                        }
                    }

                    _waitingSince = 0;
                }
                else
                {
                    // Only members waiting for a number that is still being prepared: let it come.
                    Thread.Sleep(1);
                }
            }
        }

        /// <summary>Writes a group; false when all of it was left for the next one.</summary>
        private async Task<bool> WriteGroupAsync(List<Member> group)
        {
            // Members that drew numbers ahead go in the order of their numbers.
            group = [.. group.OrderBy(m => m.Prepared is { Draws.Count: > 0 } p ? p.Draws[0].Value : long.MinValue)];

            // First as one: no savepoints, the numbers counted in memory and written once; a group that
            // found a counter moved under it goes round once more as one, its counters held. Only when a
            // member fails in a way that may have left rows behind does the group go round again, each
            // member in a savepoint of its own.
            if (!await TryWriteAsync(group, isolated: false) && !(_moved && await TryWriteAsync(group, isolated: false)))
            {
                Interlocked.Increment(ref _groups._secondPasses);
                await TryWriteAsync(group, isolated: true);
            }

            var written = false;
            foreach (var member in group)
            {
                if (member.Deferred)
                {
                    member.Deferred = false;
                    _held.Add(member);
                }
                else if (member.Error is { } error)
                {
                    member.Fail(error);
                    written = true;
                }
                else
                {
                    member.Complete();
                    written = true;
                }
            }

            return written;
        }

        /// <summary>
        /// Writes the group in one transaction. Without isolation, returns false (everything rolled
        /// back) when a member failed after its save had started sending statements.
        /// </summary>
        private async Task<bool> TryWriteAsync(List<Member> group, bool isolated)
        {
            var first = group[0].Db;
            var lent = new List<Member>();
            var counters = isolated ? null : new GroupCounters(_holdFor > 0 ? null : _known);
            _holdFor = Math.Max(0, _holdFor - 1);
            _moved = false;
            var rows = isolated ? null : new GroupRows();
            foreach (var member in group)
            {
                member.Error = null;
                member.Deferred = false;
                if (isolated)
                {
                    // What the first pass saved or prepared was rolled back: the work starts afresh.
                    member.Db.ChangeTracker.Clear();
                    member.Prepared = null;
                }
                else if (member.Prepared is null)
                {
                    // A first pass gone round again: a member that ran in the group starts afresh; one
                    // prepared ahead keeps its rows, and its numbers are checked again.
                    member.Db.ChangeTracker.Clear();
                }
            }

            var waiting = false;

            try
            {
                using var passage = await _gate.EnterAsync(first, CancellationToken.None);
                await first.Database.OpenConnectionAsync();
                try
                {
                    await using var transaction = await first.Database.BeginTransactionAsync();
                    var shared = first.Database.GetDbConnection();
                    for (var i = 0; i < group.Count; i++)
                    {
                        var member = group[i];
                        if (counters is not null && rows is not null && member.Prepared is { } prepared)
                        {
                            if (waiting)
                            {
                                member.Deferred = true;
                                continue;
                            }

                            var verdict = await counters.TakeAsync(first, prepared.Draws, Ahead, CancellationToken.None);
                            if (verdict == GroupCounters.Verdict.Taken)
                            {
                                rows.Adopt(i, prepared.Rows);
                                continue;
                            }

                            if (verdict == GroupCounters.Verdict.Wait)
                            {
                                // The number before it is still being prepared: it and those after it wait.
                                waiting = true;
                                member.Deferred = true;
                                continue;
                            }

                            // Its number is taken or was never coming: prepare it again, here, with the group's.
                            member.Prepared = null;
                            member.Db.ChangeTracker.Clear();
                        }

                        if (i > 0)
                        {
                            // The member's context writes through the group's connection and transaction.
                            member.Db.Database.SetDbConnection(shared, contextOwnsConnection: false);
                            lent.Add(member);
                            await member.Db.Database.UseTransactionAsync(transaction.GetDbTransaction());
                        }

                        // The group decides what a failure rolls back: EF need not add savepoints of its own.
                        member.Db.Database.AutoSavepointsEnabled = false;
                        member.Db.SaveSent = false;
                        if (counters is not null && rows is not null && !await RunTogetherAsync(member, i, counters, rows))
                        {
                            return false;
                        }

                        if (isolated)
                        {
                            await RunIsolatedAsync(member, transaction, $"member_{i}");
                        }
                    }

                    if (counters is not null && rows is not null)
                    {
                        try
                        {
                            // On PostgreSQL the counters travel with the rows: one round trip for both.
                            if (first.IsSqlite)
                            {
                                await rows.SendAsync(first);
                                await counters.WriteAsync(first, CancellationToken.None);
                            }
                            else
                            {
                                await rows.SendAsync(first, counters.Writes());
                            }
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            // A member's failed read may have spoilt the transaction, or a counter moved
                            // under the group: go round again.
                            _known?.Clear();
                            if (e is RowMovedException)
                            {
                                // Round again at once, the counters held: that mends wrong numbers in place.
                                _holdFor = HoldAfterMoved;
                                _moved = true;
                                Interlocked.Increment(ref _groups._countersMoved);
                            }

                            return false;
                        }
                    }

                    // A commit that fails is not gone round again: it may have committed all the same.
                    await transaction.CommitAsync();
                    if (counters is not null)
                    {
                        counters.Committed(Ahead);
                        foreach (var (counter, last) in counters.Lasts())
                        {
                            _known?[counter] = last;
                        }
                    }
                    else
                    {
                        Ahead.Forget();
                    }
                }
                finally
                {
                    foreach (var member in group)
                    {
                        member.Db.Numbers = null;
                        member.Db.GroupRows = null;
                        member.Db.Database.AutoSavepointsEnabled = true;
                    }

                    foreach (var member in lent)
                    {
                        await member.Db.Database.UseTransactionAsync(null);
                        member.Db.Database.SetDbConnection(NewConnection(member.ConnectionString), contextOwnsConnection: true);
                    }

                    await first.Database.CloseConnectionAsync();
                }
            }
            catch (Exception e)
            {
                // The commit, or giving a connection back, failed: nobody's work was kept.
                Ahead.Forget();
                _known?.Clear();
                foreach (var member in group)
                {
                    member.Deferred = false;
                    member.Error ??= e;
                }
            }

            return true;
        }

        /// <summary>Runs a member in the first pass; false when its failure may have left rows behind.</summary>
        private static async Task<bool> RunTogetherAsync(Member member, int index, GroupCounters counters, GroupRows rows)
        {
            member.Db.Numbers = counters;
            member.Db.GroupRows = rows;
            rows.Member = index;
            var mark = counters.Mark();
            try
            {
                await member.RunAsync();
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException && !member.Db.SaveSent && !rows.Flushed)
            {
                // Refused before anything of it was sent: it fails alone and gives its numbers back.
                counters.Revert(mark);
                rows.Drop(index);
                member.Error = e;
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return false;
            }
            finally
            {
                member.Db.Numbers = null;
                member.Db.GroupRows = null;
            }
        }

        private static async Task RunIsolatedAsync(Member member, IDbContextTransaction transaction, string savepoint)
        {
            await transaction.CreateSavepointAsync(savepoint);
            try
            {
                await member.RunAsync();
                await transaction.ReleaseSavepointAsync(savepoint);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Its rows go, the others' stay; if the rollback itself fails, the group fails.
                await transaction.RollbackToSavepointAsync(savepoint);
                member.Error = e;
            }
        }

        private static DbConnection NewConnection(string connectionString) =>
            DeskDatabase.IsPostgres(connectionString) ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
    }
}

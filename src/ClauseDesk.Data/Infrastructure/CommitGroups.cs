using System.Collections.Concurrent;
using System.Data.Common;
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
/// row on PostgreSQL — in which each request's work runs on its own context inside a savepoint of
/// its own. A request's work that fails is rolled back to its savepoint and fails that request
/// only; a group whose commit fails fails all of its requests. Nobody is answered before the commit.
/// </summary>
public sealed class CommitGroups(WriteGate gate)
{
    // Enough to take a queue of 32 requests in one or two groups; a bound on one transaction's size.
    private const int MaxGroup = 64;

    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="db"/> inside the next group's transaction and
    /// completes once that transaction has committed. The context must have no transaction and no
    /// open connection of its own; the work gets no cancellation, since it runs for the group.
    /// </summary>
    public Task<T> RunAsync<T>(DeskDbContext db, Func<Task<T>> work)
    {
        var connectionString = ConnectionString(db);
        var lane = _lanes.GetOrAdd(connectionString, _ => new Lane(gate));
        var member = new Member<T>(db, connectionString, work);
        lane.Join(member);
        return member.Task;
    }

    private static string ConnectionString(DeskDbContext db) =>
        db.GetService<IDbContextOptions>().Extensions.OfType<RelationalOptionsExtension>().First().ConnectionString
            ?? throw new InvalidOperationException("the context has no connection string");

    private abstract class Member(DeskDbContext db, string connectionString)
    {
        public DeskDbContext Db { get; } = db;
        public string ConnectionString { get; } = connectionString;
        public Exception? Error { get; set; }

        public abstract Task RunAsync();

        public abstract void Complete();

        public abstract void Fail(Exception error);
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

    /// <summary>The groups of one database, written one after the other by whichever request started the first.</summary>
    private sealed class Lane(WriteGate gate)
    {
        private readonly ConcurrentQueue<Member> _waiting = new();
        private int _writing;

        public void Join(Member member)
        {
            _waiting.Enqueue(member);
            if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
            {
                _ = Task.Run(WriteAsync);
            }
        }

        private async Task WriteAsync()
        {
            while (true)
            {
                var group = new List<Member>();
                while (group.Count < MaxGroup && _waiting.TryDequeue(out var member))
                {
                    group.Add(member);
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

                await WriteGroupAsync(group);
            }
        }

        private async Task WriteGroupAsync(List<Member> group)
        {
            var first = group[0].Db;
            var lent = new List<Member>();
            try
            {
                using var passage = await gate.EnterAsync(first, CancellationToken.None);
                await first.Database.OpenConnectionAsync();
                try
                {
                    await using var transaction = await first.Database.BeginTransactionAsync();
                    var shared = first.Database.GetDbConnection();
                    for (var i = 0; i < group.Count; i++)
                    {
                        var member = group[i];
                        if (i > 0)
                        {
                            // The member's context writes through the group's connection and transaction.
                            member.Db.Database.SetDbConnection(shared, contextOwnsConnection: false);
                            lent.Add(member);
                            await member.Db.Database.UseTransactionAsync(transaction.GetDbTransaction());
                        }

                        var savepoint = $"member_{i}";
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

                    await transaction.CommitAsync();
                }
                finally
                {
                    foreach (var member in lent)
                    {
                        await member.Db.Database.UseTransactionAsync(null);
                        member.Db.Database.SetDbConnection(NewConnection(member.ConnectionString), contextOwnsConnection: true);
                    }

                    lent.Clear();
                    await first.Database.CloseConnectionAsync();
                }
            }
            catch (Exception e)
            {
                foreach (var member in lent)
                {
                    member.Db.Database.SetDbConnection(NewConnection(member.ConnectionString), contextOwnsConnection: true);
                }

                foreach (var member in group)
                {
                    member.Error ??= e;
                }
            }

            foreach (var member in group)
            {
                if (member.Error is { } error)
                {
                    member.Fail(error);
                }
                else
                {
                    member.Complete();
                }
            }
        }

        private static DbConnection NewConnection(string connectionString) =>
            DeskDatabase.IsPostgres(connectionString) ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
    }
}

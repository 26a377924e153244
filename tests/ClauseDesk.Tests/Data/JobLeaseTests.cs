using System.Diagnostics;
using ClauseDesk.Data.Infrastructure;

namespace ClauseDesk.Data;

/// <summary>
/// Background work takes turns through leases. A lease expires when its holder stops renewing it, and a
/// lease whose holder was a process of this machine that no longer runs is free at once, so a server
/// killed and restarted resumes its mail and sweeps without waiting out its own dead lease.
/// </summary>
public class JobLeaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(SchemaTests.Databases), MemberType = typeof(SchemaTests))]
    public async Task A_live_holder_keeps_its_lease_until_it_expires_and_a_gone_one_loses_it_at_once(string kind)
    {
        await using var db = new DeskDbContext(DeskDatabase.Options(SchemaTests.NewDatabase(kind)));
        await SchemaMigrator.MigrateAsync(db);

        // A holder of another machine, or of a process still running here, keeps the lease until it expires.
        (await JobLeases.TakeAsync(db, "elsewhere", "other-machine:1:a", Now, TimeSpan.FromMinutes(5), default)).ShouldBeTrue();
        (await JobLeases.TakeAsync(db, "elsewhere", JobLeases.NewHolder(), Now.AddMinutes(1), TimeSpan.FromMinutes(5), default)).ShouldBeFalse();
        (await JobLeases.TakeAsync(db, "elsewhere", JobLeases.NewHolder(), Now.AddMinutes(6), TimeSpan.FromMinutes(5), default)).ShouldBeTrue();

        using var running = Process.Start("sleep", "60") ?? throw new InvalidOperationException("sleep did not start");
        try
        {
            var live = $"{Environment.MachineName}:{running.Id}:b";
            (await JobLeases.TakeAsync(db, "here", live, Now, TimeSpan.FromMinutes(5), default)).ShouldBeTrue();
            (await JobLeases.TakeAsync(db, "here", JobLeases.NewHolder(), Now.AddMinutes(1), TimeSpan.FromMinutes(5), default)).ShouldBeFalse();

            running.Kill();
            await running.WaitForExitAsync();
            var successor = JobLeases.NewHolder();
            (await JobLeases.TakeAsync(db, "here", successor, Now.AddMinutes(1), TimeSpan.FromMinutes(5), default)).ShouldBeTrue("the holder's process is gone");
            (await JobLeases.TakeAsync(db, "here", JobLeases.NewHolder(), Now.AddMinutes(2), TimeSpan.FromMinutes(5), default)).ShouldBeFalse("the successor is alive: this very process");
            (await JobLeases.TakeAsync(db, "here", successor, Now.AddMinutes(2), TimeSpan.FromMinutes(5), default)).ShouldBeTrue("a holder renews its own lease");
        }
        finally
        {
            if (!running.HasExited)
            {
                running.Kill();
            }
        }
    }

    [Fact]
    public void Only_a_process_of_this_machine_that_no_longer_runs_is_gone()
    {
        JobLeases.HeldByGoneProcess(JobLeases.NewHolder()).ShouldBeFalse("this process runs");
        JobLeases.HeldByGoneProcess($"another-{Environment.MachineName}:{int.MaxValue}:x").ShouldBeFalse("another machine's processes cannot be seen");
        JobLeases.HeldByGoneProcess("not a holder name").ShouldBeFalse();

        using var finished = Process.Start("true") ?? throw new InvalidOperationException("true did not start");
        finished.WaitForExit();
        JobLeases.HeldByGoneProcess($"{Environment.MachineName}:{finished.Id}:x").ShouldBeTrue();
    }
}

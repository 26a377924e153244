using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Data.Infrastructure;

/// <summary>
/// Leases in the database that let several servers sharing it take turns at a background job: one
/// holder at a time, taken over when the holder stops renewing — or at once when the holder was a
/// process of this machine that no longer runs (a server killed and restarted does not wait out its
/// own dead lease; across machines the lease expires).
/// </summary>
public static class JobLeases
{
    /// <summary>A holder name for one background service of this process: machine, process id, and a unique part.</summary>
    public static string NewHolder() => $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Takes or renews the lease <paramref name="name"/> until <paramref name="now"/> + <paramref name="duration"/>; false when another holder has it.</summary>
    public static async Task<bool> TakeAsync(DeskDbContext db, string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellation)
    {
        var until = now + duration;
        var taken = await db.JobLeases
            .Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellation);
        if (taken == 1)
        {
            return true;
        }

        var current = await db.JobLeases.AsNoTracking().Where(l => l.Name == name).Select(l => l.Holder).FirstOrDefaultAsync(cancellation);
        if (current is not null)
        {
            // Compare and swap: only the dead holder's lease is taken, never one another server took meanwhile.
            return HeldByGoneProcess(current) && await db.JobLeases
                .Where(l => l.Name == name && l.Holder == current)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellation) == 1;
        }

        try
        {
            db.JobLeases.Add(new JobLease { Name = name, Holder = holder, ExpiresAt = until });
            await db.SaveChangesAsync(cancellation);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another server created it first.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>True when <paramref name="holder"/> names a process of this machine, not this one, that no longer runs.</summary>
    public static bool HeldByGoneProcess(string holder)
    {
        var parts = holder.Split(':');
        if (parts.Length != 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], out var processId) || processId == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            // No process with that id runs.
            return true;
        }
    }
}

using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Data.Infrastructure;

/// <summary>
/// Leases in the database that let several servers sharing it take turns at a background job: one
/// holder at a time, taken over when the holder stops renewing.
/// </summary>
public static class JobLeases
{
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

        if (await db.JobLeases.AnyAsync(l => l.Name == name, cancellation))
        {
            return false;
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

}

using ClauseDesk.Contracts;
using ClauseDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Maintenance;

/// <summary>
/// Applies the provider's announced maintenance to contracts loaded to compute an SLA: each contract's
/// policy then excludes the windows that affect its customer (seed 001 art. 34.4, 38.3).
/// </summary>
public static class MaintenanceExclusions
{
    /// <summary>Loads the windows of the context's tenant once and applies them to every contract given.</summary>
    public static async Task ApplyAsync(DeskDbContext db, IEnumerable<ServiceContract> contracts, CancellationToken cancellation)
    {
        var list = contracts.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var windows = await db.MaintenanceWindows.AsNoTracking().Where(w => w.CancelledAt == null).ToListAsync(cancellation);
        foreach (var contract in list)
        {
            var affecting = windows.Where(w => w.Affects(contract.OrganisationId)).ToList();
            if (affecting.Count == 0)
            {
                // Nearly always: nothing to exclude, and no policy to build for it.
                contract.Exclude([]);
                continue;
            }

            var zone = contract.Policy().Calendar.TimeZone;
            contract.Exclude([.. affecting.Select(w => w.Excluded(zone))]);
        }
    }
}

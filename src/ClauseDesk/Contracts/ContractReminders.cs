using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Data.Outbox;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ClauseDesk;

/// <summary>
/// Writes the contract reminders that have fallen due (SPEC §4: notice deadline, end without renewal,
/// indexation, data purge) to the outbox, once each: the key of a reminder is the same every day it
/// stays due, and the outbox refuses a key it already holds.
/// </summary>
public static class ContractReminders
{
    /// <summary>Across tenants, under the sweep's lease. Returns how many reminders were written.</summary>
    public static async Task<int> QueueDueAsync(DeskDbContext db, DateTimeOffset now, CancellationToken cancellation)
    {
        var contracts = await db.Contracts.IgnoreQueryFilters().AsNoTracking().Where(c => c.Active && c.StartDate != null).ToListAsync(cancellation);
        var zones = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.TimeZone, cancellation);
        var written = 0;
        foreach (var contract in contracts)
        {
            var zone = Tenant.ZoneOf(zones.GetValueOrDefault(contract.TenantId));
            var today = Instant.FromDateTimeOffset(now).InZone(zone).Date;
            var due = contract.Term()?.DueOn(today) ?? [];
            if (due.Count == 0)
            {
                continue;
            }

            var keys = due.Select(r => $"contract:{contract.Id:N}:{r.Key}").ToList();
            var sent = await db.Outbox.IgnoreQueryFilters().Where(o => o.TenantId == contract.TenantId && keys.Contains(o.DedupKey)).Select(o => o.DedupKey).ToListAsync(cancellation);
            var recipients = await db.People.IgnoreQueryFilters()
                .Where(p => p.TenantId == contract.TenantId && p.OrganisationId == contract.OrganisationId && p.Active && (p.Role == Role.CustomerAdmin || p.Role == Role.ContactPerson))
                .OrderBy(p => p.Email).Select(p => p.Email).ToListAsync(cancellation);
            foreach (var reminder in due.Where(r => !sent.Contains($"contract:{contract.Id:N}:{r.Key}")))
            {
                db.Outbox.Add(new OutboxMessage
                {
                    TenantId = contract.TenantId,
                    DedupKey = $"contract:{contract.Id:N}:{reminder.Key}",
                    Kind = $"contract-{reminder.Kind.Code()}",
                    Audience = "customer-admins",
                    Recipients = string.Join(", ", recipients),
                    Subject = $"[{contract.Name}] {Describe(reminder.Kind)}: {reminder.About:yyyy-MM-dd}",
                    Body = string.Join("\n", [reminder.Working.Clause, .. reminder.Working.Steps]),
                    CreatedAt = now,
                });
                written++;
            }
        }

        await db.SaveChangesAsync(cancellation);
        return written;
    }

    private static string Describe(ContractReminderKind kind) => kind switch
    {
        ContractReminderKind.NoticeDeadline => "the last day to give notice before the contract renews",
        ContractReminderKind.EndWithoutRenewal => "the contract ends without renewal",
        ContractReminderKind.Indexation => "prices are indexed",
        _ => "the data kept after the end is purged",
    };
}

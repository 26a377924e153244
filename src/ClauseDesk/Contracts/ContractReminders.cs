using ClauseDesk.Access;
using ClauseDesk.Data;
using ClauseDesk.Data.Outbox;
using ClauseDesk.Mail.Notices;
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
        var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, cancellation);
        var written = 0;
        foreach (var contract in contracts)
        {
            var zone = Tenant.ZoneOf(tenants.GetValueOrDefault(contract.TenantId)?.TimeZone);
            var today = Instant.FromDateTimeOffset(now).InZone(zone).Date;
            var due = contract.Term()?.DueOn(today) ?? [];
            if (due.Count == 0)
            {
                continue;
            }

            // One mail per language of the customer's people; a reminder written before (one key, or one per language) is not written again.
            var prefix = $"contract:{contract.Id:N}:";
            var sent = await db.Outbox.IgnoreQueryFilters().Where(o => o.TenantId == contract.TenantId && o.DedupKey.StartsWith(prefix)).Select(o => o.DedupKey).ToListAsync(cancellation);
            var recipients = await db.People.IgnoreQueryFilters()
                .Where(p => p.TenantId == contract.TenantId && p.OrganisationId == contract.OrganisationId && p.Active && (p.Role == Role.CustomerAdmin || p.Role == Role.ContactPerson))
                .OrderBy(p => p.Email).Select(p => new { p.Email, p.Language }).ToListAsync(cancellation);
            var languages = recipients.GroupBy(p => p.Language).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            foreach (var reminder in due.Where(r => !sent.Any(k => k == prefix + r.Key || k.StartsWith($"{prefix}{r.Key}:", StringComparison.Ordinal))))
            {
                var notice = new ContractReminderMail(contract.Name, reminder.Kind, reminder.About, reminder.Working);
                foreach (var group in languages.Count > 0 ? languages.Select(g => (g.Key, g.Select(p => p.Email).ToList())) : [("nl", new List<string>())])
                {
                    var mail = NoticeCatalogue.Render(notice, group.Key, new NoticeContext(tenants.GetValueOrDefault(contract.TenantId)?.Name ?? "", zone));
                    db.Outbox.Add(new OutboxMessage
                    {
                        TenantId = contract.TenantId,
                        DedupKey = $"contract:{contract.Id:N}:{reminder.Key}:{group.Key}",
                        Kind = notice.Kind,
                        Audience = "customer-admins",
                        Recipients = string.Join(", ", group.Item2),
                        Subject = mail.Subject.Length > 300 ? mail.Subject[..300] : mail.Subject,
                        Body = mail.Text,
                        HtmlBody = mail.Html,
                        Language = mail.Language,
                        CreatedAt = now,
                    });
                }

                written++;
            }
        }

        await db.SaveChangesAsync(cancellation);
        return written;
    }
}

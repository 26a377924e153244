using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ClauseDesk.Data.Audit;

/// <summary>
/// Appends an <see cref="AuditEntry"/> for every change saved to an audited entity, in the same
/// transaction, chained per entity by SHA-256. A ticket's SLA events (its clock entries) are part of
/// the ticket's entry, so the ticket's audit proves its SLA history in a dispute.
/// </summary>
public static class AuditTrail
{
    private static readonly HashSet<Type> Audited = [typeof(Tenant), typeof(Organisation), typeof(Person), typeof(ServiceContract), typeof(Ticket), typeof(TicketMessage), typeof(ApiToken), typeof(Attachment), typeof(ContractRight), typeof(Maintenance.MaintenanceWindow), typeof(Billing.Invoices.IssuedInvoice), typeof(Billing.Invoices.IssuedCreditNote), typeof(Billing.Payments.RecordedPayment), typeof(Mail.Mailbox), typeof(DataBreachReport), typeof(DataBreachNotice)];

    // Never copied into the trail: secrets stay where they are hashed.
    private static readonly HashSet<string> Secret = [nameof(Person.PasswordHash), nameof(ApiToken.SecretHash), nameof(Attachment.Content), nameof(Mail.Mailbox.ImapPasswordSealed)];

    private sealed record Change(Type Type, Guid EntityId, Guid TenantId, string Action, SortedDictionary<string, string?>? Before, SortedDictionary<string, string?> After);

    internal static void Append(DeskDbContext db)
    {
        foreach (var change in Collect(db))
        {
            if (change.Action == "created")
            {
                // A new entity has no entry yet: its chain starts here.
                db.AuditEntries.Add(Entry(db.Scope, change, 0, ""));
                continue;
            }

            var last = db.AuditEntries.IgnoreQueryFilters()
                .Where(a => a.TenantId == change.TenantId && a.EntityType == change.Type.Name && a.EntityId == change.EntityId)
                .OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefault();
            db.AuditEntries.Add(Entry(db.Scope, change, last?.Sequence ?? 0, last?.Hash ?? ""));
        }
    }

    internal static async Task AppendAsync(DeskDbContext db, CancellationToken cancellation)
    {
        foreach (var change in Collect(db))
        {
            if (change.Action == "created")
            {
                // A new entity has no entry yet: its chain starts here.
                db.AuditEntries.Add(Entry(db.Scope, change, 0, ""));
                continue;
            }

            var last = await db.AuditEntries.IgnoreQueryFilters()
                .Where(a => a.TenantId == change.TenantId && a.EntityType == change.Type.Name && a.EntityId == change.EntityId)
                .OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellation);
            db.AuditEntries.Add(Entry(db.Scope, change, last?.Sequence ?? 0, last?.Hash ?? ""));
        }
    }

    /// <summary>The hash an entry must carry, given its content and the previous hash.</summary>
    public static string HashOf(AuditEntry e)
    {
        var text = string.Join('\u001f',
            e.TenantId.ToString("N"),
            e.EntityType,
            e.EntityId.ToString("N"),
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.Action,
            e.ActorId.ToString("N"),
            e.ActorName,
            e.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            e.Before ?? "",
            e.After ?? "",
            e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Checks one entity's entries in sequence order: each hash matches its content and links to the
    /// previous one, and no sequence number is missing. Returns the first broken entry's sequence, or null.
    /// </summary>
    public static int? FirstBroken(IReadOnlyList<AuditEntry> entries)
    {
        var previous = "";
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Sequence != i + 1 || e.PreviousHash != previous || HashOf(e) != e.Hash)
            {
                return e.Sequence;
            }

            previous = e.Hash;
        }

        return null;
    }

    private static AuditEntry Entry(DeskScope scope, Change change, int lastSequence, string lastHash)
    {
        var entry = new AuditEntry
        {
            TenantId = change.TenantId,
            EntityType = change.Type.Name,
            EntityId = change.EntityId,
            Sequence = lastSequence + 1,
            Action = change.Action,
            ActorId = scope.Actor.Id,
            ActorName = scope.Actor.Name,
            // Whole milliseconds: PostgreSQL keeps microseconds, and the hash must survive a round trip.
            At = Milliseconds(scope.Clock.GetUtcNow()),
            Before = change.Before is null ? null : JsonSerializer.Serialize(change.Before),
            After = change.Action == "deleted" ? null : JsonSerializer.Serialize(change.After),
            PreviousHash = lastHash,
        };
        entry.Hash = HashOf(entry);
        return entry;
    }

    private static DateTimeOffset Milliseconds(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    // The caller (the context's save) detected the changes.
    private static List<Change> Collect(DeskDbContext db)
    {
        var changes = new Dictionary<(Type, Guid), Change>();
        var clockLines = new Dictionary<Guid, List<string>>();

        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            if (entry.Entity is ClockEntry clock && entry.State == EntityState.Added)
            {
                var ticketId = (Guid)entry.Property("TicketId").CurrentValue!;
                (clockLines.TryGetValue(ticketId, out var lines) ? lines : clockLines[ticketId] = []).Add(Describe(clock));
                continue;
            }

            if (!Audited.Contains(entry.Entity.GetType()))
            {
                continue;
            }

            var id = (Guid)entry.Property("Id").CurrentValue!;
            var tenantId = entry.Entity is Tenant ? id : (Guid)entry.Property("TenantId").CurrentValue!;
            var properties = entry.Properties.Where(p => !Secret.Contains(p.Metadata.Name)).ToList();
            var change = entry.State switch
            {
                EntityState.Added => new Change(entry.Entity.GetType(), id, tenantId, "created", null, Values(properties, current: true)),
                EntityState.Deleted => new Change(entry.Entity.GetType(), id, tenantId, "deleted", Values(properties, current: false), []),
                _ => new Change(entry.Entity.GetType(), id, tenantId, "updated",
                    Values(properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)), current: false),
                    Values(properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)), current: true)),
            };
            if (entry.Entity is Ticket ticket && ticket.BugReport is { } report && entry.State == EntityState.Added)
            {
                change.After["bugReport"] = JsonSerializer.Serialize(report);
            }

            changes[(change.Type, id)] = change;
        }

        foreach (var (ticketId, lines) in clockLines)
        {
            if (changes.TryGetValue((typeof(Ticket), ticketId), out var change))
            {
                change.After["slaEvents"] = string.Join("; ", lines);
            }
        }

        return [.. changes.Values.Where(c => c.Action != "updated" || c.After.Count > 0)];
    }

    private static SortedDictionary<string, string?> Values(IEnumerable<PropertyEntry> properties, bool current)
    {
        var values = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var p in properties)
        {
            values[p.Metadata.Name] = Format(current ? p.CurrentValue : p.OriginalValue);
        }

        return values;
    }

    private static string Describe(ClockEntry c)
    {
        var detail = c.Priority is { } p ? $" {p}" : c.Reason is { } r ? $" ({r})" : "";
        return $"{c.Sequence}. {c.Kind}{detail} at {c.At.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'} by {c.Actor}{(c.Note is null ? "" : $": {c.Note}")}";
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

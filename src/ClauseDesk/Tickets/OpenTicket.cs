using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
using ClauseDesk.Maintenance;
using ClauseDesk.Sla;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Tickets;

/// <summary>What a client sends to open a ticket. Enumerations are their API codes, e.g. <c>non-blocking</c>.</summary>
public sealed record OpenTicketRequest(
    string? Subject,
    string? Description,
    string? Urgency,
    string? Impact,
    string? Type,
    string? Channel,
    Guid? ContractId,
    Guid? RequesterId,
    DateTimeOffset? OccurredAt,
    BugReport? BugReport);

/// <summary>POST /api/tickets: opens a ticket, once per Idempotency-Key.</summary>
public static class OpenTicket
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IResult> HandleAsync(HttpContext http, DeskDbContext db, TimeProvider clock, WriteGate gate, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(cancellation);
        OpenTicketRequest request;
        try
        {
            request = JsonSerializer.Deserialize<OpenTicketRequest>(body, Json) ?? throw RequestException.Invalid("body", "send a JSON object");
        }
        catch (JsonException e)
        {
            throw RequestException.Invalid(e.Path is { Length: > 2 } path ? path[2..] : "body", $"not valid JSON here: {e.Message.Split(" Path:")[0]}");
        }

        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 200)
        {
            throw RequestException.Invalid("Idempotency-Key", "at most 200 characters");
        }

        var requestHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        if (key.Length > 0 && await Replay(db, user, key, requestHash, cancellation) is { } replay)
        {
            return replay;
        }

        try
        {
            var (ticket, view) = await OpenAsync(db, clock, gate, user, request, key, requestHash, cancellation);
            http.Response.Headers.ETag = TicketEndpoints.ETag(ticket);
            return Results.Created($"/api/tickets/{ticket.Number}", view);
        }
        catch (DbUpdateException) when (key.Length > 0)
        {
            // The same key raced in from a retry: answer what the first one answered.
            db.ChangeTracker.Clear();
            return await Replay(db, user, key, requestHash, cancellation) ?? throw new InvalidOperationException("idempotency record vanished");
        }
    }

    /// <summary>
    /// Opens a ticket for <paramref name="user"/> under every rule of SPEC §2–3, whatever the channel
    /// (the API, the portal, an e-mail); with a key, the answer is kept so a retry replays it.
    /// </summary>
    /// <exception cref="RequestException">An input is missing or unknown.</exception>
    /// <exception cref="DeskRuleException">A rule of the contract refuses it; the message says who can.</exception>
    public static async Task<(Ticket Ticket, TicketView View)> OpenAsync(DeskDbContext db, TimeProvider clock, WriteGate gate, CurrentUser user, OpenTicketRequest request, string key, string requestHash, CancellationToken cancellation)
    {
        var urgency = Parse<Urgency>(request.Urgency, "urgency", required: true);
        var impact = Parse<Impact>(request.Impact, "impact", required: true);
        var type = Parse<TicketType>(request.Type, "type", required: false);
        var channel = request.Channel is null ? (user.IsStaff ? Channel.Api : Channel.Portal) : Parse<Channel>(request.Channel, "channel", required: true);

        Guid requesterId;
        if (user.IsStaff)
        {
            requesterId = request.RequesterId ?? throw RequestException.Invalid("requesterId", "staff open tickets for a customer's person: give requesterId");
        }
        else
        {
            if (request.RequesterId is { } other && other != user.PersonId)
            {
                throw RequestException.Forbidden("customers open tickets for themselves");
            }

            requesterId = user.PersonId;
        }

        // The requester, the contract with its maintenance windows and the provider rarely change and
        // are read by every creation: kept in memory while the database's read stamp is unchanged.
        var cache = ReadCache.Of(db);
        var stamp = await ReadCache.StampAsync(db, cancellation);
        var tenantId = db.Scope.TenantId;
        var requester = await cache.GetAsync(stamp, "person", tenantId, requesterId,
                c => db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == requesterId, c), cancellation) is { Active: true } found
            ? found
            : throw RequestException.NotFound("requesterId", "no such person");
        if (requester.OrganisationId is not { } organisationId)
        {
            throw RequestException.Invalid("requesterId", "the requester must be a customer's person");
        }

        ServiceContract contract;
        if (request.ContractId is { } contractId)
        {
            contract = await cache.GetAsync(stamp, "contract", tenantId, contractId, c => LoadContractAsync(db, contractId, c), cancellation) is { } loaded && loaded.Active && loaded.OrganisationId == organisationId
                ? loaded
                : throw RequestException.NotFound("contractId", "no active contract with that id for the requester's organisation");
        }
        else
        {
            var only = await cache.GetAsync(stamp, "only-contract", tenantId, organisationId, async c =>
            {
                var candidates = await db.Contracts.AsNoTracking().Where(k => k.OrganisationId == organisationId && k.Active).OrderBy(k => k.Id).Select(k => k.Id).Take(2).ToListAsync(c);
                return candidates.Count == 1 ? await LoadContractAsync(db, candidates[0], c) : null;
            }, cancellation);
            contract = only ?? throw RequestException.Invalid("contractId", "the organisation has several or no active contracts: give contractId");
        }

        // Only a refusal names the contact persons: look them up only when the rule refuses.
        List<string> contactPersons = [];
        if (contract.OnlyContactPersonsMayOpen && requester.Role != Role.ContactPerson)
        {
            contactPersons = await db.People
                .Where(p => p.OrganisationId == requester.OrganisationId && p.Role == Role.ContactPerson && p.Active)
                .OrderBy(p => p.Name).Select(p => p.Name + " <" + p.Email + ">").ToListAsync(cancellation);
        }
        var tenant = await cache.GetAsync(stamp, "tenant", user.TenantId, user.TenantId,
            c => db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == user.TenantId, c), cancellation)
            ?? throw new InvalidOperationException("the signed-in user's provider is missing");
        var now = clock.GetUtcNow();

        // A caller with its own transaction (mail intake: the ticket and the mail's checkpoint commit
        // together) already holds the gate and commits itself. Otherwise the ticket is written in the
        // next group commit with the creations of other requests: one transaction, one counter update
        // and one fsync for all of them; nobody is answered before it committed.
        if (db.Database.CurrentTransaction is not null)
        {
            var written = await WriteAsync(cancellation);
            await db.SaveChangesAsync(cancellation);
            return written;
        }

        return await gate.Groups.RunAsync(db, async () =>
        {
            var written = await WriteAsync(CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
            return written;
        });

        async Task<(Ticket, TicketView)> WriteAsync(CancellationToken c)
        {
            var number = await TicketNumbers.NextAsync(db, tenant, now, c);
            var ticket = Ticket.Open(number, contract, requester, user.Actor,
                new TicketRequest(request.Subject ?? "", request.Description ?? "", urgency, impact, type, channel, request.OccurredAt, request.BugReport), contactPersons, now);
            var sla = ticket.Refresh(contract.Policy(), contract.Fees(), now);
            db.Tickets.Add(ticket);
            await TicketAccess.QueueNoticesAsync(db, ticket, contract, now, c, requester, tenant.Name);

            var view = ticket.View(contract, now, sla: sla);
            if (key.Length > 0)
            {
                db.IdempotencyRecords.Add(new IdempotencyRecord
                {
                    TenantId = user.TenantId,
                    PersonId = user.PersonId,
                    Key = key,
                    RequestHash = requestHash,
                    StatusCode = StatusCodes.Status201Created,
                    Location = $"/api/tickets/{number}",
                    ResponseBody = JsonSerializer.Serialize(view, Json),
                    CreatedAt = now,
                });
            }

            return (ticket, view);
        }
    }

    // A contract as creations use it, shared by concurrent requests: its maintenance windows applied and
    // its policy built once, so that nothing is left to change on it.
    private static async Task<ServiceContract?> LoadContractAsync(DeskDbContext db, Guid contractId, CancellationToken cancellation)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contractId && c.Active, cancellation);
        if (contract is not null)
        {
            await MaintenanceExclusions.ApplyAsync(db, [contract], cancellation);
            contract.Policy();
        }

        return contract;
    }

    private static async Task<IResult?> Replay(DeskDbContext db, CurrentUser user, string key, string requestHash, CancellationToken cancellation)
    {
        var record = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.PersonId == user.PersonId && r.Key == key, cancellation);
        if (record is null)
        {
            return null;
        }

        if (record.RequestHash != requestHash)
        {
            throw new RequestException(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused", "Idempotency-Key", "this key was used for a different request; use a new key for a new ticket");
        }

        return new ReplayResult(record.StatusCode, record.Location, record.ResponseBody);
    }

    internal static T Parse<T>(string? code, string field, bool required)
        where T : struct, Enum
    {
        if (code is null && !required)
        {
            return default;
        }

        return TicketWords.TryParseCode<T>(code, out var value)
            ? value
            : throw RequestException.Invalid(field, $"'{code}' is not one of {string.Join(", ", Enum.GetValues<T>().Select(v => v.Code()))}");
    }

    private sealed class ReplayResult(int status, string location, string body) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.Headers.Location = location;
            http.Response.Headers["Idempotent-Replay"] = "true";
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(body);
        }
    }
}

using System.Security.Cryptography;
using ClauseDesk.Access;
using ClauseDesk.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk;

/// <summary>Migrates the database and, on the very first start, creates the provider and its admin.</summary>
public static class FirstStart
{
    public sealed record Created(string Provider, string Email, string Password, string Token);

    /// <summary>Applies missing migrations; creates the first provider when there is none. Returns what was created, once.</summary>
    public static async Task<Created?> PrepareAsync(IServiceProvider services, string providerName, CancellationToken cancellation)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        await SchemaMigrator.MigrateAsync(db, cancellation);
        if (await db.Tenants.AnyAsync(cancellation))
        {
            return null;
        }

        // Servers starting together create one provider: on PostgreSQL under an advisory lock, on
        // SQLite inside a write-locking transaction; the check is repeated once the lock is held.
        await db.Database.OpenConnectionAsync(cancellation);
        try
        {
            if (!db.IsSqlite)
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(74128)", cancellation);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            var created = await CreateAsync(scope.ServiceProvider, db, providerName, cancellation);
            await transaction.CommitAsync(cancellation);
            return created;
        }
        finally
        {
            if (!db.IsSqlite)
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(74128)", CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<Created?> CreateAsync(IServiceProvider services, DeskDbContext db, string providerName, CancellationToken cancellation)
    {
        if (await db.Tenants.AnyAsync(cancellation))
        {
            return null;
        }

        var clock = services.GetRequiredService<TimeProvider>();
        var hasher = services.GetRequiredService<PasswordHasher<Person>>();
        var tenant = new Tenant(providerName);
        var admin = new Person(tenant.Id, null, "Administrator", "admin@clausedesk.local", Role.ProviderAdmin, "en");
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_');
        admin.SetPasswordHash(hasher.HashPassword(admin, password));
        var (token, text) = ApiToken.Issue(admin, "first start", clock.GetUtcNow());
        db.Scope.TenantId = tenant.Id;
        db.Scope.Actor = Tickets.Actor.System;
        db.Tenants.Add(tenant);
        db.People.Add(admin);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellation);
        return new Created(tenant.Name, admin.Email, password, text);
    }
}

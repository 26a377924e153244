using ClauseDesk.Access;
using ClauseDesk.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk;

/// <summary>
/// The password check behind every sign-in (the API's sessions and the portal's cookie): five
/// failures in a row lock the account for a quarter of an hour.
/// </summary>
public static class PasswordSignIn
{
    private static readonly Person UnknownPerson = new(Guid.Empty, null, "unknown", "unknown@invalid", Role.Agent);
    private static readonly string UnknownHash = new PasswordHasher<Person>().HashPassword(UnknownPerson, Guid.NewGuid().ToString());

    /// <summary>The active person whose address and password match; <c>provider</c> (may be null) picks among providers that share the address.</summary>
    /// <exception cref="RequestException">401 for an unknown address or a wrong password; 429 while locked out.</exception>
    public static async Task<Person> CheckAsync(DeskDbContext db, PasswordHasher<Person> hasher, DateTimeOffset now, string? provider, string? email, string? password, CancellationToken cancellation)
    {
        var address = Person.NormaliseEmail(email ?? "");
        // Sign-in happens before a tenant is known: look across tenants, narrowed by the provider's name when several share an address.
        var candidates = await db.People.IgnoreQueryFilters().Where(p => p.Email == address && p.Active).ToListAsync(cancellation);
        if (candidates.Count > 1 && provider is not null)
        {
            var tenantIds = await db.Tenants.Where(t => t.Name == provider).Select(t => t.Id).ToListAsync(cancellation);
            candidates = [.. candidates.Where(c => tenantIds.Contains(c.TenantId))];
        }

        var unauthorised = new RequestException(StatusCodes.Status401Unauthorized, "Sign-in failed", "password", "unknown e-mail address or wrong password");
        if (candidates.Count == 0)
        {
            // As slow as a real check, so the answer's timing does not tell which addresses exist.
            hasher.VerifyHashedPassword(UnknownPerson, UnknownHash, password ?? "");
            throw unauthorised;
        }

        // The same address may exist at several providers: the one whose password matches signs in,
        // so nobody can block another provider's person by adding their address.
        Person? signedIn = null;
        var locked = 0;
        foreach (var candidate in candidates)
        {
            var people = db.People.IgnoreQueryFilters().Where(p => p.Id == candidate.Id);

            // Take one of the five tries atomically before checking the password, so that parallel
            // guesses are checked five times at most.
            var tried = await people
                .Where(p => (p.LockedUntil == null || p.LockedUntil <= now) && p.FailedSignIns < Person.MaxFailedSignIns)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.FailedSignIns, p => p.FailedSignIns + 1).SetProperty(p => p.LockedUntil, (DateTimeOffset?)null), cancellation);
            if (tried == 0)
            {
                locked++;
                continue;
            }

            if (candidate.PasswordHash is not null && hasher.VerifyHashedPassword(candidate, candidate.PasswordHash, password ?? "") != PasswordVerificationResult.Failed)
            {
                await people.ExecuteUpdateAsync(u => u.SetProperty(p => p.FailedSignIns, 0), cancellation);
                signedIn ??= candidate;
                continue;
            }

            // The fifth failure in a row locks the account for a quarter of an hour.
            await people.Where(p => p.FailedSignIns >= Person.MaxFailedSignIns)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.FailedSignIns, 0).SetProperty(p => p.LockedUntil, now + Person.LockOut), cancellation);
        }

        return signedIn ?? throw (locked == candidates.Count
            ? new RequestException(StatusCodes.Status429TooManyRequests, "Locked out", "password", $"too many failed sign-ins: try again in {Person.LockOut.TotalMinutes:0} minutes")
            : unauthorised);
    }
}

using ClauseDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Access;

/// <summary>
/// Deactivating a person or changing their role, for the API and the portal's admin pages alike: the
/// provider admin for anyone, a customer admin for their own organisation's people.
/// </summary>
public static class ChangePerson
{
    /// <exception cref="RequestException">No such person (404), not the user's to change (403), the user themselves (400).</exception>
    public static async Task<Person> DeactivateAsync(DeskDbContext db, CurrentUser user, Guid id, CancellationToken cancellation)
    {
        var person = await ManagedAsync(db, user, id, "people are deactivated by the provider admin, or by the customer's admin for their own organisation", "you cannot deactivate yourself", cancellation);
        person.Deactivate();
        await db.SaveChangesAsync(cancellation);
        return person;
    }

    /// <summary>Another role on the same side; a customer admin designates contact persons this way (seed 001 art. 35.2).</summary>
    /// <exception cref="RequestException">No such person (404), not the user's to change (403), the user themselves or an unknown role (400).</exception>
    /// <exception cref="DeskRuleException">The role would move the person between the provider and a customer.</exception>
    public static async Task<Person> ChangeRoleAsync(DeskDbContext db, CurrentUser user, Guid id, string? role, CancellationToken cancellation)
    {
        var person = await ManagedAsync(db, user, id, "roles are changed by the provider admin, or by the customer's admin for their own organisation", "you cannot change your own role", cancellation);
        person.ChangeRole(ParseRole(role ?? ""));
        await db.SaveChangesAsync(cancellation);
        return person;
    }

    /// <exception cref="RequestException">Not a role code (400).</exception>
    public static Role ParseRole(string code)
    {
        try
        {
            return Roles.Parse(code);
        }
        catch (ArgumentException e)
        {
            throw RequestException.Invalid("role", e.Message.Split(" (Parameter")[0]);
        }
    }

    private static async Task<Person> ManagedAsync(DeskDbContext db, CurrentUser user, Guid id, string refusal, string yourself, CancellationToken cancellation)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, cancellation) ?? throw RequestException.NotFound("id", "no such person");
        var allowed = user.Role == Role.ProviderAdmin
            || (user.Role == Role.CustomerAdmin && person.OrganisationId == user.OrganisationId && !person.Role.IsProviderStaff());
        if (!allowed)
        {
            throw RequestException.Forbidden(refusal);
        }

        if (person.Id == user.PersonId)
        {
            throw RequestException.Invalid("id", yourself);
        }

        return person;
    }
}

using ClauseDesk.Access;
using ClauseDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Contracts;

/// <summary>
/// Who of a customer's people may view all of a contract's tickets (seed 000: rights per contract),
/// for the API and the portal alike: set by the provider admin or the customer's own admin.
/// </summary>
public static class ContractRights
{
    /// <summary>A contract whose rights the user manages.</summary>
    /// <exception cref="RequestException">Not an admin (403), or no such contract the user may see (404).</exception>
    public static async Task<ServiceContract> ManagedAsync(DeskDbContext db, CurrentUser user, Guid id, CancellationToken cancellation)
    {
        if (user.Role is not (Role.ProviderAdmin or Role.CustomerAdmin))
        {
            throw RequestException.Forbidden("rights are managed by the provider admin or the customer's admin");
        }

        return await db.Contracts.FirstOrDefaultAsync(c => c.Id == id && (user.IsStaff || c.OrganisationId == user.OrganisationId), cancellation)
            ?? throw RequestException.NotFound("id", "no such contract");
    }

    /// <exception cref="RequestException">As <see cref="ManagedAsync"/>; no such person in the contract's organisation (404); not a customer user (400).</exception>
    public static async Task<ContractRight> SetAsync(DeskDbContext db, CurrentUser user, Guid id, Guid personId, bool canView, CancellationToken cancellation)
    {
        var contract = await ManagedAsync(db, user, id, cancellation);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId && p.OrganisationId == contract.OrganisationId, cancellation)
            ?? throw RequestException.NotFound("personId", "no such person in the contract's organisation");
        if (person.Role != Role.CustomerUser)
        {
            throw RequestException.Invalid("personId", $"a {person.Role.Code()} already sees all of the organisation's tickets");
        }

        var right = await db.ContractRights.FirstOrDefaultAsync(r => r.PersonId == personId && r.ContractId == id, cancellation);
        if (right is null)
        {
            db.ContractRights.Add(right = new ContractRight(contract.TenantId, personId, id, canView));
        }
        else
        {
            right.CanView = canView;
        }

        await db.SaveChangesAsync(cancellation);
        return right;
    }
}

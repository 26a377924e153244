using System.Globalization;
using ClauseDesk.Access;
using ClauseDesk.Contracts;
using ClauseDesk.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Portal.Pages.Customers;

/// <summary>
/// One customer organisation's people, their roles and their rights per contract, and its contracts.
/// The provider admin manages any organisation of the tenant; a customer admin only their own, and
/// another organisation's address looks like one that does not exist. The changes are made by the
/// use cases the API calls (<see cref="AddPerson"/>, <see cref="ChangePerson"/>, <see cref="ContractRights"/>).
/// </summary>
public sealed class OrganisationModel(DeskDbContext db, PasswordHasher<Person> hasher) : AdminPage
{
    public static readonly IReadOnlyList<Role> CustomerRoles = [Role.CustomerAdmin, Role.ContactPerson, Role.CustomerUser];

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public PersonForm Person { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<Person> People { get; private set; } = [];
    public IReadOnlyList<ServiceContract> Contracts { get; private set; } = [];

    /// <summary>The contracts each customer user may view all tickets of.</summary>
    public ILookup<Guid, Guid> Rights { get; private set; } = Enumerable.Empty<ContractRight>().ToLookup(r => r.PersonId, r => r.ContractId);

    public bool ProviderAdmin => Me.Role == Role.ProviderAdmin;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation) => await ShowAsync(cancellation);

    public async Task<IActionResult> OnPostAddPersonAsync(CancellationToken cancellation)
    {
        if (!await MayManageAsync(cancellation))
        {
            return NotFoundPage();
        }

        Person? added = null;
        if (await TryAsync("person", async () => added = await AddPerson.HandleAsync(db, hasher, Me, Person.Request(Id), cancellation)))
        {
            Flash = string.Format(CultureInfo.CurrentCulture, A.PersonAdded, added!.Name);
            return Redirect($"/customers/{Id}");
        }

        return await ShowAsync(cancellation);
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid personId, string? role, CancellationToken cancellation)
    {
        if (!await MayManageAsync(cancellation) || !await OursAsync(personId, cancellation))
        {
            return NotFoundPage();
        }

        Person? changed = null;
        if (await TryAsync(null, async () => changed = await ChangePerson.ChangeRoleAsync(db, Me, personId, role, cancellation)))
        {
            Flash = string.Format(CultureInfo.CurrentCulture, A.RoleChanged, changed!.Name, A.RoleName(changed.Role));
            return Redirect($"/customers/{Id}");
        }

        return await ShowAsync(cancellation);
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid personId, CancellationToken cancellation)
    {
        if (!await MayManageAsync(cancellation) || !await OursAsync(personId, cancellation))
        {
            return NotFoundPage();
        }

        Person? changed = null;
        if (await TryAsync(null, async () => changed = await ChangePerson.DeactivateAsync(db, Me, personId, cancellation)))
        {
            Flash = string.Format(CultureInfo.CurrentCulture, A.Deactivated, changed!.Name);
            return Redirect($"/customers/{Id}");
        }

        return await ShowAsync(cancellation);
    }

    /// <summary>Sets the person's right on every contract of the organisation: ticked may view, unticked may not.</summary>
    public async Task<IActionResult> OnPostRightsAsync(Guid personId, List<Guid> contractIds, CancellationToken cancellation)
    {
        if (!await MayManageAsync(cancellation) || !await OursAsync(personId, cancellation))
        {
            return NotFoundPage();
        }

        var contracts = await db.Contracts.Where(c => c.OrganisationId == Id).Select(c => c.Id).ToListAsync(cancellation);
        var saved = await TryAsync(null, async () =>
        {
            foreach (var contract in contracts)
            {
                await ContractRights.SetAsync(db, Me, contract, personId, contractIds.Contains(contract), cancellation);
            }
        });
        if (saved)
        {
            var name = await db.People.Where(p => p.Id == personId).Select(p => p.Name).FirstAsync(cancellation);
            Flash = string.Format(CultureInfo.CurrentCulture, A.RightsSaved, name);
            return Redirect($"/customers/{Id}");
        }

        return await ShowAsync(cancellation);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellation)
    {
        if (!await MayManageAsync(cancellation))
        {
            return NotFoundPage();
        }

        People = await db.People.AsNoTracking().Where(p => p.OrganisationId == Id).OrderBy(p => p.Name).ToListAsync(cancellation);
        Contracts = await db.Contracts.AsNoTracking().Where(c => c.OrganisationId == Id).OrderBy(c => c.Name).ToListAsync(cancellation);
        var ids = Contracts.Select(c => c.Id).ToList();
        Rights = (await db.ContractRights.AsNoTracking().Where(r => ids.Contains(r.ContractId) && r.CanView).ToListAsync(cancellation))
            .ToLookup(r => r.PersonId, r => r.ContractId);
        return Page();
    }

    // The tenant's query filter already hides other providers' organisations; a customer admin manages only their own.
    private async Task<bool> MayManageAsync(CancellationToken cancellation)
    {
        if (!(Me.Role == Role.ProviderAdmin || (Me.Role == Role.CustomerAdmin && Me.OrganisationId == Id)))
        {
            return false;
        }

        Organisation = (await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == Id, cancellation))!;
        return Organisation is not null;
    }

    private Task<bool> OursAsync(Guid personId, CancellationToken cancellation) =>
        db.People.AnyAsync(p => p.Id == personId && p.OrganisationId == Id, cancellation);
}

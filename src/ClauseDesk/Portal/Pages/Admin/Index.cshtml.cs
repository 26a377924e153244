using System.Globalization;
using ClauseDesk.Access;
using ClauseDesk.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk.Portal.Pages.Admin;

/// <summary>
/// The provider admin's page: the customer organisations and the provider's own staff. Everything
/// is done by the use cases the API calls (<see cref="AddOrganisation"/>, <see cref="AddPerson"/>,
/// <see cref="ChangePerson"/>); anyone else finds no such page.
/// </summary>
public sealed class IndexModel(DeskDbContext db, PasswordHasher<Person> hasher) : AdminPage
{
    public static readonly IReadOnlyList<Role> StaffRoles = [Role.ProviderAdmin, Role.Agent];

    [BindProperty]
    public string? OrganisationName { get; set; }

    [BindProperty]
    public string? VatNumber { get; set; }

    [BindProperty]
    public PersonForm Person { get; set; } = new();

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];
    public IReadOnlyList<Person> Staff { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellation) => await ShowAsync(cancellation);

    public async Task<IActionResult> OnPostAddOrganisationAsync(CancellationToken cancellation)
    {
        if (Me.Role != Role.ProviderAdmin)
        {
            return NotFoundPage();
        }

        Organisation? added = null;
        if (await TryAsync("organisation", async () => added = await AddOrganisation.HandleAsync(db, Me, new OrganisationRequest(OrganisationName, VatNumber), cancellation)))
        {
            Flash = string.Format(CultureInfo.CurrentCulture, A.OrganisationAdded, added!.Name);
            return Redirect($"/customers/{added.Id}");
        }

        return await ShowAsync(cancellation);
    }

    public async Task<IActionResult> OnPostAddPersonAsync(CancellationToken cancellation)
    {
        Person? added = null;
        if (Me.Role == Role.ProviderAdmin && await TryAsync("person", async () => added = await AddPerson.HandleAsync(db, hasher, Me, Person.Request(null), cancellation)))
        {
            Flash = string.Format(CultureInfo.CurrentCulture, A.PersonAdded, added!.Name);
            return Redirect("/admin");
        }

        return await ShowAsync(cancellation);
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid personId, string? role, CancellationToken cancellation)
    {
        Person? changed = null;
        if (Me.Role == Role.ProviderAdmin && await TryAsync(null, async () => changed = await ChangePerson.ChangeRoleAsync(db, Me, personId, role, cancellation)))
        {
            Flash = string.Format(CultureInfo.CurrentCulture, A.RoleChanged, changed!.Name, A.RoleName(changed.Role));
            return Redirect("/admin");
        }

        return await ShowAsync(cancellation);
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid personId, CancellationToken cancellation)
    {
        Person? changed = null;
        if (Me.Role == Role.ProviderAdmin && await TryAsync(null, async () => changed = await ChangePerson.DeactivateAsync(db, Me, personId, cancellation)))
        {
            Flash = string.Format(CultureInfo.CurrentCulture, A.Deactivated, changed!.Name);
            return Redirect("/admin");
        }

        return await ShowAsync(cancellation);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellation)
    {
        if (Me.Role != Role.ProviderAdmin)
        {
            return NotFoundPage();
        }

        Organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellation);
        Staff = await db.People.AsNoTracking().Where(p => p.OrganisationId == null).OrderBy(p => p.Name).ToListAsync(cancellation);
        return Page();
    }
}

using ClauseDesk.Data;

namespace ClauseDesk.Access;

/// <summary>Adding a customer organisation, for the API and the portal's admin pages alike.</summary>
public static class AddOrganisation
{
    /// <exception cref="RequestException">Not a provider admin (403), or no name (400).</exception>
    public static async Task<Organisation> HandleAsync(DeskDbContext db, CurrentUser user, OrganisationRequest request, CancellationToken cancellation)
    {
        user.RequireProviderAdmin();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw RequestException.Invalid("name", "an organisation needs a name");
        }

        var organisation = new Organisation(user.TenantId, request.Name, request.VatNumber);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(cancellation);
        return organisation;
    }
}

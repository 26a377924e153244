using System.Security.Claims;
using ClauseDesk.Access;
using ClauseDesk.Tickets;

namespace ClauseDesk;

/// <summary>The signed-in person as the API sees them, read from the token's claims.</summary>
public sealed record CurrentUser(Guid PersonId, Guid TenantId, Guid? OrganisationId, Role Role, string Name)
{
    public const string TenantClaim = "clausedesk:tenant";
    public const string OrganisationClaim = "clausedesk:organisation";

    public bool IsStaff => Role.IsProviderStaff();

    public Actor Actor => new(PersonId, Name, Role);

    /// <summary>Refuses (403) anyone but the provider's admin.</summary>
    /// <exception cref="RequestException">The user is not a provider admin.</exception>
    public void RequireProviderAdmin()
    {
        if (Role != Role.ProviderAdmin)
        {
            throw RequestException.Forbidden("this needs a provider admin");
        }
    }

    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var person)
            || !Guid.TryParse(principal.FindFirstValue(TenantClaim), out var tenant))
        {
            return null;
        }

        Guid? organisation = Guid.TryParse(principal.FindFirstValue(OrganisationClaim), out var o) ? o : null;
        return new CurrentUser(person, tenant, organisation, Roles.Parse(principal.FindFirstValue(ClaimTypes.Role)!), principal.FindFirstValue(ClaimTypes.Name) ?? "");
    }

    /// <summary>The user of a request that passed authorisation.</summary>
    public static CurrentUser Of(HttpContext context) =>
        From(context.User) ?? throw new InvalidOperationException("the endpoint requires authorisation but has no signed-in user");
}

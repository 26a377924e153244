using System.Security.Claims;
using System.Text.Encodings.Web;
using ClauseDesk.Access;
using ClauseDesk.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClauseDesk;

/// <summary>
/// Reads <c>Authorization: Bearer cd_…</c>: finds the token by its id (across tenants: the token
/// says which tenant it belongs to), checks the secret against its hash, and signs the person in with
/// the token's role.
/// </summary>
public sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DeskDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiToken.TryRead(header["Bearer ".Length..].Trim(), out var id, out var secret))
        {
            return AuthenticateResult.Fail("not a ClauseDesk token");
        }

        var now = clock.GetUtcNow();
        var token = await db.ApiTokens.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, Context.RequestAborted);
        if (token is null || !token.Accepts(secret, now))
        {
            return AuthenticateResult.Fail("unknown, expired or revoked token");
        }

        var person = await db.People.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == token.PersonId && p.TenantId == token.TenantId, Context.RequestAborted);
        if (person is null || !person.Active)
        {
            return AuthenticateResult.Fail("the token's person is no longer active");
        }

        // A token acts with its person's role or less: after a change of role, older tokens stop working.
        if (token.Role != person.Role && !(person.Role == Role.ProviderAdmin && token.Role == Role.Agent))
        {
            return AuthenticateResult.Fail("the token's role no longer matches its person's");
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, person.Id.ToString()),
            new(ClaimTypes.Name, person.Name),
            new(ClaimTypes.Role, token.Role.Code()),
            new(CurrentUser.TenantClaim, person.TenantId.ToString()),
        ];
        if (person.OrganisationId is { } organisation)
        {
            claims.Add(new Claim(CurrentUser.OrganisationClaim, organisation.ToString()));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }
}

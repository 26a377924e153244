using System.Security.Claims;
using System.Text.Encodings.Web;
using ClauseDesk.Access;
using ClauseDesk.Data;
using ClauseDesk.Data.Infrastructure;
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
        var cancellation = Context.RequestAborted;
        var stamp = await ReadCache.StampAsync(db, cancellation);
        var signer = await ReadCache.Of(db).GetAsync(stamp, "token", Guid.Empty, id, async c =>
        {
            var token = await db.ApiTokens.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, c);
            var person = token is null ? null : await db.People.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == token.PersonId && p.TenantId == token.TenantId, c);
            return token is null ? null : new Signer(token, person);
        }, cancellation);
        if (signer is null || !signer.Token.Accepts(secret, now))
        {
            return AuthenticateResult.Fail("unknown, expired or revoked token");
        }

        var (token, person) = (signer.Token, signer.Person);
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

    // A token and its person as read together under one stamp; shared by requests, never changed.
    private sealed record Signer(ApiToken Token, Person? Person);
}

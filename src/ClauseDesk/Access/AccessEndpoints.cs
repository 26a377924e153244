using ClauseDesk.Access;
using ClauseDesk.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClauseDesk;

public sealed record OrganisationRequest(string? Name, string? VatNumber);

public sealed record OrganisationView(Guid Id, string Name, string? VatNumber);

public sealed record PersonRequest(string? Name, string? Email, string? Role, Guid? OrganisationId, string? Language, int? AgentLine, string? Password);

public sealed record PersonView(Guid Id, string Name, string Email, string Role, Guid? OrganisationId, string Language, int? AgentLine, bool Active);

public sealed record RoleRequest(string? Role);

public sealed record TokenRequest(string? Name, string? Role, int? ValidDays);

public sealed record TokenView(Guid Id, string Name, string Role, string Token, DateTimeOffset? ExpiresAt);

public sealed record SignInRequest(string? Provider, string? Email, string? Password);

/// <summary>Organisations, people, tokens and sign-in.</summary>
public static class AccessEndpoints
{
    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder endpoints)
    {
        var organisations = endpoints.MapGroup("/api/organisations").WithTags("Organisations").RequireAuthorization();
        organisations.MapGet("/", ListOrganisations).WithSummary("Your tenant's organisations (customers see their own)");
        organisations.MapPost("/", CreateOrganisation).WithSummary("Add a customer organisation (provider admin)").Produces<OrganisationView>(StatusCodes.Status201Created).ProducesValidationProblem();

        var people = endpoints.MapGroup("/api/people").WithTags("People").RequireAuthorization();
        people.MapGet("/", ListPeople).WithSummary("People you may see: staff see all; customer admins their organisation");
        people.MapPost("/", CreatePerson).WithSummary("Add a person (provider admin; customer admins add their own organisation's people)").Produces<PersonView>(StatusCodes.Status201Created).ProducesValidationProblem();

        people.MapPost("/{id:guid}/role", ChangeRole).WithSummary("Give a person another role on the same side, e.g. designate a contact person; their sessions end (provider admin; customer admins for their own people)");
        people.MapPost("/{id:guid}/deactivate", DeactivatePerson).WithSummary("Deactivate a person: their tokens stop working at once (provider admin; customer admins for their own people)");
        endpoints.MapDelete("/api/tokens/{id:guid}", RevokeToken).WithTags("Access").RequireAuthorization().WithSummary("Revoke a token: your own, or any of the provider's as provider admin");
        endpoints.MapPost("/api/tokens", CreateToken).WithTags("Access").RequireAuthorization().WithSummary("Issue an API token for yourself (valid 90 days unless validDays says otherwise); shown once")
            .Produces<TokenView>(StatusCodes.Status201Created);
        endpoints.MapPost("/api/sessions", SignIn).WithTags("Access").AllowAnonymous()
            .WithSummary("Sign in with e-mail and password: returns a token valid 12 hours; 5 failures lock the account for 15 minutes")
            .Produces<TokenView>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    private static async Task<IReadOnlyList<OrganisationView>> ListOrganisations(HttpContext http, DeskDbContext db, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var query = db.Organisations.AsNoTracking();
        if (!user.IsStaff)
        {
            query = query.Where(o => o.Id == user.OrganisationId);
        }

        return await query.OrderBy(o => o.Name).Select(o => new OrganisationView(o.Id, o.Name, o.VatNumber)).ToListAsync(cancellation);
    }

    private static async Task<IResult> CreateOrganisation(HttpContext http, DeskDbContext db, OrganisationRequest request, CancellationToken cancellation)
    {
        var organisation = await AddOrganisation.HandleAsync(db, CurrentUser.Of(http), request, cancellation);
        return Results.Created($"/api/organisations/{organisation.Id}", new OrganisationView(organisation.Id, organisation.Name, organisation.VatNumber));
    }

    private static async Task<IReadOnlyList<PersonView>> ListPeople(HttpContext http, DeskDbContext db, Guid? organisation, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var query = db.People.AsNoTracking();
        if (!user.IsStaff)
        {
            query = query.Where(p => p.OrganisationId == user.OrganisationId);
        }
        else if (organisation is { } org)
        {
            query = query.Where(p => p.OrganisationId == org);
        }

        var people = await query.OrderBy(p => p.Name).ToListAsync(cancellation);
        return [.. people.Select(View)];
    }

    private static async Task<IResult> CreatePerson(HttpContext http, DeskDbContext db, PasswordHasher<Person> hasher, PersonRequest request, CancellationToken cancellation)
    {
        var person = await AddPerson.HandleAsync(db, hasher, CurrentUser.Of(http), request, cancellation);
        return Results.Created($"/api/people/{person.Id}", View(person));
    }

    private static async Task<PersonView> DeactivatePerson(HttpContext http, DeskDbContext db, Guid id, CancellationToken cancellation) =>
        View(await ChangePerson.DeactivateAsync(db, CurrentUser.Of(http), id, cancellation));

    private static async Task<PersonView> ChangeRole(HttpContext http, DeskDbContext db, Guid id, RoleRequest request, CancellationToken cancellation) =>
        View(await ChangePerson.ChangeRoleAsync(db, CurrentUser.Of(http), id, request.Role, cancellation));

    private static async Task<IResult> RevokeToken(HttpContext http, DeskDbContext db, TimeProvider clock, Guid id, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && (t.PersonId == user.PersonId || user.Role == Role.ProviderAdmin), cancellation)
            ?? throw RequestException.NotFound("id", "no such token of yours");
        token.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellation);
        return Results.NoContent();
    }

    private static async Task<IResult> CreateToken(HttpContext http, DeskDbContext db, TimeProvider clock, TokenRequest request, CancellationToken cancellation)
    {
        var user = CurrentUser.Of(http);
        var person = await db.People.FirstAsync(p => p.Id == user.PersonId, cancellation);
        var now = clock.GetUtcNow();
        Role? role = request.Role is { } code ? ChangePerson.ParseRole(code) : null;

        // Tokens expire: 90 days unless asked otherwise (at most ten years).
        var days = request.ValidDays ?? 90;
        var expires = now.AddDays(days is > 0 and <= 3650 ? days : throw RequestException.Invalid("validDays", "1 to 3650"));
        var (token, text) = ApiToken.Issue(person, request.Name ?? "api", now, expires, role);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellation);
        return Results.Created($"/api/tokens/{token.Id}", new TokenView(token.Id, token.Name, token.Role.Code(), text, token.ExpiresAt));
    }

    private static async Task<IResult> SignIn(DeskDbContext db, PasswordHasher<Person> hasher, TimeProvider clock, SignInRequest request, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var person = await PasswordSignIn.CheckAsync(db, hasher, now, request.Provider, request.Email, request.Password, cancellation);
        db.Scope.TenantId = person.TenantId;
        db.Scope.Actor = Tickets.Actor.Of(person);
        var (token, text) = ApiToken.Issue(person, "session", now, now.AddHours(12));
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellation);
        return Results.Created($"/api/tokens/{token.Id}", new TokenView(token.Id, token.Name, token.Role.Code(), text, token.ExpiresAt));
    }

    private static PersonView View(Person p) =>
        new(p.Id, p.Name, p.Email, p.Role.Code(), p.OrganisationId, p.Language, p.AgentLine is { } line ? (int)line : null, p.Active);
}

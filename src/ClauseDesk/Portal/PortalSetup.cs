using System.Security.Claims;
using ClauseDesk.Access;
using ClauseDesk.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;

namespace ClauseDesk.Portal;

/// <summary>
/// The browser portal: Razor Pages under <c>Portal/Pages</c>, signed in with a cookie. The API keeps
/// its bearer tokens: <see cref="DeskScheme"/> sends <c>/api/*</c> to the token scheme (401, never a
/// redirect, and no cookie is ever accepted there, so the API needs no antiforgery) and pages to the cookie.
/// </summary>
public static class PortalSetup
{
    /// <summary>The default scheme: picks the token or the cookie per request.</summary>
    public const string DeskScheme = "Desk";

    public const string CookieScheme = "PortalCookie";

    /// <summary>As long as an API session token (POST /api/sessions).</summary>
    public static readonly TimeSpan SessionLength = TimeSpan.FromHours(12);

    // Strict enough that no inline script or style runs; the portal has neither.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static AuthenticationBuilder AddPortal(this AuthenticationBuilder authentication)
    {
        var services = authentication.Services;
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Portal/Pages";
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/Access/SignIn");
            options.Conventions.AllowAnonymousToPage("/Access/Language");
        }).ConfigureApplicationPartManager(parts =>
        {
            // The pages live in this assembly, which is not the entry assembly when a test hosts the desk.
            var assembly = typeof(PortalSetup).Assembly;
            if (!parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
            {
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                {
                    parts.ApplicationParts.Add(part);
                }
            }
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "clausedesk.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        authentication
            .AddPolicyScheme(DeskScheme, "Token for the API, cookie for the portal", options => options.ForwardDefaultSelector = http =>
                http.Request.Path.StartsWithSegments("/api") || http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenAuthentication.SchemeName
                    : CookieScheme)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = "clausedesk.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = SessionLength;
                options.SlidingExpiration = false;
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = "/";
                options.Events.OnValidatePrincipal = StillAllowedAsync;
            });
        return authentication;
    }

    /// <summary>Security headers and the language of every portal request; before authentication, so redirects carry them too.</summary>
    public static WebApplication UsePortal(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            // The API reference at /docs is Swagger UI, which needs its inline script; everything else gets the policy.
            if (!http.Request.Path.StartsWithSegments("/docs"))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
            }

            await next(http);
        });
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), portal => portal.Use(async (http, next) =>
        {
            PortalLanguage.Apply(http);
            await next(http);
        }));
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/portal",
            FileProvider = new EmbeddedFileProvider(typeof(PortalSetup).Assembly, "ClauseDesk.Portal.Assets"),
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        return app;
    }

    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorPages();
        return endpoints;
    }

    /// <summary>The claims of a signed-in person: the same the token scheme gives, so <see cref="CurrentUser"/> reads both.</summary>
    public static ClaimsPrincipal Principal(Person person)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, person.Id.ToString()),
            new(ClaimTypes.Name, person.Name),
            new(ClaimTypes.Role, person.Role.Code()),
            new(CurrentUser.TenantClaim, person.TenantId.ToString()),
        ];
        if (person.OrganisationId is { } organisation)
        {
            claims.Add(new Claim(CurrentUser.OrganisationClaim, organisation.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieScheme));
    }

    // Like a token, a cookie stops working when its person is deactivated or changes role.
    private static async Task StillAllowedAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal || CurrentUser.From(principal) is not { } user)
        {
            context.RejectPrincipal();
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<DeskDbContext>();
        var person = await db.People.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == user.PersonId && p.TenantId == user.TenantId, context.HttpContext.RequestAborted);
        if (person is null || !person.Active || person.Role != user.Role)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }
}

using ClauseDesk.Access;
using ClauseDesk.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ClauseDesk.Portal.Pages.Access;

/// <summary>Signs a person in with the API's password check and lock-out, and keeps them signed in with a cookie.</summary>
public sealed class SignInModel(DeskDbContext db, PasswordHasher<Person> hasher, TimeProvider clock) : PortalPage
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellation)
    {
        Person person;
        try
        {
            person = await PasswordSignIn.CheckAsync(db, hasher, clock.GetUtcNow(), null, Email, Password, cancellation);
        }
        catch (RequestException refused)
        {
            Error = refused.Status == StatusCodes.Status429TooManyRequests ? T.LockedOut : T.SignInFailed;
            Response.StatusCode = refused.Status;
            return Page();
        }

        await HttpContext.SignInAsync(PortalSetup.CookieScheme, PortalSetup.Principal(person), new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}

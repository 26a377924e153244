using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace ClauseDesk.Portal.Pages.Access;

/// <summary>Signs out (a form post, so no other site can sign someone out with a link).</summary>
public sealed class SignOutModel : PortalPage
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(PortalSetup.CookieScheme);
        return Redirect("/signin");
    }
}

using Microsoft.AspNetCore.Mvc;

namespace ClauseDesk.Portal.Pages.Access;

/// <summary>Keeps the chosen language in a cookie for a year.</summary>
public sealed class LanguageModel : PortalPage
{
    public IActionResult OnGet() => Redirect("/");

    public IActionResult OnPost(string? language, string? returnUrl)
    {
        if (language is not null && PortalLanguage.Codes.Contains(language))
        {
            Response.Cookies.Append(PortalLanguage.CookieName, language, new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
            });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}

using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClauseDesk.Portal;

/// <summary>What every portal page has: the texts in the reader's language and the signed-in person.</summary>
public abstract class PortalPage : PageModel
{
    public PortalText T => PortalText.Current;

    /// <summary>The signed-in person; every page but sign-in requires one.</summary>
    public CurrentUser Me => CurrentUser.Of(HttpContext);

    /// <summary>A message shown once after a redirect (post, redirect, get).</summary>
    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Flash { get; set; }
}

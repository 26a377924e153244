using Microsoft.AspNetCore.Mvc;

namespace ClauseDesk.Portal.Pages;

/// <summary>Staff start at the queue, customers at their organisation's tickets.</summary>
public sealed class IndexModel : PortalPage
{
    public IActionResult OnGet() => Redirect(Me.IsStaff ? "/queue" : "/tickets");
}

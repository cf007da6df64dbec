using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Account;

public sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}

using Headway.Application;
using Headway.Application.Portfolio;
using Headway.Application.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Portfolio;

/// <summary>The home page: an onboarding manager's own portfolio; everyone else goes to the tenant list.</summary>
public sealed class IndexModel(GetPortfolio.Handler handler, Caller caller) : PageModel
{
    public GetPortfolio.Response Portfolio { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (caller.Role != Role.Manager)
        {
            return Redirect(Shared.Landing.PathFor(caller.Role));
        }

        var result = await handler.HandleAsync(ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Portfolio = result.Value;
        return Page();
    }
}

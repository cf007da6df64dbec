using Headway.Application.Summaries;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Summaries;

/// <summary>One executive summary, laid out for reading on screen and for print.</summary>
public sealed class DetailsModel(GetSummary.Handler handler) : PageModel
{
    public GetSummary.Response Found { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, ct);
        if (!result.Succeeded)
        {
            return this.NotShown(result.Refusal);
        }

        Found = result.Value;
        return Page();
    }
}

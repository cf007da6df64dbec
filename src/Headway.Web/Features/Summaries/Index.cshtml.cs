using Headway.Application;
using Headway.Application.Summaries;
using Headway.Domain.Taxonomy;
using Headway.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Summaries;

/// <summary>The latest executive summary of each tenant, per region, for regional managers and leadership.</summary>
public sealed class IndexModel(ListSummaries.Handler handler) : PageModel
{
    public Page<ListSummaries.Row> Rows { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<string> Regions => Geography.Default.Regions;

    public Pager Pager => new(Rows.PageNumber, Rows.PageCount, n => $"/summaries?region={Uri.EscapeDataString(Region ?? "")}&p={n}");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await handler.HandleAsync(new ListSummaries.Request(string.IsNullOrWhiteSpace(Region) ? null : Region, null, PageNumber), ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Rows = result.Value;
        return Page();
    }
}

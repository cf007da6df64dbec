using Headway.Application;
using Headway.Application.Tenants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Tenants;

public sealed class IndexModel(ListTenants.Handler handler) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    // "page" is reserved by Razor Pages for the page's own path, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public string Sort { get; set; } = "name";

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; }

    public Page<ListTenants.Row> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ListTenants.SortKeys.Contains(Sort))
        {
            Sort = "name";
        }

        var result = await handler.HandleAsync(new ListTenants.Request(Search, PageNumber, Paging.DefaultPageSize, Sort, Desc), ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Result = result.Value;
        return Page();
    }

    public string SortLink(string key) =>
        Url.Page("/Tenants/Index", new { search = Search, sort = key, desc = key == Sort && !Desc })!;

    public string PageLink(int page) => Url.Page("/Tenants/Index", new { search = Search, sort = Sort, desc = Desc, p = page })!;

    public string? AriaSort(string key) => key != Sort ? null : Desc ? "descending" : "ascending";
}

using System.Globalization;
using Headway.Application;
using Headway.Application.Search;
using Headway.Application.Users;
using Headway.Web.Features.Shared;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Search;

/// <summary>Search across tenants, status notes and overall notes, in any of the four languages.</summary>
public sealed class IndexModel(SearchAll.Handler handler, Caller caller) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public SearchAll.Response? Result { get; private set; }

    public string? Error { get; private set; }

    public Pager Pager => new(Result!.Hits.PageNumber, Result.Hits.PageCount, n => $"/search?q={Uri.EscapeDataString(Query ?? "")}&p={n}");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Permissions.Allows(caller, Permission.ReadTenants))
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(Query))
        {
            return Page();
        }

        var result = await handler.HandleAsync(new SearchAll.Request(Query, PageNumber), ct);
        if (!result.Succeeded)
        {
            if (this.Forbidden(result.Refusal) is { } forbidden)
            {
                return forbidden;
            }

            Error = result.Refusal.Message(CultureInfo.CurrentUICulture.Name);
            return Page();
        }

        Result = result.Value;
        return Page();
    }
}

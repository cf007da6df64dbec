using Headway.Application;
using Headway.Application.Audit;
using Headway.Application.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Audit;

public sealed class IndexModel(SearchAudit.Handler handler) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Tenant { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Entity { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<AuditEntry> Result { get; private set; } = new([], 1, 50, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await handler.HandleAsync(new SearchAudit.Request(Actor, Tenant, Entity, From, To, PageNumber, 50), ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Result = result.Value;
        return Page();
    }

    public string PageLink(int page) =>
        Url.Page("/Audit/Index", new { actor = Actor, tenant = Tenant, entity = Entity, from = From?.ToString("yyyy-MM-dd"), to = To?.ToString("yyyy-MM-dd"), p = page })!;
}

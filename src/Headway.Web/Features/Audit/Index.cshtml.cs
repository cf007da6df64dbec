using Headway.Application.Audit;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Audit;

/// <summary>The audit trail, readable: names, fields and values in the reader's language, filtered, paged, exported as CSV.</summary>
public sealed class IndexModel(SearchAudit.Handler handler) : PageModel
{
    public const int PageSize = 50;

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

    public SearchAudit.Response Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // A value that does not read (a hand-edited date) filters as if it were not given.
        ModelState.Clear();
        var result = await handler.HandleAsync(new SearchAudit.Request(Actor, Tenant, Entity, From, To, PageNumber, PageSize), ct);
        if (!result.Succeeded)
        {
            return this.NotShown(result.Refusal);
        }

        Result = result.Value;
        return Page();
    }

    public string PageLink(int page) =>
        Url.Page("/Audit/Index", new { actor = Actor, tenant = Tenant, entity = Entity, from = From?.ToString("yyyy-MM-dd"), to = To?.ToString("yyyy-MM-dd"), p = page })!;

    /// <summary>The CSV export of every entry these filters find.</summary>
    public string ExportLink => QueryString.Create(new Dictionary<string, string?>
    {
        ["actor"] = Actor,
        ["tenant"] = Tenant?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["entity"] = Entity,
        ["from"] = From?.ToString("yyyy-MM-dd"),
        ["to"] = To?.ToString("yyyy-MM-dd"),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))) is { HasValue: true } q ? "/api/v1/audit/export" + q : "/api/v1/audit/export";
}

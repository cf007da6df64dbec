using System.Globalization;
using Headway.Application;
using Headway.Application.Reports;
using Headway.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Reports;

/// <summary>The entitlements and notes behind a report's number.</summary>
public sealed class RowsModel(DrillDown.Handler handler) : PageModel
{
    public Page<DrillDown.Row>? Rows { get; private set; }

    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Pager Pager => new(Rows!.PageNumber, Rows.PageCount, n => $"/reports/rows?{StripPage()}&p={n}");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (filter, refusal) = ReportQuery.Parse(Request.Query);
        if (refusal is not null)
        {
            Error = refusal.Message(CultureInfo.CurrentUICulture.Name);
            return Page();
        }

        var q = Request.Query;
        var result = await handler.HandleAsync(new DrillDown.Request(filter!, q["l1"].ToString() is { Length: > 0 } l1 ? l1 : null,
            q.ContainsKey("l2") ? q["l2"].ToString() : null, q["hygiene"].ToString() is { Length: > 0 } h ? h : null, PageNumber,
            Hashtag: q["hashtag"].ToString() is { Length: > 0 } tag ? tag : null), ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Rows = result.Value;
        return Page();
    }

    private string StripPage() => string.Join("&", Request.Query.Where(p => p.Key != "p")
        .SelectMany(p => p.Value.Select(v => p.Key + "=" + Uri.EscapeDataString(v ?? ""))));
}

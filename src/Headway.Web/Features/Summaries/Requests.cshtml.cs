using System.Globalization;
using Headway.Application.Summaries;
using Headway.Web.Features.Shared;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Summaries;

/// <summary>
/// Summary requests in the reader's scope with where each stands (open, overdue, fulfilled), for the regional managers
/// and leaders who ask and the managers who are asked. The query string is the API's.
/// </summary>
public sealed class RequestsModel(ListSummaryRequests.Handler handler) : PageModel
{
    public Application.Page<ListSummaryRequests.Row>? Rows { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RequestedByMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RequestedOfMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? TenantId { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Pager Pager => new(Rows!.PageNumber, Rows.PageCount, Link);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await handler.HandleAsync(new ListSummaryRequests.Request(RequestedByMe, RequestedOfMe, State, TenantId, PageNumber), ct);
        if (result.Succeeded)
        {
            Rows = result.Value;
            return Page();
        }

        if (this.Forbidden(result.Refusal) is { } forbidden)
        {
            return forbidden;
        }

        if (Problems.StatusOf(result.Refusal.Code) == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        // An unknown state in a hand-made link: said above the filter, which offers the known ones.
        ModelState.AddModelError("", result.Refusal.Message(CultureInfo.CurrentUICulture.Name));
        return Page();
    }

    private string Link(int page)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(State))
        {
            query.Add("state=" + Uri.EscapeDataString(State));
        }

        if (RequestedByMe)
        {
            query.Add("requestedByMe=true");
        }

        if (RequestedOfMe)
        {
            query.Add("requestedOfMe=true");
        }

        if (TenantId is { } tenant)
        {
            query.Add("tenantId=" + tenant.ToString(CultureInfo.InvariantCulture));
        }

        query.Add("p=" + page.ToString(CultureInfo.InvariantCulture));
        return "/summaries/requests?" + string.Join("&", query);
    }
}

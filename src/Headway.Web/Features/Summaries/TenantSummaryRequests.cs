using Headway.Application;
using Headway.Application.Summaries;
using Headway.Application.Users;
using Headway.Domain.Tenants;
using Microsoft.AspNetCore.Mvc;

namespace Headway.Web.Features.Summaries;

/// <summary>
/// A tenant's summary requests where they are acted on: on the tenant's page, with the action to request one, and
/// above the summary editor, where its manager sees what is still asked of them (open only).
/// </summary>
public sealed class TenantSummaryRequests(ListSummaryRequests.Handler list, Caller caller) : ViewComponent
{
    public const int Shown = 5;

    public sealed record Model(Tenant Tenant, Application.Page<ListSummaryRequests.Row> Requests, bool MayRequest, bool OpenOnly);

    public async Task<IViewComponentResult> InvokeAsync(Tenant tenant, bool openOnly = false)
    {
        var found = await list.OfTenantReadAsync(tenant, openOnly ? "open" : null, Shown, HttpContext.RequestAborted);
        var mayRequest = !openOnly && !tenant.IsDuplicate && Permissions.Allows(caller, Permission.RequestSummary);
        if (!found.Succeeded || (found.Value.Total == 0 && !mayRequest))
        {
            return Content("");
        }

        return View("/Features/Summaries/_TenantRequests.cshtml", new Model(tenant, found.Value, mayRequest, openOnly));
    }
}

using System.Globalization;
using Headway.Application;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Tenants;

/// <summary>
/// The saved views of the tenant list: open any, rename, share or delete one's own. Each change is a form of its own and
/// comes back here (post, redirect, get) saying what was done.
/// </summary>
public sealed class ViewsModel(ListSavedViews.Handler list, ChangeSavedView.Handler change, DeleteSavedView.Handler delete, Caller caller) : PageModel
{
    public IReadOnlyList<ListSavedViews.View> Views { get; private set; } = [];

    /// <summary>What the last change did, to confirm it (from the redirect's query string).</summary>
    public string? Done { get; private set; }

    public string? DoneName { get; private set; }

    /// <summary>The view whose change was refused, so that its form shows the reason.</summary>
    public long? Failed { get; private set; }

    [BindProperty]
    public ViewForm Form { get; set; } = new();

    public sealed class ViewForm
    {
        public long Id { get; set; }

        public string? Name { get; set; }

        public bool Shared { get; set; }
    }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "done")] string? done, [FromQuery(Name = "name")] string? name, CancellationToken ct)
    {
        if (!Permissions.Allows(caller, Permission.ReadTenants))
        {
            return Forbid();
        }

        Done = done is "changed" or "deleted" ? done : null;
        DoneName = name;
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostChangeAsync(CancellationToken ct)
    {
        var result = await change.HandleAsync(new ChangeSavedView.Request(Form.Id, Form.Name, Form.Shared), ct);
        if (result.Succeeded)
        {
            return Redirect("/tenants/views?done=changed&name=" + Uri.EscapeDataString(result.Value.Name));
        }

        return await RefusedAsync(result.Refusal, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        var name = (await list.HandleAsync(ct)).Value?.FirstOrDefault(v => v.Id == Form.Id)?.Name ?? "";
        var result = await delete.HandleAsync(new DeleteSavedView.Request(Form.Id), ct);
        if (result.Succeeded)
        {
            return Redirect("/tenants/views?done=deleted&name=" + Uri.EscapeDataString(name));
        }

        return await RefusedAsync(result.Refusal, ct);
    }

    private async Task<IActionResult> RefusedAsync(Domain.Results.Refusal refusal, CancellationToken ct)
    {
        if (this.Forbidden(refusal) is { } forbidden)
        {
            return forbidden;
        }

        if (Problems.StatusOf(refusal.Code) is StatusCodes.Status404NotFound or StatusCodes.Status403Forbidden)
        {
            ModelState.AddModelError(string.Empty, refusal.Message(CultureInfo.CurrentUICulture.Name));
        }
        else
        {
            Failed = Form.Id;
            this.AddToForm(refusal);
        }

        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var result = await list.HandleAsync(ct);
        if (!result.Succeeded)
        {
            return this.NotShown(result.Refusal);
        }

        Views = result.Value;
        return Page();
    }
}

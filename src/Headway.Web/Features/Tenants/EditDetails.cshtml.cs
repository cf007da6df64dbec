using Headway.Application;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Tenants;

/// <summary>
/// Corrects a tenant's details: the same use case as PATCH /api/v1/tenants/{id}. The form carries the values it showed,
/// and only the fields the user changed are sent, so a correction made by someone else meanwhile stays.
/// </summary>
public sealed class EditDetailsModel(GetTenant.Handler getTenant, EditTenant.Handler edit, Caller caller) : PageModel
{
    [BindProperty]
    public TenantForm Form { get; set; } = new();

    /// <summary>The values the form showed when it was opened.</summary>
    [BindProperty]
    public TenantForm Original { get; set; } = new();

    public Tenant Tenant { get; private set; } = null!;

    public Caller Caller => caller;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        Form = TenantForm.From(Tenant);
        Original = TenantForm.From(Tenant);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        var (details, seatsRefusal) = Form.ToDetails();
        if (seatsRefusal is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return this.Apply(seatsRefusal);
        }

        var changes = TenantForm.Changes(details!, Original);
        if (changes == new TenantDetails())
        {
            return Redirect($"/tenants/{id}");
        }

        var result = await edit.HandleAsync(new EditTenant.Request(id, changes), ct);
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return this.Apply(result.Refusal);
        }

        return Redirect($"/tenants/{id}?detailsSaved=1");
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        if (Permissions.Check(caller, Permission.RegisterEntitlements) is { } forbidden)
        {
            return this.NotShown(forbidden);
        }

        var result = await getTenant.HandleAsync(new GetTenant.Request(id), ct);
        if (!result.Succeeded)
        {
            return this.NotShown(result.Refusal);
        }

        Tenant = result.Value.Tenant;
        return null;
    }
}

using Headway.Application.Tenants;
using Headway.Domain.Entitlements;
using Headway.Domain.Tenants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Tenants;

public sealed class DetailsModel(GetTenant.Handler handler) : PageModel
{
    public Tenant Tenant { get; private set; } = null!;

    public IReadOnlyList<Entitlement> Entitlements { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new GetTenant.Request(id), ct);
        if (!result.Succeeded)
        {
            return result.Refusal!.Code == Domain.Results.RefusalCodes.Forbidden ? Forbid() : NotFound();
        }

        Tenant = result.Value!.Tenant;
        Entitlements = result.Value.Entitlements;
        return Page();
    }
}

using Headway.Application;
using Headway.Application.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Tenants;

/// <summary>Registers a tenant without a file: the same use case as POST /api/v1/tenants, under the import's rules.</summary>
public sealed class RegisterModel(RegisterTenant.Handler register, Caller caller) : PageModel
{
    [BindProperty]
    public TenantForm Form { get; set; } = new();

    public RegisterTenant.Choices Choices { get; private set; } = new([], []);

    public bool ProgrammeWide => caller.IsProgrammeWide;

    public Caller Caller => caller;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        var (details, seatsRefusal) = Form.ToDetails();
        var result = seatsRefusal is null
            ? await register.HandleAsync(new RegisterTenant.Request(details!, ProgrammeWide ? Form.PartnerId : caller.PartnerId, Form.Manager, Form.Workloads), ct)
            : seatsRefusal;
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return this.Apply(result.Refusal);
        }

        return Redirect($"/tenants/{result.Value.Id}?registered=1");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var choices = await register.ChoicesAsync(ct);
        if (!choices.Succeeded)
        {
            return this.NotShown(choices.Refusal);
        }

        Choices = choices.Value;
        return null;
    }
}

using Headway.Application;
using Headway.Application.Users;
using Headway.Application.WorkList;
using Headway.Web.Features.WorkList;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Portfolio;

/// <summary>
/// The home page: an onboarding manager's work list (their entitlements by status, and everything that needs them today,
/// each next action marked done or moved in place); everyone else goes to the tenant list.
/// </summary>
public sealed class IndexModel(GetWorkList.Handler handler, WorkListActions actions, Caller caller) : PageModel
{
    public GetWorkList.Response WorkList { get; private set; } = null!;

    public string? ActionError { get; private set; }

    [BindProperty]
    public NextActionForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (caller.Role != Role.Manager)
        {
            return Redirect(Shared.Landing.PathFor(caller.Role));
        }

        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostDoneAsync(CancellationToken ct) =>
        WorkListActions.Answer(this, await actions.DoneAsync(Form, ct), "/", out var error) ?? await ShowAsync(error, ct);

    public async Task<IActionResult> OnPostMoveAsync(CancellationToken ct) =>
        WorkListActions.Answer(this, await actions.MoveAsync(Form, ct), "/", out var error) ?? await ShowAsync(error, ct);

    private async Task<IActionResult> ShowAsync(string? error, CancellationToken ct)
    {
        ActionError = error;
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var result = await handler.HandleAsync(ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        WorkList = result.Value;
        return null;
    }
}

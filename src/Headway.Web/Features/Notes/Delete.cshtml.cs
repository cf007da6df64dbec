using Headway.Application.Notes;
using Headway.Domain.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Notes;

/// <summary>
/// Asks before an overall note is deleted, then deletes it (softly: its text stays in the tenant's history). Its author may,
/// and administrators may delete any note in their scope.
/// </summary>
public sealed class DeleteModel(DeleteOverallNote.Handler handler) : PageModel
{
    public OverallNote Note { get; private set; } = null!;

    public Tenant Tenant { get; private set; } = null!;

    /// <summary>The version of the note the confirmation shows; the delete names it.</summary>
    [BindProperty]
    public int Version { get; set; }

    /// <summary>Set when the note changed since the confirmation was shown: it now shows the note as it is.</summary>
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var shown = Version;
        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }

        var result = await handler.HandleAsync(new DeleteOverallNote.Request(id, shown), ct);
        if (result.Succeeded)
        {
            return Redirect($"/tenants/{result.Value.TenantId}?deleted={id}#timeline");
        }

        if (Problems.StatusOf(result.Refusal.Code) == StatusCodes.Status403Forbidden)
        {
            return Forbid();
        }

        if (Problems.StatusOf(result.Refusal.Code) == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        // A change meanwhile: the page shows the note as it is now, with its version; confirming again deletes that.
        Error = result.Refusal.Message(System.Globalization.CultureInfo.CurrentUICulture.Name);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var form = await handler.FormAsync(id, ct);
        if (!form.Succeeded)
        {
            return Problems.StatusOf(form.Refusal.Code) == StatusCodes.Status403Forbidden ? Forbid() : NotFound();
        }

        (Note, Tenant, Version) = (form.Value.Note, form.Value.Tenant, form.Value.Version);
        return null;
    }
}

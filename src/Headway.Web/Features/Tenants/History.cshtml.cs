using Headway.Application;
using Headway.Application.Notes;
using Headway.Application.Tenants;
using Headway.Domain.Entitlements;
using Headway.Domain.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Tenants;

public sealed class HistoryModel(GetTenant.Handler getTenant, GetHistory.Handler getHistory, ListNoteRevisions.Handler noteRevisions) : PageModel
{
    public Tenant Tenant { get; private set; } = null!;

    public Page<StatusChange> Changes { get; private set; } = new([], 1, 50, 0);

    /// <summary>Edits and deletes of the tenant's overall notes (and changes of their next actions), with the note before and after.</summary>
    public Page<ListNoteRevisions.Row> NoteRevisions { get; private set; } = new([], 1, 50, 0);

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "p")] int? pageNumber, [FromQuery(Name = "np")] int? notesPage, CancellationToken ct)
    {
        var tenant = await getTenant.HandleAsync(new GetTenant.Request(id), ct);
        var history = await getHistory.HandleAsync(new GetHistory.Request(id, pageNumber, 50), ct);
        if (this.Forbidden(tenant.Refusal) is { } forbidden)
        {
            return forbidden;
        }

        if (!tenant.Succeeded || !history.Succeeded)
        {
            return NotFound();
        }

        Tenant = tenant.Value.Tenant;
        Changes = history.Value;
        var revisions = await noteRevisions.HandleAsync(new ListNoteRevisions.Request(id, notesPage, 50), ct);
        if (revisions.Succeeded)
        {
            NoteRevisions = revisions.Value;
        }

        return Page();
    }
}

using Headway.Application;
using Headway.Application.Notes;
using Headway.Application.Tenants;
using Headway.Domain.Entitlements;
using Headway.Domain.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Tenants;

public sealed class HistoryModel(GetTenant.Handler getTenant, GetHistory.Handler getHistory, ListNoteRevisions.Handler noteRevisions,
    GetDetailChanges.Handler detailChanges, Audit.AuditText text) : PageModel
{
    public Tenant Tenant { get; private set; } = null!;

    public Page<StatusChange> Changes { get; private set; } = new([], 1, 50, 0);

    /// <summary>Edits and deletes of the tenant's overall notes (and changes of their next actions), with the note before and after.</summary>
    public Page<ListNoteRevisions.Row> NoteRevisions { get; private set; } = new([], 1, 50, 0);

    /// <summary>Changes of the tenant's own details (registration, corrections, assignments), newest first.</summary>
    public GetDetailChanges.Response? Details { get; private set; }

    /// <summary>Field names and values of the details' changes in the reader's language.</summary>
    public Audit.AuditText Text => text;

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "p")] int? pageNumber, [FromQuery(Name = "np")] int? notesPage,
        [FromQuery(Name = "dp")] int? detailsPage, CancellationToken ct)
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

        var details = await detailChanges.HandleAsync(new GetDetailChanges.Request(id, detailsPage, 20), ct);
        Details = details.Succeeded ? details.Value : null;
        return Page();
    }
}

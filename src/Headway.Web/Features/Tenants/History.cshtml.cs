using System.Globalization;
using Headway.Application;
using Headway.Application.Notes;
using Headway.Application.Tenants;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
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

    /// <summary>The filters of the status changes: a workload, who made them, and a range of days.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Workload { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ChangedBy { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Only changes of this field (one of <see cref="Domain.Entitlements.FieldChange.Fields"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Field { get; set; }

    /// <summary>The tenant's workloads, for the filter's list.</summary>
    public IReadOnlyList<string> Workloads { get; private set; } = [];

    /// <summary>The people who changed the tenant's entitlements, for the filter's list.</summary>
    public IReadOnlyList<string> People { get; private set; } = [];

    public bool Filtered => Workload is { Length: > 0 } || ChangedBy is { Length: > 0 } || From is not null || To is not null || Field is { Length: > 0 };

    /// <summary>A page of the changes with the filters kept.</summary>
    public string PageLink(int page) => "?" + string.Join("&", new (string Name, string? Value)[]
        {
            ("workload", Workload), ("changedBy", ChangedBy), ("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("field", Field), ("p", page.ToString(CultureInfo.InvariantCulture)),
        }.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)));

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "p")] int? pageNumber, [FromQuery(Name = "np")] int? notesPage,
        [FromQuery(Name = "dp")] int? detailsPage, CancellationToken ct)
    {
        foreach (var name in new[] { nameof(From), nameof(To) })
        {
            if (ModelState[name] is { Errors.Count: > 0 } unread)
            {
                return this.NotShown(Refusal.ForField(name.ToLowerInvariant(), RefusalCodes.InvalidDate, unread.AttemptedValue ?? ""));
            }
        }

        var tenant = await getTenant.HandleAsync(new GetTenant.Request(id), ct);
        if (this.Forbidden(tenant.Refusal) is { } forbidden)
        {
            return forbidden;
        }

        if (!tenant.Succeeded)
        {
            return NotFound();
        }

        var history = await getHistory.HandleAsync(new GetHistory.Request(id, pageNumber, 50, null, Workload, ChangedBy, From, To, Field), ct);
        if (!history.Succeeded)
        {
            return this.NotShown(history.Refusal);
        }

        People = await getHistory.PeopleAsync(id, ct);
        Workloads = tenant.Value.Entitlements.Select(e => e.Workload).ToList();

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

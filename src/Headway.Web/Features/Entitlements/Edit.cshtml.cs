using Headway.Application;
using Headway.Application.Entitlements;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Entitlements;

public sealed class EditModel(GetTenant.Handler getTenant, ChangeStatus.Handler changeStatus, Application.Taxonomy.ManageL3Values l3Values, Caller caller) : PageModel
{
    /// <summary>The L3 values the editor offers under each L2.</summary>
    public IReadOnlyList<Application.Data.L3Value> L3Values { get; private set; } = [];

    public Tenant Tenant { get; private set; } = null!;

    /// <summary>The entitlement as stored now (after a conflict: the other person's version).</summary>
    public Entitlement Current { get; private set; } = null!;

    /// <summary>Set when the save hit a newer version: what the user submitted.</summary>
    public EditForm? Conflict { get; private set; }

    [BindProperty]
    public EditForm Form { get; set; } = new();

    /// <summary>
    /// Gateway managers set the engagement start date and nothing else: they get that field alone, with the status shown,
    /// and the rest of the entitlement is posted back as it stands.
    /// </summary>
    public bool StartDateOnly => !Permissions.Allows(caller, Permission.ChangeEntitlement) && !Permissions.IsStatusWriterFor(caller, Current.Workload);

    /// <summary>
    /// Only roles that may change an entitlement (or its engagement start date) get the editor, and an engineer or architect
    /// who writes this workload's status notes (on their account team's tenants: the save says so elsewhere).
    /// </summary>
    private bool MayEdit(string workload) => Permissions.Allows(caller, Permission.ChangeEntitlement) || Permissions.Allows(caller, Permission.SetEngagementStartDate)
        || Permissions.IsStatusWriterFor(caller, workload);

    public async Task<IActionResult> OnGetAsync(long id, string workload, CancellationToken ct)
    {
        if (!MayEdit(workload))
        {
            return Forbid();
        }

        if (!await LoadAsync(id, workload, ct))
        {
            return NotFound();
        }

        Form = EditForm.From(Current);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string workload, CancellationToken ct)
    {
        if (!MayEdit(workload))
        {
            return Forbid();
        }

        if (!await LoadAsync(id, workload, ct))
        {
            return NotFound();
        }

        if (StartDateOnly)
        {
            Form = EditForm.From(Current) with
            {
                EngagementStartDate = Form.EngagementStartDate,
                EngagementStartDateReason = Form.EngagementStartDateReason,
                Version = Form.Version,
            };
        }

        var (update, dateRefusal) = Form.ToUpdate();
        if (dateRefusal is not null)
        {
            this.AddToForm(dateRefusal);
            return Page();
        }

        var result = await changeStatus.HandleAsync(new ChangeStatus.Request(id, Current.Workload, Form.Version, update!, Form.EngagementStartDateReason), ct);
        if (result.Succeeded)
        {
            return Redirect($"/tenants/{id}?saved={Uri.EscapeDataString(Current.Workload)}");
        }

        if (result.Refusal.Code == RefusalCodes.VersionMismatch)
        {
            // Show both versions; the form now carries the current version, so saving again is a deliberate overwrite.
            Conflict = Form;
            Form = Form with { Version = Current.Version };
        }

        this.AddToForm(result.Refusal);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, string workload, CancellationToken ct)
    {
        var result = await getTenant.HandleAsync(new GetTenant.Request(id), ct);
        if (!result.Succeeded || result.Value.Entitlements.FirstOrDefault(e => string.Equals(e.Workload, workload, StringComparison.OrdinalIgnoreCase)) is not { } entitlement)
        {
            return false;
        }

        Tenant = result.Value.Tenant;
        Current = entitlement;
        L3Values = await l3Values.ListAsync(ct);
        return true;
    }
}

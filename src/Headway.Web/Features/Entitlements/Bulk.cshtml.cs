using System.Globalization;
using Headway.Application;
using Headway.Application.Entitlements;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Entitlements;

/// <summary>One status, note and next action for several workloads of a tenant, saved together or not at all.</summary>
public sealed class BulkModel(GetTenant.Handler getTenant, ChangeStatus.Handler changeStatus, Caller caller) : PageModel
{
    public Tenant Tenant { get; private set; } = null!;

    /// <summary>The selected entitlements as stored now.</summary>
    public IReadOnlyList<Entitlement> Selected { get; private set; } = [];

    /// <summary>After a conflict: the selected workloads someone else changed since this form was opened.</summary>
    public IReadOnlyList<Entitlement> ChangedMeanwhile { get; private set; } = [];

    /// <summary>Set when the same note on several workloads needs the user's confirmation.</summary>
    public string? SameNoteWarning { get; private set; }

    [BindProperty]
    public EditForm Form { get; set; } = new();

    [BindProperty]
    public List<BulkTarget> Targets { get; set; } = [];

    [BindProperty]
    public bool ConfirmSameNote { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "w")] string[] workloads, CancellationToken ct)
    {
        if (!Permissions.Allows(caller, Permission.ChangeEntitlement))
        {
            return Forbid();
        }

        if (!await LoadAsync(id, workloads, ct))
        {
            return NotFound();
        }

        Targets = Selected.Select(e => new BulkTarget { Workload = e.Workload, Version = e.Version }).ToList();
        var first = Selected.Count > 0 ? Selected[0] : null;
        Form = first is null ? new EditForm() : new EditForm
        {
            L1 = first.L1,
            L2 = Selected.All(e => e.L2 == first.L2) ? first.L2 : null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!Permissions.Allows(caller, Permission.ChangeEntitlement))
        {
            return Forbid();
        }

        if (!await LoadAsync(id, Targets.Select(t => t.Workload ?? ""), ct))
        {
            return NotFound();
        }

        var (update, dateRefusal) = Form.ToUpdate();
        if (dateRefusal is not null)
        {
            AddError(dateRefusal);
            return Page();
        }

        var request = new ChangeStatus.BulkRequest(id, Targets.Select(t => new ChangeStatus.Target(t.Workload ?? "", t.Version)).ToList(),
            update!, Form.EngagementStartDateReason, ConfirmSameNote);
        var result = await changeStatus.HandleAsync(request, ct);
        if (result.Succeeded)
        {
            return Redirect($"/tenants/{id}?saved={Uri.EscapeDataString(string.Join(", ", result.Value!.Select(e => e.Workload)))}");
        }

        switch (result.Refusal!.Code)
        {
            case RefusalCodes.SameNoteOnSeveralWorkloads:
                SameNoteWarning = result.Refusal.Message(CultureInfo.CurrentUICulture.Name);
                return Page();
            case RefusalCodes.VersionMismatch:
                // Show whose change got in between; the versions now carry theirs, so saving again is deliberate.
                var selected = await ReloadAsync(id, ct);
                ChangedMeanwhile = selected.Where(e => Targets.Any(t => t.Workload == e.Workload && t.Version != e.Version)).ToList();
                Targets = selected.Select(e => new BulkTarget { Workload = e.Workload, Version = e.Version }).ToList();
                break;
        }

        AddError(result.Refusal);
        return Page();
    }

    private void AddError(Refusal refusal) =>
        ModelState.AddModelError(refusal.Field is null or "workload" ? string.Empty : "Form." + char.ToUpperInvariant(refusal.Field[0]) + refusal.Field[1..],
            refusal.Message(CultureInfo.CurrentUICulture.Name));

    private async Task<IReadOnlyList<Entitlement>> ReloadAsync(long id, CancellationToken ct)
    {
        var result = await getTenant.HandleAsync(new GetTenant.Request(id), ct);
        var wanted = Targets.Select(t => t.Workload).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Selected = result.Value?.Entitlements.Where(e => wanted.Contains(e.Workload)).ToList() ?? [];
        return Selected;
    }

    private async Task<bool> LoadAsync(long id, IEnumerable<string> workloads, CancellationToken ct)
    {
        var result = await getTenant.HandleAsync(new GetTenant.Request(id), ct);
        if (result.Value is not { } found || found.Tenant.IsDuplicate)
        {
            return false;
        }

        var wanted = workloads.ToHashSet(StringComparer.OrdinalIgnoreCase);
        Tenant = found.Tenant;
        Selected = found.Entitlements.Where(e => wanted.Contains(e.Workload)).ToList();
        return true;
    }
}

/// <summary>One selected workload and the version the form was opened with.</summary>
public sealed class BulkTarget
{
    public string? Workload { get; set; }
    public int Version { get; set; }
}

using System.Globalization;
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

/// <summary>
/// Several workloads of a tenant changed together, saved together or not at all. Only what the user fills in or
/// ticks to clear changes; every other field stays as it is on each entitlement. Saving takes two steps: the first
/// checks every rule and lists what will change on how many entitlements, the second saves.
/// </summary>
public sealed class BulkModel(GetTenant.Handler getTenant, ChangeStatus.Handler changeStatus, Application.Taxonomy.ManageL3Values l3Values, Caller caller) : PageModel
{
    /// <summary>The L3 values the editor offers under each L2.</summary>
    public IReadOnlyList<Application.Data.L3Value> L3Values { get; private set; } = [];

    public Tenant Tenant { get; private set; } = null!;

    /// <summary>The selected entitlements as stored now.</summary>
    public IReadOnlyList<Entitlement> Selected { get; private set; } = [];

    /// <summary>After a conflict: the selected workloads someone else changed since this form was opened.</summary>
    public IReadOnlyList<Entitlement> ChangedMeanwhile { get; private set; } = [];

    /// <summary>What the change will do, shown for confirmation before anything is saved.</summary>
    public IReadOnlyList<ChangeStatus.FieldCount>? Preview { get; private set; }

    /// <summary>Set when the same note on several workloads needs the user's confirmation.</summary>
    public string? SameNoteWarning { get; private set; }

    [BindProperty]
    public EditForm Form { get; set; } = new();

    /// <summary>The fields the user chose to clear on every selected entitlement (<see cref="EntitlementField"/> names).</summary>
    [BindProperty]
    public List<string> Clear { get; set; } = [];

    [BindProperty]
    public List<BulkTarget> Targets { get; set; } = [];

    [BindProperty]
    public bool ConfirmSameNote { get; set; }

    /// <summary>True on the second step: the user saw what will change and saves.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>The fingerprint of the form the user reviewed; a form edited after its review is reviewed again, not saved.</summary>
    [BindProperty]
    public string? Reviewed { get; set; }

    /// <summary>A fingerprint of what the form asks for (fields, values, fields to clear and the selection).</summary>
    public string FormFingerprint => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
        System.Text.Json.JsonSerializer.Serialize(new { Form = Form with { Version = 0 }, Clear = Clear.Order(StringComparer.Ordinal), Targets = Targets.Select(t => new { t.Workload, t.Version }) }))))[..16];

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
        // Nothing is pre-filled: an empty field keeps each entitlement's own value.
        Form = new EditForm();
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

        var (patch, formRefusal) = Form.ToPatch(Clear);
        if (formRefusal is not null)
        {
            this.AddToForm(formRefusal, "workload");
            return Page();
        }

        var targets = Targets.Select(t => new ChangeStatus.Target(t.Workload ?? "", t.Version)).ToList();
        if (Confirmed && string.Equals(Reviewed, FormFingerprint, StringComparison.Ordinal))
        {
            var saved = await changeStatus.HandleAsync(new ChangeStatus.BulkRequest(id, targets, patch!, Form.EngagementStartDateReason, ConfirmSameNote), ct);
            if (saved.Succeeded)
            {
                return Redirect($"/tenants/{id}?saved={Uri.EscapeDataString(string.Join(", ", saved.Value.Entitlements.Select(e => e.Workload)))}");
            }

            if (saved.Refusal.Code != RefusalCodes.SameNoteOnSeveralWorkloads)
            {
                return await RefusedAsync(id, saved.Refusal, ct);
            }
        }

        // The first step, or a confirmation that still lacks the same-note tick: check everything, save nothing.
        var preview = await changeStatus.HandleAsync(new ChangeStatus.BulkRequest(id, targets, patch!, Form.EngagementStartDateReason, ConfirmSameNote, DryRun: true), ct);
        if (!preview.Succeeded)
        {
            return await RefusedAsync(id, preview.Refusal, ct);
        }

        Preview = preview.Value.Changes;
        if (preview.Value.SameNoteNeedsConfirmation)
        {
            SameNoteWarning = Refusal.Of(RefusalCodes.SameNoteOnSeveralWorkloads, Selected.Count.ToString(CultureInfo.InvariantCulture))
                .Message(CultureInfo.CurrentUICulture.Name);
        }

        return Page();
    }

    private async Task<IActionResult> RefusedAsync(long id, Refusal refusal, CancellationToken ct)
    {
        if (refusal.Code == RefusalCodes.VersionMismatch)
        {
            // Show whose change got in between; the versions now carry theirs, so saving again is deliberate.
            var selected = await ReloadAsync(id, ct);
            ChangedMeanwhile = selected.Where(e => Targets.Any(t => t.Workload == e.Workload && t.Version != e.Version)).ToList();
            Targets = selected.Select(e => new BulkTarget { Workload = e.Workload, Version = e.Version }).ToList();
        }

        // The workload names a selected entitlement, not an input: its refusal shows above the form.
        this.AddToForm(refusal, "workload");
        return Page();
    }

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
        L3Values = await l3Values.ListAsync(ct);
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

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

public sealed class EditModel(GetTenant.Handler getTenant, ChangeStatus.Handler changeStatus, Caller caller) : PageModel
{
    public Tenant Tenant { get; private set; } = null!;

    /// <summary>The entitlement as stored now (after a conflict: the other person's version).</summary>
    public Entitlement Current { get; private set; } = null!;

    /// <summary>Set when the save hit a newer version: what the user submitted.</summary>
    public EditForm? Conflict { get; private set; }

    [BindProperty]
    public EditForm Form { get; set; } = new();

    /// <summary>Only roles that may change an entitlement (or its engagement start date) get the editor.</summary>
    private bool MayEdit => Permissions.Allows(caller, Permission.ChangeEntitlement) || Permissions.Allows(caller, Permission.SetEngagementStartDate);

    public async Task<IActionResult> OnGetAsync(long id, string workload, CancellationToken ct)
    {
        if (!MayEdit)
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
        if (!MayEdit)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, workload, ct))
        {
            return NotFound();
        }

        var (update, dateRefusal) = Form.ToUpdate();
        if (dateRefusal is not null)
        {
            AddError(dateRefusal);
            return Page();
        }

        var result = await changeStatus.HandleAsync(new ChangeStatus.Request(id, Current.Workload, Form.Version, update!, Form.EngagementStartDateReason), ct);
        if (result.Succeeded)
        {
            return Redirect($"/tenants/{id}?saved={Uri.EscapeDataString(Current.Workload)}");
        }

        if (result.Refusal!.Code == RefusalCodes.VersionMismatch)
        {
            // Show both versions; the form now carries the current version, so saving again is a deliberate overwrite.
            Conflict = Form;
            Form = Form with { Version = Current.Version };
        }

        AddError(result.Refusal);
        return Page();
    }

    private void AddError(Refusal refusal) =>
        ModelState.AddModelError(refusal.Field is null ? string.Empty : "Form." + FieldName(refusal.Field),
            refusal.Message(CultureInfo.CurrentUICulture.Name));

    private static string FieldName(string field) => char.ToUpperInvariant(field[0]) + field[1..];

    private async Task<bool> LoadAsync(long id, string workload, CancellationToken ct)
    {
        var result = await getTenant.HandleAsync(new GetTenant.Request(id), ct);
        var entitlement = result.Value?.Entitlements.FirstOrDefault(e => string.Equals(e.Workload, workload, StringComparison.OrdinalIgnoreCase));
        if (entitlement is null)
        {
            return false;
        }

        Tenant = result.Value!.Tenant;
        Current = entitlement;
        return true;
    }
}

/// <summary>The edit form as posted; dates arrive as yyyy-MM-dd text and are parsed here so errors are ours.</summary>
public sealed record EditForm
{
    public string L1 { get; set; } = "";
    public string? L2 { get; set; }
    public string? L3 { get; set; }
    public string? Note { get; set; }
    public string? TargetDate { get; set; }
    public string? EngagementStartDate { get; set; }
    public string? ProjectedUnblockDate { get; set; }
    public string? NextAction { get; set; }
    public string? NextActionDate { get; set; }
    public string? NextActionOwner { get; set; }
    public string? BusinessReason { get; set; }
    public EngagementScenario? EngagementScenario { get; set; }
    public string? EngagementStartDateReason { get; set; }
    public int Version { get; set; }

    public static EditForm From(Entitlement e) => new()
    {
        L1 = e.L1,
        L2 = e.L2,
        L3 = e.L3,
        Note = e.Note,
        TargetDate = Iso(e.TargetDate),
        EngagementStartDate = Iso(e.EngagementStartDate),
        ProjectedUnblockDate = Iso(e.ProjectedUnblockDate),
        NextAction = e.NextAction,
        NextActionDate = Iso(e.NextActionDate),
        NextActionOwner = e.NextActionOwner,
        BusinessReason = e.BusinessReason,
        EngagementScenario = e.EngagementScenario,
        Version = e.Version,
    };

    public (EntitlementUpdate? Update, Refusal? Refusal) ToUpdate()
    {
        var dates = new (string Field, string? Text)[]
        {
            ("targetDate", TargetDate), ("engagementStartDate", EngagementStartDate),
            ("projectedUnblockDate", ProjectedUnblockDate), ("nextActionDate", NextActionDate),
        };
        var parsed = new DateOnly?[dates.Length];
        for (var i = 0; i < dates.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(dates[i].Text))
            {
                continue;
            }

            if (!DateOnly.TryParseExact(dates[i].Text!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return (null, Refusal.ForField(dates[i].Field, RefusalCodes.InvalidDate, dates[i].Text!));
            }

            parsed[i] = d;
        }

        return (new EntitlementUpdate(L1, L2, L3, Note, parsed[0], parsed[1], parsed[2], NextAction, parsed[3],
            NextActionOwner, BusinessReason, EngagementScenario), null);
    }

    public static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>What the shared status fields show: the form, and the engagement start date as stored before this edit.</summary>
public sealed record StatusFields(EditForm Form, DateOnly? OriginalStart);

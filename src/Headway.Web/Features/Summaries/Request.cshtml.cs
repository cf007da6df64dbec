using System.Globalization;
using Headway.Application;
using Headway.Application.Summaries;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Summaries;

/// <summary>A regional manager or leader asks the tenant's onboarding manager for an executive summary by a day.</summary>
public sealed class RequestModel(GetTenant.Handler getTenant, RequestSummary.Handler requestSummary, Caller caller, TimeProvider clock) : PageModel
{
    public Tenant Tenant { get; private set; } = null!;

    [BindProperty]
    public SummaryRequestForm Form { get; set; } = new();

    /// <summary>Why no request can be made of this tenant at all (no manager, duplicate), in the reader's language; null when one can.</summary>
    public string? Blocked { get; private set; }

    /// <summary>The first day a request may be due: today (UTC, the server's day as everywhere).</summary>
    public string Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }

        Form = new SummaryRequestForm { DueDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }

        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(Form.DueDate))
        {
            if (!DateOnly.TryParseExact(Form.DueDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                this.AddToForm(Refusal.ForField("dueDate", RefusalCodes.InvalidDate, Form.DueDate));
                return Page();
            }

            due = parsed;
        }

        var result = await requestSummary.HandleAsync(new RequestSummary.Request(id, due, Form.Message), ct);
        return result.Succeeded ? Redirect($"/tenants/{id}?requested=1#summary-requests") : this.Apply(result.Refusal);
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        if (!Permissions.Allows(caller, Permission.RequestSummary))
        {
            return Forbid();
        }

        var found = await getTenant.HandleAsync(new GetTenant.Request(id), ct);
        if (!found.Succeeded)
        {
            return this.NotShown(found.Refusal);
        }

        Tenant = found.Value.Tenant;
        var lang = CultureInfo.CurrentUICulture.Name;
        Blocked = Tenant.IsDuplicate ? Refusal.Of(RefusalCodes.SummaryOfDuplicateTenant).Message(lang)
            : string.IsNullOrWhiteSpace(Tenant.ManagerName) ? Refusal.Of(RefusalCodes.TenantHasNoManager).Message(lang)
            : null;
        return null;
    }
}

public sealed class SummaryRequestForm
{
    /// <summary>yyyy-MM-dd, as a date input sends it.</summary>
    public string? DueDate { get; set; }

    public string? Message { get; set; }
}

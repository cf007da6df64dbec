using System.Globalization;
using Headway.Application;
using Headway.Application.Summaries;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Summaries;

/// <summary>
/// The executive summary editor: structured fields, the workload lines pre-filled from the tenant's current
/// entitlements (only the ticked ones are kept), and character counters.
/// </summary>
public sealed class WriteModel(GetTenant.Handler getTenant, WriteSummary.Handler write, Caller caller) : PageModel
{
    public Tenant Tenant { get; private set; } = null!;

    [BindProperty]
    public SummaryForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!Permissions.Allows(caller, Permission.ChangeEntitlement))
        {
            return Forbid();
        }

        var found = await getTenant.HandleAsync(new GetTenant.Request(id), ct);
        if (found.Value is not { } tenant)
        {
            return NotFound();
        }

        Tenant = tenant.Tenant;
        Form = new SummaryForm { Lines = Prefill(tenant.Entitlements) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!Permissions.Allows(caller, Permission.ChangeEntitlement))
        {
            return Forbid();
        }

        var found = await getTenant.HandleAsync(new GetTenant.Request(id), ct);
        if (found.Value is not { } tenant)
        {
            return NotFound();
        }

        Tenant = tenant.Tenant;
        var lines = Form.Lines.Where(l => l.Include).Select(l => new SummaryLine(l.Workload ?? "", l.State ?? "", l.NextAction)).ToList();
        var result = await write.HandleAsync(new WriteSummary.Request(id, Form.CustomerDescription, Form.EngagementStatus, Form.DeploymentProgress,
            Form.Relationship, lines, Form.SupportRequests, Form.Risks), ct);
        if (result.Succeeded)
        {
            return Redirect($"/summaries/{result.Value.Id}?written=1");
        }

        return this.Apply(result.Refusal);
    }

    /// <summary>
    /// One line per entitlement, stating its status in the reader's language and its next action, plus a
    /// CORE line for the rest. In progress and blocked workloads are ticked: they are usually under discussion.
    /// </summary>
    private static List<SummaryLineForm> Prefill(IReadOnlyList<Entitlement> entitlements)
    {
        var lang = SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name);
        var taxonomy = StatusTaxonomy.Default;
        var lines = entitlements
            .Where(e => e.L1 != TaxonomyCodes.DuplicateInvalid)
            .Select(e => new SummaryLineForm
            {
                Workload = e.Workload,
                Include = e.L1 is TaxonomyCodes.InProgress or TaxonomyCodes.Blocked,
                State = ExecutiveSummary.FitLine(string.Join(" · ", new[] { taxonomy.FindL1(e.L1)?.Name.Get(lang), e.L2 is null ? null : taxonomy.FindL2(e.L2)?.Name.Get(lang) }.OfType<string>())
                    + (e.Note is null ? "" : ": " + e.Note)),
                NextAction = e.NextAction is null ? null : ExecutiveSummary.FitLine(e.NextAction + (e.NextActionDate is { } d ? " (" + d.ToString("d", CultureInfo.CurrentCulture) + ")" : "")),
            })
            .ToList();
        lines.Add(new SummaryLineForm { Workload = ExecutiveSummary.Core });
        return lines;
    }
}

public sealed class SummaryForm
{
    public string? CustomerDescription { get; set; }
    public string? EngagementStatus { get; set; }
    public string? DeploymentProgress { get; set; }
    public string? Relationship { get; set; }
    public List<SummaryLineForm> Lines { get; set; } = [];
    public string? SupportRequests { get; set; }
    public string? Risks { get; set; }
}

public sealed class SummaryLineForm
{
    public bool Include { get; set; }
    public string? Workload { get; set; }
    public string? State { get; set; }
    public string? NextAction { get; set; }
}

using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Taxonomy;
using Headway.Application.Users;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Admin;

/// <summary>
/// The L3 values under each L2: add, rename, retire and restore, through the same use case as /api/v1/taxonomy/l3 and
/// the command line (programme-centre administrators).
/// </summary>
public sealed class TaxonomyModel(ManageL3Values l3, ManageWorkloads workloads, Application.Caller caller) : PageModel
{
    public sealed class WorkloadForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
    }

    /// <summary>A new workload (its own form, posted as Workload.*).</summary>
    [BindProperty]
    public WorkloadForm Workload { get; set; } = new();

    public IReadOnlyList<WorkloadRecord> Workloads { get; private set; } = [];

    /// <summary>Why the new workload was refused.</summary>
    public string? WorkloadError { get; private set; }

    /// <summary>The workload whose rename was refused, and why.</summary>
    public (string Code, string Message)? WorkloadRenameError { get; private set; }

    public sealed class L3Form
    {
        public string? L2 { get; set; }
        public string? Code { get; set; }
        public string? Name { get; set; }
    }

    [BindProperty]
    public L3Form Form { get; set; } = new();

    public IReadOnlyList<L3Value> Values { get; private set; } = [];

    /// <summary>The value just added or changed, named by the redirect.</summary>
    [BindProperty(SupportsGet = true, Name = "saved")]
    public string? Saved { get; set; }

    /// <summary>The value whose rename was refused, and why.</summary>
    public (string L2, string Code, string Message)? RenameError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await l3.AddAsync(Form.L2 ?? "", Form.Code ?? "", Form.Name ?? "", ct);
        if (result.Succeeded)
        {
            return Redirect("/admin/taxonomy?saved=" + Uri.EscapeDataString(result.Value.Name) + "#l3-" + Anchor(result.Value));
        }

        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return this.Apply(result.Refusal);
    }

    public async Task<IActionResult> OnPostRenameAsync(string l2, string code, string? name, CancellationToken ct)
    {
        var result = await l3.ChangeAsync(l2, code, name ?? "", null, ct);
        if (result.Succeeded)
        {
            return Redirect("/admin/taxonomy?saved=" + Uri.EscapeDataString(result.Value.Name) + "#l3-" + Anchor(result.Value));
        }

        return await ShownAsync(result.Refusal, message => RenameError = (l2, code, message), ct);
    }

    public async Task<IActionResult> OnPostRetireAsync(string l2, string code, bool retired, CancellationToken ct)
    {
        var result = await l3.ChangeAsync(l2, code, null, retired, ct);
        return result.Succeeded
            ? Redirect("/admin/taxonomy?saved=" + Uri.EscapeDataString(result.Value.Name) + "#l3-" + Anchor(result.Value))
            : this.NotShown(result.Refusal);
    }

    public async Task<IActionResult> OnPostWorkloadAsync(CancellationToken ct)
    {
        var result = await workloads.AddAsync(Workload.Code ?? "", Workload.Name ?? "", ct);
        if (result.Succeeded)
        {
            return Redirect("/admin/taxonomy?saved=" + Uri.EscapeDataString(result.Value.Code) + "#workload-" + result.Value.Code);
        }

        return await ShownAsync(result.Refusal, message => WorkloadError = message, ct);
    }

    public async Task<IActionResult> OnPostWorkloadRenameAsync(string code, string? name, string? shown, CancellationToken ct)
    {
        // The name shown is in the reader's language; saved unchanged it would become the name in every language of a shipped
        // workload, whose names are translated.
        if (name is not null && shown is not null && name.Trim() == shown.Trim())
        {
            return Redirect("/admin/taxonomy#workload-" + Uri.EscapeDataString(code));
        }

        var result = await workloads.ChangeAsync(code, name ?? "", null, ct);
        if (result.Succeeded)
        {
            return Redirect("/admin/taxonomy?saved=" + Uri.EscapeDataString(result.Value.Code) + "#workload-" + result.Value.Code);
        }

        return await ShownAsync(result.Refusal, message => WorkloadRenameError = (code, message), ct);
    }

    public async Task<IActionResult> OnPostWorkloadRetireAsync(string code, bool retired, CancellationToken ct)
    {
        var result = await workloads.ChangeAsync(code, null, retired, ct);
        return result.Succeeded
            ? Redirect("/admin/taxonomy?saved=" + Uri.EscapeDataString(result.Value.Code) + "#workload-" + result.Value.Code)
            : this.NotShown(result.Refusal);
    }

    /// <summary>The page again with a refusal shown where <paramref name="show"/> puts it, answered with the refusal's status.</summary>
    private async Task<IActionResult> ShownAsync(Domain.Results.Refusal refusal, Action<string> show, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (this.Forbidden(refusal) is { } forbidden)
        {
            return forbidden;
        }

        Response.StatusCode = Problems.StatusOf(refusal.Code);
        show(refusal.Message(CultureInfo.CurrentUICulture.Name));
        return Page();
    }

    /// <summary>An element id for a value: its L2 and code, which together are unique.</summary>
    public static string Anchor(L3Value v) => Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(v.L2 + "/" + v.Code)).ToLowerInvariant();

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (Permissions.Check(caller, Permission.ManageTaxonomy) is { } forbidden)
        {
            return this.NotShown(forbidden);
        }

        Values = await l3.ListAsync(ct);
        Workloads = await workloads.ListAsync(ct);
        return null;
    }
}

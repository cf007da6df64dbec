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
public sealed class TaxonomyModel(ManageL3Values l3, Application.Caller caller) : PageModel
{
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

        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (this.Forbidden(result.Refusal) is { } forbidden)
        {
            return forbidden;
        }

        Response.StatusCode = Problems.StatusOf(result.Refusal.Code);
        RenameError = (l2, code, result.Refusal.Message(CultureInfo.CurrentUICulture.Name));
        return Page();
    }

    public async Task<IActionResult> OnPostRetireAsync(string l2, string code, bool retired, CancellationToken ct)
    {
        var result = await l3.ChangeAsync(l2, code, null, retired, ct);
        return result.Succeeded
            ? Redirect("/admin/taxonomy?saved=" + Uri.EscapeDataString(result.Value.Name) + "#l3-" + Anchor(result.Value))
            : this.NotShown(result.Refusal);
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
        return null;
    }
}

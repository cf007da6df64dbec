using Headway.Application.Users;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Admin;

/// <summary>The partners: add, rename, deactivate and reactivate (the same use case as /api/v1/partners).</summary>
public sealed class PartnersModel(ManagePartners manage) : PageModel
{
    public sealed class PartnerForm
    {
        public string? Name { get; set; }
    }

    [BindProperty]
    public PartnerForm Form { get; set; } = new();

    public IReadOnlyList<ManagePartners.PartnerRow> Partners { get; private set; } = [];

    /// <summary>The partner a refused rename was for: its error shows in its row.</summary>
    public long? FailedRename { get; private set; }

    public string? RenameError { get; private set; }

    /// <summary>What was just done, for the notice: the partner's name after "added" or "saved".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Added { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await manage.AddAsync(Form.Name, ct);
        if (result.Succeeded)
        {
            return Redirect("/admin/partners?added=" + Uri.EscapeDataString(result.Value.Name));
        }

        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return this.Apply(result.Refusal);
    }

    public async Task<IActionResult> OnPostRenameAsync(long id, string? name, CancellationToken ct) =>
        await ChangeAsync(id, new ManagePartners.Change(Name: name ?? ""), ct);

    public Task<IActionResult> OnPostDeactivateAsync(long id, CancellationToken ct) => ChangeAsync(id, new ManagePartners.Change(Active: false), ct);

    public Task<IActionResult> OnPostReactivateAsync(long id, CancellationToken ct) => ChangeAsync(id, new ManagePartners.Change(Active: true), ct);

    /// <summary>Turns the partner's password sign-in on or off (off: its users sign in through an identity provider only).</summary>
    public Task<IActionResult> OnPostPasswordsAsync(long id, bool on, CancellationToken ct) => ChangeAsync(id, new ManagePartners.Change(PasswordSignIn: on), ct);

    private async Task<IActionResult> ChangeAsync(long id, ManagePartners.Change change, CancellationToken ct)
    {
        var result = await manage.UpdateAsync(id, change, ct);
        if (result.Succeeded)
        {
            return Redirect("/admin/partners?saved=" + Uri.EscapeDataString(result.Value.Name));
        }

        if (this.Forbidden(result.Refusal) is { } forbidden)
        {
            return forbidden;
        }

        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (Problems.StatusOf(result.Refusal.Code) == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        FailedRename = id;
        RenameError = result.Refusal.Message(System.Globalization.CultureInfo.CurrentUICulture.Name);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var result = await manage.ListAsync(ct);
        if (!result.Succeeded)
        {
            return this.NotShown(result.Refusal);
        }

        Partners = result.Value;
        return null;
    }
}

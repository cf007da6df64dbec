using Headway.Application;
using Headway.Application.Users;
using Headway.Domain.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Admin;

/// <summary>
/// Service accounts: create one with a name, a partner and scopes, disable and enable it, give it a new client secret or an
/// API key (the same use case as /api/v1/service-accounts). A secret or key is shown on the page that made it, once.
/// </summary>
public sealed class ServiceAccountsModel(ServiceAccounts accounts, ManageUsers users, ICallerSource caller) : PageModel
{
    public sealed class AccountForm
    {
        public string? Name { get; set; }
        public long? Partner { get; set; }
        public List<string> Scopes { get; set; } = [];
    }

    [BindProperty]
    public AccountForm Form { get; set; } = new();

    public IReadOnlyList<ServiceAccounts.AccountRow> Accounts { get; private set; } = [];

    public IReadOnlyList<Partner> Partners { get; private set; } = [];

    public bool ProgrammeWide => caller.Current.IsProgrammeWide;

    /// <summary>A secret or key just made, with the account it is for: shown once, never stored in clear.</summary>
    public (ServiceAccounts.AccountRow Account, string Label, string Value, DateTimeOffset? ExpiresAt)? Shown { get; private set; }

    /// <summary>The token endpoint a client posts its credentials to.</summary>
    public string TokenUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}/api/v1/auth/oauth/token";

    /// <summary>What was just saved, by name, for the notice.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Form.Scopes = [ServiceScopes.Read];
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.GetFieldValidationState("Form.Partner") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            var attempted = ModelState["Form.Partner"]?.AttemptedValue ?? "";
            ModelState.Remove("Form.Partner");
            return await RefusedAsync(Domain.Results.Refusal.ForField("partner", Domain.Results.RefusalCodes.UnknownPartner, attempted), ct);
        }

        var result = await accounts.CreateAsync(new ServiceAccounts.Creation(Form.Name, Form.Scopes, ProgrammeWide ? Form.Partner : null), ct);
        if (!result.Succeeded)
        {
            return await RefusedAsync(result.Refusal, ct);
        }

        Shown = (result.Value.Account, "AdminServiceClientSecret", result.Value.ClientSecret, null);
        Form = new AccountForm { Scopes = [ServiceScopes.Read] };
        return await LoadAsync(ct) ?? Page();
    }

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) => ChangeAsync(id, new ServiceAccounts.Change(Disabled: true), ct);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) => ChangeAsync(id, new ServiceAccounts.Change(Disabled: false), ct);

    public async Task<IActionResult> OnPostSecretAsync(string id, CancellationToken ct)
    {
        var result = await accounts.NewSecretAsync(id, ct);
        if (!result.Succeeded)
        {
            return await RefusedAsync(result.Refusal, ct);
        }

        Shown = (result.Value.Account, "AdminServiceClientSecret", result.Value.ClientSecret, null);
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostKeyAsync(string id, int? days, CancellationToken ct)
    {
        var result = await accounts.IssueKeyAsync(id, null, days, ct);
        if (!result.Succeeded)
        {
            return await RefusedAsync(result.Refusal, ct);
        }

        Shown = (result.Value.Account, "AdminServiceApiKey", result.Value.Issued.Token, result.Value.Issued.ExpiresAt);
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult> ChangeAsync(string id, ServiceAccounts.Change change, CancellationToken ct)
    {
        var result = await accounts.UpdateAsync(id, change, ct);
        return result.Succeeded
            ? Redirect("/admin/service-accounts?saved=" + Uri.EscapeDataString(result.Value.Name))
            : await RefusedAsync(result.Refusal, ct);
    }

    private async Task<IActionResult> RefusedAsync(Domain.Results.Refusal refusal, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        // A refusal of a row's action (the key's days) shows above the form; the creation's fields show at their field.
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return this.Apply(refusal, "days");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var result = await accounts.ListAsync(ct);
        if (!result.Succeeded)
        {
            return this.NotShown(result.Refusal);
        }

        Accounts = result.Value;
        Partners = ((await users.PartnersAsync(ct)).Value ?? []).Where(p => p.DeactivatedAt is null).ToList();
        return null;
    }
}

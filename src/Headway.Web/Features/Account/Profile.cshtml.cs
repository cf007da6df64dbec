using System.Globalization;
using Headway.Application.Notifications;
using Headway.Application.Users;
using Headway.Domain.Taxonomy;
using Headway.Web.Features.Culture;
using Headway.Web.Features.Digests;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Account;

/// <summary>
/// The signed-in user's profile: the email digest (how often, in which language; the same use case as
/// PUT /api/v1/profile) and personal access tokens for the API and the CLI.
/// </summary>
public sealed class ProfileModel(UserManager<HeadwayUser> users, SignInManager<HeadwayUser> signIn, ApiTokens tokens, UpdateProfile.Handler update,
    ChangePassword.Handler changePassword, SmtpSettings smtp) : PageModel
{
    /// <summary>The password change as the form posts it.</summary>
    public sealed class PasswordForm
    {
        public string? CurrentPassword { get; set; }

        public string? NewPassword { get; set; }

        public string? Repeat { get; set; }
    }

    [BindProperty]
    public PasswordForm Password { get; set; } = new();

    /// <summary>After the password was changed (the redirect's <c>password</c> query).</summary>
    public bool PasswordChanged { get; private set; }

    public int MinimumPasswordLength => users.Options.Password.RequiredLength;

    /// <summary>The digest settings as the form posts them.</summary>
    public sealed class DigestForm
    {
        public string? Digest { get; set; }

        public string? Language { get; set; }
    }

    [BindProperty]
    public DigestForm Form { get; set; } = new();

    /// <summary>After the settings were saved (the redirect's <c>saved</c> query).</summary>
    public bool Saved { get; private set; }

    /// <summary>No mail server is configured: the settings are kept but no digest goes out.</summary>
    public bool MailOff => !smtp.Enabled;

    public static IReadOnlyList<DigestFrequency> Frequencies { get; } = Enum.GetValues<DigestFrequency>();

    public HeadwayUser Me { get; private set; } = null!;

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>A token just created: shown once, never stored in clear.</summary>
    public ApiTokens.Issued? Created { get; private set; }

    [BindProperty]
    public string? TokenName { get; set; }

    public async Task<IActionResult> OnGetAsync(bool saved, string? password, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Challenge();
        }

        Saved = saved;
        PasswordChanged = password == "changed";
        Form = new DigestForm
        {
            Digest = Me.DigestFrequency.ToString(),
            // Until the user picks one, the language they are reading the portal in.
            Language = Me.Language ?? SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostDigestAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Challenge();
        }

        var result = await update.HandleAsync(new UpdateProfile.Request(Form.Language ?? "", Form.Digest ?? ""), ct);
        if (!result.Succeeded)
        {
            return this.Apply(result.Refusal);
        }

        // The portal follows the language chosen for the mail, as the language switch does the other way round.
        CultureEndpoint.Remember(HttpContext, result.Value.Language);
        return RedirectToPage(new { saved = true });
    }

    /// <summary>
    /// Changes the password (the same use case as POST /api/v1/profile/password). The user's other sessions end at their
    /// next check; this one gets a cookie with the new security stamp and goes on.
    /// </summary>
    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Challenge();
        }

        Form = new DigestForm { Digest = Me.DigestFrequency.ToString(), Language = Me.Language ?? SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name) };
        var language = CultureInfo.CurrentUICulture.Name;
        if (!string.IsNullOrEmpty(Password.NewPassword) && !string.Equals(Password.NewPassword, Password.Repeat ?? "", StringComparison.Ordinal))
        {
            ModelState.AddModelError("Password.Repeat", Domain.Results.Refusal.Of(Domain.Results.RefusalCodes.PasswordsDiffer).Message(language));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await changePassword.HandleAsync(new ChangePassword.Request(Password.CurrentPassword, Password.NewPassword), ct);
        if (!result.Succeeded)
        {
            var field = result.Refusal.Field is "currentPassword" ? "Password.CurrentPassword" : "Password.NewPassword";
            ModelState.AddModelError(field, result.Refusal.Message(language));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await signIn.RefreshSignInAsync(result.Value);
        return Redirect("/account/profile?password=changed#password");
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Challenge();
        }

        var name = string.IsNullOrWhiteSpace(TokenName) ? "personal" : TokenName.Trim()[..Math.Min(TokenName.Trim().Length, 100)];
        Created = await tokens.IssueAsync(Me, name, ApiTokens.PersonalLifetime, ct);
        Tokens = await tokens.ListAsync(Me.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Challenge();
        }

        await tokens.RevokeAsync(Me.Id, id, ct);
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        // A service account has no profile: no password, no settings, and no way to mint itself longer-lived tokens.
        if (await users.GetUserAsync(User) is not { } me || me.IsService)
        {
            return false;
        }

        Me = me;
        Tokens = await tokens.ListAsync(me.Id, ct);
        return true;
    }
}

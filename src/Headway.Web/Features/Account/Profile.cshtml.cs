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
public sealed class ProfileModel(UserManager<HeadwayUser> users, ApiTokens tokens, UpdateProfile.Handler update, SmtpSettings smtp) : PageModel
{
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

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Challenge();
        }

        Saved = saved;
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
        if (await users.GetUserAsync(User) is not { } me)
        {
            return false;
        }

        Me = me;
        Tokens = await tokens.ListAsync(me.Id, ct);
        return true;
    }
}

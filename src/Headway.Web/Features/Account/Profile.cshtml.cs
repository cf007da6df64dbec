using Headway.Application.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Account;

/// <summary>The signed-in user's profile: personal access tokens for the API and the CLI.</summary>
public sealed class ProfileModel(UserManager<HeadwayUser> users, ApiTokens tokens) : PageModel
{
    public HeadwayUser Me { get; private set; } = null!;

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>A token just created: shown once, never stored in clear.</summary>
    public ApiTokens.Issued? Created { get; private set; }

    [BindProperty]
    public string? TokenName { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Challenge();

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

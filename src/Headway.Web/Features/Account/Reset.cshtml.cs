using System.Globalization;
using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Headway.Web.Features.Account;

/// <summary>
/// The page a mailed link opens: a new password, twice — or, from an invitation (<c>invitation=1</c>), the first one. Set,
/// it leads to the sign-in page; the link then no longer works (the same use case as
/// POST /api/v1/auth/password-reset/confirm).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Infrastructure.Authentication.SignInPolicy)]
public sealed class ResetModel(ResetPassword.Handler reset, Microsoft.AspNetCore.Identity.UserManager<HeadwayUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>"1" when the link is an invitation's.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Invitation { get; set; }

    public bool IsInvitation => Invitation == "1";

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? Repeat { get; set; }

    public int MinimumLength => users.Options.Password.RequiredLength;

    /// <summary>A link that cannot work (expired, used, cut short): the form is not shown, a new link is offered.</summary>
    public string? LinkError { get; private set; }

    public void OnGet()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Token))
        {
            LinkError = Refusal.Of(RefusalCodes.ResetLinkInvalid).Message(CultureInfo.CurrentUICulture.Name);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var language = CultureInfo.CurrentUICulture.Name;
        if (!string.Equals(NewPassword ?? "", Repeat ?? "", StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(Repeat), Refusal.ForField("repeat", RefusalCodes.PasswordsDiffer).Message(language));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await reset.ConfirmAsync(new ResetPassword.Confirm(Email, Token, NewPassword, IsInvitation), ct);
        if (result.Succeeded)
        {
            return Redirect(IsInvitation ? "/account/login?reset=welcome" : "/account/login?reset=done");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        if (result.Refusal.Code == RefusalCodes.ResetLinkInvalid)
        {
            LinkError = result.Refusal.Message(language);
        }
        else
        {
            ModelState.AddModelError(nameof(NewPassword), result.Refusal.Message(language));
        }

        return Page();
    }
}

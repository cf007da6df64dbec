using System.Globalization;
using Headway.Application.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Headway.Web.Features.Account;

[AllowAnonymous]
[EnableRateLimiting(Infrastructure.Authentication.SignInPolicy)]
public sealed class LoginModel(CheckSignIn.Handler check, SignInManager<HeadwayUser> signIn) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>Arrived from setting a new password through a mailed link.</summary>
    public bool PasswordWasReset => string.Equals(Request.Query["reset"], "done", StringComparison.Ordinal);

    /// <summary>Arrived from setting the first password through an invitation.</summary>
    public bool InvitationAccepted => string.Equals(Request.Query["reset"], "welcome", StringComparison.Ordinal);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var checkedIn = await check.HandleAsync(new CheckSignIn.Request(Email, Password), HttpContext.RequestAborted);
        if (!checkedIn.Succeeded)
        {
            Error = checkedIn.Refusal.Message(CultureInfo.CurrentUICulture.Name);
            return Page();
        }

        await signIn.SignInAsync(checkedIn.Value, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}

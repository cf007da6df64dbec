using System.Globalization;
using Headway.Application.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Account;

/// <summary>
/// The sign-in page. Loading it is never limited; failed attempts are counted per account and per address by the
/// check itself, and a lock or pause answers 429 with Retry-After and says on the page when to try again.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(CheckSignIn.Handler check, SignInManager<HeadwayUser> signIn,
    IReadOnlyList<Infrastructure.IdentityProviders.Settings> providers) : PageModel
{
    /// <summary>The organisations' identity providers, one button each.</summary>
    public IReadOnlyList<Infrastructure.IdentityProviders.Settings> Providers => providers;

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
        // Back from an identity provider that did not let the person in: say why, in the reader's language.
        if (Request.Query["external"].ToString() is { Length: > 0 } code && ExternalSignInEndpoints.Codes.Contains(code))
        {
            var provider = providers.FirstOrDefault(p => string.Equals(p.Name, Request.Query["provider"], StringComparison.OrdinalIgnoreCase));
            Error = Headway.Domain.Results.Refusal.Of(code, provider?.DisplayName ?? "", Request.Query["as"].ToString()).Message(CultureInfo.CurrentUICulture.Name);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var checkedIn = await check.HandleAsync(new CheckSignIn.Request(Email, Password, HttpContext.Connection.RemoteIpAddress?.ToString()),
            HttpContext.RequestAborted);
        if (!checkedIn.Succeeded)
        {
            Error = checkedIn.Refusal.Message(CultureInfo.CurrentUICulture.Name);
            if (CheckSignIn.RetryAfter(checkedIn.Refusal) is { } wait)
            {
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            return Page();
        }

        await signIn.SignInAsync(checkedIn.Value, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}

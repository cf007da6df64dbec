using System.Globalization;
using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Headway.Web.Features.Account;

/// <summary>
/// "Forgot your password?": asks for the account's address and mails a link that sets a new password (the same use
/// case as POST /api/v1/auth/password-reset). The answer is the same whether the address has an account or not.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Infrastructure.Authentication.SignInPolicy)]
public sealed class ForgotModel(ResetPassword.Handler reset) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    /// <summary>The link was asked for (and mailed when the address has an account).</summary>
    public bool Sent { get; private set; }

    /// <summary>No mail server: the page says whom to ask instead.</summary>
    public bool Unavailable => !reset.IsAvailable;

    public int LinkMinutes => (int)Math.Round(reset.LinkLifetime.TotalMinutes);

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await reset.RequestAsync(new ResetPassword.Request(Email, CultureInfo.CurrentUICulture.Name), ct);
        if (result.Succeeded)
        {
            Sent = true;
        }
        else
        {
            Error = result.Refusal.Message(CultureInfo.CurrentUICulture.Name);
            Response.StatusCode = result.Refusal.Code == RefusalCodes.MailNotConfigured ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}

using Headway.Application.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Account;

public sealed class LogoutModel(SignInManager<HeadwayUser> signIn, UserManager<HeadwayUser> users) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    /// <summary>
    /// Signs out and ends the session wherever its cookie is presented (a copy on another machine, a stolen one): a new
    /// security stamp makes every cookie issued before it fail its next check. Bearer tokens are revoked on their own.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return Redirect("/account/login");
    }
}

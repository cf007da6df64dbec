using Headway.Application.Data;
using Headway.Domain.Results;
using Microsoft.AspNetCore.Identity;

namespace Headway.Application.Users;

/// <summary>
/// The signed-in user changes their own password, giving the current one. The new one must meet the policy (length,
/// not a common or leaked password). A new security stamp ends the user's other sessions at their next check; the
/// host renews the cookie of the session that made the change.
/// </summary>
public static class ChangePassword
{
    public sealed record Request(string? CurrentPassword, string? NewPassword);

    public sealed class Handler(HeadwayDbContext db, UserManager<HeadwayUser> users)
    {
        public async Task<Result<HeadwayUser>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (string.IsNullOrEmpty(request.CurrentPassword))
            {
                return Refusal.ForField("currentPassword", RefusalCodes.PasswordRequired);
            }

            if (string.IsNullOrEmpty(request.NewPassword))
            {
                return Refusal.ForField("newPassword", RefusalCodes.PasswordRequired);
            }

            var caller = db.Caller;
            var user = caller.Role is null || caller.IsOperator ? null : await users.FindByNameAsync(caller.UserName);
            if (user is null || user.IsDisabled)
            {
                return Refusal.Of(RefusalCodes.UserNotFound, caller.UserName);
            }

            var changed = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
            return changed.Succeeded
                ? Result<HeadwayUser>.Ok(user)
                : PasswordRefusals.From(changed, "newPassword", users.Options.Password.RequiredLength);
        }
    }
}

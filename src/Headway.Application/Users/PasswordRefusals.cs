using Headway.Domain.Results;
using Microsoft.AspNetCore.Identity;

namespace Headway.Application.Users;

/// <summary>
/// Turns ASP.NET Core Identity's password errors into refusals with their own codes and localized messages, on the
/// field the form or the API body names: too short, too common, the current password wrong, a reset link that no
/// longer works. Anything else keeps Identity's description.
/// </summary>
public static class PasswordRefusals
{
    public static Refusal From(IdentityResult result, string field, int minimumLength)
    {
        var codes = result.Errors.Select(e => e.Code).ToList();
        if (codes.Contains(nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            return Refusal.ForField("currentPassword", RefusalCodes.WrongPassword);
        }

        if (codes.Contains(nameof(IdentityErrorDescriber.InvalidToken)))
        {
            return Refusal.Of(RefusalCodes.ResetLinkInvalid);
        }

        if (codes.Contains(nameof(IdentityErrorDescriber.PasswordTooShort)))
        {
            return Refusal.ForField(field, RefusalCodes.PasswordTooShort, minimumLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return codes.Contains(CommonPasswords.ErrorCode)
            ? Refusal.ForField(field, RefusalCodes.PasswordTooCommon)
            : Refusal.ForField(field, RefusalCodes.PasswordRejected, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}

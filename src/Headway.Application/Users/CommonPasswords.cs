using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace Headway.Application.Users;

/// <summary>
/// Refuses a new password that is on the list of leaked and most common passwords shipped with the project
/// (<c>Users/Data/common-passwords.txt</c>, built by <c>tools/common-passwords.sh</c> from 437,652 passwords of the
/// SecLists lists, most common first). The list keeps the passwords of the minimum length or more; shorter ones are
/// refused by that rule already, so every one of the 437,652 is refused. Compared without regard to case.
/// </summary>
public sealed class CommonPasswords : IPasswordValidator<HeadwayUser>
{
    /// <summary>The error code a refused password gets (see <see cref="PasswordRefusals"/>).</summary>
    public const string ErrorCode = "PasswordTooCommon";

    /// <summary>The shortest password the list holds: the portal's minimum length when the list was built.</summary>
    public const int ListedFromLength = 12;

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    /// <summary>How many passwords the list holds.</summary>
    public static int Count => List.Value.Count;

    /// <summary>Whether a password is on the list.</summary>
    public static bool Contains(string password) => List.Value.Contains(password);

    public Task<IdentityResult> ValidateAsync(UserManager<HeadwayUser> manager, HeadwayUser user, string? password) =>
        Task.FromResult(password is not null && Contains(password)
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = "The password is one of the most commonly used or leaked passwords." })
            : IdentityResult.Success);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("Headway.Application.Users.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is not embedded in the assembly.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var words = new List<string>(16_384);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line);
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}

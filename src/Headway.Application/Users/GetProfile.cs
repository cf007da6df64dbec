using Headway.Application.Data;
using Headway.Application.Notifications;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Users;

/// <summary>The signed-in user's own settings: the language mail is written in and how often the digest comes.</summary>
public static class GetProfile
{
    /// <summary>
    /// <paramref name="Language"/> is the language of the user's mail: the one they chose last, English until they choose.
    /// </summary>
    public sealed record Response(string Email, string? DisplayName, Role Role, string Language, DigestFrequency Digest);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Response>> HandleAsync(CancellationToken ct = default)
        {
            var me = db.Caller.UserName;
            var user = db.Caller.Role is null || db.Caller.IsOperator || db.Caller.IsService
                ? null
                : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == me, ct);
            return user is null ? Refusal.Of(RefusalCodes.UserNotFound, me) : Result<Response>.Ok(Of(user));
        }
    }

    internal static Response Of(HeadwayUser user) =>
        new(user.Email ?? user.UserName ?? "", user.DisplayName, user.Role, SupportedLanguages.Normalize(user.Language), user.DigestFrequency);
}

using Headway.Application.Data;
using Headway.Application.Notifications;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Users;

/// <summary>
/// Changes the signed-in user's own settings: the language (en, zh-Hans, de, ja) their mail is written in, and how often
/// the email digest comes (Off, Daily, Weekly). A value left out keeps what is stored.
/// </summary>
public static class UpdateProfile
{
    public sealed record Request(string? Language = null, string? Digest = null);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<GetProfile.Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            string? language = null;
            if (request.Language is not null)
            {
                language = SupportedLanguages.All.FirstOrDefault(l => string.Equals(l, request.Language.Trim(), StringComparison.OrdinalIgnoreCase));
                if (language is null)
                {
                    return Refusal.ForField("language", RefusalCodes.UnknownChoice, request.Language, string.Join(", ", SupportedLanguages.All));
                }
            }

            DigestFrequency? digest = null;
            if (request.Digest is not null)
            {
                // Names only: "1" would parse as Daily.
                var name = Enum.GetNames<DigestFrequency>().FirstOrDefault(n => string.Equals(n, request.Digest.Trim(), StringComparison.OrdinalIgnoreCase));
                if (name is null)
                {
                    return Refusal.ForField("digest", RefusalCodes.UnknownChoice, request.Digest, string.Join(", ", Enum.GetNames<DigestFrequency>()));
                }

                digest = Enum.Parse<DigestFrequency>(name);
            }

            var me = db.Caller.UserName;
            var user = db.Caller.Role is null || db.Caller.IsOperator ? null : await db.Users.FirstOrDefaultAsync(u => u.UserName == me, ct);
            if (user is null)
            {
                return Refusal.Of(RefusalCodes.UserNotFound, me);
            }

            user.Language = language ?? user.Language;
            user.DigestFrequency = digest ?? user.DigestFrequency;
            await db.SaveChangesAsync(ct);
            return Result<GetProfile.Response>.Ok(GetProfile.Of(user));
        }
    }
}

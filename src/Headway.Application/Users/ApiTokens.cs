using System.Security.Cryptography;
using System.Text;
using Headway.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Users;

/// <summary>Issues, checks and revokes bearer tokens.</summary>
public sealed class ApiTokens(HeadwayDbContext db, TimeProvider clock)
{
    public const string Prefix = "hw_";
    public static readonly TimeSpan SignInLifetime = TimeSpan.FromHours(8);
    public static readonly TimeSpan PersonalLifetime = TimeSpan.FromDays(90);

    public sealed record Issued(long Id, string Token, DateTimeOffset ExpiresAt);

    public async Task<Issued> IssueAsync(HeadwayUser user, string name, TimeSpan lifetime, CancellationToken ct = default)
    {
        var token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var now = clock.GetUtcNow();
        var row = new ApiToken { UserId = user.Id, Name = name, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + lifetime };
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(ct);
        return new Issued(row.Id, token, row.ExpiresAt);
    }

    /// <summary>The user a token belongs to, if the token exists, is not revoked or expired, and the user's account is usable (<see cref="Accounts"/>).</summary>
    public async Task<HeadwayUser?> FindUserAsync(string token, CancellationToken ct = default)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = Hash(token);
        var now = clock.GetUtcNow();
        var row = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (row is null || row.RevokedAt is not null || row.ExpiresAt <= now)
        {
            return null;
        }

        return await Accounts.Usable(db).AsNoTracking().FirstOrDefaultAsync(u => u.Id == row.UserId, ct);
    }

    public async Task<List<ApiToken>> ListAsync(string userId, CancellationToken ct = default) =>
        await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);

    public async Task<bool> RevokeAsync(string userId, long tokenId, CancellationToken ct = default)
    {
        var row = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (row is null || row.RevokedAt is not null)
        {
            return false;
        }

        row.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

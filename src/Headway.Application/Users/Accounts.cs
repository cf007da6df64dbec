using Headway.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Users;

/// <summary>
/// Whether an account may be used at all — to sign in, to hold a token, to be sent a link: the user is enabled and
/// belongs to the programme centre or to a partner that is active. Every way in asks here.
/// </summary>
public static class Accounts
{
    public static async Task<bool> IsUsableAsync(HeadwayDbContext db, HeadwayUser user, CancellationToken ct = default) =>
        !user.IsDisabled && (user.PartnerId is not { } partner || await db.Partners.AnyAsync(p => p.Id == partner && p.DeactivatedAt == null, ct));

    /// <summary>The users that may be used, as a query (one round trip with the partner's state).</summary>
    public static IQueryable<HeadwayUser> Usable(HeadwayDbContext db) =>
        db.Users.Where(u => !u.IsDisabled && (u.PartnerId == null || db.Partners.Any(p => p.Id == u.PartnerId && p.DeactivatedAt == null)));
}

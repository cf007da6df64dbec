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

    /// <summary>
    /// Saves the time of a sign-in (with whatever else the caller changed on the user). A user changed at the same moment
    /// (an administrator's edit) keeps the sign-in unrecorded: a changed stamp ends the new session at its first check anyway.
    /// </summary>
    public static async Task RecordSignInAsync(HeadwayDbContext db, HeadwayUser user, DateTimeOffset now, CancellationToken ct)
    {
        user.LastSignInAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The users that may be used, as a query (one round trip with the partner's state).</summary>
    public static IQueryable<HeadwayUser> Usable(HeadwayDbContext db) =>
        db.Users.Where(u => !u.IsDisabled && (u.PartnerId == null || db.Partners.Any(p => p.Id == u.PartnerId && p.DeactivatedAt == null)));
}

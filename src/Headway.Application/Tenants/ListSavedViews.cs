using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>
/// The saved views a user may open: their own, and those others in the same scope (the same partner, or the programme
/// centre) shared. The context's query filter keeps every other scope's views out.
/// </summary>
public static class ListSavedViews
{
    /// <summary>A saved view; <paramref name="Query"/> is the tenant list's query string, so it opens at <c>/tenants?{Query}</c>.</summary>
    public sealed record View(long Id, string Name, string Query, bool IsShared, string Owner, bool IsMine, DateTimeOffset CreatedAt);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<IReadOnlyList<View>>> HandleAsync(CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            var me = await SavedViewInput.OwnerAsync(db, ct);
            var views = await db.SavedViews.AsNoTracking()
                .Where(v => v.OwnerId == me || v.IsShared)
                .Join(db.Users, v => v.OwnerId, u => u.Id, (v, u) => new { View = v, Owner = u.UserName })
                .ToListAsync(ct);
            var names = StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, ignoreCase: true);
            return Result<IReadOnlyList<View>>.Ok([.. views
                .Select(x => new View(x.View.Id, x.View.Name, x.View.Query, x.View.IsShared, x.Owner ?? "", x.View.OwnerId == me, x.View.CreatedAt))
                .OrderBy(v => !v.IsMine)
                .ThenBy(v => v.Name, names)
                .ThenBy(v => v.Id)]);
        }
    }
}

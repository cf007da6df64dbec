using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>
/// Saves the tenant list's current filters under a name of the caller's own, optionally shared with everyone in the
/// caller's scope. The name is unique per user (without regard to case); the query must be one the list reads.
/// </summary>
public static class SaveView
{
    public sealed record Request(string? Name, string? Query, bool Shared = false);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public async Task<Result<ListSavedViews.View>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            var name = SavedViewInput.Name(request.Name);
            var query = SavedViewInput.Query(request.Query);
            if (!name.Succeeded)
            {
                return name.Refusal;
            }

            if (!query.Succeeded)
            {
                return query.Refusal;
            }

            if (await SavedViewInput.OwnerAsync(db, ct) is not { } owner)
            {
                return Refusal.Of(RefusalCodes.Forbidden);
            }

            if (await SavedViewInput.NameTakenAsync(db, owner, name.Value, null, ct))
            {
                return Refusal.ForField("name", RefusalCodes.SavedViewNameTaken, name.Value);
            }

            var view = new SavedView
            {
                OwnerId = owner,
                PartnerId = db.Caller.PartnerId,
                Name = name.Value,
                Query = query.Value,
                IsShared = request.Shared,
                CreatedAt = clock.GetUtcNow(),
            };
            db.SavedViews.Add(view);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is System.Data.Common.DbException db2 && HeadwayDatabase.IsUniqueViolation(db2))
            {
                // The same name saved a moment ago by another request of the same user.
                return Refusal.ForField("name", RefusalCodes.SavedViewNameTaken, name.Value);
            }

            return Result<ListSavedViews.View>.Ok(new ListSavedViews.View(view.Id, view.Name, view.Query, view.IsShared, db.Caller.UserName, true, view.CreatedAt));
        }
    }
}

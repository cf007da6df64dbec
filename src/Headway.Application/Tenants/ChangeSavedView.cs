using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>
/// Renames a saved view, shares or unshares it, or makes it stand for other filters. Only its
/// owner may; a view shared by someone else is theirs to change.
/// </summary>
public static class ChangeSavedView
{
    /// <summary>The change; a field left null keeps what the view has.</summary>
    public sealed record Request(long Id, string? Name = null, bool? Shared = null, string? Query = null);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<ListSavedViews.View>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            var (view, refusal) = await SavedViewInput.OwnAsync(db, request.Id, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var name = SavedViewInput.Name(request.Name ?? view!.Name);
            var query = request.Query is null ? Result<string>.Ok(view!.Query) : SavedViewInput.Query(request.Query);
            if (!name.Succeeded)
            {
                return name.Refusal;
            }

            if (!query.Succeeded)
            {
                return query.Refusal;
            }

            if (await SavedViewInput.NameTakenAsync(db, view!.OwnerId, name.Value, view.Id, ct))
            {
                return Refusal.ForField("name", RefusalCodes.SavedViewNameTaken, name.Value);
            }

            (view.Name, view.Query, view.IsShared) = (name.Value, query.Value, request.Shared ?? view.IsShared);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is System.Data.Common.DbException inner && HeadwayDatabase.IsUniqueViolation(inner))
            {
                return Refusal.ForField("name", RefusalCodes.SavedViewNameTaken, name.Value);
            }

            return Result<ListSavedViews.View>.Ok(new ListSavedViews.View(view.Id, view.Name, view.Query, view.IsShared, db.Caller.UserName, true, view.CreatedAt));
        }
    }
}

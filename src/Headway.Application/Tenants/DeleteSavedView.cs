using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;

namespace Headway.Application.Tenants;

/// <summary>Deletes a saved view; only its owner may (the audit trail keeps what it was).</summary>
public static class DeleteSavedView
{
    public sealed record Request(long Id);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<long>> HandleAsync(Request request, CancellationToken ct = default)
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

            db.SavedViews.Remove(view!);
            await db.SaveChangesAsync(ct);
            return Result<long>.Ok(view!.Id);
        }
    }
}

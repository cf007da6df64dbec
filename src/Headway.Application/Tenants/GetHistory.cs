using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>A tenant's change history, newest first, paged.</summary>
public static class GetHistory
{
    /// <remarks><c>Mark</c>: The list's mark from a next link (<see cref="PageCursor"/>): changes after it are left out.</remarks>
    public sealed record Request(long TenantId, int? Page = 1, int? PageSize = 50, long? Mark = null);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Page<StatusChange>>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } refusal)
            {
                return refusal;
            }

            if (!await db.Tenants.AnyAsync(t => t.Id == request.TenantId, ct))
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            var (page, size) = Paging.Clamp(request.Page, request.PageSize);
            var mark = await Paging.MarkAsync(db.StatusChanges.IgnoreQueryFilters().Select(c => c.Id), request.Mark, ct);
            var query = db.StatusChanges.AsNoTracking().Where(c => c.TenantId == request.TenantId && c.Id <= mark);
            var total = await query.CountAsync(ct);
            var items = await query.OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
                .Skip((page - 1) * size).Take(size).ToListAsync(ct);
            return Result<Page<StatusChange>>.Ok(new Page<StatusChange>(items, page, size, total) { Next = Paging.NextOf(page, size, total, mark) });
        }
    }
}

using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>A tenant's change history, newest first, paged.</summary>
public static class GetHistory
{
    public sealed record Request(long TenantId, int? Page = 1, int? PageSize = 50);

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
            var query = db.StatusChanges.AsNoTracking().Where(c => c.TenantId == request.TenantId);
            var total = await query.CountAsync(ct);
            var items = await query.OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
                .Skip((page - 1) * size).Take(size).ToListAsync(ct);
            return Result<Page<StatusChange>>.Ok(new Page<StatusChange>(items, page, size, total));
        }
    }
}

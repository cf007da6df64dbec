using Headway.Application.Audit;
using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>
/// The history of a tenant's own details (its registration, each correction, assignment and duplicate flag), newest
/// first: the audit trail's entries of the tenant row, readable by everyone who may read the tenant.
/// </summary>
public static class GetDetailChanges
{
    /// <remarks><c>Mark</c>: The list's mark from a next link (<see cref="PageCursor"/>): entries after it are left out.</remarks>
    public sealed record Request(long TenantId, int? Page = 1, int? PageSize = 20, long? Mark = null);

    public sealed record Response(Page<AuditEntry> Page, SearchAudit.Names Names);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
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
            var mark = await Paging.MarkAsync(db.AuditEntries.IgnoreQueryFilters().Select(a => a.Id), request.Mark, ct);
            var query = db.AuditEntries.AsNoTracking().Where(a => a.TenantId == request.TenantId && a.Entity == nameof(Tenant) && a.Id <= mark);
            var total = await query.CountAsync(ct);
            var items = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
            return Result<Response>.Ok(new Response(new Page<AuditEntry>(items, page, size, total) { Next = Paging.NextOf(page, size, total, mark) }, await SearchAudit.Handler.NamesAsync(db, items, ct)));
        }
    }
}

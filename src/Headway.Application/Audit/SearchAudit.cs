using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Audit;

/// <summary>Searches the audit trail: by actor, tenant, entity type and time, newest first, paged.</summary>
public static class SearchAudit
{
    public sealed record Request(string? Actor = null, long? TenantId = null, string? Entity = null,
        DateOnly? From = null, DateOnly? To = null, int? Page = 1, int? PageSize = 50);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Page<AuditEntry>>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadAudit) is { } refusal)
            {
                return refusal;
            }

            var (page, size) = Paging.Clamp(request.Page, request.PageSize);
            var query = db.AuditEntries.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(request.Actor))
            {
                query = query.Where(a => a.Actor == request.Actor.Trim());
            }

            if (request.TenantId is { } tenant)
            {
                query = query.Where(a => a.TenantId == tenant);
            }

            if (!string.IsNullOrWhiteSpace(request.Entity))
            {
                query = query.Where(a => a.Entity == request.Entity.Trim());
            }

            if (request.From is { } from)
            {
                var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                query = query.Where(a => a.At >= start);
            }

            if (request.To is { } to)
            {
                var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                query = query.Where(a => a.At < end);
            }

            var total = await query.CountAsync(ct);
            var items = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                .Skip((page - 1) * size).Take(size).ToListAsync(ct);
            return Result<Page<AuditEntry>>.Ok(new Page<AuditEntry>(items, page, size, total));
        }
    }
}

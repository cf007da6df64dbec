using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Notes;

/// <summary>Overall notes newest first: one tenant's timeline, or every note with a hashtag across tenants.</summary>
public static class ListOverallNotes
{
    public sealed record Request(long? TenantId = null, string? Tag = null, int? Page = 1, int? PageSize = 25);

    public sealed record Row(OverallNote Note, string TenantName);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Page<Row>>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            if (request.TenantId is { } id && !await db.Tenants.AnyAsync(t => t.Id == id, ct))
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            var (page, size) = Paging.Clamp(request.Page, request.PageSize);
            var query = db.OverallNotes.AsNoTracking();
            if (request.TenantId is { } tenant)
            {
                query = query.Where(n => n.TenantId == tenant);
            }

            if (!string.IsNullOrWhiteSpace(request.Tag))
            {
                // Tags are stored lower case, space separated: match a whole tag, not a prefix.
                var tag = " " + Hashtags.Normalize(request.Tag) + " ";
                query = query.Where(n => n.Hashtags != null && (" " + n.Hashtags + " ").Contains(tag));
            }

            var total = await query.CountAsync(ct);
            var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
                .Skip((page - 1) * size).Take(size)
                .Join(db.Tenants, n => n.TenantId, t => t.Id, (n, t) => new Row(n, t.Name))
                .ToListAsync(ct);
            return Result<Page<Row>>.Ok(new Page<Row>(rows, page, size, total));
        }

        /// <summary>
        /// A tenant's newest notes for its page, where the tenant was just read in the caller's scope: one
        /// query, without the existence check and the count a paged list needs.
        /// </summary>
        public async Task<IReadOnlyList<Row>> NewestAsync(long tenantId, int take, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is not null)
            {
                return [];
            }

            return await db.OverallNotes.AsNoTracking().Where(n => n.TenantId == tenantId)
                .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take)
                .Join(db.Tenants, n => n.TenantId, t => t.Id, (n, t) => new Row(n, t.Name))
                .ToListAsync(ct);
        }
    }
}

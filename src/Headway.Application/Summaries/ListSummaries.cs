using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Summaries;

/// <summary>
/// Executive summaries for regional managers and leadership: the latest summary of each tenant, newest
/// first by the time it was written, in one region or all; or every summary of one tenant. Duplicate/invalid
/// tenants are left out.
/// </summary>
public static class ListSummaries
{
    public sealed record Request(string? Region = null, long? TenantId = null, int? Page = 1, int? PageSize = 25, long? Mark = null);

    public sealed record Row(ExecutiveSummary Summary, string TenantName, Priority Priority);

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
            var mark = await Paging.MarkAsync(db.ExecutiveSummaries.IgnoreQueryFilters().Select(s => s.Id), request.Mark, ct);
            var rows = Rows(request.Region, request.TenantId, mark);
            var items = await rows.Skip((page - 1) * size).Take(size).ToListAsync(ct);
            var total = await Paging.TotalAsync(page, size, items.Count, rows.CountAsync, ct);
            return Result<Page<Row>>.Ok(new Page<Row>(items, page, size, total) { Next = Paging.NextOf(page, size, total, mark) });
        }

        /// <summary>Every row the list shows, all pages, in its order (for the download); refused as the list is.</summary>
        public Result<IAsyncEnumerable<Row>> All(string? region)
        {
            if (Permissions.Check(db.Caller, Permission.Export) is { } forbidden)
            {
                return forbidden;
            }

            return Result<IAsyncEnumerable<Row>>.Ok(Rows(region, null, long.MaxValue).AsAsyncEnumerable());
        }

        /// <summary>The list's rows up to the mark, newest written first (the id breaks ties: ids grow with time).</summary>
        private IQueryable<Row> Rows(string? region, long? tenantId, long mark)
        {
            var summaries = db.ExecutiveSummaries.AsNoTracking().Where(s => s.Id <= mark);
            if (tenantId is { } tenant)
            {
                summaries = summaries.Where(s => s.TenantId == tenant);
            }
            else
            {
                if (!string.IsNullOrWhiteSpace(region))
                {
                    summaries = summaries.Where(s => s.Region == region);
                }

                // Only each tenant's newest up to the mark: no summary of the same tenant written later.
                summaries = summaries.Where(s => !db.ExecutiveSummaries.Any(o => o.TenantId == s.TenantId && o.Id <= mark
                    && (o.CreatedAt > s.CreatedAt || (o.CreatedAt == s.CreatedAt && o.Id > s.Id))));
            }

            return summaries.Join(db.Tenants.Where(t => !t.IsDuplicate), s => s.TenantId, t => t.Id, (s, t) => new { Summary = s, t.Name, t.Priority })
                .OrderByDescending(r => r.Summary.CreatedAt).ThenByDescending(r => r.Summary.Id)
                .Select(r => new Row(r.Summary, r.Name, r.Priority));
        }

        /// <summary>A tenant's newest executive summary for its page (the tenant was just read in the caller's scope): one query.</summary>
        public async Task<Domain.Tenants.ExecutiveSummary?> LatestAsync(long tenantId, CancellationToken ct = default) =>
            Permissions.Check(db.Caller, Permission.ReadTenants) is not null
                ? null
                : await Latest.For(db)(db, tenantId, ct);
    }

    /// <summary><see cref="Handler.LatestAsync"/>'s query, compiled once: the tenant page reads it every time.</summary>
    private static readonly PerModel<Func<HeadwayDbContext, long, CancellationToken, Task<Domain.Tenants.ExecutiveSummary?>>> Latest = new(() => EF.CompileAsyncQuery(
        (HeadwayDbContext db, long tenantId, CancellationToken ct) => db.ExecutiveSummaries.AsNoTracking().Where(s => s.TenantId == tenantId)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).FirstOrDefault()));
}

using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Imports;

/// <summary>The imports the caller's scope made, newest first.</summary>
public static class ListImports
{
    public sealed record Request(int? Page = 1, int? PageSize = 25, long? Mark = null);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Page<ImportBatch>>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.Import) is { } forbidden)
            {
                return forbidden;
            }

            var (page, size) = Paging.Clamp(request.Page, request.PageSize);
            var mark = await Paging.MarkAsync(db.ImportBatches.IgnoreQueryFilters().Select(i => i.Id), request.Mark, ct);
            var query = db.ImportBatches.AsNoTracking().Where(i => i.Id <= mark);
            var total = await query.CountAsync(ct);
            var items = await query.OrderByDescending(i => i.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
            return Result<Page<ImportBatch>>.Ok(new Page<ImportBatch>(items, page, size, total) { Next = Paging.NextOf(page, size, total, mark) });
        }
    }
}

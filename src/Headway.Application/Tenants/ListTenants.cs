using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>The tenant list: search by name or brand name, sort, page on the server.</summary>
public static class ListTenants
{
    public static IReadOnlyList<string> SortKeys { get; } = ["name", "country", "seats", "priority", "manager"];

    public sealed record Request(string? Search = null, int? Page = 1, int? PageSize = Paging.DefaultPageSize, string? Sort = "name", bool Descending = false);

    public sealed record Row(long Id, string Name, string? BrandName, string Country, string Region, int Seats,
        bool IsManaged, string? Partner, string? Manager, Priority Priority, bool IsDuplicate, int Entitlements);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Page<Row>>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } refusal)
            {
                return refusal;
            }

            var (page, size) = Paging.Clamp(request.Page, request.PageSize);
            var query = db.Tenants.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(request.Search))
            {
                var pattern = "%" + EscapeLike(request.Search.Trim()) + "%";
                // SQLite's LIKE ignores case (for Latin letters); PostgreSQL's does not, ILIKE does.
                query = db.Database.IsNpgsql()
                    ? query.Where(t => EF.Functions.ILike(t.Name, pattern, "\\") ||
                                       (t.BrandName != null && EF.Functions.ILike(t.BrandName, pattern, "\\")))
                    : query.Where(t => EF.Functions.Like(t.Name, pattern, "\\") ||
                                       (t.BrandName != null && EF.Functions.Like(t.BrandName, pattern, "\\")));
            }

            var total = await query.CountAsync(ct);
            var d = request.Descending;
            query = (request.Sort ?? "name").ToLowerInvariant() switch
            {
                "country" => d ? query.OrderByDescending(t => t.Country).ThenBy(t => t.Name) : query.OrderBy(t => t.Country).ThenBy(t => t.Name),
                "seats" => d ? query.OrderByDescending(t => t.Seats).ThenBy(t => t.Name) : query.OrderBy(t => t.Seats).ThenBy(t => t.Name),
                "priority" => d ? query.OrderByDescending(t => t.Priority).ThenBy(t => t.Name) : query.OrderBy(t => t.Priority).ThenBy(t => t.Name),
                "manager" => d ? query.OrderByDescending(t => t.ManagerName).ThenBy(t => t.Name) : query.OrderBy(t => t.ManagerName).ThenBy(t => t.Name),
                _ => d ? query.OrderByDescending(t => t.Name) : query.OrderBy(t => t.Name),
            };

            var rows = await query
                .Skip((page - 1) * size)
                .Take(size)
                .Select(t => new Row(t.Id, t.Name, t.BrandName, t.Country, t.Region, t.Seats, t.IsManaged,
                    t.Partner != null ? t.Partner.Name : null, t.ManagerName, t.Priority, t.IsDuplicate, t.Entitlements.Count))
                .ToListAsync(ct);
            return Result<Page<Row>>.Ok(new Page<Row>(rows, page, size, total));
        }

        private static string EscapeLike(string s) =>
            s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
    }
}

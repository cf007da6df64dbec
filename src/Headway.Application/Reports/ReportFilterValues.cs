using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Reports;

/// <summary>
/// The managers and hashtags a report's filter can pick from: those of the reader's scope (the tenants' managers; the
/// tags of overall notes, which the tag filter reads, the most used), so a picker never offers what the reader cannot
/// see or what would find nothing.
/// </summary>
public static class ReportFilterValues
{
    /// <summary>How many tags a picker offers (the most used).</summary>
    public const int MaxTags = 300;

    public sealed record Values(IReadOnlyList<string> Managers, IReadOnlyList<string> Tags);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Values>> HandleAsync(CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadReports) is { } forbidden)
            {
                return forbidden;
            }

            var tenants = ReportRows.Tenants(db, new ReportFilter());
            var managers = await tenants.Where(t => t.ManagerName != null && t.ManagerName != "").Select(t => t.ManagerName!).Distinct().ToListAsync(ct);
            // Tags are stored space separated: the distinct strings are counted in SQL and split here.
            var overall = await db.OverallNotes.Where(n => n.Hashtags != null && tenants.Any(t => t.Id == n.TenantId))
                .GroupBy(n => n.Hashtags!).Select(g => new { Tags = g.Key, Count = g.Count() }).ToListAsync(ct);
            var tags = overall
                .SelectMany(x => x.Tags.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(tag => (Tag: tag, x.Count)))
                .GroupBy(x => x.Tag, StringComparer.Ordinal)
                .OrderByDescending(g => g.Sum(x => x.Count)).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(MaxTags).Select(g => g.Key).OrderBy(t => t, StringComparer.Ordinal).ToList();
            return Result<Values>.Ok(new Values(managers.Order(StringComparer.OrdinalIgnoreCase).ToList(), tags));
        }
    }
}

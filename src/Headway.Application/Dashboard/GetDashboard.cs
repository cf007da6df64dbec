using Headway.Application.Data;
using Headway.Application.Reports;
using Headway.Application.Summaries;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Headway.Application.Dashboard;

/// <summary>
/// What a regional manager or a leader looks at first, over their scope (their partner's tenants, or the whole programme
/// for the centre), optionally one region: the status mix, how the blockers developed, each manager's hygiene, the
/// executive summaries asked for and overdue, and the latest summaries. Every figure comes from the definitions the
/// reports use (<see cref="ReportRows"/>, <see cref="BlockersReport"/>, <see cref="HygieneReport"/>), so the dashboard
/// and the reports never disagree.
/// </summary>
public static class GetDashboard
{
    /// <summary>How many latest summaries and overdue requests the dashboard lists; the full lists are one click away.</summary>
    public const int ListedItems = 5;

    public sealed record Request(string? Region = null);

    /// <summary>Entitlements at one L1 today.</summary>
    public sealed record StatusCount(string L1, int Entitlements);

    /// <summary>One manager's entitlements and, per hygiene reason of <see cref="HygieneReport.Reasons"/>, how many need cleaning up.</summary>
    public sealed record ManagerHygiene(string? Manager, int Entitlements, IReadOnlyDictionary<string, int> Counts);

    /// <summary>A summary request past its due date and not fulfilled.</summary>
    public sealed record OverdueRequest(long Id, long TenantId, string TenantName, string RequestedBy, string RequestedOf, DateOnly DueDate);

    /// <summary>Summary requests not yet fulfilled, how many of them are overdue, and the longest overdue.</summary>
    public sealed record SummaryRequests(int Open, int Overdue, IReadOnlyList<OverdueRequest> LongestOverdue);

    /// <summary>
    /// The dashboard of <see cref="Partner"/>'s scope (null: the programme centre, which sees every partner) in a region or all:
    /// today's <see cref="StatusMix"/>, the <see cref="Blockers"/> trend by sub-status, per-manager <see cref="Hygiene"/> (stale
    /// meaning <see cref="StaleDays"/>), the open summary <see cref="Requests"/> and the <see cref="LatestSummaries"/>.
    /// </summary>
    public sealed record Response(string? Partner, string? Region, DateOnly Today, int StaleDays, IReadOnlyList<StatusCount> StatusMix, Trend Blockers,
        IReadOnlyList<ManagerHygiene> Hygiene, SummaryRequests Requests, IReadOnlyList<ListSummaries.Row> LatestSummaries);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock, IMemoryCache cache)
    {
        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            // Names of tenants and managers are on it: the roles that read tenants, not product analysts.
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            var region = string.IsNullOrWhiteSpace(request.Region) ? null : request.Region.Trim();
            if (region is not null && !Geography.Default.Regions.Contains(region, StringComparer.Ordinal))
            {
                return Refusal.ForField("region", RefusalCodes.UnknownChoice, region, string.Join(", ", Geography.Default.Regions));
            }

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var filter = new ReportFilter(Regions: region is null ? null : [region]);
            var context = new ReportContext(db, cache, filter, today);

            // Counted from the reports' rows by L1 alone, which the (partner, L1) index answers in any scope; seats would make
            // every row be read (the status matrix has them, one click away).
            var byL1 = await context.Rows.GroupBy(r => r.L1).Select(g => new { L1 = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.L1, g => g.Count, ct);
            var statusMix = StatusTaxonomy.Default.L1s.Where(l => l.Code != TaxonomyCodes.DuplicateInvalid)
                .Select(l => new StatusCount(l.Code, byL1.GetValueOrDefault(l.Code)))
                .ToList();

            var blockers = await ReportCatalogue.All.OfType<BlockersReport>().Single().TrendAsync(context, null, ct);

            var hygiene = (await HygieneReport.ByManagerAsync(context, ct)).Select(m => new ManagerHygiene(m.Manager, m.Entitlements, m.Counts)).ToList();

            var open = db.SummaryRequests.AsNoTracking().Where(r => r.FulfilledAt == null);
            if (region is not null)
            {
                open = open.Where(r => r.Region == region);
            }

            var overdue = open.Where(r => r.DueDate < today);
            var longestOverdue = await overdue.Join(db.Tenants, r => r.TenantId, t => t.Id, (r, t) => new { Request = r, t.Name })
                .OrderBy(x => x.Request.DueDate).ThenBy(x => x.Request.Id).Take(ListedItems)
                .Select(x => new OverdueRequest(x.Request.Id, x.Request.TenantId, x.Name, x.Request.RequestedBy, x.Request.RequestedOf, x.Request.DueDate))
                .ToListAsync(ct);
            var requests = new SummaryRequests(await open.CountAsync(ct), await overdue.CountAsync(ct), longestOverdue);

            var summaries = await new ListSummaries.Handler(db).HandleAsync(new ListSummaries.Request(region, null, 1, ListedItems), ct);
            if (!summaries.Succeeded)
            {
                return summaries.Refusal;
            }

            var partner = db.Caller.PartnerId is { } partnerId
                ? await db.Partners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => p.Name).FirstOrDefaultAsync(ct)
                : null;
            return Result<Response>.Ok(new Response(partner, region, today, filter.StaleDays, statusMix, blockers, hygiene, requests, summaries.Value.Items));
        }
    }
}

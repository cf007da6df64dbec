using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Reports;

/// <summary>
/// Tagged notes per hashtag and region (overall notes, which have no workload) or per hashtag, region and
/// workload (status notes), and the most used tags month by month.
/// </summary>
public sealed class HashtagsReport : Report
{
    public override string Name => "hashtags";

    public override IReadOnlyList<string> KeyColumns { get; } = ["ColTag", "ColRegion", "ColWorkload"];

    public override IReadOnlyList<string> ValueColumns { get; } = ["ColNotes"];

    public override string? TrendKeyColumn => "ColTag";

    internal override async Task<ReportOutput> RunAsync(ReportContext context, CancellationToken ct)
    {
        var (db, f, today) = (context.Db, context.Filter, context.Today);
        // Overall notes of the tenants the filter keeps; tags are split here (stored space separated).
        var notes = db.OverallNotes.Where(n => n.Hashtags != null);
        if (f.From is { } from)
        {
            var start = DateRules.StartUtc(from);
            notes = notes.Where(n => n.CreatedAt >= start);
        }

        var end = DateRules.EndUtc(f.To ?? today);
        var months = context.Months;
        var b = months.Append(months[^1].AddMonths(1)).Select(m => DateRules.StartUtc(m)).ToArray();
        // Counted in SQL per stored tag string and region, with one count per month; the strings are split here.
        var groups = await notes.Where(n => n.CreatedAt < end)
            .Join(ReportRows.Tenants(db, f with { Tag = null }), n => n.TenantId, t => t.Id, (n, t) => new { n.Hashtags, t.Region, n.CreatedAt })
            .GroupBy(x => new { x.Hashtags, x.Region })
            .Select(g => new
            {
                g.Key.Hashtags,
                g.Key.Region,
                Total = g.Count(),
                M0 = g.Count(x => x.CreatedAt >= b[0] && x.CreatedAt < b[1]),
                M1 = g.Count(x => x.CreatedAt >= b[1] && x.CreatedAt < b[2]),
                M2 = g.Count(x => x.CreatedAt >= b[2] && x.CreatedAt < b[3]),
                M3 = g.Count(x => x.CreatedAt >= b[3] && x.CreatedAt < b[4]),
                M4 = g.Count(x => x.CreatedAt >= b[4] && x.CreatedAt < b[5]),
                M5 = g.Count(x => x.CreatedAt >= b[5] && x.CreatedAt < b[6]),
                M6 = g.Count(x => x.CreatedAt >= b[6] && x.CreatedAt < b[7]),
                M7 = g.Count(x => x.CreatedAt >= b[7] && x.CreatedAt < b[8]),
                M8 = g.Count(x => x.CreatedAt >= b[8] && x.CreatedAt < b[9]),
                M9 = g.Count(x => x.CreatedAt >= b[9] && x.CreatedAt < b[10]),
                M10 = g.Count(x => x.CreatedAt >= b[10] && x.CreatedAt < b[11]),
                M11 = g.Count(x => x.CreatedAt >= b[11] && x.CreatedAt < b[12]),
            })
            .ToListAsync(ct);
        // Tags in status notes, per workload; the note's last change dates them.
        var noteRows = ReportRows.Query(db, f with { Tag = null, AsOf = null }).Where(r => r.Hashtags != null && r.LastChangedAt < end);
        if (f.From is { } noteFrom)
        {
            var noteStart = DateRules.StartUtc(noteFrom);
            noteRows = noteRows.Where(r => r.LastChangedAt >= noteStart);
        }

        var statusGroups = await noteRows.GroupBy(r => new { r.Hashtags, r.Region, r.Workload })
            .Select(g => new
            {
                g.Key.Hashtags,
                g.Key.Region,
                g.Key.Workload,
                Total = g.Count(),
                M0 = g.Count(x => x.LastChangedAt >= b[0] && x.LastChangedAt < b[1]),
                M1 = g.Count(x => x.LastChangedAt >= b[1] && x.LastChangedAt < b[2]),
                M2 = g.Count(x => x.LastChangedAt >= b[2] && x.LastChangedAt < b[3]),
                M3 = g.Count(x => x.LastChangedAt >= b[3] && x.LastChangedAt < b[4]),
                M4 = g.Count(x => x.LastChangedAt >= b[4] && x.LastChangedAt < b[5]),
                M5 = g.Count(x => x.LastChangedAt >= b[5] && x.LastChangedAt < b[6]),
                M6 = g.Count(x => x.LastChangedAt >= b[6] && x.LastChangedAt < b[7]),
                M7 = g.Count(x => x.LastChangedAt >= b[7] && x.LastChangedAt < b[8]),
                M8 = g.Count(x => x.LastChangedAt >= b[8] && x.LastChangedAt < b[9]),
                M9 = g.Count(x => x.LastChangedAt >= b[9] && x.LastChangedAt < b[10]),
                M10 = g.Count(x => x.LastChangedAt >= b[10] && x.LastChangedAt < b[11]),
                M11 = g.Count(x => x.LastChangedAt >= b[11] && x.LastChangedAt < b[12]),
            })
            .ToListAsync(ct);
        var wanted = Hashtags.Normalize(f.Tag);
        // Overall notes are about the tenant: their lines have no workload.
        var byTag = new Dictionary<(string Tag, string Region, string? Workload), int>();
        var byTagMonth = new Dictionary<string, double[]>();
        void Add(string hashtags, string region, string? workload, int total, int[] perMonth)
        {
            foreach (var tag in hashtags.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Where(t => string.IsNullOrEmpty(wanted) || t == wanted))
            {
                byTag[(tag, region, workload)] = byTag.GetValueOrDefault((tag, region, workload)) + total;
                var values = byTagMonth.TryGetValue(tag, out var v) ? v : byTagMonth[tag] = new double[ReportContext.TrendMonths];
                for (var i = 0; i < ReportContext.TrendMonths; i++)
                {
                    values[i] += perMonth[i];
                }
            }
        }

        foreach (var g in groups)
        {
            Add(g.Hashtags!, g.Region, null, g.Total, [g.M0, g.M1, g.M2, g.M3, g.M4, g.M5, g.M6, g.M7, g.M8, g.M9, g.M10, g.M11]);
        }

        foreach (var g in statusGroups)
        {
            Add(g.Hashtags!, g.Region, g.Workload, g.Total, [g.M0, g.M1, g.M2, g.M3, g.M4, g.M5, g.M6, g.M7, g.M8, g.M9, g.M10, g.M11]);
        }

        var lines = byTag.OrderByDescending(x => x.Value).ThenBy(x => x.Key.Tag, StringComparer.Ordinal).ThenBy(x => x.Key.Region, StringComparer.Ordinal)
            .ThenBy(x => x.Key.Workload, StringComparer.Ordinal)
            .Select(x => new ReportLine(["#" + x.Key.Tag, x.Key.Region, x.Key.Workload], [x.Value], x.Key.Workload is null
                ? new Drill(Tag: x.Key.Tag, Region: x.Key.Region, OverallNotes: true)
                : new Drill(Workload: x.Key.Workload, Region: x.Key.Region, Hashtag: x.Key.Tag)))
            .ToList();
        var series = byTagMonth.OrderByDescending(x => byTag.Where(r => r.Key.Tag == x.Key).Sum(r => r.Value)).Take(8)
            .Select(x => new TrendSeries("#" + x.Key, x.Value)).ToList();
        return new ReportOutput(lines, new Trend(months, series));
    }
}

using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Reports;

/// <summary>
/// An L1's sub-statuses by workload, most frequent first, with how each L2 developed over the last months.
/// What blocks adoption and why there is no intent are this report for two L1s.
/// </summary>
public abstract class ByL2Report : Report
{
    /// <summary>The L1 whose L2s are counted. The closed months of these L1s are stored (<see cref="MonthEndTrend"/>).</summary>
    public abstract string L1 { get; }

    public sealed override IReadOnlyList<string> KeyColumns { get; } = ["ColL2", "ColWorkload"];

    public sealed override IReadOnlyList<string> ValueColumns { get; } = ["ColEntitlements", "ColSeats"];

    public sealed override string? TrendKeyColumn => "ColL2";

    internal sealed override async Task<ReportOutput> RunAsync(ReportContext context, CancellationToken ct)
    {
        var (l1, f) = (L1, context.Filter);
        var groups = await context.Rows.Where(r => r.L1 == l1).GroupBy(r => new { r.L2, r.Workload })
            .Select(g => new { g.Key.L2, g.Key.Workload, Count = g.Count(), Seats = g.Sum(r => (long)r.Seats) })
            .ToListAsync(ct);
        var lines = groups.OrderByDescending(g => g.Count).ThenBy(g => g.L2).ThenBy(g => g.Workload, StringComparer.Ordinal)
            .Select(g => new ReportLine([g.L2, g.Workload], [g.Count, g.Seats], new Drill(l1, g.L2, g.Workload)))
            .ToList();
        // Today's point of the trend is these lines summed by L2, unless a change-date range narrowed them.
        var todayByL2 = f.From is null && f.To is null && f.AsOf is null
            ? groups.GroupBy(g => g.L2 ?? "").ToDictionary(g => g.Key, g => (double)g.Sum(x => x.Count))
            : null;
        return new ReportOutput(lines, await TrendAsync(context, todayByL2, ct));
    }

    /// <summary>
    /// Each L2's count at the end of each of the last months (<see cref="MonthEndTrend"/>), today's from today's rows
    /// (or from <paramref name="todayByL2"/> when the caller counted them already). The dashboard reads it too.
    /// </summary>
    internal async Task<Trend> TrendAsync(ReportContext context, Dictionary<string, double>? todayByL2, CancellationToken ct)
    {
        var (l1, f, db) = (L1, context.Filter, context.Db);
        var months = context.Months;
        var monthEnds = months.Select((m, i) => i == months.Count - 1 ? context.Today : m.AddMonths(1).AddDays(-1)).ToArray();
        var closed = await MonthEndTrend.ClosedMonthsAsync(db, context.Cache, l1, f, f.AsOf is null ? monthEnds[..^1] : monthEnds, ct);
        var counts = closed.ToDictionary(c => c.Key, c => c.Value.Concat(new double[months.Count - c.Value.Length]).ToArray());
        if (f.AsOf is null)
        {
            var now = todayByL2 ?? (await ReportRows.Query(db, f with { From = null, To = null }).Where(r => r.L1 == l1).GroupBy(r => r.L2)
                .Select(g => new { L2 = g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(g => g.L2 ?? "", g => (double)g.Count);
            foreach (var (k, count) in now)
            {
                if (!counts.TryGetValue(k, out var values))
                {
                    counts[k] = values = new double[months.Count];
                }

                values[^1] = count;
            }
        }

        return new Trend(months, counts.OrderByDescending(c => c.Value[^1]).Select(c => new TrendSeries(c.Key, c.Value)).ToList());
    }
}

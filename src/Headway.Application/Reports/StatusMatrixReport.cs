using Headway.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Reports;

/// <summary>Entitlements and seats by L1, L2 and workload, in the taxonomy's L1 order.</summary>
public sealed class StatusMatrixReport : Report
{
    public override string Name => "status-matrix";

    public override IReadOnlyList<string> KeyColumns { get; } = ["ColL1", "ColL2", "ColWorkload"];

    public override IReadOnlyList<string> ValueColumns { get; } = ["ColEntitlements", "ColSeats"];

    internal override async Task<ReportOutput> RunAsync(ReportContext context, CancellationToken ct)
    {
        var groups = await context.Rows.GroupBy(r => new { r.L1, r.L2, r.Workload })
            .Select(g => new { g.Key.L1, g.Key.L2, g.Key.Workload, Count = g.Count(), Seats = g.Sum(r => (long)r.Seats) })
            .ToListAsync(ct);
        var order = StatusTaxonomy.Default.L1s.Select(l => l.Code).ToList();
        var lines = groups
            .OrderBy(g => order.IndexOf(g.L1)).ThenBy(g => g.L2).ThenBy(g => g.Workload, StringComparer.Ordinal)
            .Select(g => new ReportLine([g.L1, g.L2, g.Workload], [g.Count, g.Seats], new Drill(g.L1, g.L2, g.Workload)))
            .ToList();
        return new ReportOutput(lines);
    }
}

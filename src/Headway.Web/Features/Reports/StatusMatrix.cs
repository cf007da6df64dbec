using Headway.Application.Reports;

namespace Headway.Web.Features.Reports;

/// <summary>
/// The status matrix report as a matrix: one row per L1 (in the report's taxonomy order) with its L2 rows under it,
/// one column per workload (in the catalogue's order), entitlements in the cells and a total per row.
/// Shading ranks a cell against the largest cell of its level, in <see cref="Shades"/> steps.
/// </summary>
public sealed class StatusMatrix
{
    public const int Shades = 5;

    public sealed record Row(string L1, string? L2, bool IsL1, IReadOnlyDictionary<string, (double Entitlements, double Seats)> Cells, double Total, double TotalSeats);

    public sealed record Group(Row L1, IReadOnlyList<Row> L2s);

    public required IReadOnlyList<string> Workloads { get; init; }

    public required IReadOnlyList<Group> Groups { get; init; }

    public required (double Entitlements, double Seats) Total { get; init; }

    private double _maxL1;
    private double _maxL2;

    /// <summary>The matrix of the status matrix report's lines (keys L1, L2, workload; values entitlements, seats).</summary>
    public static StatusMatrix From(ReportResult r, IReadOnlyList<string> workloadOrder)
    {
        var workloads = r.Lines.Select(l => l.Keys[2] ?? "").Distinct()
            .OrderBy(w => Position(workloadOrder, w)).ThenBy(w => w, StringComparer.Ordinal).ToList();
        var groups = new List<Group>();
        foreach (var byL1 in r.Lines.GroupBy(l => l.Keys[0] ?? ""))
        {
            var l2s = byL1.GroupBy(l => l.Keys[1]).Select(g => Build(byL1.Key, g.Key, false, g)).ToList();
            groups.Add(new Group(Build(byL1.Key, null, true, byL1), l2s));
        }

        return new StatusMatrix
        {
            Workloads = workloads,
            Groups = groups,
            Total = (r.Lines.Sum(l => l.Values[0]), r.Lines.Sum(l => l.Values[1])),
            _maxL1 = groups.SelectMany(g => g.L1.Cells.Values).Select(c => c.Entitlements).DefaultIfEmpty(0).Max(),
            _maxL2 = groups.SelectMany(g => g.L2s).SelectMany(l => l.Cells.Values).Select(c => c.Entitlements).DefaultIfEmpty(0).Max(),
        };
    }

    /// <summary>The workload columns' totals.</summary>
    public (double Entitlements, double Seats) ColumnTotal(string workload) =>
        (Groups.Sum(g => g.L1.Cells.GetValueOrDefault(workload).Entitlements), Groups.Sum(g => g.L1.Cells.GetValueOrDefault(workload).Seats));

    /// <summary>The shade of a cell, 0 (empty) to <see cref="Shades"/> (the largest of its level).</summary>
    public int Shade(Row row, double value)
    {
        var max = row.IsL1 ? _maxL1 : _maxL2;
        return value <= 0 || max <= 0 ? 0 : (int)Math.Ceiling(value / max * Shades);
    }

    private static int Position(IReadOnlyList<string> order, string workload)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == workload)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static Row Build(string l1, string? l2, bool isL1, IEnumerable<ReportLine> lines)
    {
        var cells = lines.GroupBy(l => l.Keys[2] ?? "")
            .ToDictionary(g => g.Key, g => (g.Sum(l => l.Values[0]), g.Sum(l => l.Values[1])));
        return new Row(l1, l2, isL1, cells, cells.Values.Sum(c => c.Item1), cells.Values.Sum(c => c.Item2));
    }
}

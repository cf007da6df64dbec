using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Reports;

/// <summary>The share of status notes graded good per team, then per manager, and each team's share month by month.</summary>
public sealed class NoteQualityReport : Report
{
    public override string Name => "note-quality";

    public override IReadOnlyList<string> KeyColumns { get; } = ["ColTeam", "ColManager"];

    public override IReadOnlyList<string> ValueColumns { get; } = ["ColNotes", "ColGoodNotes", "ColGoodShare"];

    /// <summary>The share: teams and managers with many notes would otherwise outshine the good ones.</summary>
    public override int ChartValue => 2;

    public override string? TrendKeyColumn => "ColTeam";

    internal override async Task<ReportOutput> RunAsync(ReportContext context, CancellationToken ct)
    {
        var db = context.Db;
        // Only notes are graded, so the grade alone marks a note (and keeps the query on its index).
        var noted = context.Rows.Where(r => r.NoteGrade != null);
        var byManager = await noted.GroupBy(r => new { r.PartnerId, r.Manager })
            .Select(g => new { g.Key.PartnerId, g.Key.Manager, Notes = g.Count(), Good = g.Count(r => r.NoteGrade == "Good") }).ToListAsync(ct);
        // Each team is the sum of its managers: one pass over the index, not two.
        var byTeam = byManager.GroupBy(m => m.PartnerId).Select(g => new { g.Key, Notes = g.Sum(m => m.Notes), Good = g.Sum(m => m.Good) }).ToList();
        var ids = byTeam.Where(t => t.Key is not null).Select(t => t.Key!.Value).ToList();
        var partners = await db.Partners.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        string Team(long? id) => id is { } v ? partners.GetValueOrDefault(v, "") : "";
        var lines = byTeam.OrderByDescending(t => Share(t.Good, t.Notes))
            .Select(t => new ReportLine([Team(t.Key), null], [t.Notes, t.Good, Share(t.Good, t.Notes)],
                new Drill(Hygiene: "Graded", PartnerId: t.Key, CentreOnly: t.Key is null)))
            .Concat(byManager.OrderByDescending(m => Share(m.Good, m.Notes)).ThenBy(m => m.Manager, StringComparer.Ordinal)
                .Select(m => new ReportLine([Team(m.PartnerId), m.Manager], [m.Notes, m.Good, Share(m.Good, m.Notes)],
                    new Drill(Hygiene: "Graded", Manager: m.Manager, PartnerId: m.PartnerId, CentreOnly: m.PartnerId is null))))
            .ToList();
        return new ReportOutput(lines, await TrendAsync(context, byTeam.Select(t => (t.Key ?? 0, t.Good, t.Notes)).ToList(), ct));
    }

    private static double Share(double good, double notes) => notes == 0 ? 0 : Math.Round(100.0 * good / notes, 1);

    /// <summary>
    /// Each team's share of good notes among the graded notes in effect at each month end (stored months),
    /// today's from today's rows. None for manager or tag filters or an "as of" day, which the stored months do not answer.
    /// </summary>
    private static async Task<Trend?> TrendAsync(ReportContext context, List<(long Team, int Good, int Notes)> now, CancellationToken ct)
    {
        if (context.Filter.AsOf is not null)
        {
            return null;
        }

        var db = context.Db;
        var months = context.Months;
        var closedEnds = months.Take(ReportContext.TrendMonths - 1).Select(m => m.AddMonths(1).AddDays(-1)).ToArray();
        if (await MonthEndTrend.ClosedGradesAsync(db, context.Cache, context.Filter, closedEnds, ct) is not { } closed)
        {
            return null;
        }

        var teams = closed.Keys.Union(now.Select(n => n.Team)).ToList();
        var ids = teams.Where(t => t != 0).ToList();
        var names = await db.Partners.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var series = teams.Select(team =>
        {
            var values = new double[ReportContext.TrendMonths];
            if (closed.TryGetValue(team, out var c))
            {
                for (var i = 0; i < closedEnds.Length; i++)
                {
                    values[i] = Share(c.Good[i], c.Graded[i]);
                }
            }

            var current = now.FirstOrDefault(n => n.Team == team);
            values[^1] = Share(current.Good, current.Notes);
            return new TrendSeries(team == 0 ? "" : names.GetValueOrDefault(team, ""), values);
        }).OrderByDescending(s => s.Values[^1]).ToList();
        return new Trend(months, series);
    }
}

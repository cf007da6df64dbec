using Headway.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Reports;

/// <summary>What needs cleaning up: how many entitlements (or tenants) each hygiene reason finds.</summary>
public sealed class HygieneReport : Report
{
    public override string Name => "hygiene";

    public override IReadOnlyList<string> KeyColumns { get; } = ["ColReason"];

    public override IReadOnlyList<string> ValueColumns { get; } = ["ColCount"];

    public override bool UsesStaleDays => true;

    /// <summary>Hygiene reasons, in the order the report lists them.</summary>
    public static IReadOnlyList<string> Reasons { get; } =
        ["PoorNote", "InsufficientNote", "NoTargetDate", "TargetDatePassed", "NoUnblockDate", "NotUpdated", "SameNote", "Unresponsive"];

    /// <summary>The values a drill-down's hygiene filter takes: the reasons, and Graded (every graded note, the note-quality report's lines).</summary>
    public static IReadOnlyList<string> Filters { get; } = [.. Reasons, "Graded"];

    /// <summary>The reasons that are conditions on one row are counted in one pass; the others need their own query.</summary>
    internal override async Task<ReportOutput> RunAsync(ReportContext context, CancellationToken ct)
    {
        var (rows, f, today) = (context.Rows, context.Filter, context.Today);
        // Grouped by L1, the first column of the hygiene index, the groups stream in index order (no sort).
        var byL1 = await CountRows(rows, r => r.L1, f, today).ToListAsync(ct);
        var counts = Reasons.Take(RowReasons).ToDictionary(reason => reason, reason => byL1.Sum(g => g.Of(reason)));
        // Notes that occur more than once on a tenant: every row of such a group counts.
        counts["SameNote"] = await SameNotes(rows).SumAsync(g => g.Count, ct);
        counts["Unresponsive"] = await Matching(rows, "Unresponsive", f, today).Select(r => r.TenantId).Distinct().CountAsync(ct);
        return new ReportOutput(Reasons.Select(reason => new ReportLine([reason], [counts[reason]], new Drill(Hygiene: reason))).ToList());
    }

    /// <summary>How many of <see cref="Reasons"/>, from the first, are conditions on one row (counted by <see cref="CountRows"/>).</summary>
    private const int RowReasons = 6;

    /// <summary>The rows of one group and how many of them meet each row condition.</summary>
    internal sealed class RowCounts<TKey>
    {
        public required TKey Key { get; init; }
        public int Rows { get; init; }
        public int Poor { get; init; }
        public int Insufficient { get; init; }
        public int NoTarget { get; init; }
        public int TargetPassed { get; init; }
        public int NoUnblock { get; init; }
        public int Stale { get; init; }

        public int Of(string reason) => reason switch
        {
            "PoorNote" => Poor,
            "InsufficientNote" => Insufficient,
            "NoTargetDate" => NoTarget,
            "TargetDatePassed" => TargetPassed,
            "NoUnblockDate" => NoUnblock,
            "NotUpdated" => Stale,
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a condition on one row"),
        };
    }

    /// <summary>
    /// The reasons that are conditions on one row, counted in one pass per group of <paramref name="key"/>: the same
    /// conditions as <see cref="Matching"/>, written as counts so that one scan answers all six.
    /// </summary>
    private static IQueryable<RowCounts<TKey>> CountRows<TKey>(IQueryable<ReportRow> rows, System.Linq.Expressions.Expression<Func<ReportRow, TKey>> key,
        ReportFilter f, DateOnly today)
    {
        var staleBefore = StaleBefore(f, today);
        return rows.GroupBy(key).Select(g => new RowCounts<TKey>
        {
            Key = g.Key,
            Rows = g.Count(),
            Poor = g.Count(r => r.NoteGrade == "Poor"),
            Insufficient = g.Count(r => r.NoteGrade == "Insufficient"),
            NoTarget = g.Count(r => r.L1 == TaxonomyCodes.InProgress && r.TargetDate == null),
            TargetPassed = g.Count(r => r.L1 == TaxonomyCodes.InProgress && r.TargetDate < today),
            NoUnblock = g.Count(r => r.L1 == TaxonomyCodes.Blocked && r.ProjectedUnblockDate == null),
            Stale = g.Count(r => r.LastChangedAt < staleBefore),
        });
    }

    private static DateTimeOffset StaleBefore(ReportFilter f, DateOnly today) =>
        new(today.AddDays(-f.StaleDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>One note that stands on several workloads of a tenant, and how many rows carry it.</summary>
    internal sealed class SameNoteGroup
    {
        public long TenantId { get; init; }
        public int Count { get; init; }
    }

    /// <summary>
    /// The notes standing on more than one workload of their tenant, unless the customer is unresponsive (SPEC §3): the
    /// groups whose rows <see cref="Matching"/> lists for "SameNote", counted instead of listed. The tenant's notes index
    /// answers it without reading a row.
    /// </summary>
    private static IQueryable<SameNoteGroup> SameNotes(IQueryable<ReportRow> rows) =>
        rows.Where(r => r.Note != null && r.L2 != TaxonomyCodes.CustomerUnresponsive)
            .GroupBy(r => new { r.TenantId, r.Note })
            .Where(g => g.Count() > 1)
            .Select(g => new SameNoteGroup { TenantId = g.Key.TenantId, Count = g.Count() });

    /// <summary>One manager's entitlements and, per reason of <see cref="Reasons"/>, how many need cleaning up.</summary>
    internal sealed record ManagerCounts(string? Manager, int Entitlements, IReadOnlyDictionary<string, int> Counts);

    /// <summary>
    /// Every reason counted per manager (the dashboard's hygiene table), with the report's own definitions: the row
    /// conditions in one pass grouped by manager, the same note and unresponsive tenants as the report finds them, each
    /// tenant's count given to its manager. Managers in the order of their names, tenants without one last.
    /// </summary>
    internal static async Task<IReadOnlyList<ManagerCounts>> ByManagerAsync(ReportContext context, CancellationToken ct)
    {
        var (db, rows, f, today) = (context.Db, context.Rows, context.Filter, context.Today);
        var byManager = await CountRows(rows, r => r.Manager, f, today).ToListAsync(ct);
        // The same note and unresponsive tenants as the report finds them, each tenant's count given to its manager.
        var sameNote = await SameNotes(rows).Join(db.Tenants, g => g.TenantId, t => t.Id, (g, t) => new { t.ManagerName, g.Count })
            .GroupBy(x => x.ManagerName).Select(g => new { Manager = g.Key, Count = g.Sum(x => x.Count) })
            .ToDictionaryAsync(x => x.Manager ?? "", x => x.Count, ct);
        var unresponsiveTenants = await Matching(rows, "Unresponsive", f, today).Select(r => r.TenantId).Distinct()
            .Join(db.Tenants, id => id, t => t.Id, (_, t) => t.ManagerName)
            .GroupBy(m => m).Select(g => new { Manager = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Manager ?? "", x => x.Count, ct);
        return byManager
            .OrderBy(m => m.Key is null).ThenBy(m => m.Key, StringComparer.OrdinalIgnoreCase)
            .Select(m => new ManagerCounts(m.Key, m.Rows, Reasons.ToDictionary(reason => reason, reason => reason switch
            {
                "SameNote" => sameNote.GetValueOrDefault(m.Key ?? ""),
                "Unresponsive" => unresponsiveTenants.GetValueOrDefault(m.Key ?? ""),
                _ => m.Of(reason),
            })))
            .ToList();
    }

    /// <summary>
    /// The rows behind one hygiene reason; shared by the report's counts and the drill-down. "Graded" (any graded
    /// note) is not a reason: it is what lies behind the note-quality report's numbers.
    /// </summary>
    internal static IQueryable<ReportRow> Matching(IQueryable<ReportRow> rows, string reason, ReportFilter f, DateOnly today)
    {
        var staleBefore = StaleBefore(f, today);
        return reason switch
        {
            "PoorNote" => rows.Where(r => r.NoteGrade == "Poor"),
            "InsufficientNote" => rows.Where(r => r.NoteGrade == "Insufficient"),
            "NoTargetDate" => rows.Where(r => r.L1 == TaxonomyCodes.InProgress && r.TargetDate == null),
            "TargetDatePassed" => rows.Where(r => r.L1 == TaxonomyCodes.InProgress && r.TargetDate < today),
            "NoUnblockDate" => rows.Where(r => r.L1 == TaxonomyCodes.Blocked && r.ProjectedUnblockDate == null),
            "NotUpdated" => rows.Where(r => r.LastChangedAt < staleBefore),
            // The same note on several workloads of one tenant, unless the customer is unresponsive (SPEC §3).
            "SameNote" => rows.Where(r => r.Note != null && r.L2 != TaxonomyCodes.CustomerUnresponsive
                && rows.Count(o => o.TenantId == r.TenantId && o.Note == r.Note && o.EntitlementId != r.EntitlementId) > 0),
            // Unresponsive is an L2 of Status unknown: naming both lets the (L1, L2, …, TenantId) index answer.
            "Unresponsive" => rows.Where(r => r.L1 == TaxonomyCodes.StatusUnknown && r.L2 == TaxonomyCodes.CustomerUnresponsive),
            "Graded" => rows.Where(r => r.NoteGrade != null),
            _ => rows.Where(r => false),
        };
    }
}

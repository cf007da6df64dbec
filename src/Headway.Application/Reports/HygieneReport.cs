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

    /// <summary>The reasons that are conditions on one row are counted in one pass; the others need their own query.</summary>
    internal override async Task<ReportOutput> RunAsync(ReportContext context, CancellationToken ct)
    {
        var (rows, f, today) = (context.Rows, context.Filter, context.Today);
        var staleBefore = new DateTimeOffset(today.AddDays(-f.StaleDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        // Grouped by L1, the first column of the hygiene index, the groups stream in index order (no sort).
        var byL1 = await rows.GroupBy(r => r.L1).Select(g => new
        {
            Poor = g.Count(r => r.NoteGrade == "Poor"),
            Insufficient = g.Count(r => r.NoteGrade == "Insufficient"),
            NoTarget = g.Count(r => r.L1 == TaxonomyCodes.InProgress && r.TargetDate == null),
            TargetPassed = g.Count(r => r.L1 == TaxonomyCodes.InProgress && r.TargetDate < today),
            NoUnblock = g.Count(r => r.L1 == TaxonomyCodes.Blocked && r.ProjectedUnblockDate == null),
            Stale = g.Count(r => r.LastChangedAt < staleBefore),
        }).ToListAsync(ct);
        var counts = new Dictionary<string, int>
        {
            ["PoorNote"] = byL1.Sum(g => g.Poor),
            ["InsufficientNote"] = byL1.Sum(g => g.Insufficient),
            ["NoTargetDate"] = byL1.Sum(g => g.NoTarget),
            ["TargetDatePassed"] = byL1.Sum(g => g.TargetPassed),
            ["NoUnblockDate"] = byL1.Sum(g => g.NoUnblock),
            ["NotUpdated"] = byL1.Sum(g => g.Stale),
            // Notes that occur more than once on a tenant: every row of such a group counts.
            ["SameNote"] = await SameNotes(rows).SumAsync(g => g.Count, ct),
            ["Unresponsive"] = await Matching(rows, "Unresponsive", f, today).Select(r => r.TenantId).Distinct().CountAsync(ct),
        };
        return new ReportOutput(Reasons.Select(reason => new ReportLine([reason], [counts[reason]], new Drill(Hygiene: reason))).ToList());
    }

    /// <summary>One note that stands on several workloads of a tenant: how many rows carry it, and the tenant's manager.</summary>
    internal sealed class SameNoteGroup
    {
        public long TenantId { get; init; }
        public string? Manager { get; init; }
        public int Count { get; init; }
    }

    /// <summary>
    /// The notes standing on more than one workload of their tenant, unless the customer is unresponsive (SPEC §3): the
    /// groups whose rows <see cref="Matching"/> lists for "SameNote", counted instead of listed.
    /// </summary>
    private static IQueryable<SameNoteGroup> SameNotes(IQueryable<ReportRow> rows) =>
        rows.Where(r => r.Note != null && r.L2 != TaxonomyCodes.CustomerUnresponsive)
            .GroupBy(r => new { r.TenantId, r.Note })
            .Where(g => g.Count() > 1)
            .Select(g => new SameNoteGroup { TenantId = g.Key.TenantId, Manager = g.Max(r => r.Manager), Count = g.Count() });

    /// <summary>
    /// Every reason counted per manager (the dashboard's hygiene table), with the report's definitions: a row condition
    /// by <see cref="Matching"/>, the same note by <see cref="SameNotes"/>, unresponsive as tenants. Reason → manager →
    /// count; a manager missing under a reason has none. The key of tenants without a manager is the empty string.
    /// </summary>
    internal static async Task<Dictionary<string, Dictionary<string, int>>> ByManagerAsync(IQueryable<ReportRow> rows, ReportFilter f, DateOnly today,
        CancellationToken ct)
    {
        var result = new Dictionary<string, Dictionary<string, int>>();
        foreach (var reason in Reasons)
        {
            var matching = Matching(rows, reason, f, today);
            var counts = reason switch
            {
                "SameNote" => (await SameNotes(rows).Select(g => new { g.Manager, g.Count }).ToListAsync(ct))
                    .GroupBy(g => g.Manager ?? "").ToDictionary(g => g.Key, g => g.Sum(x => x.Count)),
                "Unresponsive" => await matching.Select(r => new { r.Manager, r.TenantId }).Distinct().GroupBy(r => r.Manager)
                    .Select(g => new { Manager = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Manager ?? "", g => g.Count, ct),
                _ => await matching.GroupBy(r => r.Manager).Select(g => new { Manager = g.Key, Count = g.Count() })
                    .ToDictionaryAsync(g => g.Manager ?? "", g => g.Count, ct),
            };
            result[reason] = counts;
        }

        return result;
    }

    /// <summary>
    /// The rows behind one hygiene reason; shared by the report's counts and the drill-down. "Graded" (any graded
    /// note) is not a reason: it is what lies behind the note-quality report's numbers.
    /// </summary>
    internal static IQueryable<ReportRow> Matching(IQueryable<ReportRow> rows, string reason, ReportFilter f, DateOnly today)
    {
        var staleBefore = new DateTimeOffset(today.AddDays(-f.StaleDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
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

using System.Text.RegularExpressions;
using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Headway.Application.Reports;

/// <summary>
/// The reports of SPEC §6, computed in SQL from <see cref="ReportRows"/>, so they respect the reader's
/// scope, leave out duplicate/invalid tenants and honour every filter and the "as of" day the same way.
/// </summary>
public static partial class RunReport
{
    public const int TrendMonths = 12;

    public sealed record Request(string Report, ReportFilter Filter);

    /// <summary>Hygiene reasons, in the order the report lists them.</summary>
    public static IReadOnlyList<string> HygieneReasons { get; } =
        ["PoorNote", "InsufficientNote", "NoTargetDate", "TargetDatePassed", "NoUnblockDate", "NotUpdated", "SameNote", "Unresponsive"];

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock, IMemoryCache cache)
    {
        public async Task<Result<ReportResult>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadReports) is { } forbidden)
            {
                return forbidden;
            }

            if (!ReportNames.All.Contains(request.Report))
            {
                return Refusal.ForField("report", RefusalCodes.UnknownChoice, request.Report, string.Join(", ", ReportNames.All));
            }

            var f = request.Filter;
            var rows = ReportRows.Query(db, f);
            var today = f.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var result = request.Report switch
            {
                ReportNames.StatusMatrix => await StatusMatrixAsync(rows, ct),
                ReportNames.Blockers => await ByL2Async(ReportNames.Blockers, TaxonomyCodes.Blocked, rows, f, today, ct),
                ReportNames.NoIntent => await ByL2Async(ReportNames.NoIntent, TaxonomyCodes.NoIntent, rows, f, today, ct),
                ReportNames.Hygiene => await HygieneAsync(rows, f, today, ct),
                ReportNames.Hashtags => await HashtagsAsync(f, today, ct),
                _ => await NoteQualityAsync(rows, f, today, ct),
            };
            return Result<ReportResult>.Ok(result with { AsOf = f.AsOf });
        }

        private static async Task<ReportResult> StatusMatrixAsync(IQueryable<ReportRow> rows, CancellationToken ct)
        {
            var groups = await rows.GroupBy(r => new { r.L1, r.L2, r.Workload })
                .Select(g => new { g.Key.L1, g.Key.L2, g.Key.Workload, Count = g.Count(), Seats = g.Sum(r => (long)r.Seats) })
                .ToListAsync(ct);
            var order = StatusTaxonomy.Default.L1s.Select(l => l.Code).ToList();
            var lines = groups
                .OrderBy(g => order.IndexOf(g.L1)).ThenBy(g => g.L2).ThenBy(g => g.Workload, StringComparer.Ordinal)
                .Select(g => new ReportLine([g.L1, g.L2, g.Workload], [g.Count, g.Seats], new Drill(g.L1, g.L2, g.Workload)))
                .ToList();
            return new ReportResult(ReportNames.StatusMatrix, ["ColL1", "ColL2", "ColWorkload"], ["ColEntitlements", "ColSeats"], lines, null, null);
        }

        /// <summary>An L1's sub-statuses by workload, most frequent first, with how each L2 developed over the last months.</summary>
        private async Task<ReportResult> ByL2Async(string report, string l1, IQueryable<ReportRow> rows, ReportFilter f, DateOnly today, CancellationToken ct)
        {
            var groups = await rows.Where(r => r.L1 == l1).GroupBy(r => new { r.L2, r.Workload })
                .Select(g => new { g.Key.L2, g.Key.Workload, Count = g.Count(), Seats = g.Sum(r => (long)r.Seats) })
                .ToListAsync(ct);
            var lines = groups.OrderByDescending(g => g.Count).ThenBy(g => g.L2).ThenBy(g => g.Workload, StringComparer.Ordinal)
                .Select(g => new ReportLine([g.L2, g.Workload], [g.Count, g.Seats], new Drill(l1, g.L2, g.Workload)))
                .ToList();
            // Today's point of the trend is these lines summed by L2, unless a change-date range narrowed them.
            var todayByL2 = f.From is null && f.To is null && f.AsOf is null
                ? groups.GroupBy(g => g.L2 ?? "").ToDictionary(g => g.Key, g => (double)g.Sum(x => x.Count))
                : null;
            return new ReportResult(report, ["ColL2", "ColWorkload"], ["ColEntitlements", "ColSeats"], lines, await TrendByL2Async(l1, f, today, todayByL2, ct), null);
        }

        /// <summary>Each L2's count at the end of each of the last months (<see cref="MonthEndTrend"/>), today's from today's rows.</summary>
        private async Task<Trend> TrendByL2Async(string l1, ReportFilter f, DateOnly today, Dictionary<string, double>? todayByL2, CancellationToken ct)
        {
            var months = Enumerable.Range(0, TrendMonths).Select(i => new DateOnly(today.Year, today.Month, 1).AddMonths(i - TrendMonths + 1)).ToList();
            var monthEnds = months.Select((m, i) => i == months.Count - 1 ? today : m.AddMonths(1).AddDays(-1)).ToArray();
            var closed = await MonthEndTrend.ClosedMonthsAsync(db, cache, l1, f, f.AsOf is null ? monthEnds[..^1] : monthEnds, ct);
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

        /// <summary>The reasons that are conditions on one row are counted in one pass; the others need their own query.</summary>
        private static async Task<ReportResult> HygieneAsync(IQueryable<ReportRow> rows, ReportFilter f, DateOnly today, CancellationToken ct)
        {
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
            var simple = new
            {
                Poor = byL1.Sum(g => g.Poor),
                Insufficient = byL1.Sum(g => g.Insufficient),
                NoTarget = byL1.Sum(g => g.NoTarget),
                TargetPassed = byL1.Sum(g => g.TargetPassed),
                NoUnblock = byL1.Sum(g => g.NoUnblock),
                Stale = byL1.Sum(g => g.Stale),
            };
            var counts = new Dictionary<string, int>
            {
                ["PoorNote"] = simple.Poor,
                ["InsufficientNote"] = simple.Insufficient,
                ["NoTargetDate"] = simple.NoTarget,
                ["TargetDatePassed"] = simple.TargetPassed,
                ["NoUnblockDate"] = simple.NoUnblock,
                ["NotUpdated"] = simple.Stale,
                // Notes that occur more than once on a tenant: every row of such a group counts.
                ["SameNote"] = await rows.Where(r => r.Note != null && r.L2 != TaxonomyCodes.CustomerUnresponsive)
                    .GroupBy(r => new { r.TenantId, r.Note }).Select(g => g.Count()).Where(n => n > 1).SumAsync(ct),
                ["Unresponsive"] = await Hygiene(rows, "Unresponsive", f, today).Select(r => r.TenantId).Distinct().CountAsync(ct),
            };
            var lines = HygieneReasons.Select(reason => new ReportLine([reason], [counts[reason]], new Drill(Hygiene: reason))).ToList();
            return new ReportResult(ReportNames.Hygiene, ["ColReason"], ["ColCount"], lines, null, null);
        }

        private async Task<ReportResult> HashtagsAsync(ReportFilter f, DateOnly today, CancellationToken ct)
        {
            // Overall notes of the tenants the filter keeps; tags are split here (stored space separated).
            var notes = db.OverallNotes.Where(n => n.Hashtags != null);
            if (f.From is { } from)
            {
                var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                notes = notes.Where(n => n.CreatedAt >= start);
            }

            var end = new DateTimeOffset((f.To ?? today).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var months = Enumerable.Range(0, TrendMonths).Select(i => new DateOnly(today.Year, today.Month, 1).AddMonths(i - TrendMonths + 1)).ToList();
            var b = months.Append(months[^1].AddMonths(1)).Select(m => new DateTimeOffset(m.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).ToArray();
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
                var noteStart = new DateTimeOffset(noteFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
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
            var wanted = f.Tag?.Trim().TrimStart('#', '＃').ToLowerInvariant();
            // Overall notes are about the tenant: their lines have no workload.
            var byTag = new Dictionary<(string Tag, string Region, string? Workload), int>();
            var byTagMonth = new Dictionary<string, double[]>();
            void Add(string hashtags, string region, string? workload, int total, int[] perMonth)
            {
                foreach (var tag in hashtags.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Where(t => string.IsNullOrEmpty(wanted) || t == wanted))
                {
                    byTag[(tag, region, workload)] = byTag.GetValueOrDefault((tag, region, workload)) + total;
                    var values = byTagMonth.TryGetValue(tag, out var v) ? v : byTagMonth[tag] = new double[TrendMonths];
                    for (var i = 0; i < TrendMonths; i++)
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
                    ? new Drill(Tag: x.Key.Tag, Region: x.Key.Region)
                    : new Drill(Workload: x.Key.Workload, Region: x.Key.Region, Hashtag: x.Key.Tag)))
                .ToList();
            var series = byTagMonth.OrderByDescending(x => byTag.Where(r => r.Key.Tag == x.Key).Sum(r => r.Value)).Take(8)
                .Select(x => new TrendSeries("#" + x.Key, x.Value)).ToList();
            return new ReportResult(ReportNames.Hashtags, ["ColTag", "ColRegion", "ColWorkload"], ["ColNotes"], lines, new Trend(months, series), null);
        }

        private async Task<ReportResult> NoteQualityAsync(IQueryable<ReportRow> rows, ReportFilter f, DateOnly today, CancellationToken ct)
        {
            // Only notes are graded, so the grade alone marks a note (and keeps the query on its index).
            var noted = rows.Where(r => r.NoteGrade != null);
            var byManager = await noted.GroupBy(r => new { r.PartnerId, r.Manager })
                .Select(g => new { g.Key.PartnerId, g.Key.Manager, Notes = g.Count(), Good = g.Count(r => r.NoteGrade == "Good") }).ToListAsync(ct);
            // Each team is the sum of its managers: one pass over the index, not two.
            var byTeam = byManager.GroupBy(m => m.PartnerId).Select(g => new { g.Key, Notes = g.Sum(m => m.Notes), Good = g.Sum(m => m.Good) }).ToList();
            static double Share(int good, int notes) => notes == 0 ? 0 : Math.Round(100.0 * good / notes, 1);
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
            return new ReportResult(ReportNames.NoteQuality, ["ColTeam", "ColManager"], ["ColNotes", "ColGoodNotes", "ColGoodShare"], lines,
                await QualityTrendAsync(f, today, byTeam.Select(t => (t.Key ?? 0, t.Good, t.Notes)).ToList(), ct), null);
        }

        /// <summary>
        /// Each team's share of good notes among the graded notes in effect at each month end (stored months),
        /// today's from today's rows. None for manager or tag filters or an "as of" day, which the stored months do not answer.
        /// </summary>
        private async Task<Trend?> QualityTrendAsync(ReportFilter f, DateOnly today, List<(long Team, int Good, int Notes)> now, CancellationToken ct)
        {
            if (f.AsOf is not null)
            {
                return null;
            }

            var months = Enumerable.Range(0, TrendMonths).Select(i => new DateOnly(today.Year, today.Month, 1).AddMonths(i - TrendMonths + 1)).ToList();
            var closedEnds = months.Take(TrendMonths - 1).Select(m => m.AddMonths(1).AddDays(-1)).ToArray();
            if (await MonthEndTrend.ClosedGradesAsync(db, cache, f, closedEnds, ct) is not { } closed)
            {
                return null;
            }

            static double Share(double good, double graded) => graded == 0 ? 0 : Math.Round(100.0 * good / graded, 1);
            var teams = closed.Keys.Union(now.Select(n => n.Team)).ToList();
            var ids = teams.Where(t => t != 0).ToList();
            var names = await db.Partners.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            var series = teams.Select(team =>
            {
                var values = new double[TrendMonths];
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

    /// <summary>The rows behind one hygiene reason; shared by the report's counts and its drill-down.</summary>
    internal static IQueryable<ReportRow> Hygiene(IQueryable<ReportRow> rows, string reason, ReportFilter f, DateOnly today)
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

    /// <summary>The number of contact attempts an unresponsive note states ("3 contact attempts", "3 次", "3 回"), if any.</summary>
    public static int? AttemptCount(string? note)
    {
        if (note is null)
        {
            return null;
        }

        var m = Attempts().Match(note);
        return m.Success && int.TryParse(m.Groups[1].Value, out var n) ? n : null;
    }

    [GeneratedRegex(@"(\d{1,3})\s*(?:[a-zA-ZäöüÄÖÜß\-]+\s+)?(?:attempts?|tries|calls?|emails?|Versuch\w*|Kontaktversuch\w*|Anrufe?|次|回)", RegexOptions.IgnoreCase)]
    private static partial Regex Attempts();
}

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
                _ => await NoteQualityAsync(rows, db, ct),
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

        /// <summary>
        /// How many entitlements had each L2 at the end of each of the last months. Closed months never change
        /// (history is append-only and written at the time of the change), so they are computed once per filter and
        /// scope and kept until the set of tenants or duplicates changes; the current month is today's rows.
        /// </summary>
        private async Task<Trend> TrendByL2Async(string l1, ReportFilter f, DateOnly today, Dictionary<string, double>? todayByL2, CancellationToken ct)
        {
            var months = Enumerable.Range(0, TrendMonths).Select(i => new DateOnly(today.Year, today.Month, 1).AddMonths(i - TrendMonths + 1)).ToList();
            var ends = months.Select((m, i) => new DateTimeOffset((i == months.Count - 1 ? today : m.AddMonths(1).AddDays(-1)).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).ToArray();
            // Tenants added (a load) or flagged/cleared change closed months; the duplicate flag has a small filtered index.
            var tenants = db.Tenants.IgnoreQueryFilters();
            var fingerprint = (await tenants.CountAsync(ct), await tenants.MaxAsync(t => (long?)t.Id, ct),
                string.Join(",", await tenants.Where(t => t.IsDuplicate).Select(t => t.Id).OrderBy(id => id).ToListAsync(ct)).GetHashCode(StringComparison.Ordinal));
            var key = (nameof(TrendByL2Async), l1, f with { AsOf = null, From = null, To = null, StaleDays = 30, Workloads = null },
                string.Join(",", f.Workloads ?? []), db.Caller.PartnerId, db.Caller.IsProgrammeWide, months[0], f.AsOf, fingerprint);
            var closed = await cache.GetOrCreateAsync(key, async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(12);
                entry.Size = 1;
                return await ReplayAsync(l1, f, f.AsOf is null ? ends[..^1] : ends, ct);
            }) ?? [];
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

        /// <summary>
        /// Replays the history in entitlement order (its index): for each month end, each entitlement's last
        /// change before it, counted by L2 when it has the L1. Narrowed to the filter's tenants when the filter
        /// names any tenant condition.
        /// </summary>
        private async Task<Dictionary<string, double[]>> ReplayAsync(string l1, ReportFilter f, DateTimeOffset[] ends, CancellationToken ct)
        {
            var counts = new Dictionary<string, double[]>();
            if (ends.Length == 0)
            {
                return counts;
            }

            var tenantIds = ReportRows.Tenants(db, f).Select(t => t.Id);
            var allowed = (await tenantIds.ToListAsync(ct)).ToHashSet();
            var workloads = f.Workloads is { Count: > 0 } w ? w.ToHashSet() : null;
            var last = ends[^1];
            var history = db.StatusChanges.AsNoTracking().Where(c => c.ChangedAt < last);
            var narrowed = !string.IsNullOrWhiteSpace(f.Region) || !string.IsNullOrWhiteSpace(f.Country) || f.PartnerId is not null
                || f.CentreOnly || !string.IsNullOrWhiteSpace(f.Manager) || f.Priority is not null || !string.IsNullOrWhiteSpace(f.Tag);
            if (narrowed)
            {
                history = history.Where(c => tenantIds.Contains(c.TenantId));
            }

            var changes = history.OrderBy(c => c.EntitlementId).ThenBy(c => c.ChangedAt).ThenBy(c => c.Id)
                .Select(c => new { c.EntitlementId, c.TenantId, c.Workload, c.ChangedAt, c.L1, c.L2 });
            long current = -1;
            var state = new List<(DateTimeOffset At, string L1, string? L2)>();
            void Flush()
            {
                var k = 0;
                (DateTimeOffset At, string L1, string? L2)? at = null;
                for (var i = 0; i < ends.Length; i++)
                {
                    while (k < state.Count && state[k].At < ends[i])
                    {
                        at = state[k++];
                    }

                    if (at is { } s && s.L1 == l1)
                    {
                        var key = s.L2 ?? "";
                        if (!counts.TryGetValue(key, out var values))
                        {
                            counts[key] = values = new double[ends.Length];
                        }

                        values[i]++;
                    }
                }

                state.Clear();
            }

            await foreach (var c in changes.AsAsyncEnumerable().WithCancellation(ct))
            {
                if (c.EntitlementId != current)
                {
                    Flush();
                    current = c.EntitlementId;
                }

                if (allowed.Contains(c.TenantId) && (workloads is null || workloads.Contains(c.Workload)))
                {
                    state.Add((c.ChangedAt, c.L1, c.L2));
                }
            }

            Flush();
            return counts;
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
            var found = await notes.Where(n => n.CreatedAt < end)
                .Join(ReportRows.Tenants(db, f with { Tag = null }), n => n.TenantId, t => t.Id, (n, t) => new { n.Hashtags, t.Region, n.CreatedAt })
                .ToListAsync(ct);
            var wanted = f.Tag?.Trim().TrimStart('#', '＃').ToLowerInvariant();
            var tagged = found.SelectMany(n => n.Hashtags!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Select(tag => (Tag: tag, n.Region, n.CreatedAt)))
                .Where(x => string.IsNullOrEmpty(wanted) || x.Tag == wanted)
                .ToList();
            var lines = tagged.GroupBy(x => (x.Tag, x.Region)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Tag, StringComparer.Ordinal)
                .Select(g => new ReportLine(["#" + g.Key.Tag, g.Key.Region], [g.Count()], new Drill(Tag: g.Key.Tag, Region: g.Key.Region)))
                .ToList();
            var months = Enumerable.Range(0, TrendMonths).Select(i => new DateOnly(today.Year, today.Month, 1).AddMonths(i - TrendMonths + 1)).ToList();
            var series = tagged.GroupBy(x => x.Tag).OrderByDescending(g => g.Count()).Take(8)
                .Select(g => new TrendSeries("#" + g.Key, months.Select(m => (double)g.Count(x => DateOnly.FromDateTime(x.CreatedAt.UtcDateTime) is var d && d >= m && d < m.AddMonths(1))).ToList()))
                .ToList();
            return new ReportResult(ReportNames.Hashtags, ["ColTag", "ColRegion"], ["ColNotes"], lines, new Trend(months, series), null);
        }

        private static async Task<ReportResult> NoteQualityAsync(IQueryable<ReportRow> rows, HeadwayDbContext db, CancellationToken ct)
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
            return new ReportResult(ReportNames.NoteQuality, ["ColTeam", "ColManager"], ["ColNotes", "ColGoodNotes", "ColGoodShare"], lines, null, null);
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

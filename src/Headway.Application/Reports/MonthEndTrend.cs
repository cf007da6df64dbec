using System.Globalization;
using Headway.Application.Data;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace Headway.Application.Reports;

/// <summary>
/// How many entitlements stood at each L2 of an L1 at the end of each of the last months.
/// Closed months come from <see cref="MonthEndCount"/> rows, computed once for everyone by replaying
/// the history and stored. Filters by manager or tag (which the rows do not carry) replay only those
/// tenants' history and are remembered in memory. Today's point comes from today's rows.
/// </summary>
internal static class MonthEndTrend
{
    private static readonly SemaphoreSlim Computing = new(1, 1);

    /// <summary>The L1s whose months are stored: those of the reports that show an L1's trend by L2.</summary>
    private static readonly string[] Stored = ReportCatalogue.All.OfType<ByL2Report>().Select(r => r.L1).Distinct().ToArray();

    /// <summary>A hash of <see cref="Stored"/> for the fingerprint, the same in every process (string hash codes are not).</summary>
    private static readonly long StoredHash = Stored.Order(StringComparer.Ordinal).SelectMany(l1 => l1.Append('|'))
        .Aggregate(17L, (h, c) => unchecked((h * 31) + c));

    /// <summary>Stored rows with this L1 count the notes in effect by grade (in L2).</summary>
    public const string GradeRow = "~grade";

    private readonly record struct Dims(string L1, string? L2, string Workload, string Region, string Country, long? PartnerId, Priority Priority);

    private sealed record TenantDims(string Region, string Country, long? PartnerId, Priority Priority, string? Manager);

    public static async Task<Dictionary<string, double[]>> ClosedMonthsAsync(HeadwayDbContext db, IMemoryCache cache, string l1, ReportFilter f,
        DateOnly[] monthEnds, CancellationToken ct)
    {
        if (monthEnds.Length == 0)
        {
            return [];
        }

        var fingerprint = await FingerprintAsync(db, ct);
        var narrowed = !string.IsNullOrWhiteSpace(f.Manager) || !string.IsNullOrWhiteSpace(f.Tag);
        if (narrowed || !Stored.Contains(l1))
        {
            var key = (nameof(MonthEndTrend), l1, f with { AsOf = null, From = null, To = null, StaleDays = 30, Workloads = null, Regions = null },
                string.Join(",", f.Workloads ?? []), string.Join(",", f.Regions ?? []), db.Caller.PartnerId, db.Caller.IsProgrammeWide, db.Caller.GeographyKey, string.Join(",", monthEnds), fingerprint);
            return await cache.GetOrCreateAsync(key, async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(12);
                return await NarrowedAsync(db, l1, f, monthEnds, ct);
            }) ?? [];
        }

        await EnsureStoredAsync(db, fingerprint, monthEnds, ct);
        var storedKey = (nameof(MonthEndCount), l1, f with { AsOf = null, From = null, To = null, StaleDays = 30, Workloads = null, Regions = null },
            string.Join(",", f.Workloads ?? []), string.Join(",", f.Regions ?? []), db.Caller.PartnerId, db.Caller.IsProgrammeWide, db.Caller.GeographyKey, string.Join(",", monthEnds), fingerprint);
        return await cache.GetOrCreateAsync(storedKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(12);
            return await SumStoredAsync(db, l1, f, fingerprint, monthEnds, ct);
        }) ?? [];
    }

    /// <summary>The stored month ends summed by L2 over the filter's dimensions (scope by the context's filter).</summary>
    private static async Task<Dictionary<string, double[]>> SumStoredAsync(HeadwayDbContext db, string l1, ReportFilter f, string fingerprint,
        DateOnly[] monthEnds, CancellationToken ct)
    {
        var rows = Filtered(db.MonthEndCounts.Where(c => c.Fingerprint == fingerprint && c.L1 == l1 && monthEnds.Contains(c.MonthEnd)), f);
        var sums = await rows.GroupBy(c => new { c.MonthEnd, c.L2 }).Select(g => new { g.Key.MonthEnd, g.Key.L2, Count = g.Sum(c => c.Count) }).ToListAsync(ct);
        var counts = new Dictionary<string, double[]>();
        foreach (var s in sums)
        {
            var key = s.L2 ?? "";
            if (!counts.TryGetValue(key, out var values))
            {
                counts[key] = values = new double[monthEnds.Length];
            }

            values[Array.IndexOf(monthEnds, s.MonthEnd)] = s.Count;
        }

        return counts;
    }

    /// <summary>
    /// Per team (partner id, or 0 for the centre), the good and graded notes in effect at each month end.
    /// Null when the filter names a manager or tag, which the stored rows do not carry.
    /// </summary>
    public static async Task<Dictionary<long, (double[] Good, double[] Graded)>?> ClosedGradesAsync(HeadwayDbContext db, IMemoryCache cache, ReportFilter f,
        DateOnly[] monthEnds, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(f.Manager) || !string.IsNullOrWhiteSpace(f.Tag))
        {
            return null;
        }

        var result = new Dictionary<long, (double[] Good, double[] Graded)>();
        if (monthEnds.Length == 0)
        {
            return result;
        }

        var fingerprint = await FingerprintAsync(db, ct);
        await EnsureStoredAsync(db, fingerprint, monthEnds, ct);
        var key = (GradeRow, f with { AsOf = null, From = null, To = null, StaleDays = 30, Workloads = null, Regions = null },
            string.Join(",", f.Workloads ?? []), string.Join(",", f.Regions ?? []), db.Caller.PartnerId, db.Caller.IsProgrammeWide, db.Caller.GeographyKey, string.Join(",", monthEnds), fingerprint);
        return await cache.GetOrCreateAsync(key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(12);
            return await SumGradesAsync(db, f, fingerprint, monthEnds, ct);
        });
    }

    private static async Task<Dictionary<long, (double[] Good, double[] Graded)>> SumGradesAsync(HeadwayDbContext db, ReportFilter f, string fingerprint,
        DateOnly[] monthEnds, CancellationToken ct)
    {
        var result = new Dictionary<long, (double[] Good, double[] Graded)>();
        var rows = Filtered(db.MonthEndCounts.Where(c => c.Fingerprint == fingerprint && c.L1 == GradeRow && monthEnds.Contains(c.MonthEnd)), f);
        var sums = await rows.GroupBy(c => new { c.MonthEnd, c.PartnerId, Good = c.L2 == "Good" })
            .Select(g => new { g.Key.MonthEnd, g.Key.PartnerId, g.Key.Good, Count = g.Sum(c => c.Count) }).ToListAsync(ct);
        foreach (var s in sums)
        {
            var teamId = s.PartnerId ?? 0;
            if (!result.TryGetValue(teamId, out var team))
            {
                result[teamId] = team = (new double[monthEnds.Length], new double[monthEnds.Length]);
            }

            var i = Array.IndexOf(monthEnds, s.MonthEnd);
            team.Graded[i] += s.Count;
            if (s.Good)
            {
                team.Good[i] += s.Count;
            }
        }

        return result;
    }

    private static IQueryable<MonthEndCount> Filtered(IQueryable<MonthEndCount> rows, ReportFilter f)
    {
        if (f.Workloads is { Count: > 0 } workloads)
        {
            rows = rows.Where(c => EF.MultipleParameters(workloads).Contains(c.Workload));
        }

        if (f.Regions is { Count: > 0 } regions)
        {
            rows = rows.Where(c => EF.MultipleParameters(regions).Contains(c.Region));
        }

        if (!string.IsNullOrWhiteSpace(f.Country))
        {
            rows = rows.Where(c => c.Country == f.Country);
        }

        if (f.PartnerId is { } partner)
        {
            rows = rows.Where(c => c.PartnerId == partner);
        }
        else if (f.CentreOnly)
        {
            rows = rows.Where(c => c.PartnerId == null);
        }

        if (f.Priority is { } priority)
        {
            rows = rows.Where(c => c.Priority == priority);
        }

        return rows;
    }

    /// <summary>Stores the closed months of the last year now (after a bulk load), so the first reader does not wait.</summary>
    public static async Task WarmAsync(HeadwayDbContext db, DateOnly today, CancellationToken ct)
    {
        var monthEnds = ReportContext.TrendWindow(today).SkipLast(1).Select(m => m.AddMonths(1).AddDays(-1)).ToArray();
        await EnsureStoredAsync(db, await FingerprintAsync(db, ct), monthEnds, ct);
    }

    /// <summary>
    /// Tenants added (a load) or flagged and cleared change past months; nothing else in the data does. A report for
    /// another L1 changes which L1s are stored, so the stored L1s are part of the fingerprint too.
    /// </summary>
    private static async Task<string> FingerprintAsync(HeadwayDbContext db, CancellationToken ct)
    {
        var tenants = db.Tenants.IgnoreQueryFilters();
        var duplicates = await tenants.Where(t => t.IsDuplicate).Select(t => t.Id).OrderBy(id => id).ToListAsync(ct);
        var count = await tenants.CountAsync(ct);
        var last = await tenants.MaxAsync(t => (long?)t.Id, ct);
        var hash = duplicates.Aggregate(17L, (h, id) => unchecked((h * 31) + id));
        return string.Create(CultureInfo.InvariantCulture, $"{count}:{last}:{duplicates.Count}:{hash}:{StoredHash:x}");
    }

    /// <summary>Computes and stores the month ends not yet stored for this fingerprint, for every scope at once.</summary>
    private static async Task EnsureStoredAsync(HeadwayDbContext db, string fingerprint, DateOnly[] monthEnds, CancellationToken ct)
    {
        async Task<DateOnly[]> MissingAsync() =>
            monthEnds.Except(await db.MonthEndCounts.IgnoreQueryFilters().Where(c => c.Fingerprint == fingerprint && c.L1 == "" && monthEnds.Contains(c.MonthEnd))
                .Select(c => c.MonthEnd).ToListAsync(ct)).ToArray();

        if ((await MissingAsync()).Length == 0)
        {
            return;
        }

        await Computing.WaitAsync(ct);
        try
        {
            var missing = await MissingAsync();
            if (missing.Length == 0)
            {
                return;
            }

            var tenants = await db.Tenants.IgnoreQueryFilters().Where(t => !t.IsDuplicate)
                .ToDictionaryAsync(t => t.Id, t => new TenantDims(t.Region, t.Country, t.PartnerId, t.Priority, t.ManagerName), ct);
            var counts = new Dictionary<(int Month, Dims Dims), int>();
            await ReplayAsync(db.StatusChanges.IgnoreQueryFilters(), missing, (month, tenantId, workload, l1, l2, grade) =>
            {
                if (!tenants.TryGetValue(tenantId, out var t))
                {
                    return;
                }

                if (Stored.Contains(l1))
                {
                    var key = (month, new Dims(l1, l2, workload, t.Region, t.Country, t.PartnerId, t.Priority));
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }

                // The grade of the note in effect, for the note-quality trend.
                if (grade is not null && l1 != Domain.Taxonomy.TaxonomyCodes.DuplicateInvalid)
                {
                    var key = (month, new Dims(GradeRow, grade, workload, t.Region, t.Country, t.PartnerId, t.Priority));
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }, ct);

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.MonthEndCounts.IgnoreQueryFilters().Where(c => c.Fingerprint != fingerprint).ExecuteDeleteAsync(ct);
            using (var insert = new BulkInserter<MonthEndCount>(db, tx.GetDbTransaction(), assignKeys: true))
            {
                foreach (var ((month, d), count) in counts)
                {
                    insert.Add(new MonthEndCount
                    {
                        Fingerprint = fingerprint,
                        MonthEnd = missing[month],
                        L1 = d.L1,
                        L2 = d.L2,
                        Workload = d.Workload,
                        Region = d.Region,
                        Country = d.Country,
                        PartnerId = d.PartnerId,
                        Priority = d.Priority,
                        Count = count,
                    });
                }

                foreach (var month in missing)
                {
                    insert.Add(new MonthEndCount { Fingerprint = fingerprint, MonthEnd = month, L1 = "", Workload = "", Region = "", Country = "" });
                }

                insert.Flush();
            }

            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node stored the same months first; theirs are the same numbers.
        }
        catch (System.Data.Common.DbException e) when (HeadwayDatabase.IsUniqueViolation(e))
        {
            // The same, as the provider reports a unique constraint to a raw command.
        }
        finally
        {
            Computing.Release();
        }
    }

    /// <summary>Only the filtered tenants' history, replayed (manager and tag filters are not stored dimensions).</summary>
    private static async Task<Dictionary<string, double[]>> NarrowedAsync(HeadwayDbContext db, string l1, ReportFilter f, DateOnly[] monthEnds, CancellationToken ct)
    {
        var tenantIds = ReportRows.Tenants(db, f).Select(t => t.Id);
        var allowed = (await tenantIds.ToListAsync(ct)).ToHashSet();
        var workloads = f.Workloads is { Count: > 0 } w ? w.ToHashSet() : null;
        var counts = new Dictionary<string, double[]>();
        await ReplayAsync(db.StatusChanges.Where(c => tenantIds.Contains(c.TenantId)), monthEnds, (month, tenantId, workload, changeL1, l2, _) =>
        {
            if (changeL1 == l1 && allowed.Contains(tenantId) && (workloads is null || workloads.Contains(workload)))
            {
                var key = l2 ?? "";
                if (!counts.TryGetValue(key, out var values))
                {
                    counts[key] = values = new double[monthEnds.Length];
                }

                values[month]++;
            }
        }, ct);
        return counts;
    }

    /// <summary>
    /// Replays history in entitlement order (its index): for each month end, each entitlement's last change
    /// before the end of that day is passed to <paramref name="visit"/>.
    /// </summary>
    private static async Task ReplayAsync(IQueryable<Domain.Entitlements.StatusChange> history, DateOnly[] monthEnds,
        Action<int, long, string, string, string?, string?> visit, CancellationToken ct)
    {
        var ends = monthEnds.Select(d => DateRules.EndUtc(d)).ToArray();
        var last = ends.Max();
        var changes = history.AsNoTracking().Where(c => c.ChangedAt < last)
            .OrderBy(c => c.EntitlementId).ThenBy(c => c.ChangedAt).ThenBy(c => c.Id)
            .Select(c => new { c.EntitlementId, c.TenantId, c.Workload, c.ChangedAt, c.L1, c.L2, c.NoteGrade });
        var current = -1L;
        var state = new List<(DateTimeOffset At, long TenantId, string Workload, string L1, string? L2, string? Grade)>();
        void Flush()
        {
            for (var i = 0; i < ends.Length; i++)
            {
                (DateTimeOffset At, long TenantId, string Workload, string L1, string? L2, string? Grade)? at = null;
                foreach (var s in state)
                {
                    if (s.At >= ends[i])
                    {
                        break;
                    }

                    at = s;
                }

                if (at is { } a)
                {
                    visit(i, a.TenantId, a.Workload, a.L1, a.L2, a.Grade);
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

            state.Add((c.ChangedAt, c.TenantId, c.Workload, c.L1, c.L2, c.NoteGrade));
        }

        Flush();
    }
}

using System.Collections.Concurrent;
using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Headway.Application.Tenants;

/// <summary>
/// The tenant list's ids and count answered from memory (docs/decisions/ADR-006): per tenant the columns the list filters
/// and sorts on, per entitlement its L1, L2, workload and grade. It only proposes ids; the page's rows are read from the
/// database through the query filters, so a mistake here can leave a row out but never show another partner's tenant
/// (the status mix on those rows comes from here only for callers whose scope is the whole programme).
/// </summary>
/// <remarks>
/// Before every answer it reads the last ids of the entitlement history and the audit trail, and reloads the tenants
/// the entries past its own marks name; every write the list depends on lands in one of them. It answers nothing (the
/// database does) while it loads, while a writer that started earlier is still running (PostgreSQL), for the filters
/// it does not hold (tags, hygiene reasons), and from a tenant's registration, rename or removal until it has loaded
/// again, because its name order is the database's and only the database can place a new name in it.
/// </remarks>
public sealed class TenantListIndex(IServiceScopeFactory scopes, TenantListIndex.Settings settings, TimeProvider clock, ILogger<TenantListIndex>? log = null)
    : IDisposable
{
    /// <summary>More tenants named by new entries than this, and the index loads again instead of reloading each.</summary>
    internal const int MostReloaded = 2000;

    /// <summary>The partner column's value for the programme centre's own tenants: no partner's id, and no caller's.</summary>
    private const long Centre = long.MinValue;

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, Dictionary<string, int>> CountryRanks = new();

    private static readonly ConcurrentDictionary<string, Dictionary<string, int>> RegionRanks = new();

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _loading = new();
    private Snapshot? _snapshot;
    private Task? _load;
    private DateTimeOffset _failedAt = DateTimeOffset.MinValue;

    /// <summary><c>TenantList:Index</c>: whether the list is answered from the index (on for the portal).</summary>
    public sealed record Settings(bool Enabled)
    {
        public static Settings From(IConfiguration configuration) => new(configuration.GetValue("TenantList:Index", false));
    }

    /// <summary>
    /// The ids of one page of the list in its order, how many tenants the whole list holds (up to the count asked for), and
    /// the highest tenant id the index was brought up to (a first page's mark).
    /// </summary>
    public sealed record Found(IReadOnlyList<long> Page, int Count, long Highest = 0)
    {
        /// <summary>The status mix and latest change of each tenant of the page, as the index holds them (ids it does not hold are left out).</summary>
        public IReadOnlyDictionary<long, ListTenants.Mix> Mixes { get; init; } = new Dictionary<long, ListTenants.Mix>();
    }

    /// <summary>
    /// A sorted list's pages that end up to this far into it keep only their tenants in order while the rest are counted;
    /// pages further down put every match in order (tests set it lower).
    /// </summary>
    internal int HeapedUpTo { get; init; } = 1000;

    public void Dispose() => _gate.Dispose();

    /// <summary>Whether the index holds every condition of a filter (the tags of overall notes and the hygiene reasons it does not).</summary>
    public static bool Covers(TenantFilter filter) => filter.Tags.Count == 0 && filter.Hygiene.Count == 0;

    /// <summary>
    /// The list of a filter for the caller of <paramref name="db"/>: the ids of the page that starts at
    /// <paramref name="skip"/> and the count; null when the database must answer.
    /// </summary>
    /// <param name="db">The request's context: its caller is the scope, and it reads the marks and the changes.</param>
    /// <param name="filter">A canonical filter the index covers.</param>
    /// <param name="searched">The tenants a name search found, or null without a search.</param>
    /// <param name="mark">A next link's mark: tenants registered after it are left out.</param>
    /// <param name="language">The reader's language, for the order of countries and regions.</param>
    /// <param name="skip">Tenants before the page.</param>
    /// <param name="take">The page's size.</param>
    /// <param name="countUpTo">The count stops here (at least the page's end): the list says "or more" beyond.</param>
    /// <param name="ct">Cancels the reads.</param>
    public async Task<Found?> FindAsync(HeadwayDbContext db, TenantFilter filter, IReadOnlySet<long>? searched, long? mark, string language, int skip,
        int take, int countUpTo, CancellationToken ct)
    {
        if (!settings.Enabled || !Covers(filter))
        {
            return null;
        }

        try
        {
            if (await CurrentAsync(db, ct) is not { } snapshot)
            {
                return null;
            }

            // A partner's rename is audited but, on PostgreSQL, not fenced like the history: the partners' order is read
            // with the list that sorts by it (a few rows).
            var partners = filter.Sort == "partner" ? await PartnerRanksAsync(db, ct) : snapshot.PartnerRanks;
            return Find(snapshot, partners, filter, db.Caller, searched, mark, language, skip, take, countUpTo, HeapedUpTo) is { } found
                ? found with
                {
                    Highest = snapshot.MaxTenant,
                    Mixes = db.Caller.IsProgrammeWide && !db.Caller.IsGeographyLimited ? MixesOf(snapshot, found.Page) : new Dictionary<long, ListTenants.Mix>(),
                }
                : null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The database answers whatever went wrong here.
            log?.LogWarning(e, "The tenant list's index could not answer; the database does.");
            return null;
        }
    }

    /// <summary>
    /// The status mix and latest change of the tenants of a page, from their entitlements as the index holds them: for a
    /// caller whose scope is the whole programme only, for whom the entitlements' query filter keeps every entitlement. A
    /// partner's or a region's caller has the mix read through that filter, as the rows are.
    /// </summary>
    private static Dictionary<long, ListTenants.Mix> MixesOf(Snapshot snapshot, IReadOnlyList<long> page)
    {
        var mixes = new Dictionary<long, ListTenants.Mix>(page.Count);
        foreach (var id in page)
        {
            if (snapshot.At.TryGetValue(id, out var position))
            {
                var held = snapshot.ByName[position].Entitlements;
                mixes[id] = ListTenants.Mix.Of(held.Select(e => (e.L1, new DateTimeOffset(e.Changed, TimeSpan.Zero))));
            }
        }

        return mixes;
    }

    /// <summary>Loads the index now and waits for it; unless <paramref name="replace"/>, only where no index is held.</summary>
    internal async Task LoadAsync(HeadwayDbContext db, CancellationToken ct, bool replace = true)
    {
        var loaded = await ReadAllAsync(db, ct);
        await _gate.WaitAsync(ct);
        try
        {
            if (replace || _snapshot is null)
            {
                _snapshot = loaded;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The index as of now, brought up to date; null while it loads or while a writer that started earlier still runs.</summary>
    private async Task<Snapshot?> CurrentAsync(HeadwayDbContext db, CancellationToken ct)
    {
        if (Volatile.Read(ref _snapshot) is null)
        {
            StartLoading();
            return null;
        }

        var marks = await ReadMarksAsync(db, ct);
        if (!marks.Settled)
        {
            return null;
        }

        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null || snapshot.IsAsRecentAs(marks))
        {
            return snapshot;
        }

        await _gate.WaitAsync(ct);
        try
        {
            snapshot = _snapshot;
            if (snapshot is null || snapshot.IsAsRecentAs(marks))
            {
                return snapshot;
            }

            if (await CatchUpAsync(db, snapshot, marks, ct) is { } caughtUp)
            {
                _snapshot = caughtUp;
                return caughtUp;
            }

            // A tenant came, went or changed its name: only a new load knows the database's order.
            _snapshot = null;
        }
        finally
        {
            _gate.Release();
        }

        StartLoading();
        return null;
    }

    /// <summary>Starts one load in the background unless one runs or the last failed less than half a minute ago.</summary>
    private void StartLoading()
    {
        lock (_loading)
        {
            if (Volatile.Read(ref _snapshot) is not null || _load is { IsCompleted: false } || clock.GetUtcNow() - _failedAt < RetryAfterFailure)
            {
                return;
            }

            // The load reads as no caller at all: it must not take the request's context with it.
            using (ExecutionContext.SuppressFlow())
            {
                _load = Task.Run(async () =>
                {
                    try
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
                        var started = clock.GetTimestamp();
                        await LoadAsync(db, CancellationToken.None, replace: false);
                        log?.LogInformation("The tenant list's index holds {Tenants} tenants, loaded in {Elapsed:0.0} s.", _snapshot?.ByName.Length,
                            clock.GetElapsedTime(started).TotalSeconds);
                    }
                    catch (Exception e)
                    {
                        lock (_loading)
                        {
                            _failedAt = clock.GetUtcNow();
                        }

                        log?.LogWarning(e, "Loading the tenant list's index failed; the database answers the list, and a load is tried again in {Seconds} s.",
                            RetryAfterFailure.TotalSeconds);
                    }
                });
            }
        }
    }

    private static async Task<Marks> ReadMarksAsync(HeadwayDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var (lastHistory, lastAudit, history, audit) = await FeedOrder.MarksAsync(db, ct);
            var tenants = await db.Tenants.IgnoreQueryFilters().MaxAsync(t => (long?)t.Id, ct) ?? 0;
            return new Marks(history, audit, tenants, history == lastHistory && audit == lastAudit);
        }

        // SQLite has one writer at a time: what is committed is all there is.
        var last = (await db.Database.SqlQueryRaw<LastIds>(
            "SELECT coalesce((SELECT max(\"Id\") FROM \"StatusChanges\"), 0) AS \"History\", coalesce((SELECT max(\"Id\") FROM \"AuditEntries\"), 0) AS \"Audit\", " +
            "coalesce((SELECT max(\"Id\") FROM \"Tenants\"), 0) AS \"Tenants\"").ToListAsync(ct))[0];
        return new Marks(last.History, last.Audit, last.Tenants, true);
    }

    /// <summary>Every tenant and entitlement, read after the marks so that a change in between is caught up later.</summary>
    private static async Task<Snapshot> ReadAllAsync(HeadwayDbContext db, CancellationToken ct)
    {
        var marks = await ReadMarksAsync(db, ct);
        var tenants = await db.Tenants.IgnoreQueryFilters().AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.Id).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var entries = await ReadTenantsAsync(db, null, ct);
        var partners = await PartnerRanksAsync(db, ct);
        var managers = Ranks(await db.Tenants.IgnoreQueryFilters().Where(t => t.ManagerName != null).Select(t => t.ManagerName!).Distinct().OrderBy(n => n)
            .ToListAsync(ct));
        if (entries.Values.Any(e => (e.Manager is { } m && !managers.ContainsKey(m)) || (e.PartnerId is { } p && !partners.ContainsKey(p))))
        {
            throw new InvalidOperationException("Tenants were reassigned while the index loaded; the next load reads them again.");
        }

        var byName = new Entry[tenants.Count];
        var at = new Dictionary<long, int>(tenants.Count);
        for (var i = 0; i < tenants.Count; i++)
        {
            // A tenant registered between the two reads is left for the catch-up, which loads again.
            if (entries.TryGetValue(tenants[i].Id, out var entry))
            {
                // A tenant renamed while the index loaded keeps the name of its place, so that the catch-up sees the rename.
                byName[i] = entry.Name == tenants[i].Name ? entry : entry.Named(tenants[i].Name);
                at[entry.Id] = i;
            }
        }

        if (at.Count != tenants.Count)
        {
            byName = [.. byName.Where(e => e is not null)];
            at = byName.Select((e, i) => (e.Id, i)).ToDictionary(p => p.Id, p => p.i);
        }

        return new Snapshot(byName, at, marks.History, marks.Audit, marks.Tenants, partners, managers, Columns.Build(byName, managers));
    }

    /// <summary>
    /// The index with the tenants that the entries past its marks name read again; null when one of them is new, gone or
    /// renamed, or a tenant was registered without an entry (the demo loader), or so many changed that loading is cheaper.
    /// </summary>
    private static async Task<Snapshot?> CatchUpAsync(HeadwayDbContext db, Snapshot snapshot, Marks marks, CancellationToken ct)
    {
        var changed = await db.StatusChanges.IgnoreQueryFilters().Where(c => c.Id > snapshot.History && c.Id <= marks.History).Select(c => c.TenantId)
            .Union(db.AuditEntries.IgnoreQueryFilters().Where(a => a.Id > snapshot.Audit && a.Id <= marks.Audit && a.TenantId != null).Select(a => a.TenantId!.Value))
            .Take(MostReloaded + 1)
            .ToListAsync(ct);
        if (changed.Count > MostReloaded || changed.Any(id => !snapshot.At.ContainsKey(id)) || marks.Tenants != snapshot.MaxTenant)
        {
            return null;
        }

        var read = await ReadTenantsAsync(db, changed, ct);
        var managers = snapshot.ManagerRanks;
        var byName = (Entry[])snapshot.ByName.Clone();
        var columns = snapshot.Columns.Copy();
        foreach (var id in changed)
        {
            var position = snapshot.At[id];
            if (!read.TryGetValue(id, out var entry) || !string.Equals(entry.Name, byName[position].Name, StringComparison.Ordinal) ||
                !columns.Set(position, entry, managers, adding: false))
            {
                return null;
            }

            byName[position] = entry;
        }

        // A partner's rename is audited; its place among the partners is read again with every catch-up.
        var partners = await PartnerRanksAsync(db, ct);
        return changed.Any(id => byName[snapshot.At[id]].PartnerId is { } p && !partners.ContainsKey(p))
            ? null
            : new Snapshot(byName, snapshot.At, marks.History, marks.Audit, marks.Tenants, partners, managers, columns);
    }

    /// <summary>The tenants of <paramref name="ids"/> (all when null) with their entitlements, as the index holds them.</summary>
    private static async Task<Dictionary<long, Entry>> ReadTenantsAsync(HeadwayDbContext db, List<long>? ids, CancellationToken ct)
    {
        var tenants = db.Tenants.IgnoreQueryFilters().AsNoTracking();
        var entitlements = db.Entitlements.IgnoreQueryFilters().AsNoTracking();
        if (ids is not null)
        {
            tenants = tenants.Where(t => ids.Contains(t.Id));
            entitlements = entitlements.Where(e => ids.Contains(e.TenantId));
        }

        // The codes repeat on every row: one string each.
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Shared(string? s) => s is null ? null : codes.TryGetValue(s, out var known) ? known : codes[s] = s;
        var held = new Dictionary<long, List<Held>>();
        await foreach (var e in entitlements.Select(e => new { e.TenantId, e.L1, e.L2, e.Workload, e.NoteGrade, e.LastChangedAt }).AsAsyncEnumerable()
                           .WithCancellation(ct))
        {
            if (!held.TryGetValue(e.TenantId, out var list))
            {
                held[e.TenantId] = list = [];
            }

            list.Add(new Held(Shared(e.L1)!, Shared(e.L2), Shared(e.Workload)!, Shared(e.NoteGrade), e.LastChangedAt.UtcTicks));
        }

        var entries = new Dictionary<long, Entry>();
        await foreach (var t in tenants
                           .Select(t => new { t.Id, t.Name, t.PartnerId, t.Region, t.Country, t.Priority, t.Seats, t.ManagerName, t.AccountTeam })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            entries[t.Id] = new Entry(t.Id, t.Name, t.PartnerId, Shared(t.Region)!, Shared(t.Country)!, (int)t.Priority, t.Seats, Shared(t.ManagerName),
                [.. t.AccountTeam], held.TryGetValue(t.Id, out var own) ? [.. own] : []);
        }

        return entries;
    }

    /// <summary>Each partner's place in the database's order of their names; the centre's own tenants sort first, as an empty name.</summary>
    private static async Task<Dictionary<long, int>> PartnerRanksAsync(HeadwayDbContext db, CancellationToken ct)
    {
        var partners = await db.Partners.IgnoreQueryFilters().AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var ranks = new Dictionary<long, int>(partners.Count);
        var rank = 0;
        for (var i = 0; i < partners.Count; i++)
        {
            rank += i == 0 || !string.Equals(partners[i].Name, partners[i - 1].Name, StringComparison.Ordinal) ? 1 : 0;
            ranks[partners[i].Id] = rank;
        }

        return ranks;
    }

    /// <summary>Names in the database's order to their places; equal names share one.</summary>
    private static Dictionary<string, int> Ranks(List<string> ordered)
    {
        var ranks = new Dictionary<string, int>(ordered.Count, StringComparer.Ordinal);
        foreach (var name in ordered)
        {
            ranks.TryAdd(name, ranks.Count);
        }

        return ranks;
    }

    /// <summary>The list's conditions and order over the index: the same as ListTenants' queries, condition for condition.</summary>
    private static Found? Find(Snapshot snapshot, Dictionary<long, int> partnerRanks, TenantFilter f, Caller caller, IReadOnlySet<long>? searched, long? mark,
        string language, int skip, int take, int countUpTo, int heapedUpTo)
    {
        var c = snapshot.Columns;
        var n = c.Id.Length;

        // The scope as the query filters of HeadwayDbContext write it: the caller's partner, and a region or a country of theirs.
        var partner = caller.IsProgrammeWide ? (long?)null : caller.PartnerId;
        var scopeRegions = caller.IsGeographyLimited ? c.Regions.Lookup(caller.Regions) : null;
        var scopeCountries = caller.IsGeographyLimited ? c.Countries.Lookup(caller.Countries) : null;
        var regions = f.Regions.Count > 0 ? c.Regions.Lookup(f.Regions) : null;
        var countries = f.Countries.Count > 0 ? c.Countries.Lookup(f.Countries) : null;
        var priorities = f.Priorities.Aggregate(0, (bits, p) => bits | (1 << (int)p));
        var managers = f.Managers.Count > 0 ? f.Managers.Select(m => snapshot.ManagerRanks.GetValueOrDefault(m, -2)).ToHashSet() : null;
        var me = caller.UserName;
        var myRank = snapshot.ManagerRanks.GetValueOrDefault(me, -2);
        var teamToo = caller.Role != Role.Manager;

        // Conditions on entitlements: each tenant's bits say whether any of its entitlements has a value; when one condition is
        // set (and its codes have bits of their own) that is the answer, otherwise one entitlement must meet them all.
        var l1 = f.L1.Count > 0 ? f.L1 : [.. f.L2.Select(code => StatusTaxonomy.Default.FindL2(code)!.L1Code).Distinct()];
        var (l1Bits, l1Exact) = c.L1s.Bits(l1);
        var (l2Bits, l2Exact) = c.L2s.Bits(f.L2);
        var (workloadBits, workloadExact) = c.Workloads.Bits(f.Workloads);
        var (gradeBits, gradeExact) = c.Grades.Bits(f.Grades);
        var conditions = (l1.Count > 0 ? 1 : 0) + (f.L2.Count > 0 ? 1 : 0) + (f.Workloads.Count > 0 ? 1 : 0) + (f.Grades.Count > 0 ? 1 : 0);
        var checkEach = conditions > 1 || !(l1Exact && l2Exact && workloadExact && gradeExact);

        // Where a name search or a manager narrows the list, only their tenants are looked at (in name order), not all of them.
        var among = Among(snapshot, f, searched, caller.Role == Role.Manager ? myRank : null);
        var candidates = among?.Length ?? n;
        var hasPartner = partner.HasValue;
        var partnerId = partner.GetValueOrDefault();
        var last = mark ?? long.MaxValue;

        bool Keeps(int i)
        {
            if ((hasPartner && c.Partner[i] != partnerId) ||
                (scopeRegions is not null && !scopeRegions[c.Region[i]] && !scopeCountries![c.Country[i]]) ||
                c.Id[i] > last ||
                (regions is not null && !regions[c.Region[i]]) ||
                (countries is not null && !countries[c.Country[i]]) ||
                (priorities != 0 && (priorities & (1 << c.Priority[i])) == 0) ||
                (managers is not null && !managers.Contains(c.Manager[i])) ||
                (l1.Count > 0 && (c.L1[i] & l1Bits) == 0) ||
                (f.L2.Count > 0 && (c.L2[i] & l2Bits) == 0) ||
                (f.Workloads.Count > 0 && (c.Workload[i] & workloadBits) == 0) ||
                (f.Grades.Count > 0 && (c.Grade[i] & gradeBits) == 0) ||
                (searched is not null && !searched.Contains(c.Id[i])))
            {
                return false;
            }

            if (f.Mine && c.Manager[i] != myRank && !(teamToo && snapshot.ByName[i].AccountTeam.Contains(me, StringComparer.Ordinal)))
            {
                return false;
            }

            if (conditions == 0 || !checkEach)
            {
                return true;
            }

            foreach (var e in snapshot.ByName[i].Entitlements)
            {
                if ((l1.Count == 0 || l1.Contains(e.L1)) && (f.L2.Count == 0 || (e.L2 is not null && f.L2.Contains(e.L2))) &&
                    (f.Workloads.Count == 0 || f.Workloads.Contains(e.Workload)) && (f.Grades.Count == 0 || (e.Grade is not null && f.Grades.Contains(e.Grade))))
                {
                    return true;
                }
            }

            return false;
        }

        var d = f.Descending;
        if (f.Sort == ListTenants.DefaultSort)
        {
            // The index is in name order already, and the count may stop where the list's count stops.
            var page = new List<long>(take);
            var count = 0;
            for (var k = 0; k < candidates && count < countUpTo; k++)
            {
                var at = d ? candidates - 1 - k : k;
                var i = among is null ? at : among[at];
                if (Keeps(i))
                {
                    if (count >= skip && page.Count < take)
                    {
                        page.Add(c.Id[i]);
                    }

                    count++;
                }
            }

            return new Found(page, count);
        }

        Func<int, (int Group, long Value)>? key = f.Sort switch
        {
            "country" => Ranked(CountryRanks, ListTenants.CountryOrder, language, c.Countries, c.Country),
            "region" => Ranked(RegionRanks, ListTenants.RegionOrder, language, c.Regions, c.Region),
            "seats" => i => (0, c.Seats[i]),
            "priority" => i => (0, c.Priority[i]),
            "manager" => i => c.Manager[i] < 0 ? (1, 0) : (0, c.Manager[i]),
            "partner" => i => (0, c.Partner[i] == Centre ? 0 : partnerRanks.GetValueOrDefault(c.Partner[i], -1)),
            "status" => i => (0, c.Blocked[i]),
            "entitlements" => i => (0, c.Count[i]),
            "lastChange" => i => c.Count[i] == 0 ? (1, 0) : (0, c.LastChange[i]),
            _ => null,
        };
        if (key is null || (f.Sort == "partner" && c.Partner.Any(p => p != Centre && !partnerRanks.ContainsKey(p))))
        {
            return null;
        }

        var sign = d ? -1 : 1;
        var wanted = skip + take;
        if (wanted > heapedUpTo || wanted == 0)
        {
            // A page far down the list: every match is put in order.
            var matches = new List<Sorted>();
            for (var k = 0; k < candidates; k++)
            {
                var i = among is null ? k : among[k];
                if (Keeps(i))
                {
                    var (group, value) = key(i);
                    matches.Add(new Sorted(group, value * sign, i * sign, c.Id[i]));
                }
            }

            matches.Sort();
            return new Found([.. matches.Skip(skip).Take(take).Select(s => s.Id)], matches.Count);
        }

        // One of the first pages: the smallest few are kept in a heap whose top is the largest kept, and the rest only counted.
        var heap = new PriorityQueue<Sorted, Sorted>(Math.Min(wanted, candidates) + 1, Comparer<Sorted>.Create((a, b) => b.CompareTo(a)));
        var kept = 0;
        for (var k = 0; k < candidates; k++)
        {
            var i = among is null ? k : among[k];
            if (!Keeps(i))
            {
                continue;
            }

            kept++;
            var (group, value) = key(i);
            var s = new Sorted(group, value * sign, i * sign, c.Id[i]);
            if (heap.Count < wanted)
            {
                heap.Enqueue(s, s);
            }
            else if (s.CompareTo(heap.Peek()) < 0)
            {
                heap.EnqueueDequeue(s, s);
            }
        }

        List<Sorted> first = [.. heap.UnorderedItems.Select(x => x.Element)];
        first.Sort();
        return new Found([.. first.Skip(skip).Select(s => s.Id)], kept);
    }

    /// <summary>
    /// The positions a filter can only find its tenants among, in name order: a name search's tenants, or the tenants of the
    /// managers it names (or of the manager calling, for "mine"); null when every tenant must be looked at.
    /// </summary>
    private static int[]? Among(Snapshot snapshot, TenantFilter f, IReadOnlySet<long>? searched, int? myRank)
    {
        if (searched is not null)
        {
            var found = new List<int>(searched.Count);
            foreach (var id in searched)
            {
                if (snapshot.At.TryGetValue(id, out var position))
                {
                    found.Add(position);
                }
            }

            found.Sort();
            return [.. found];
        }

        var ranks = f.Managers.Count > 0
            ? f.Managers.Select(m => snapshot.ManagerRanks.GetValueOrDefault(m, -2)).Distinct().ToList()
            : f.Mine && myRank is { } mine ? [mine] : null;
        if (ranks is null)
        {
            return null;
        }

        var byManager = snapshot.ByManager;
        if (ranks.Count == 1)
        {
            return byManager.GetValueOrDefault(ranks[0], []);
        }

        var all = ranks.SelectMany(r => byManager.GetValueOrDefault(r, [])).ToArray();
        Array.Sort(all);
        return all;
    }

    private static Func<int, (int, long)> Ranked(ConcurrentDictionary<string, Dictionary<string, int>> cache, Func<string, string> order, string language,
        CodeTable table, int[] column)
    {
        // The rank the databases compute: the position of "|code|" in the order's string (not found sorts first).
        var ranks = cache.GetOrAdd(language, l =>
        {
            var joined = order(l);
            return joined.Split('|', StringSplitOptions.RemoveEmptyEntries).ToDictionary(c => c, c => joined.IndexOf("|" + c + "|", StringComparison.Ordinal));
        });
        var byCode = table.Values.Select(v => ranks.GetValueOrDefault(v, -1)).ToArray();
        return i => (0, byCode[column[i]]);
    }

    private static string Joined(IReadOnlyList<string> codes) => codes.Count == 0 ? "" : "," + string.Join(",", codes) + ",";

    private sealed record LastIds(long History, long Audit, long Tenants);

    /// <summary>How far the history and the audit trail are applied, the largest tenant id, and whether no earlier writer still runs.</summary>
    private sealed record Marks(long History, long Audit, long Tenants, bool Settled);

    /// <summary>One entitlement as the list's conditions read it; <paramref name="Changed"/> in UTC ticks.</summary>
    private readonly record struct Held(string L1, string? L2, string Workload, string? Grade, long Changed);

    /// <summary>One tenant as the list's conditions and sorts read it.</summary>
    private sealed class Entry(long id, string name, long? partnerId, string region, string country, int priority, int seats, string? manager,
        string[] accountTeam, Held[] entitlements)
    {
        public long Id { get; } = id;

        public string Name { get; } = name;

        public long? PartnerId { get; } = partnerId;

        public string Region { get; } = region;

        public string Country { get; } = country;

        public int Priority { get; } = priority;

        public int Seats { get; } = seats;

        public string? Manager { get; } = manager;

        public string[] AccountTeam { get; } = accountTeam;

        public Held[] Entitlements { get; } = entitlements;

        public int Blocked { get; } = entitlements.Count(e => e.L1 == TaxonomyCodes.Blocked);

        public long? LastChange { get; } = entitlements.Length == 0 ? null : entitlements.Max(e => e.Changed);

        public Entry Named(string other) => new(Id, other, PartnerId, Region, Country, Priority, Seats, Manager, AccountTeam, Entitlements);
    }

    /// <summary>The values of one column (regions, countries, L1s, L2s, workloads, grades) numbered as they were first read.</summary>
    private sealed class CodeTable
    {
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);

        public IEnumerable<string> Values => _codes.OrderBy(p => p.Value).Select(p => p.Key);

        public int Add(string value) => _codes.TryGetValue(value, out var code) ? code : _codes[value] = _codes.Count;

        public int Find(string value) => _codes.TryGetValue(value, out var code) ? code : -1;

        /// <summary>A value's bit in a tenant's set of values; the 64th and later share the last.</summary>
        public static ulong Bit(int code) => 1UL << Math.Min(code, 63);

        /// <summary>Which codes are among <paramref name="values"/>, by code.</summary>
        public bool[] Lookup(IEnumerable<string> values)
        {
            var among = new bool[_codes.Count];
            foreach (var value in values)
            {
                if (Find(value) is >= 0 and var code)
                {
                    among[code] = true;
                }
            }

            return among;
        }

        /// <summary>The bits of <paramref name="values"/>, and whether a tenant's bits alone tell (no value shares the last bit).</summary>
        public (ulong Bits, bool Exact) Bits(IEnumerable<string> values)
        {
            var bits = 0UL;
            var exact = true;
            foreach (var value in values)
            {
                if (Find(value) is >= 0 and var code)
                {
                    bits |= Bit(code);
                    exact &= code < 63;
                }
            }

            return (bits, exact);
        }
    }

    /// <summary>
    /// The index's columns, one array each in name order, read without visiting the tenants' objects: a tenant's values,
    /// and per kind of entitlement value the bits of the values its entitlements have.
    /// </summary>
    private sealed class Columns
    {
        public required CodeTable Regions { get; init; }

        public required CodeTable Countries { get; init; }

        public required CodeTable L1s { get; init; }

        public required CodeTable L2s { get; init; }

        public required CodeTable Workloads { get; init; }

        public required CodeTable Grades { get; init; }

        public required long[] Id { get; init; }

        /// <summary>The partner's id; <see cref="Centre"/> for the programme centre's own tenants.</summary>
        public required long[] Partner { get; init; }

        public required int[] Region { get; init; }

        public required int[] Country { get; init; }

        public required int[] Priority { get; init; }

        public required int[] Seats { get; init; }

        /// <summary>The manager's place in the order of manager names; -1 for none.</summary>
        public required int[] Manager { get; init; }

        public required int[] Blocked { get; init; }

        public required int[] Count { get; init; }

        public required long[] LastChange { get; init; }

        public required ulong[] L1 { get; init; }

        public required ulong[] L2 { get; init; }

        public required ulong[] Workload { get; init; }

        public required ulong[] Grade { get; init; }

        public static Columns Build(Entry[] byName, Dictionary<string, int> managers)
        {
            var n = byName.Length;
            var columns = new Columns
            {
                Regions = new CodeTable(),
                Countries = new CodeTable(),
                L1s = new CodeTable(),
                L2s = new CodeTable(),
                Workloads = new CodeTable(),
                Grades = new CodeTable(),
                Id = new long[n],
                Partner = new long[n],
                Region = new int[n],
                Country = new int[n],
                Priority = new int[n],
                Seats = new int[n],
                Manager = new int[n],
                Blocked = new int[n],
                Count = new int[n],
                LastChange = new long[n],
                L1 = new ulong[n],
                L2 = new ulong[n],
                Workload = new ulong[n],
                Grade = new ulong[n],
            };

            // The taxonomy's L1s first, so that their bits never share one.
            foreach (var l1 in StatusTaxonomy.Default.L1s)
            {
                columns.L1s.Add(l1.Code);
            }

            for (var i = 0; i < n; i++)
            {
                if (!columns.Set(i, byName[i], managers, adding: true))
                {
                    throw new InvalidOperationException($"Tenant {byName[i].Id} has a value the index cannot hold; the database answers its list.");
                }
            }

            return columns;
        }

        /// <summary>A copy whose arrays can be changed; the code tables are shared, and a catch-up adds no code.</summary>
        public Columns Copy() => new()
        {
            Regions = Regions,
            Countries = Countries,
            L1s = L1s,
            L2s = L2s,
            Workloads = Workloads,
            Grades = Grades,
            Id = (long[])Id.Clone(),
            Partner = (long[])Partner.Clone(),
            Region = (int[])Region.Clone(),
            Country = (int[])Country.Clone(),
            Priority = (int[])Priority.Clone(),
            Seats = (int[])Seats.Clone(),
            Manager = (int[])Manager.Clone(),
            Blocked = (int[])Blocked.Clone(),
            Count = (int[])Count.Clone(),
            LastChange = (long[])LastChange.Clone(),
            L1 = (ulong[])L1.Clone(),
            L2 = (ulong[])L2.Clone(),
            Workload = (ulong[])Workload.Clone(),
            Grade = (ulong[])Grade.Clone(),
        };

        /// <summary>Writes a tenant's values at its place; false when, not <paramref name="adding"/>, a value has no code yet.</summary>
        public bool Set(int i, Entry e, Dictionary<string, int> managers, bool adding)
        {
            int Code(CodeTable table, string value) => adding ? table.Add(value) : table.Find(value);
            var region = Code(Regions, e.Region);
            var country = Code(Countries, e.Country);
            var manager = e.Manager is null ? -1 : managers.GetValueOrDefault(e.Manager, -2);
            if (region < 0 || country < 0 || manager == -2 || e.Priority is < 0 or > 30)
            {
                return false;
            }

            ulong l1 = 0, l2 = 0, workload = 0, grade = 0;
            foreach (var held in e.Entitlements)
            {
                var codes = (Code(L1s, held.L1), held.L2 is null ? 0 : Code(L2s, held.L2), Code(Workloads, held.Workload), held.Grade is null ? 0 : Code(Grades, held.Grade));
                if (codes.Item1 < 0 || codes.Item2 < 0 || codes.Item3 < 0 || codes.Item4 < 0)
                {
                    return false;
                }

                l1 |= CodeTable.Bit(codes.Item1);
                l2 |= held.L2 is null ? 0 : CodeTable.Bit(codes.Item2);
                workload |= CodeTable.Bit(codes.Item3);
                grade |= held.Grade is null ? 0 : CodeTable.Bit(codes.Item4);
            }

            Id[i] = e.Id;
            Partner[i] = e.PartnerId ?? Centre;
            Region[i] = region;
            Country[i] = country;
            Priority[i] = e.Priority;
            Seats[i] = e.Seats;
            Manager[i] = manager;
            Blocked[i] = e.Blocked;
            Count[i] = e.Entitlements.Length;
            LastChange[i] = e.LastChange ?? long.MinValue;
            (L1[i], L2[i], Workload[i], Grade[i]) = (l1, l2, workload, grade);
            return true;
        }
    }

    /// <summary>A match's place: its group first (always ascending), then the column and the name order, signed for the direction.</summary>
    private readonly record struct Sorted(int Group, long Value, long Rank, long Id) : IComparable<Sorted>
    {
        public int CompareTo(Sorted other) =>
            Group != other.Group ? Group.CompareTo(other.Group) : Value != other.Value ? Value.CompareTo(other.Value) : Rank.CompareTo(other.Rank);
    }

    /// <summary>The index at one point of the history and the audit trail; never changed once published.</summary>
    private sealed record Snapshot(Entry[] ByName, Dictionary<long, int> At, long History, long Audit, long MaxTenant, Dictionary<long, int> PartnerRanks,
        Dictionary<string, int> ManagerRanks, Columns Columns)
    {
        private Dictionary<int, int[]>? _byManager;

        public bool IsAsRecentAs(Marks marks) => History >= marks.History && Audit >= marks.Audit && MaxTenant == marks.Tenants;

        /// <summary>Each manager's tenants (by the manager's rank) as positions in name order; built once per snapshot, on first use.</summary>
        public Dictionary<int, int[]> ByManager
        {
            get
            {
                if (Volatile.Read(ref _byManager) is { } built)
                {
                    return built;
                }

                var manager = Columns.Manager;
                var lists = new Dictionary<int, List<int>>();
                for (var i = 0; i < manager.Length; i++)
                {
                    if (!lists.TryGetValue(manager[i], out var list))
                    {
                        lists[manager[i]] = list = [];
                    }

                    list.Add(i);
                }

                built = lists.ToDictionary(l => l.Key, l => l.Value.ToArray());
                Volatile.Write(ref _byManager, built);
                return built;
            }
        }
    }
}

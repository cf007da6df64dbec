using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Headway.Application.Data;
using Headway.Application.Reports;
using Headway.Application.Search;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>
/// The tenant list: narrowed by a <see cref="TenantFilter"/>, sorted on any column in a stable order, paged on the
/// server, each tenant with the mix of its entitlements' statuses. The page, the API and the export read it here.
/// </summary>
public static class ListTenants
{
    public const string DefaultSort = "name";

    /// <summary>
    /// The columns the list sorts by. <c>status</c> sorts by the number of Blocked entitlements, <c>lastChange</c> by the
    /// latest change of any entitlement; country and region by their names in the reader's language.
    /// </summary>
    public static IReadOnlyList<string> SortKeys { get; } =
        ["name", "country", "region", "seats", "priority", "manager", "partner", "status", "entitlements", "lastChange"];

    /// <summary>Rows read per query when the whole list is read (the export).</summary>
    public const int ExportBlock = 1000;

    /// <summary>Totals are counted up to this many rows past the page's start; beyond, the list says "or more".</summary>
    public const int CountLimit = 500;

    /// <summary>Below this many matching rows, the tenants they belong to are collected first (see AmongAsync).</summary>
    public const int FewRows = 1000;

    /// <summary>A name search that finds up to this many tenants is put in order in one query (see HandleAsync).</summary>
    public const int SortedAtOnce = 5000;

    /// <remarks><c>Mark</c>: The list's mark from a next link (<see cref="PageCursor"/>): tenants registered after it are left out.</remarks>
    public sealed record Request(TenantFilter? Filter = null, int? Page = 1, int? PageSize = Paging.DefaultPageSize, long? Mark = null);

    /// <summary>A page of the list; <paramref name="TotalIsAtLeast"/> when the list goes on past the counted total.</summary>
    public sealed record Response(Page<Row> Rows, bool TotalIsAtLeast);

    /// <summary>How many of a tenant's entitlements hold one L1.</summary>
    public sealed record L1Count(string L1, int Count);

    /// <summary>A tenant's status mix (its entitlements per L1, in the taxonomy's order) and its latest change.</summary>
    public sealed record Mix(IReadOnlyList<L1Count> Counts, DateTimeOffset? LastChange)
    {
        /// <summary>The mix of entitlements given by their L1 and their last change.</summary>
        public static Mix Of(IEnumerable<(string L1, DateTimeOffset Changed)> entitlements)
        {
            var own = new Dictionary<string, (int Count, DateTimeOffset Last)>(StringComparer.Ordinal);
            foreach (var (l1, changed) in entitlements)
            {
                own[l1] = own.TryGetValue(l1, out var seen) ? (seen.Count + 1, changed > seen.Last ? changed : seen.Last) : (1, changed);
            }

            return Of(own);
        }

        internal static Mix Of(IReadOnlyDictionary<string, (int Count, DateTimeOffset Last)> own) =>
            new([.. StatusTaxonomy.Default.L1s.Where(l => own.ContainsKey(l.Code)).Select(l => new L1Count(l.Code, own[l.Code].Count))],
                own.Count == 0 ? null : own.Values.Max(m => m.Last));
    }

    /// <summary>
    /// One tenant as the list shows it. <paramref name="StatusMix"/> holds the L1s of its entitlements in the taxonomy's
    /// order (only those it has); <paramref name="LastChange"/> is the latest change of any of them.
    /// </summary>
    public sealed record Row(long Id, string Name, string? BrandName, string Country, string Region, int Seats,
        bool IsManaged, string? Partner, string? Manager, Priority Priority, bool IsDuplicate, IReadOnlyList<L1Count> StatusMix, DateTimeOffset? LastChange)
    {
        public int Entitlements => StatusMix.Sum(m => m.Count);
    }

    /// <remarks><paramref name="index"/>: answers the list's ids and count when it can (ADR-006); the queries here when not.</remarks>
    public sealed class Handler(HeadwayDbContext db, TimeProvider clock, TenantListIndex? index = null)
    {
        /// <summary>How far past a page's start the total is counted (tests set it lower).</summary>
        internal int Counted { get; init; } = CountLimit;

        /// <summary>A name search that finds up to this many tenants is put in order in one query (tests set it lower).</summary>
        internal int SortAllUpTo { get; init; } = SortedAtOnce;

        /// <summary>For tests: true reads every condition on entitlements and tags as IN, false as EXISTS, null chooses.</summary>
        internal bool? CollectFirst { get; init; }

        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } refusal)
            {
                return refusal;
            }

            // Whoever built the filter, it is checked and read in its canonical form (the codes as the data spells them).
            var canonical = TenantListQuery.Parse(TenantListQuery.ToQuery(request.Filter ?? new TenantFilter()));
            if (!canonical.Succeeded)
            {
                return canonical.Refusal;
            }

            var filter = canonical.Value;
            var (page, size) = Paging.Clamp(request.Page, request.PageSize);
            var skip = (page - 1) * size;
            var limit = Math.Max(skip + Counted, skip + size + 1);
            if (index is not null && TenantListIndex.Covers(filter) &&
                await FromIndexAsync(index, filter, request.Mark, skip, size, limit + 1, ct) is { } answered)
            {
                // A first page's mark is the last tenant id the index was brought up to in this request.
                var (shownRows, shownIds, all, highest) = answered;
                var marked = request.Mark ?? highest;
                var totalFound = Math.Min(all, limit);
                var more = shownIds == size && (all > limit || (long)page * size < totalFound);
                return Result<Response>.Ok(new Response(new Page<Row>(shownRows, page, size, totalFound)
                {
                    Next = more ? new PageCursor(page + 1, marked.ToString(CultureInfo.InvariantCulture)) : null,
                }, all > limit));
            }

            var mark = await Paging.MarkAsync(db.Tenants.IgnoreQueryFilters().Select(t => t.Id), request.Mark, ct);

            var (query, countFrom, found) = await FilteredAsync(filter, ct);
            if (request.Mark is not null)
            {
                // A later page of a next link: the tenants of the first page's time (the first page needs no condition).
                query = query.Where(t => t.Id <= mark);
                countFrom = countFrom?.Where(id => id <= mark);
            }

            // Counting every match of a broad filter costs more than the page itself: the count stops a fixed number of
            // rows past the page's start (and always past its end, so the next page is known), and a total beyond says
            // "more than".
            int counted;
            List<Row> rows;
            bool fullPage;
            if (found <= SortAllUpTo)
            {
                // A name search leaves at most a few thousand tenants: one query puts them all in order, which gives the
                // count and the page, where the count and the page would each read every tenant found. The page's rows
                // keep that order (a tenant changed in between is left out, and the next link still follows the order).
                var order = await Sorted(query, filter).Select(t => t.Id).ToListAsync(ct);
                var shown = order.Skip(skip).Take(size).ToList();
                rows = await ReadInOrderAsync(shown, filter, ct);
                counted = order.Count;
                fullPage = shown.Count == size;
            }
            else
            {
                counted = countFrom is null
                    ? await query.Take(limit + 1).CountAsync(ct)
                    : await countFrom.Distinct().Take(limit + 1).CountAsync(ct);
                rows = await ReadAsync(Sorted(query, filter), skip, size, ct);
                fullPage = rows.Count == size;
            }

            var total = Math.Min(counted, limit);
            var next = fullPage && (counted > limit || (long)page * size < total) ? new PageCursor(page + 1, mark.ToString(CultureInfo.InvariantCulture)) : null;
            return Result<Response>.Ok(new Response(new Page<Row>(rows, page, size, total) { Next = next }, counted > limit));
        }

        /// <summary>
        /// The page's rows and the list's count from the index; null when the database must answer. A name search still
        /// finds its tenants in the database's search index.
        /// </summary>
        private async Task<(List<Row> Rows, int Ids, int Count, long Highest)?> FromIndexAsync(TenantListIndex from, TenantFilter filter, long? mark, int skip, int size,
            int countUpTo, CancellationToken ct)
        {
            HashSet<long>? searched = null;
            if (!string.IsNullOrWhiteSpace(filter.Text))
            {
                var terms = SearchAll.Handler.Terms(filter.Text);
                searched = terms.Count == 0 ? [] : [.. await SearchAll.Handler.TenantIdsAsync(db, terms, ct)];
            }

            var lang = SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name);
            if (await from.FindAsync(db, filter, searched, mark, lang, skip, size, countUpTo, ct) is not { } found)
            {
                return null;
            }

            return (await ReadInOrderAsync([.. found.Page], filter, ct, found.Mixes), found.Page.Count, found.Count, found.Highest);
        }

        /// <summary>
        /// The rows of tenants whose order is known, in that order, read through the query filters: a tenant changed since
        /// (or out of the caller's scope) is left out.
        /// </summary>
        private async Task<List<Row>> ReadInOrderAsync(List<long> shown, TenantFilter filter, CancellationToken ct,
            IReadOnlyDictionary<long, Mix>? mixes = null)
        {
            var read = (await ReadAsync(Sorted(db.Tenants.AsNoTracking().Where(t => shown.Contains(t.Id)), filter), 0, shown.Count, ct, mixes))
                .ToDictionary(r => r.Id);
            return [.. shown.Where(read.ContainsKey).Select(id => read[id])];
        }

        /// <summary>
        /// Checks the caller and the filter, then gives every row of the list in its order, read a block at a time with
        /// the same queries as a page: what an export writes is what the pages show.
        /// </summary>
        public Result<IAsyncEnumerable<Row>> All(TenantFilter filter)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } refusal)
            {
                return refusal;
            }

            var canonical = TenantListQuery.Parse(TenantListQuery.ToQuery(filter));
            return canonical.Succeeded ? Result<IAsyncEnumerable<Row>>.Ok(AllRowsAsync(canonical.Value)) : canonical.Refusal;
        }

        private async IAsyncEnumerable<Row> AllRowsAsync(TenantFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
        {
            var sorted = Sorted((await FilteredAsync(filter, ct)).Tenants, filter);
            for (var skip = 0; ; skip += ExportBlock)
            {
                var rows = await ReadAsync(sorted, skip, ExportBlock, ct);
                foreach (var row in rows)
                {
                    yield return row;
                }

                if (rows.Count < ExportBlock)
                {
                    yield break;
                }
            }
        }

        /// <summary>
        /// The tenants a filter keeps; and, when only conditions on entitlements are set and many rows meet them, the ids
        /// of the same tenants as those rows yield them (with repeats), to count from: an index of the entitlements yields
        /// them at once, where checking tenant after tenant in name order walks most of the tenants when the matches are
        /// spread thin (a sub-status on one workload: 66 ms against a few at 100,000 tenants).
        /// </summary>
        /// <returns>
        /// The tenants, the ids to count from, and how many tenants of the caller's partner (or of the programme, for the
        /// programme-wide) a name search found before any other condition and the region scope (null without a search).
        /// </returns>
        private async Task<(IQueryable<Tenant> Tenants, IQueryable<long>? CountFrom, int? Found)> FilteredAsync(TenantFilter f, CancellationToken ct)
        {
            var tenants = db.Tenants.AsNoTracking();
            int? searched = null;
            if (!string.IsNullOrWhiteSpace(f.Text))
            {
                // Text without a word to look for (only quotes or wildcards) finds nothing, as it does in the site's search.
                var terms = SearchAll.Handler.Terms(f.Text);
                if (terms.Count == 0)
                {
                    tenants = tenants.Where(t => false);
                    searched = 0;
                }
                else
                {
                    var found = await SearchAll.Handler.TenantIdsAsync(db, terms, ct);
                    tenants = tenants.Where(t => found.Contains(t.Id));
                    searched = found.Count;
                }
            }

            if (f.Priorities.Count > 0)
            {
                var priorities = f.Priorities;
                tenants = tenants.Where(t => EF.MultipleParameters(priorities).Contains(t.Priority));
            }

            if (f.Countries.Count > 0)
            {
                var countries = f.Countries;
                tenants = tenants.Where(t => EF.MultipleParameters(countries).Contains(t.Country));
            }

            if (f.Regions.Count > 0)
            {
                var regions = f.Regions;
                tenants = tenants.Where(t => EF.MultipleParameters(regions).Contains(t.Region));
            }

            if (f.Managers.Count > 0)
            {
                var managers = f.Managers;
                tenants = tenants.Where(t => t.ManagerName != null && EF.MultipleParameters(managers).Contains(t.ManagerName));
            }

            if (f.Mine)
            {
                // A manager's tenants are those assigned to them (read by the manager index); anyone else's, those whose account
                // team they are on.
                var me = db.Caller.UserName;
                tenants = db.Caller.Role == Role.Manager ? tenants.Where(t => t.ManagerName == me) : tenants.Where(t => t.ManagerName == me || t.AccountTeam.Contains(me));
            }

            if (f.Tags.Count > 0)
            {
                // Tags are stored space separated; a tag is found with the spaces around it, as the hashtag views do. A deleted
                // overall note no longer tags its tenant.
                (tenants, _) = await AmongAsync(tenants, [.. f.Tags.SelectMany(tag =>
                {
                    var padded = " " + tag + " ";
                    return new[]
                    {
                        db.OverallNotes.Where(n => n.Hashtags != null && n.DeletedAt == null && (" " + n.Hashtags + " ").Contains(padded)).Select(n => n.TenantId),
                        db.Entitlements.Where(e => e.Hashtags != null && (" " + e.Hashtags + " ").Contains(padded)).Select(e => e.TenantId),
                    };
                })], searched, ct);
            }

            if (!f.OnEntitlements)
            {
                return (tenants, null, searched);
            }

            var entitled = EntitledTenants(f);
            var (among, checkedEach) = await AmongAsync(tenants, entitled, searched, ct);
            var onEntitlementsOnly = string.IsNullOrWhiteSpace(f.Text) && f.Regions.Count == 0 && f.Countries.Count == 0 && f.Priorities.Count == 0 &&
                f.Managers.Count == 0 && !f.Mine && f.Tags.Count == 0;
            return (among, checkedEach && onEntitlementsOnly ? entitled.Aggregate(Queryable.Concat) : null, searched);
        }

        /// <summary>
        /// The tenants whose id one of the alternatives yields, in the shape the database plans best. A condition that few
        /// rows meet is read once into a list of tenants (IN); one that many meet is checked per tenant in the list's order
        /// (EXISTS), which stops once the page and the count are full instead of first collecting, say, the 90,000 tenants
        /// with something blocked; so is a condition on few tenants (my own). Counts of up to <see cref="FewRows"/> tenants and
        /// matching rows tell which it is; a name search has counted its tenants already (<paramref name="searched"/>), and
        /// the tenants are not counted again.
        /// </summary>
        /// <returns>The tenants, and whether each is checked (EXISTS) rather than found in a list read once (IN).</returns>
        private async Task<(IQueryable<Tenant> Tenants, bool CheckedEach)> AmongAsync(IQueryable<Tenant> tenants, IReadOnlyList<IQueryable<long>> alternatives,
            int? searched, CancellationToken ct)
        {
            // Few tenants left by the other conditions (my tenants, one manager's, a name's): checking each of them is cheapest.
            // The search's count comes before the scope and the other conditions; it only chooses the plan, never the rows.
            var all = alternatives.Aggregate(Queryable.Concat);
            var manyTenants = searched is { } found ? found >= FewRows : await tenants.Take(FewRows).CountAsync(ct) == FewRows;
            if (CollectFirst ?? (manyTenants && await all.Take(FewRows).CountAsync(ct) < FewRows))
            {
                return (tenants.Where(t => all.Contains(t.Id)), false);
            }

            // t => ids1.Any(x => x == t.Id) || ids2.Any(x => x == t.Id) || …
            var tenant = Expression.Parameter(typeof(Tenant), "t");
            var entitled = Expression.Parameter(typeof(long), "x");
            var sameTenant = Expression.Lambda<Func<long, bool>>(Expression.Equal(entitled, Expression.Property(tenant, nameof(Tenant.Id))), entitled);
            var any = alternatives
                .Select(ids => (Expression)Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(long)], ids.Expression, Expression.Quote(sameTenant)))
                .Aggregate(Expression.OrElse);
            return (tenants.Where(Expression.Lambda<Func<Tenant, bool>>(any, tenant)), true);
        }

        /// <summary>
        /// The tenants with one entitlement that meets every entitlement condition, as alternatives (one per hygiene reason).
        /// A hygiene reason is the hygiene report's own condition (<see cref="HygieneReport.Matching"/>) over the rows the
        /// report reads, so the list finds the tenants behind the report's numbers.
        /// </summary>
        private List<IQueryable<long>> EntitledTenants(TenantFilter f)
        {
            // Every L2 belongs to one L1: naming it too lets the indexes that start with L1 answer an L2 on its own.
            var l1 = f.L1.Count > 0 ? f.L1 : [.. f.L2.Select(c => StatusTaxonomy.Default.FindL2(c)!.L1Code).Distinct()];
            var l2 = f.L2;
            var workloads = f.Workloads;
            var grades = f.Grades;
            if (f.Hygiene.Count == 0)
            {
                var entitlements = db.Entitlements.AsQueryable();
                if (l1.Count > 0)
                {
                    entitlements = entitlements.Where(e => EF.MultipleParameters(l1).Contains(e.L1));
                }

                if (l2.Count > 0)
                {
                    entitlements = entitlements.Where(e => e.L2 != null && EF.MultipleParameters(l2).Contains(e.L2));
                }

                if (workloads.Count > 0)
                {
                    entitlements = entitlements.Where(e => EF.MultipleParameters(workloads).Contains(e.Workload));
                }

                if (grades.Count > 0)
                {
                    entitlements = entitlements.Where(e => e.NoteGrade != null && EF.MultipleParameters(grades).Contains(e.NoteGrade));
                }

                return [entitlements.Select(e => e.TenantId)];
            }

            var report = new ReportFilter(StaleDays: f.StaleDays);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var all = ReportRows.Query(db, report);
            return [.. f.Hygiene.Select(reason =>
            {
                var rows = HygieneReport.Matching(all, reason, report, today);
                if (l1.Count > 0)
                {
                    rows = rows.Where(r => EF.MultipleParameters(l1).Contains(r.L1));
                }

                if (l2.Count > 0)
                {
                    rows = rows.Where(r => r.L2 != null && EF.MultipleParameters(l2).Contains(r.L2));
                }

                if (workloads.Count > 0)
                {
                    rows = rows.Where(r => EF.MultipleParameters(workloads).Contains(r.Workload));
                }

                if (grades.Count > 0)
                {
                    rows = rows.Where(r => r.NoteGrade != null && EF.MultipleParameters(grades).Contains(r.NoteGrade));
                }

                return rows.Select(r => r.TenantId);
            })];
        }

        /// <summary>
        /// The list in the filter's order. Ties go by name, then id, in the same direction as the column, so that pages
        /// never overlap or skip a tenant and one index (the column, then the name) serves both directions.
        /// </summary>
        private static IOrderedQueryable<Tenant> Sorted(IQueryable<Tenant> q, TenantFilter f)
        {
            var d = f.Descending;
            var lang = SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name);
            IOrderedQueryable<Tenant> ordered;
            switch (f.Sort)
            {
                case "name":
                    return Then(Order(q, t => t.Name, d), t => t.Id, d);
                case "country":
                    var countries = CountryOrder(lang);
                    ordered = Order(q, t => countries.IndexOf("|" + t.Country + "|"), d);
                    break;
                case "region":
                    var regions = RegionOrder(lang);
                    ordered = Order(q, t => regions.IndexOf("|" + t.Region + "|"), d);
                    break;
                case "seats":
                    ordered = Order(q, t => t.Seats, d);
                    break;
                case "priority":
                    ordered = Order(q, t => t.Priority, d);
                    break;
                case "manager":
                    // Unassigned tenants last either way, on both databases (they place NULL differently).
                    ordered = Then(q.OrderBy(t => t.ManagerName == null), t => t.ManagerName, d);
                    break;
                case "partner":
                    // The programme centre's own tenants sort as an empty partner name: first, ascending.
                    ordered = Order(q, t => t.Partner == null ? "" : t.Partner.Name, d);
                    break;
                case "status":
                    ordered = Order(q, t => t.Entitlements.Count(e => e.L1 == TaxonomyCodes.Blocked), d);
                    break;
                case "entitlements":
                    ordered = Order(q, t => t.Entitlements.Count(), d);
                    break;
                case "lastChange":
                    // Tenants without entitlements (no change to show) last either way.
                    ordered = Then(q.OrderBy(t => !t.Entitlements.Any()), t => t.Entitlements.Max(e => (DateTimeOffset?)e.LastChangedAt), d);
                    break;
                default:
                    throw new InvalidOperationException($"No sort '{f.Sort}': the filter was checked against ListTenants.SortKeys.");
            }

            return Then(Then(ordered, t => t.Name, d), t => t.Id, d);
        }

        private static IOrderedQueryable<Tenant> Order<TKey>(IQueryable<Tenant> q, Expression<Func<Tenant, TKey>> key, bool descending) =>
            descending ? q.OrderByDescending(key) : q.OrderBy(key);

        private static IOrderedQueryable<Tenant> Then<TKey>(IOrderedQueryable<Tenant> q, Expression<Func<Tenant, TKey>> key, bool descending) =>
            descending ? q.ThenByDescending(key) : q.ThenBy(key);

        /// <summary>One page of the sorted list: the tenants, then the status mix of just these tenants in one grouped query.</summary>
        /// <remarks><paramref name="mixes"/>: the tenants' status mixes as the index holds them; read from the database when null or short of one.</remarks>
        private async Task<List<Row>> ReadAsync(IOrderedQueryable<Tenant> sorted, int skip, int take, CancellationToken ct,
            IReadOnlyDictionary<long, Mix>? mixes = null)
        {
            var tenants = await sorted.Skip(skip).Take(take)
                .Select(t => new
                {
                    t.Id,
                    t.Name,
                    t.BrandName,
                    t.Country,
                    t.Region,
                    t.Seats,
                    t.IsManaged,
                    Partner = t.Partner != null ? t.Partner.Name : null,
                    t.ManagerName,
                    t.Priority,
                    t.IsDuplicate,
                })
                .ToListAsync(ct);
            if (tenants.Count == 0)
            {
                return [];
            }

            var ids = tenants.Select(t => t.Id).ToList();
            if (mixes is null || !ids.TrueForAll(mixes.ContainsKey))
            {
                mixes = (await db.Entitlements.AsNoTracking()
                        .Where(e => ids.Contains(e.TenantId))
                        .GroupBy(e => new { e.TenantId, e.L1 })
                        .Select(g => new { g.Key.TenantId, g.Key.L1, Count = g.Count(), Last = g.Max(e => e.LastChangedAt) })
                        .ToListAsync(ct))
                    .ToLookup(m => m.TenantId)
                    .ToDictionary(g => g.Key, g => Mix.Of(g.ToDictionary(m => m.L1, m => (m.Count, m.Last), StringComparer.Ordinal)));
            }

            return tenants.Select(t =>
            {
                var mix = mixes.GetValueOrDefault(t.Id) ?? new Mix([], null);
                return new Row(t.Id, t.Name, t.BrandName, t.Country, t.Region, t.Seats, t.IsManaged, t.Partner, t.ManagerName, t.Priority,
                    t.IsDuplicate, mix.Counts, mix.LastChange);
            }).ToList();
        }
    }

    private static readonly ConcurrentDictionary<string, string> CountryOrders = new();
    private static readonly ConcurrentDictionary<string, string> RegionOrders = new();

    /// <summary>
    /// The country codes in the order of their names in a language, as one string (<c>|AT|BE|…|</c>): the position of a
    /// code in it is its rank, which both databases compute (instr, strpos) without a table of names.
    /// </summary>
    internal static string CountryOrder(string lang) => CountryOrders.GetOrAdd(lang, l =>
        Ranked(Geography.Default.Countries.Select(c => c.Code), code => Geography.Default.CountryName(code, l), l));

    internal static string RegionOrder(string lang) => RegionOrders.GetOrAdd(lang, l =>
        Ranked(Geography.Default.Regions, region => Geography.Default.RegionName(region, l), l));

    private static string Ranked(IEnumerable<string> codes, Func<string, string> name, string lang)
    {
        var comparer = StringComparer.Create(CultureInfo.GetCultureInfo(lang), ignoreCase: true);
        return "|" + string.Join("|", codes.OrderBy(name, comparer).ThenBy(c => c, StringComparer.Ordinal)) + "|";
    }
}

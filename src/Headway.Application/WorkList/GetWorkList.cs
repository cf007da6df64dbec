using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.NoteCoach;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.WorkList;

/// <summary>
/// Everything that needs an onboarding manager on a day, in groups with their totals and first items: the next actions
/// of their entitlements and of the overall notes on their tenants that are overdue, due that day or in the seven days
/// after it; the executive summaries asked of them; In progress past or without its target date; Blocked without a
/// projected unblock date; status notes graded poor or insufficient, each with the coach's top finding; engagement
/// starts passed without contact; entitlements not changed for <see cref="WorkListSettings.StaleDays"/> days. Above
/// them, the manager's entitlements by L1. It takes any user name and day, so the portal, the API and the email digest
/// read one list.
/// </summary>
public static class GetWorkList
{
    public const int DefaultItemsPerGroup = 5;

    /// <param name="Manager">Whose work list: the user name their tenants are assigned to (<c>Tenant.ManagerName</c>).</param>
    /// <param name="Today">The day the list is for (UTC).</param>
    /// <param name="ItemsPerGroup">How many of each group's first items come with its total (0: totals only).</param>
    /// <param name="Groups">The groups to compute; null for every one.</param>
    public sealed record Request(string Manager, DateOnly Today, int ItemsPerGroup = DefaultItemsPerGroup, IReadOnlyCollection<WorkGroup>? Groups = null);

    /// <summary>One group in full, a page at a time.</summary>
    /// <remarks>
    /// <c>After</c>: From a next link: the place of the last item read in the group's order (<see cref="PageCursor"/>); the page holds
    /// the items after it, whatever joined or left the group before it meanwhile.
    /// </remarks>
    public sealed record ListRequest(string Manager, DateOnly Today, WorkGroup Group, int? Page = 1, int? PageSize = Paging.DefaultPageSize,
        string? After = null);

    /// <summary>One thing to do.</summary>
    /// <param name="Subject">What it is about: an entitlement, an overall note's next action, a summary request.</param>
    /// <param name="Id">The entitlement's, the note's or the request's id.</param>
    /// <param name="TenantId">The tenant.</param>
    /// <param name="TenantName">The tenant's name.</param>
    /// <param name="Workload">The entitlement's workload code; null for notes and requests.</param>
    /// <param name="L1">The entitlement's status; null for notes and requests.</param>
    /// <param name="Date">
    /// The day the group is about: when the next action or the summary is due, the target date, the engagement start
    /// date; for the other groups the day of the entitlement's last change.
    /// </param>
    /// <param name="Text">The next action, the graded status note, or the requester's message.</param>
    /// <param name="Person">The next action's owner, or who asked for the summary.</param>
    /// <param name="Version">The entitlement's version, which marking its next action done or moving it presents; null otherwise.</param>
    /// <param name="Finding">The coach's top finding on a graded status note (render it with <see cref="Coach.RenderMessage"/>).</param>
    public sealed record Item(WorkSubject Subject, long Id, long TenantId, string TenantName, string? Workload, string? L1, DateOnly? Date,
        string? Text, string? Person, int? Version, Finding? Finding = null);

    /// <summary>A group's total and its first items.</summary>
    public sealed record GroupSummary(WorkGroup Group, int Total, IReadOnlyList<Item> Items);

    /// <param name="Manager">Whose list it is.</param>
    /// <param name="Today">The day it is for.</param>
    /// <param name="StaleDays">After how many days without a change an entitlement counts as not updated.</param>
    /// <param name="Tenants">How many tenants the manager looks after (duplicate/invalid ones left out).</param>
    /// <param name="ByL1">Their entitlements by L1.</param>
    /// <param name="Groups">The groups asked for, in the work list's order, empty ones included.</param>
    public sealed record Response(string Manager, DateOnly Today, int StaleDays, int Tenants, IReadOnlyDictionary<string, int> ByL1,
        IReadOnlyList<GroupSummary> Groups);

    /// <summary>Today by the server's clock, in UTC, as every date rule reads it.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock, WorkListSettings settings)
    {
        /// <summary>The caller's own work list today.</summary>
        public Task<Result<Response>> HandleAsync(CancellationToken ct = default) =>
            HandleAsync(new Request(db.Caller.UserName, Today(clock)), ct);

        /// <summary>One group of the caller's own work list today, in full.</summary>
        public Task<Result<Page<Item>>> ListAsync(WorkGroup group, int? page, int? pageSize, string? after = null, CancellationToken ct = default) =>
            ListAsync(new ListRequest(db.Caller.UserName, Today(clock), group, page, pageSize, after), ct);

        /// <summary>
        /// A manager's work list on a day. Scope still applies: the caller sees only the tenants of their partner (or
        /// of the whole programme), whoever's list it is.
        /// </summary>
        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            var queries = new Queries(db, request.Manager, request.Today, settings.StaleDays);
            var wanted = request.Groups is null ? WorkGroups.All : WorkGroups.All.Where(request.Groups.Contains).ToArray();
            var work = await queries.ReadAsync(wanted, withTenants: true, ct);
            var take = Math.Max(request.ItemsPerGroup, 0);
            var items = await queries.DetailsAsync(wanted.ToDictionary(g => g, g => work.Refs[g].Take(take).ToList()), ct);
            var groups = wanted.Select(g => new GroupSummary(g, work.Refs[g].Count, items[g])).ToList();
            return Result<Response>.Ok(new Response(request.Manager, request.Today, settings.StaleDays, work.Tenants, work.ByL1, groups));
        }

        /// <summary>One group of a manager's work list on a day, in full, paged.</summary>
        public async Task<Result<Page<Item>>> ListAsync(ListRequest request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            var (page, size) = Paging.Clamp(request.Page, request.PageSize);
            var queries = new Queries(db, request.Manager, request.Today, settings.StaleDays);
            var work = await queries.ReadAsync([request.Group], withTenants: false, ct);
            var all = work.Refs[request.Group];
            var order = work.Order[request.Group];
            var shown = (request.After is { } after && Place.Parse(after) is { } last
                ? all.SkipWhile(r => Place.Compare(order(r), last) <= 0)
                : all.Skip((page - 1) * size)).Take(size).ToList();
            var items = await queries.DetailsAsync(new() { [request.Group] = shown }, ct);
            var more = shown.Count == size && all.Count > 0 && !ReferenceEquals(shown[^1], all[^1]);
            return Result<Page<Item>>.Ok(new Page<Item>(items[request.Group], page, size, all.Count)
            {
                Next = more ? new PageCursor(page + 1, Place.Format(order(shown[^1]))) : null,
            });
        }
    }

    /// <summary>An item before its details are read: what, which, whose tenant, and the day the group is about.</summary>
    private sealed record Ref(WorkSubject Subject, long Id, long TenantId, DateOnly? Date);

    /// <summary>
    /// Each group's items in the group's order (as references) with the key of that order, the manager's tenants and
    /// entitlements by L1.
    /// </summary>
    private sealed record Work(int Tenants, IReadOnlyDictionary<string, int> ByL1, Dictionary<WorkGroup, List<Ref>> Refs,
        Dictionary<WorkGroup, Func<Ref, long[]>> Order);

    /// <summary>An item's place in its group's order, as numbers compared in turn: what a next link carries.</summary>
    private static class Place
    {
        public static readonly IComparer<long[]> Comparer = Comparer<long[]>.Create(Compare);

        public static int Compare(long[] a, long[] b)
        {
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                if (a[i].CompareTo(b[i]) is var c and not 0)
                {
                    return c;
                }
            }

            return a.Length.CompareTo(b.Length);
        }

        public static string Format(long[] place) => string.Join('.', place.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        public static long[]? Parse(string text)
        {
            var parts = text.Split('.');
            var place = new long[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                if (!long.TryParse(parts[i], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out place[i]))
                {
                    return null;
                }
            }

            return place;
        }

        /// <summary>A day as a number; no day sorts first, as it does in the groups' order.</summary>
        public static long Day(DateOnly? day) => day?.DayNumber ?? long.MinValue;
    }

    /// <summary>What the work list needs to know of one of the manager's entitlements: columns of the work-list index.</summary>
    private sealed record WorkRow(long Id, long TenantId, string L1, DateOnly? Start, DateOnly? Target, string? Grade, bool NoUnblockDate,
        DateTimeOffset LastChangedAt, DateOnly? NextActionDate);

    /// <summary>
    /// The queries of one manager's list on one day. A manager looks after hundreds of entitlements (853 at most in the
    /// 100,000-tenant demo), so the list reads those in some group at once from the work-list index, a few numbers and
    /// dates each, and sorts them into groups here; the open next actions of the notes due within the week and the open
    /// summary requests come the same way. Only the items shown are then read in full, one query per kind of subject.
    /// A list thus costs the same handful of queries however many groups it shows; measured against one count and one
    /// page query per group (and against one UNION of a limited branch per group), it costs the portal less than half the
    /// time of the first and about two thirds of the second.
    /// </summary>
    private sealed class Queries(HeadwayDbContext db, string manager, DateOnly today, int staleDays)
    {
        private readonly DateOnly _weekEnd = today.AddDays(7);
        private readonly DateTimeOffset _staleBefore = StartOf(today.AddDays(-staleDays));

        public async Task<Work> ReadAsync(IReadOnlyCollection<WorkGroup> groups, bool withTenants, CancellationToken ct)
        {
            var refs = groups.ToDictionary(g => g, _ => new List<Ref>());
            var tenants = withTenants ? await Compiled.TenantCount.For(db)(db, manager, ct) : 0;
            var byL1 = withTenants ? await Compiled.ByL1.For(db)(db, manager).ToDictionaryAsync(g => g.L1, g => g.Count, cancellationToken: ct) : [];

            var rows = await Compiled.Rows.For(db)(db, manager, _weekEnd, _staleBefore, today).ToListAsync(ct);
            foreach (var row in rows)
            {
                foreach (var group in groups)
                {
                    if (In(group, row) is { } date)
                    {
                        refs[group].Add(new Ref(WorkSubject.Entitlement, row.Id, row.TenantId, date));
                    }
                }
            }

            if (groups.Any(WorkGroups.IsNextAction))
            {
                // The notes' next actions due by the week's end, from the filtered index of open ones.
                await foreach (var note in Compiled.NoteActions.For(db)(db, manager, _weekEnd).WithCancellation(ct))
                {
                    var group = note.Date < today ? WorkGroup.Overdue : note.Date == today ? WorkGroup.DueToday : WorkGroup.DueThisWeek;
                    refs.GetValueOrDefault(group)?.Add(note);
                }
            }

            if (refs.TryGetValue(WorkGroup.SummaryRequested, out var requested))
            {
                requested.AddRange(await Compiled.Requested.For(db)(db, manager).ToListAsync(ct));
            }

            if (refs.TryGetValue(WorkGroup.EngagementStartPassed, out var started))
            {
                started.AddRange(await StartsPassedAsync(rows, ct));
            }

            // Next actions of entitlements and notes in one order: due date, tenant, entitlements first, id. The groups dated
            // by the last change keep that instant's order (a day holds many changes); the others their day's, then id.
            var changed = groups.Any(DatedByLastChange) ? rows.ToDictionary(r => r.Id, r => r.LastChangedAt) : [];
            var order = new Dictionary<WorkGroup, Func<Ref, long[]>>();
            foreach (var (group, list) in refs)
            {
                Func<Ref, long[]> key = group.IsNextAction() ? r => [Place.Day(r.Date), r.TenantId, (long)r.Subject, r.Id]
                    : DatedByLastChange(group) ? r => [changed[r.Id].UtcTicks, r.Id]
                    : r => [Place.Day(r.Date), r.Id];
                // Each item's key is made once, not at every comparison (a group holds hundreds of items).
                var keys = list.ConvertAll(r => key(r)).ToArray();
                var sorted = list.ToArray();
                Array.Sort(keys, sorted, Place.Comparer);
                list.Clear();
                list.AddRange(sorted);
                order[group] = key;
            }

            return new Work(tenants, byL1, refs, order);
        }

        /// <summary>The day an entitlement stands in a group for, or null when it is not in it.</summary>
        private DateOnly? In(WorkGroup group, WorkRow row) => group switch
        {
            WorkGroup.Overdue => row.NextActionDate < today ? row.NextActionDate : null,
            WorkGroup.DueToday => row.NextActionDate == today ? row.NextActionDate : null,
            WorkGroup.DueThisWeek => row.NextActionDate > today && row.NextActionDate <= _weekEnd ? row.NextActionDate : null,
            WorkGroup.TargetDatePassed => row.L1 == TaxonomyCodes.InProgress && row.Target < today ? row.Target : null,
            WorkGroup.NoTargetDate => row.L1 == TaxonomyCodes.InProgress && row.Target is null ? Changed(row) : null,
            WorkGroup.NoUnblockDate => row.L1 == TaxonomyCodes.Blocked && row.NoUnblockDate ? Changed(row) : null,
            WorkGroup.PoorNote => row.Grade == "Poor" ? Changed(row) : null,
            WorkGroup.InsufficientNote => row.Grade == "Insufficient" ? Changed(row) : null,
            WorkGroup.NotUpdated => row.LastChangedAt < _staleBefore ? Changed(row) : null,
            _ => null,
        };

        private static DateOnly Changed(WorkRow row) => DateOnly.FromDateTime(row.LastChangedAt.UtcDateTime);

        private static bool DatedByLastChange(WorkGroup group) =>
            group is WorkGroup.NoTargetDate or WorkGroup.NoUnblockDate or WorkGroup.PoorNote or WorkGroup.InsufficientNote or WorkGroup.NotUpdated;

        /// <summary>
        /// In progress on paper, the engagement start date has passed, and since that day nobody has touched the
        /// entitlement nor written on the tenant's timeline. A day and an instant do not compare in SQL on every provider
        /// (SQLite keeps instants as numbers), so the entitlements untouched since their start are found among the rows
        /// already read; one query then reads the last note of each of their tenants.
        /// </summary>
        private async Task<IEnumerable<Ref>> StartsPassedAsync(List<WorkRow> rows, CancellationToken ct)
        {
            var untouched = rows.Where(r => r.L1 == TaxonomyCodes.InProgress && r.Start < today && r.LastChangedAt < StartOf(r.Start!.Value)).ToList();
            if (untouched.Count == 0)
            {
                return [];
            }

            var tenantIds = untouched.Select(r => r.TenantId).Distinct().ToList();
            var lastNotes = await Compiled.LastNotes.For(db)(db, tenantIds).ToDictionaryAsync(n => n.TenantId, n => n.Last, cancellationToken: ct);
            return untouched
                .Where(r => !(lastNotes.TryGetValue(r.TenantId, out var last) && last >= StartOf(r.Start!.Value)))
                .Select(r => new Ref(WorkSubject.Entitlement, r.Id, r.TenantId, r.Start));
        }

        /// <summary>The items of the given references in full, each group in its order: one query per kind of subject.</summary>
        public async Task<Dictionary<WorkGroup, IReadOnlyList<Item>>> DetailsAsync(Dictionary<WorkGroup, List<Ref>> shown, CancellationToken ct)
        {
            var all = shown.Values.SelectMany(r => r).ToList();
            var entitlementIds = IdsOf(all, WorkSubject.Entitlement);
            var noteIds = IdsOf(all, WorkSubject.Note);
            var requestIds = IdsOf(all, WorkSubject.SummaryRequest);
            var entitlements = entitlementIds.Count == 0 ? [] : (await Compiled.EntitlementDetails.For(db)(db, entitlementIds).ToListAsync(ct)).ToDictionary(e => e.Id);
            var notes = noteIds.Count == 0 ? [] : (await Compiled.NoteDetails.For(db)(db, noteIds).ToListAsync(ct)).ToDictionary(n => n.Id);
            var requests = requestIds.Count == 0 ? [] : (await Compiled.RequestDetails.For(db)(db, requestIds).ToListAsync(ct)).ToDictionary(r => r.Id);

            var items = new Dictionary<WorkGroup, IReadOnlyList<Item>>();
            foreach (var (group, refs) in shown)
            {
                var graded = group is WorkGroup.PoorNote or WorkGroup.InsufficientNote;
                var list = new List<Item>(refs.Count);
                foreach (var r in refs)
                {
                    switch (r.Subject)
                    {
                        case WorkSubject.Entitlement when entitlements.TryGetValue(r.Id, out var e):
                            list.Add(group.IsNextAction()
                                ? new Item(r.Subject, r.Id, r.TenantId, e.Name, e.Workload, e.L1, r.Date, e.NextAction, e.NextActionOwner, e.Version)
                                : new Item(r.Subject, r.Id, r.TenantId, e.Name, e.Workload, e.L1, r.Date, graded ? e.Note : null, null, e.Version,
                                    graded ? TopFinding(e.Note, e.L1, e.L2) : null));
                            break;
                        case WorkSubject.Note when notes.TryGetValue(r.Id, out var n):
                            list.Add(new Item(r.Subject, r.Id, r.TenantId, n.Name, null, null, r.Date, n.Text, n.NextActionOwner, null));
                            break;
                        case WorkSubject.SummaryRequest when requests.TryGetValue(r.Id, out var q):
                            list.Add(new Item(r.Subject, r.Id, r.TenantId, q.Name, null, null, r.Date, q.Message, q.RequestedBy, null));
                            break;
                    }
                }

                items[group] = list;
            }

            return items;
        }

        private static List<long> IdsOf(List<Ref> refs, WorkSubject subject) => refs.Where(r => r.Subject == subject).Select(r => r.Id).Distinct().ToList();

        private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    private sealed record L1Count(string L1, int Count);

    private sealed record LastNote(long TenantId, DateTimeOffset Last);

    private sealed record EntitlementDetail(long Id, string Name, string Workload, string L1, string? L2, string? Note, string? NextAction,
        string? NextActionOwner, int Version);

    private sealed record NoteDetail(long Id, string Name, string Text, string? NextActionOwner);

    private sealed record RequestDetail(long Id, string Name, string? Message, string RequestedBy);

    /// <summary>
    /// The list's queries, compiled once for each model (see <see cref="PerModel{TQuery}"/>). A list runs about ten of them, and a query given as LINQ costs
    /// the portal its translation-cache lookup every time (the expression walked, hashed and its parameters pulled out):
    /// about half of what a small query costs in all. The caller's scope still applies, as the context's query filters
    /// are part of each compiled query.
    /// </summary>
    private static class Compiled
    {
        public static readonly PerModel<Func<HeadwayDbContext, string, CancellationToken, Task<int>>> TenantCount = new(() => EF.CompileAsyncQuery(
            (HeadwayDbContext db, string manager, CancellationToken ct) => db.Tenants.Count(t => t.ManagerName == manager && !t.IsDuplicate)));

        /// <summary>
        /// The manager's entitlements by L1, by the copy of the manager each carries. Those of a duplicate/invalid tenant are
        /// all DuplicateInvalid, and leave with that status.
        /// </summary>
        public static readonly PerModel<Func<HeadwayDbContext, string, IAsyncEnumerable<L1Count>>> ByL1 = new(() => EF.CompileAsyncQuery(
            (HeadwayDbContext db, string manager) => db.Entitlements
                .Where(e => e.TenantManager == manager && e.L1 != TaxonomyCodes.DuplicateInvalid)
                .GroupBy(e => e.L1)
                .Select(g => new L1Count(g.Key, g.Count()))));

        /// <summary>
        /// Only the manager's entitlements in some group (a next action due by the week's end, a graded note, In progress or
        /// Blocked without a date, not updated): fewer rows than the manager has; all of them are counted by <see cref="ByL1"/>.
        /// </summary>
        public static readonly PerModel<Func<HeadwayDbContext, string, DateOnly, DateTimeOffset, DateOnly, IAsyncEnumerable<WorkRow>>> Rows = new(() => EF.CompileAsyncQuery(
            (HeadwayDbContext db, string manager, DateOnly weekEnd, DateTimeOffset staleBefore, DateOnly today) => db.Entitlements.AsNoTracking()
                .Where(e => e.TenantManager == manager && e.L1 != TaxonomyCodes.DuplicateInvalid)
                .Where(e => e.NextActionDate <= weekEnd || e.NoteGrade == "Poor" || e.NoteGrade == "Insufficient" || e.LastChangedAt < staleBefore ||
                    (e.L1 == TaxonomyCodes.InProgress && (e.TargetDate == null || e.TargetDate < today || e.EngagementStartDate < today)) ||
                    (e.L1 == TaxonomyCodes.Blocked && e.ProjectedUnblockDate == null))
                .Select(e => new WorkRow(e.Id, e.TenantId, e.L1, e.EngagementStartDate, e.TargetDate, e.NoteGrade, e.ProjectedUnblockDate == null,
                    e.LastChangedAt, e.NextActionDate))));

        /// <summary>The open next actions of the overall notes on the manager's tenants due by the week's end, from the filtered index of open ones.</summary>
        public static readonly PerModel<Func<HeadwayDbContext, string, DateOnly, IAsyncEnumerable<Ref>>> NoteActions = new(() => EF.CompileAsyncQuery(
            (HeadwayDbContext db, string manager, DateOnly weekEnd) => db.OverallNotes.AsNoTracking()
                .Where(n => n.NextActionDate != null && n.NextActionDoneAt == null && n.DeletedAt == null &&
                    db.Tenants.Where(t => t.ManagerName == manager && !t.IsDuplicate).Select(t => t.Id).Contains(n.TenantId) &&
                    n.NextActionDate <= weekEnd)
                .Select(n => new Ref(WorkSubject.Note, n.Id, n.TenantId, n.NextActionDate))));

        public static readonly PerModel<Func<HeadwayDbContext, string, IAsyncEnumerable<Ref>>> Requested = new(() => EF.CompileAsyncQuery(
            (HeadwayDbContext db, string manager) => db.SummaryRequests.AsNoTracking()
                .Where(r => r.RequestedOf == manager && r.FulfilledAt == null)
                .Join(db.Tenants, r => r.TenantId, t => t.Id, (r, t) => new Ref(WorkSubject.SummaryRequest, r.Id, r.TenantId, r.DueDate))));

        /// <summary>When each of the tenants was last written on.</summary>
        public static readonly PerModel<Func<HeadwayDbContext, List<long>, IAsyncEnumerable<LastNote>>> LastNotes = new(() => EF.CompileAsyncQuery(
            (HeadwayDbContext db, List<long> tenantIds) => db.OverallNotes.AsNoTracking()
                .Where(n => n.DeletedAt == null && tenantIds.Contains(n.TenantId))
                .GroupBy(n => n.TenantId)
                .Select(g => new LastNote(g.Key, g.Max(n => n.CreatedAt)))));

        public static readonly PerModel<Func<HeadwayDbContext, List<long>, IAsyncEnumerable<EntitlementDetail>>> EntitlementDetails = new(() => EF.CompileAsyncQuery(
            (HeadwayDbContext db, List<long> ids) => db.Entitlements.AsNoTracking().Where(e => ids.Contains(e.Id))
                .Join(db.Tenants, e => e.TenantId, t => t.Id,
                    (e, t) => new EntitlementDetail(e.Id, t.Name, e.Workload, e.L1, e.L2, e.Note, e.NextAction, e.NextActionOwner, e.Version))));

        public static readonly PerModel<Func<HeadwayDbContext, List<long>, IAsyncEnumerable<NoteDetail>>> NoteDetails = new(() => EF.CompileAsyncQuery(
            (HeadwayDbContext db, List<long> ids) => db.OverallNotes.AsNoTracking().Where(n => ids.Contains(n.Id))
                .Join(db.Tenants, n => n.TenantId, t => t.Id, (n, t) => new NoteDetail(n.Id, t.Name, n.NextAction ?? n.Text, n.NextActionOwner))));

        public static readonly PerModel<Func<HeadwayDbContext, List<long>, IAsyncEnumerable<RequestDetail>>> RequestDetails = new(() => EF.CompileAsyncQuery(
            (HeadwayDbContext db, List<long> ids) => db.SummaryRequests.AsNoTracking().Where(r => ids.Contains(r.Id))
                .Join(db.Tenants, r => r.TenantId, t => t.Id, (r, t) => new RequestDetail(r.Id, t.Name, r.Message, r.RequestedBy))));
    }

    /// <summary>The coach's most serious finding on a note, the first of equals; what to fix first.</summary>
    public static Finding? TopFinding(string? note, string? l1, string? l2) =>
        string.IsNullOrWhiteSpace(note)
            ? null
            : Coach.Default.Analyze(new NoteInput(note, l1, l2)).Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Start).FirstOrDefault();
}

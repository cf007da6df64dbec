using System.Linq.Expressions;
using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
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
    public sealed record ListRequest(string Manager, DateOnly Today, WorkGroup Group, int? Page = 1, int? PageSize = Paging.DefaultPageSize);

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
        public Task<Result<Page<Item>>> ListAsync(WorkGroup group, int? page, int? pageSize, CancellationToken ct = default) =>
            ListAsync(new ListRequest(db.Caller.UserName, Today(clock), group, page, pageSize), ct);

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
            var (tenants, byL1, totals) = await queries.TotalsAsync(wanted, ct);
            var groups = new List<GroupSummary>(wanted.Count);
            foreach (var group in wanted)
            {
                var total = totals[group];
                var items = total == 0 || request.ItemsPerGroup <= 0 ? [] : await queries.ItemsAsync(group, 0, request.ItemsPerGroup, ct);
                groups.Add(new GroupSummary(group, total, items));
            }

            return Result<Response>.Ok(new Response(request.Manager, request.Today, settings.StaleDays, tenants, byL1, groups));
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
            var (_, _, totals) = await queries.TotalsAsync([request.Group], ct);
            var total = totals[request.Group];
            var skip = (page - 1) * size;
            var items = total <= skip ? [] : await queries.ItemsAsync(request.Group, skip, size, ct);
            return Result<Page<Item>>.Ok(new Page<Item>(items, page, size, total));
        }
    }

    /// <summary>The queries of one manager's list on one day.</summary>
    private sealed class Queries(HeadwayDbContext db, string manager, DateOnly today, int staleDays)
    {
        private readonly DateOnly _weekEnd = today.AddDays(7);
        private readonly DateTimeOffset _staleBefore = StartOf(today.AddDays(-staleDays));
        private IQueryable<Entitlement>? _startsPassed;
        private bool _startsPassedRead;

        /// <summary>
        /// The manager's entitlements, by the copy of the manager each carries (indexed with the next action's date and
        /// with the last change). Those of a duplicate/invalid tenant are all DuplicateInvalid, and leave with that status.
        /// </summary>
        private IQueryable<Entitlement> Entitlements =>
            db.Entitlements.AsNoTracking().Where(e => e.TenantManager == manager && e.L1 != TaxonomyCodes.DuplicateInvalid);

        private IQueryable<long> TenantIds => db.Tenants.Where(t => t.ManagerName == manager && !t.IsDuplicate).Select(t => t.Id);

        /// <summary>Open next actions of overall notes on the manager's tenants: the filtered index (TenantId, NextActionDate) holds exactly these.</summary>
        private IQueryable<Domain.Tenants.OverallNote> NoteActions
        {
            get
            {
                var tenantIds = TenantIds;
                return db.OverallNotes.AsNoTracking().Where(n => n.NextActionDate != null && n.NextActionDoneAt == null && n.DeletedAt == null &&
                    tenantIds.Contains(n.TenantId));
            }
        }

        public async Task<(int Tenants, IReadOnlyDictionary<string, int> ByL1, Dictionary<WorkGroup, int> Totals)> TotalsAsync(
            IReadOnlyCollection<WorkGroup> groups, CancellationToken ct)
        {
            var totals = groups.ToDictionary(g => g, _ => 0);
            var tenants = await TenantIds.CountAsync(ct);

            // One pass over the manager's entitlements (the work-list index alone) counts every condition on the entitlement
            // itself, next actions by due day included, per L1.
            var byL1 = await Entitlements.GroupBy(e => e.L1).Select(g => new
            {
                L1 = g.Key,
                Count = g.Count(),
                Poor = g.Count(e => e.NoteGrade == "Poor"),
                Insufficient = g.Count(e => e.NoteGrade == "Insufficient"),
                NoTarget = g.Count(e => e.TargetDate == null),
                TargetPassed = g.Count(e => e.TargetDate < today),
                NoUnblock = g.Count(e => e.ProjectedUnblockDate == null),
                Stale = g.Count(e => e.LastChangedAt < _staleBefore),
                Overdue = g.Count(e => e.NextActionDate < today),
                DueToday = g.Count(e => e.NextActionDate == today),
                DueThisWeek = g.Count(e => e.NextActionDate > today && e.NextActionDate <= _weekEnd),
            }).ToListAsync(ct);
            foreach (var row in byL1)
            {
                Add(totals, WorkGroup.PoorNote, row.Poor);
                Add(totals, WorkGroup.InsufficientNote, row.Insufficient);
                Add(totals, WorkGroup.NotUpdated, row.Stale);
                Add(totals, WorkGroup.Overdue, row.Overdue);
                Add(totals, WorkGroup.DueToday, row.DueToday);
                Add(totals, WorkGroup.DueThisWeek, row.DueThisWeek);
                if (row.L1 == TaxonomyCodes.InProgress)
                {
                    Add(totals, WorkGroup.NoTargetDate, row.NoTarget);
                    Add(totals, WorkGroup.TargetDatePassed, row.TargetPassed);
                }
                else if (row.L1 == TaxonomyCodes.Blocked)
                {
                    Add(totals, WorkGroup.NoUnblockDate, row.NoUnblock);
                }
            }

            if (groups.Any(WorkGroups.IsNextAction))
            {
                // The notes' next actions: overdue, today, this week, from the filtered index of open ones.
                var noteDue = await NoteActions.Where(n => n.NextActionDate <= _weekEnd)
                    .GroupBy(n => n.NextActionDate < today ? WorkGroup.Overdue : n.NextActionDate == today ? WorkGroup.DueToday : WorkGroup.DueThisWeek)
                    .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
                foreach (var row in noteDue)
                {
                    Add(totals, row.Key, row.Count);
                }
            }

            if (totals.ContainsKey(WorkGroup.SummaryRequested))
            {
                totals[WorkGroup.SummaryRequested] = await SummaryRequests.CountAsync(ct);
            }

            if (totals.ContainsKey(WorkGroup.EngagementStartPassed))
            {
                totals[WorkGroup.EngagementStartPassed] = await StartsPassedAsync(ct) is { } passed ? await passed.CountAsync(ct) : 0;
            }

            return (tenants, byL1.ToDictionary(r => r.L1, r => r.Count), totals);
        }

        private static void Add(Dictionary<WorkGroup, int> totals, WorkGroup group, int count)
        {
            if (totals.TryGetValue(group, out var total))
            {
                totals[group] = total + count;
            }
        }

        private IQueryable<Domain.Tenants.SummaryRequest> SummaryRequests =>
            db.SummaryRequests.AsNoTracking().Where(r => r.RequestedOf == manager && r.FulfilledAt == null);

        public async Task<IReadOnlyList<Item>> ItemsAsync(WorkGroup group, int skip, int take, CancellationToken ct) => group switch
        {
            WorkGroup.Overdue or WorkGroup.DueToday or WorkGroup.DueThisWeek => await NextActionsAsync(group, skip, take, ct),
            WorkGroup.SummaryRequested => await SummaryRequestItemsAsync(skip, take, ct),
            WorkGroup.EngagementStartPassed => await StartPassedItemsAsync(skip, take, ct),
            _ => await EntitlementItemsAsync(group, skip, take, ct),
        };

        /// <summary>
        /// Next actions of entitlements and of notes in one order (due date, tenant, entitlements first): the first
        /// <c>skip + take</c> of each, merged. Numbers and dates only, so both databases order exactly as the merge does.
        /// </summary>
        private async Task<IReadOnlyList<Item>> NextActionsAsync(WorkGroup group, int skip, int take, CancellationToken ct)
        {
            var (from, to) = group switch
            {
                WorkGroup.Overdue => (DateOnly.MinValue, today.AddDays(-1)),
                WorkGroup.DueToday => (today, today),
                _ => (today.AddDays(1), _weekEnd),
            };
            var entitlements = await Entitlements.Where(e => e.NextActionDate >= from && e.NextActionDate <= to)
                .Join(db.Tenants, e => e.TenantId, t => t.Id, (e, t) => new { e, t.Name })
                .OrderBy(x => x.e.NextActionDate).ThenBy(x => x.e.TenantId).ThenBy(x => x.e.Id).Take(skip + take)
                .Select(x => new Item(WorkSubject.Entitlement, x.e.Id, x.e.TenantId, x.Name, x.e.Workload, x.e.L1,
                    x.e.NextActionDate, x.e.NextAction, x.e.NextActionOwner, x.e.Version, null))
                .ToListAsync(ct);
            var notes = await NoteActions.Where(n => n.NextActionDate >= from && n.NextActionDate <= to)
                .Join(db.Tenants, n => n.TenantId, t => t.Id, (n, t) => new { n, t.Name })
                .OrderBy(x => x.n.NextActionDate).ThenBy(x => x.n.TenantId).ThenBy(x => x.n.Id).Take(skip + take)
                .Select(x => new Item(WorkSubject.Note, x.n.Id, x.n.TenantId, x.Name, null, null,
                    x.n.NextActionDate, x.n.NextAction ?? x.n.Text, x.n.NextActionOwner, null, null))
                .ToListAsync(ct);
            return entitlements.Concat(notes)
                .OrderBy(i => i.Date).ThenBy(i => i.TenantId).ThenBy(i => i.Subject).ThenBy(i => i.Id)
                .Skip(skip).Take(take).ToList();
        }

        private async Task<IReadOnlyList<Item>> SummaryRequestItemsAsync(int skip, int take, CancellationToken ct) =>
            await SummaryRequests.Join(db.Tenants, r => r.TenantId, t => t.Id, (r, t) => new { r, t.Name })
                .OrderBy(x => x.r.DueDate).ThenBy(x => x.r.Id).Skip(skip).Take(take)
                .Select(x => new Item(WorkSubject.SummaryRequest, x.r.Id, x.r.TenantId, x.Name, null, null,
                    x.r.DueDate, x.r.Message, x.r.RequestedBy, null, null))
                .ToListAsync(ct);

        private async Task<IReadOnlyList<Item>> EntitlementItemsAsync(WorkGroup group, int skip, int take, CancellationToken ct)
        {
            var graded = group is WorkGroup.PoorNote or WorkGroup.InsufficientNote;
            var joined = Entitlements.Where(Condition(group))
                .Join(db.Tenants, e => e.TenantId, t => t.Id, (e, t) => new
                {
                    e.Id,
                    e.TenantId,
                    t.Name,
                    e.Workload,
                    e.L1,
                    e.L2,
                    e.TargetDate,
                    e.LastChangedAt,
                    Note = graded ? e.Note : null,
                    e.Version,
                });
            var ordered = group == WorkGroup.TargetDatePassed
                ? joined.OrderBy(r => r.TargetDate).ThenBy(r => r.Id)
                : joined.OrderBy(r => r.LastChangedAt).ThenBy(r => r.Id);
            var rows = await ordered.Skip(skip).Take(take).ToListAsync(ct);
            return rows.Select(r => new Item(WorkSubject.Entitlement, r.Id, r.TenantId, r.Name, r.Workload, r.L1,
                    group == WorkGroup.TargetDatePassed ? r.TargetDate : DateOnly.FromDateTime(r.LastChangedAt.UtcDateTime),
                    r.Note, null, r.Version, graded ? TopFinding(r.Note, r.L1, r.L2) : null))
                .ToList();
        }

        private Expression<Func<Entitlement, bool>> Condition(WorkGroup group) => group switch
        {
            WorkGroup.TargetDatePassed => e => e.L1 == TaxonomyCodes.InProgress && e.TargetDate < today,
            WorkGroup.NoTargetDate => e => e.L1 == TaxonomyCodes.InProgress && e.TargetDate == null,
            WorkGroup.NoUnblockDate => e => e.L1 == TaxonomyCodes.Blocked && e.ProjectedUnblockDate == null,
            WorkGroup.PoorNote => e => e.NoteGrade == "Poor",
            WorkGroup.InsufficientNote => e => e.NoteGrade == "Insufficient",
            WorkGroup.NotUpdated => e => e.LastChangedAt < _staleBefore,
            _ => throw new ArgumentOutOfRangeException(nameof(group), group, "Not a condition on an entitlement alone."),
        };

        /// <summary>
        /// In progress on paper, the engagement start date has passed, and since that day nobody has touched the
        /// entitlement nor written on the tenant's timeline. A day and an instant do not compare in SQL on every provider
        /// (SQLite keeps instants as ticks), so the database first names the start days on which some entitlement was
        /// last changed before the day began (one row per day, from the work-list index), and then one query per such
        /// day, the days joined in a UNION, selects that day's untouched entitlements whose tenant has no note since.
        /// Null when there are none.
        /// </summary>
        private async Task<IQueryable<Entitlement>?> StartsPassedAsync(CancellationToken ct)
        {
            if (_startsPassedRead)
            {
                return _startsPassed;
            }

            _startsPassedRead = true;
            var days = await Entitlements.Where(e => e.L1 == TaxonomyCodes.InProgress && e.EngagementStartDate < today)
                .GroupBy(e => e.EngagementStartDate!.Value)
                .Select(g => new { Day = g.Key, Earliest = g.Min(e => e.LastChangedAt) })
                .ToListAsync(ct);
            var notes = db.OverallNotes.Where(n => n.DeletedAt == null);
            foreach (var day in days.Where(d => d.Earliest < StartOf(d.Day)).Select(d => d.Day))
            {
                var start = StartOf(day);
                var untouched = Entitlements.Where(e => e.L1 == TaxonomyCodes.InProgress && e.EngagementStartDate == day && e.LastChangedAt < start &&
                    !notes.Any(n => n.TenantId == e.TenantId && n.CreatedAt >= start));
                _startsPassed = _startsPassed is null ? untouched : _startsPassed.Concat(untouched);
            }

            return _startsPassed;
        }

        private async Task<IReadOnlyList<Item>> StartPassedItemsAsync(int skip, int take, CancellationToken ct) =>
            await StartsPassedAsync(ct) is not { } passed
                ? []
                : await passed.Join(db.Tenants, e => e.TenantId, t => t.Id, (e, t) => new { e, t.Name })
                    .OrderBy(x => x.e.EngagementStartDate).ThenBy(x => x.e.Id).Skip(skip).Take(take)
                    .Select(x => new Item(WorkSubject.Entitlement, x.e.Id, x.e.TenantId, x.Name, x.e.Workload, x.e.L1,
                        x.e.EngagementStartDate, null, null, x.e.Version, null))
                    .ToListAsync(ct);

        private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    /// <summary>The coach's most serious finding on a note, the first of equals; what to fix first.</summary>
    public static Finding? TopFinding(string? note, string? l1, string? l2) =>
        string.IsNullOrWhiteSpace(note)
            ? null
            : Coach.Default.Analyze(new NoteInput(note, l1, l2)).Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Start).FirstOrDefault();
}

using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Portfolio;

/// <summary>
/// An onboarding manager's own portfolio: the tenants assigned to them, their entitlements by L1, and
/// what needs attention today, each item one click from the place to fix it.
/// </summary>
public static class GetPortfolio
{
    public const int StaleDays = 30;
    public const int ItemsPerReason = 25;

    /// <summary>Why an entitlement needs attention.</summary>
    public enum Reason
    {
        PoorNote,
        InsufficientNote,
        NoTargetDate,
        TargetDatePassed,
        NoUnblockDate,
        NotUpdated,
        NextActionDue,
        EngagementStartPassed,
    }

    public sealed record Item(long TenantId, string TenantName, string Workload, string L1, DateOnly? Date);

    public sealed record Group(Reason Reason, int Total, IReadOnlyList<Item> Items);

    public sealed record Response(int Tenants, IReadOnlyDictionary<string, int> ByL1, IReadOnlyList<Group> Attention);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public async Task<Result<Response>> HandleAsync(CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            var me = db.Caller.UserName;
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var staleBefore = new DateTimeOffset(today.AddDays(-StaleDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var weekEnd = today.AddDays(7);
            var tenants = db.Tenants.Where(t => t.ManagerName == me && !t.IsDuplicate);
            // IN (subquery) lets SQLite walk the manager index, then each tenant's entitlements; EXISTS per row would scan them all.
            var mine = db.Entitlements.Where(e => tenants.Select(t => t.Id).Contains(e.TenantId));

            var byL1 = await mine.GroupBy(e => e.L1).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var attention = new List<Group>();
            foreach (var reason in Enum.GetValues<Reason>())
            {
                var query = reason switch
                {
                    Reason.PoorNote => mine.Where(e => e.NoteGrade == "Poor"),
                    Reason.InsufficientNote => mine.Where(e => e.NoteGrade == "Insufficient"),
                    Reason.NoTargetDate => mine.Where(e => e.L1 == TaxonomyCodes.InProgress && e.TargetDate == null),
                    Reason.TargetDatePassed => mine.Where(e => e.L1 == TaxonomyCodes.InProgress && e.TargetDate < today),
                    Reason.NoUnblockDate => mine.Where(e => e.L1 == TaxonomyCodes.Blocked && e.ProjectedUnblockDate == null),
                    Reason.NotUpdated => mine.Where(e => e.LastChangedAt < staleBefore),
                    Reason.NextActionDue => mine.Where(e => e.NextActionDate >= today && e.NextActionDate <= weekEnd),
                    _ => null,
                };
                if (query is null)
                {
                    if (await StartPassedWithoutContactAsync(mine, today, ct) is { Total: > 0 } group)
                    {
                        attention.Add(group);
                    }

                    continue;
                }

                var total = await query.CountAsync(ct);
                if (total == 0)
                {
                    continue;
                }

                var items = await query
                    .OrderBy(e => reason == Reason.NextActionDue ? e.NextActionDate : reason == Reason.TargetDatePassed ? e.TargetDate : null)
                    .ThenBy(e => e.LastChangedAt)
                    .Take(ItemsPerReason)
                    .Join(db.Tenants, e => e.TenantId, t => t.Id, (e, t) => new Item(t.Id, t.Name, e.Workload, e.L1,
                        reason == Reason.NextActionDue ? e.NextActionDate : reason == Reason.TargetDatePassed ? e.TargetDate : null))
                    .ToListAsync(ct);
                attention.Add(new Group(reason, total, items));
            }

            return Result<Response>.Ok(new Response(await tenants.CountAsync(ct), byL1, attention));
        }

        /// <summary>
        /// In progress on paper, the engagement start date has passed, and since that day nobody has touched
        /// the entitlement nor written on the tenant's timeline. Day and instant do not compare in SQL on
        /// every provider, so the candidates (one manager's started entitlements) are checked here.
        /// </summary>
        private async Task<Group> StartPassedWithoutContactAsync(IQueryable<Entitlement> mine, DateOnly today, CancellationToken ct)
        {
            var started = await mine.Where(e => e.L1 == TaxonomyCodes.InProgress && e.EngagementStartDate < today)
                .Join(db.Tenants, e => e.TenantId, t => t.Id, (e, t) => new
                {
                    t.Id,
                    t.Name,
                    e.Workload,
                    e.L1,
                    Start = e.EngagementStartDate!.Value,
                    e.LastChangedAt,
                    LastNote = db.OverallNotes.Where(n => n.TenantId == t.Id).OrderByDescending(n => n.CreatedAt).Select(n => (DateTimeOffset?)n.CreatedAt).FirstOrDefault(),
                })
                .ToListAsync(ct);
            static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var items = started
                .Where(s => s.LastChangedAt < StartOf(s.Start) && !(s.LastNote >= StartOf(s.Start)))
                .OrderBy(s => s.Start)
                .Select(s => new Item(s.Id, s.Name, s.Workload, s.L1, s.Start))
                .ToList();
            return new Group(Reason.EngagementStartPassed, items.Count, items.Take(ItemsPerReason).ToList());
        }
    }
}

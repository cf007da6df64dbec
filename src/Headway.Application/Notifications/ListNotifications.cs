using Headway.Application.Data;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Notifications;

/// <summary>The caller's own notices, newest first, with how many are unread; nobody reads another user's.</summary>
public static class ListNotifications
{
    /// <param name="UnreadOnly">Only the notices not read yet.</param>
    /// <param name="Page">The page, from 1.</param>
    /// <param name="PageSize">Notices per page.</param>
    /// <param name="Mark">The list's mark from a next link (<see cref="PageCursor"/>): notices after it are left out.</param>
    public sealed record Request(bool UnreadOnly = false, int? Page = 1, int? PageSize = 25, long? Mark = null);

    /// <summary>A notice with the names it is rendered with: its tenant's and its entitlement's workload (null when it has none).</summary>
    public sealed record Row(Notification Notification, string? TenantName, string? Workload);

    public sealed record Response(Page<Row> Page, int Unread);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (!SignedIn(db.Caller))
            {
                return Refusal.Of(RefusalCodes.Forbidden);
            }

            var (page, size) = Paging.Clamp(request.Page, request.PageSize);
            var mine = Notify.Mine(db).AsNoTracking();
            var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
            var mark = await Paging.MarkAsync(db.Notifications.IgnoreQueryFilters().Select(n => n.Id), request.Mark, ct);
            var marked = request.Mark is null ? mine : mine.Where(n => n.Id <= mark);
            var shown = request.UnreadOnly ? marked.Where(n => n.ReadAt == null) : marked;
            var total = request.UnreadOnly && request.Mark is null ? unread : await shown.CountAsync(ct);
            var items = await (
                    from n in shown
                    join t in db.Tenants on n.TenantId equals (long?)t.Id into tenants
                    from t in tenants.DefaultIfEmpty()
                    join e in db.Entitlements on n.EntitlementId equals (long?)e.Id into entitlements
                    from e in entitlements.DefaultIfEmpty()
                    orderby n.CreatedAt descending, n.Id descending
                    select new { Notification = n, TenantName = t == null ? null : t.Name, Workload = e == null ? null : e.Workload })
                .Skip((page - 1) * size).Take(size)
                .ToListAsync(ct);
            return Result<Response>.Ok(new Response(
                new Page<Row>(items.Select(i => new Row(i.Notification, i.TenantName, i.Workload)).ToList(), page, size, total)
                {
                    Next = Paging.NextOf(page, size, total, mark),
                }, unread));
        }

        /// <summary>How many of the caller's notices are unread (the bell): one indexed count, on every page.</summary>
        public async Task<int> UnreadAsync(CancellationToken ct = default) =>
            SignedIn(db.Caller) ? await UnreadOf.For(db)(db, Notify.Normalize(db.Caller.UserName), ct) : 0;
    }

    /// <summary><see cref="Notify.Mine"/> counted unread, compiled once: the bell costs a page no translation-cache lookup.</summary>
    private static readonly PerModel<Func<HeadwayDbContext, string, CancellationToken, Task<int>>> UnreadOf = new(() => EF.CompileAsyncQuery(
        (HeadwayDbContext db, string name, CancellationToken ct) =>
            db.Notifications.Count(n => n.ReadAt == null && n.UserId == db.Users.Where(u => u.NormalizedUserName == name).Select(u => u.Id).FirstOrDefault())));

    /// <summary>Every signed-in role has notices of its own; the anonymous caller has none.</summary>
    internal static bool SignedIn(Caller caller) => caller.Role is not null || caller.IsOperator;
}

using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Summaries;

/// <summary>Where a summary request stands: waiting and not yet due, waiting past its due date, or answered by a summary.</summary>
public enum SummaryRequestState
{
    Open,
    Overdue,
    Fulfilled,
}

/// <summary>
/// Summary requests in the caller's scope: all of them, those the caller made, or those asked of the caller, in one
/// state or all, of one tenant or all. Open requests come first, soonest due first; fulfilled ones follow, newest first.
/// </summary>
public static class ListSummaryRequests
{
    /// <summary>The values the state filter takes (open includes overdue: both still wait for a summary).</summary>
    public static readonly IReadOnlyList<string> States = ["open", "overdue", "fulfilled"];

    /// <param name="RequestedByMe">Only requests the caller made.</param>
    /// <param name="RequestedOfMe">Only requests asked of the caller.</param>
    /// <param name="State">open, overdue or fulfilled; null or empty for all.</param>
    /// <param name="TenantId">Only this tenant's.</param>
    /// <param name="Page">The page, from 1.</param>
    /// <param name="PageSize">Requests per page.</param>
    /// <param name="Mark">The list's mark from a next link (<see cref="PageCursor"/>): requests made after it are left out.</param>
    public sealed record Request(bool RequestedByMe = false, bool RequestedOfMe = false, string? State = null, long? TenantId = null,
        int? Page = 1, int? PageSize = 25, long? Mark = null);

    public sealed record Row(SummaryRequest Request, string TenantName, SummaryRequestState State);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public Task<Result<Page<Row>>> HandleAsync(Request request, CancellationToken ct = default) => ListAsync(request, tenantRead: false, ct);

        /// <summary>
        /// The requests of a tenant the caller has just read (a page that shows the tenant): an empty list needs no
        /// second look at whether the tenant is there.
        /// </summary>
        public Task<Result<Page<Row>>> OfTenantReadAsync(Tenant tenant, string? state, int pageSize, CancellationToken ct = default) =>
            ListAsync(new Request(State: state, TenantId: tenant.Id, PageSize: pageSize), tenantRead: true, ct);

        private async Task<Result<Page<Row>>> ListAsync(Request request, bool tenantRead, CancellationToken ct)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            var state = request.State?.Trim().ToLowerInvariant();
            if (state is { Length: > 0 } && !States.Contains(state))
            {
                return Refusal.ForField("state", RefusalCodes.UnknownChoice, request.State!, string.Join(", ", States));
            }

            var today = Today();
            var me = db.Caller.UserName;
            var mark = await Paging.MarkAsync(c => HighestId.For(db)(db, c), request.Mark, ct);
            var requests = db.SummaryRequests.AsNoTracking().Where(r => r.Id <= mark);
            if (request.TenantId is { } tenant)
            {
                requests = requests.Where(r => r.TenantId == tenant);
            }

            if (request.RequestedByMe)
            {
                requests = requests.Where(r => r.RequestedBy == me);
            }

            if (request.RequestedOfMe)
            {
                requests = requests.Where(r => r.RequestedOf == me);
            }

            requests = state switch
            {
                "open" => requests.Where(r => r.FulfilledAt == null),
                "overdue" => requests.Where(r => r.FulfilledAt == null && r.DueDate < today),
                "fulfilled" => requests.Where(r => r.FulfilledAt != null),
                _ => requests,
            };

            var (page, size) = Paging.Clamp(request.Page, request.PageSize);
            var rows = requests.Join(db.Tenants, r => r.TenantId, t => t.Id, (r, t) => new { Request = r, t.Name });
            // Open ones first by due date; fulfilled ones (the same day's due dates among them) newest first.
            var ordered = rows.OrderBy(r => r.Request.FulfilledAt != null).ThenByDescending(r => r.Request.FulfilledAt)
                .ThenBy(r => r.Request.DueDate).ThenByDescending(r => r.Request.Id);
            var items = request is { TenantId: { } only, RequestedByMe: false, RequestedOfMe: false } && state is null or "" or "open"
                ? await OfTenant.For(db)(db, only, mark, state == "open", (page - 1) * size, size).ToListAsync(ct)
                : await ordered.Skip((page - 1) * size).Take(size).Select(r => new Found(r.Request, r.Name)).ToListAsync(ct);
            // A request found is of a tenant the caller sees; only an empty page asks whether the tenant is there at all.
            if (items.Count == 0 && !tenantRead && request.TenantId is { } id && !await db.Tenants.AnyAsync(t => t.Id == id, ct))
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            var total = await Paging.TotalAsync(page, size, items.Count, rows.CountAsync, ct);
            return Result<Page<Row>>.Ok(new Page<Row>(items.Select(r => new Row(r.Request, r.Name, StateOf(r.Request, today))).ToList(), page, size, total)
            {
                Next = Paging.NextOf(page, size, total, mark),
            });
        }

        /// <summary>One request in the caller's scope (its tenant's), or SummaryRequestNotFound.</summary>
        public async Task<Result<Row>> OneAsync(long id, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            var found = await db.SummaryRequests.AsNoTracking().Where(r => r.Id == id)
                .Join(db.Tenants, r => r.TenantId, t => t.Id, (r, t) => new Found(r, t.Name)).FirstOrDefaultAsync(ct);
            return found is null ? Refusal.Of(RefusalCodes.SummaryRequestNotFound) : Result<Row>.Ok(new Row(found.Request, found.Name, StateOf(found.Request, Today())));
        }

        private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }

    private sealed record Found(SummaryRequest Request, string Name);

    /// <summary>The highest request id, in every scope: a list's mark (compiled once, as the tenant page reads it every time).</summary>
    private static readonly PerModel<Func<HeadwayDbContext, CancellationToken, Task<long?>>> HighestId = new(() => EF.CompileAsyncQuery(
        (HeadwayDbContext db, CancellationToken ct) => db.SummaryRequests.IgnoreQueryFilters().Max(r => (long?)r.Id)));

    /// <summary>
    /// A page of one tenant's requests, all or the open ones, in the list's order: what the tenant page shows, compiled
    /// once, since a query given as LINQ costs its translation-cache lookup every time.
    /// </summary>
    private static readonly PerModel<Func<HeadwayDbContext, long, long, bool, int, int, IAsyncEnumerable<Found>>> OfTenant = new(() => EF.CompileAsyncQuery(
        (HeadwayDbContext db, long tenantId, long mark, bool openOnly, int skip, int take) => db.SummaryRequests.AsNoTracking()
            .Where(r => r.Id <= mark && r.TenantId == tenantId && (!openOnly || r.FulfilledAt == null))
            .Join(db.Tenants, r => r.TenantId, t => t.Id, (r, t) => new { Request = r, t.Name })
            .OrderBy(r => r.Request.FulfilledAt != null).ThenByDescending(r => r.Request.FulfilledAt)
            .ThenBy(r => r.Request.DueDate).ThenByDescending(r => r.Request.Id)
            .Skip(skip).Take(take)
            .Select(r => new Found(r.Request, r.Name))));

    /// <summary>Where a request stands on a day.</summary>
    public static SummaryRequestState StateOf(SummaryRequest r, DateOnly today) =>
        r.FulfilledAt is not null ? SummaryRequestState.Fulfilled : r.DueDate < today ? SummaryRequestState.Overdue : SummaryRequestState.Open;

    /// <summary>The state filter's value for a state (the API's and the page's query string).</summary>
    public static string Name(SummaryRequestState state) => state.ToString().ToLower(CultureInfo.InvariantCulture);
}

using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>A tenant's change history, newest first, paged.</summary>
public static class GetHistory
{
    /// <remarks><c>Mark</c>: The list's mark from a next link (<see cref="PageCursor"/>): changes after it are left out.</remarks>
    /// <param name="TenantId">The tenant.</param>
    /// <param name="Page">The page, from 1.</param>
    /// <param name="PageSize">Changes per page.</param>
    /// <param name="Mark">The newest change id the pages were first read at.</param>
    /// <param name="Workload">Only this workload's changes (its code).</param>
    /// <param name="ChangedBy">Only changes made by this person (their email, any case).</param>
    /// <param name="From">Only changes from the start of this day (UTC).</param>
    /// <param name="To">Only changes up to the end of this day (UTC).</param>
    /// <param name="Field">Only changes of this field (one of <see cref="FieldChange.Fields"/>).</param>
    public sealed record Request(long TenantId, int? Page = 1, int? PageSize = 50, long? Mark = null, string? Workload = null, string? ChangedBy = null,
        DateOnly? From = null, DateOnly? To = null, string? Field = null);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Page<StatusChange>>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } refusal)
            {
                return refusal;
            }

            if (!await db.Tenants.AnyAsync(t => t.Id == request.TenantId, ct))
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            if (DateRules.Check(("from", request.From), ("to", request.To)) is { } outOfRange)
            {
                return outOfRange;
            }

            if (request.From > request.To)
            {
                return Refusal.ForField("to", RefusalCodes.DateRangeReversed, Iso(request.From!.Value), Iso(request.To!.Value));
            }

            var field = string.IsNullOrWhiteSpace(request.Field) ? null : request.Field.Trim();
            if (field is not null && !FieldChange.Fields.Contains(field, StringComparer.Ordinal))
            {
                return Refusal.ForField("field", RefusalCodes.UnknownFilterValue, "field", field, string.Join(", ", FieldChange.Fields));
            }

            var (page, size) = Paging.Clamp(request.Page, request.PageSize);
            var mark = await Paging.MarkAsync(db.StatusChanges.IgnoreQueryFilters().Select(c => c.Id), request.Mark, ct);
            var query = db.StatusChanges.AsNoTracking().Where(c => c.TenantId == request.TenantId && c.Id <= mark);
            if (!string.IsNullOrWhiteSpace(request.Workload))
            {
                var workload = request.Workload.Trim().ToUpperInvariant();
                query = query.Where(c => c.Workload == workload);
            }

            if (!string.IsNullOrWhiteSpace(request.ChangedBy))
            {
                var who = request.ChangedBy.Trim().ToLowerInvariant();
#pragma warning disable CA1862 // translated to SQL: lower() on both databases
                query = query.Where(c => c.ChangedBy.ToLower() == who);
#pragma warning restore CA1862
            }

            if (request.From is { } from)
            {
                var start = DateRules.StartUtc(from);
                query = query.Where(c => c.ChangedAt >= start);
            }

            if (request.To is { } to)
            {
                var end = DateRules.EndUtc(to);
                query = query.Where(c => c.ChangedAt < end);
            }

            var ordered = query.OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id);
            if (field is not null)
            {
                // The changed fields are stored as one JSON text per entry, so they are read here; one tenant's history is small.
                var kept = (await ordered.ToListAsync(ct)).Where(c => c.Changes.Any(f => f.Field == field)).ToList();
                return Result<Page<StatusChange>>.Ok(new Page<StatusChange>(kept.Skip((page - 1) * size).Take(size).ToList(), page, size, kept.Count)
                {
                    Next = Paging.NextOf(page, size, kept.Count, mark),
                });
            }

            var total = await query.CountAsync(ct);
            var items = await ordered.Skip((page - 1) * size).Take(size).ToListAsync(ct);
            return Result<Page<StatusChange>>.Ok(new Page<StatusChange>(items, page, size, total) { Next = Paging.NextOf(page, size, total, mark) });
        }

        /// <summary>Who changed the tenant's entitlements (for a filter's list), in order of their addresses; empty for a tenant the caller cannot read.</summary>
        public async Task<IReadOnlyList<string>> PeopleAsync(long tenantId, CancellationToken ct = default) =>
            Permissions.Check(db.Caller, Permission.ReadTenants) is not null
                ? []
                : await db.StatusChanges.AsNoTracking().Where(c => c.TenantId == tenantId).Select(c => c.ChangedBy).Distinct().OrderBy(p => p).Take(500).ToListAsync(ct);

        private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
}

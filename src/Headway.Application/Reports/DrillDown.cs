using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Reports;

/// <summary>
/// The entitlements and notes behind a number of a report: the report's filter plus the line's
/// conditions. Readers who may not see tenants (product analysts) get the statuses and notes without
/// the tenant's name, and the notes with the customer's and contacts' names masked (<see cref="NoteMask"/>).
/// </summary>
public static class DrillDown
{
    public sealed record Request(ReportFilter Filter, string? L1 = null, string? L2 = null, string? Hygiene = null, int? Page = 1, int? PageSize = 50,
        string? Hashtag = null, long? Mark = null);

    public sealed record Row(long? TenantId, string? TenantName, string Workload, string L1, string? L2, string? Note, string? NoteGrade,
        DateTimeOffset LastChangedAt, string Region, int? Attempts);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public async Task<Result<Page<Row>>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadReports) is { } forbidden)
            {
                return forbidden;
            }

            // A value no line of a report gives is an error, not an empty list that looks like an answer.
            if (!string.IsNullOrEmpty(request.L1) && Domain.Taxonomy.StatusTaxonomy.Default.FindL1(request.L1) is null)
            {
                return Refusal.ForField("l1", RefusalCodes.UnknownFilterValue, "l1", request.L1,
                    string.Join(", ", Domain.Taxonomy.StatusTaxonomy.Default.L1s.Select(l => l.Code)));
            }

            if (request.L2 is { Length: > 0 } l2 && Domain.Taxonomy.StatusTaxonomy.Default.FindL2(l2) is null)
            {
                return Refusal.ForField("l2", RefusalCodes.UnknownFilterValue, "l2", l2,
                    string.Join(", ", Domain.Taxonomy.StatusTaxonomy.Default.L2s.Select(l => l.Code)));
            }

            if (!string.IsNullOrEmpty(request.Hygiene) && !HygieneReport.Filters.Contains(request.Hygiene))
            {
                return Refusal.ForField("hygiene", RefusalCodes.UnknownFilterValue, "hygiene", request.Hygiene, string.Join(", ", HygieneReport.Filters));
            }

            var f = request.Filter;
            var rows = ReportRows.Query(db, f);
            if (!string.IsNullOrEmpty(request.L1))
            {
                rows = rows.Where(r => r.L1 == request.L1);
            }

            if (request.L2 is not null)
            {
                rows = request.L2.Length == 0 ? rows.Where(r => r.L2 == null) : rows.Where(r => r.L2 == request.L2);
            }

            if (!string.IsNullOrEmpty(request.Hygiene))
            {
                rows = HygieneReport.Matching(rows, request.Hygiene, f, f.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            }

            if (!string.IsNullOrWhiteSpace(request.Hashtag))
            {
                var tag = " " + Hashtags.Normalize(request.Hashtag) + " ";
                rows = rows.Where(r => r.Hashtags != null && (" " + r.Hashtags + " ").Contains(tag));
            }

            var (page, size) = Paging.Clamp(request.Page, request.PageSize);
            // Entitlements registered after the first page stay out of the later ones (PageCursor).
            var mark = await Paging.MarkAsync(db.Entitlements.IgnoreQueryFilters().Select(e => e.Id), request.Mark, ct);
            rows = rows.Where(r => r.EntitlementId <= mark);
            var total = await rows.CountAsync(ct);
            var items = await rows.OrderBy(r => r.TenantId).ThenBy(r => r.Workload).Skip((page - 1) * size).Take(size).ToListAsync(ct);
            var mayName = Permissions.Allows(db.Caller, Permission.ReadTenants);
            var ids = items.Select(r => r.TenantId).Distinct().ToList();
            var tenants = await db.Tenants.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => (t.Name, t.BrandName), ct);
            var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
            string? Note(ReportRow r) => mayName ? r.Note
                : NoteMask.Mask(r.Note, tenants.GetValueOrDefault(r.TenantId).Name, tenants.GetValueOrDefault(r.TenantId).BrandName, culture);
            return Result<Page<Row>>.Ok(new Page<Row>(
                items.Select(r => new Row(mayName ? r.TenantId : null, mayName ? tenants.GetValueOrDefault(r.TenantId).Name : null, r.Workload, r.L1, r.L2, Note(r), r.NoteGrade,
                    r.LastChangedAt, r.Region, r.L2 == Domain.Taxonomy.TaxonomyCodes.CustomerUnresponsive ? AttemptCount(r.Note) : null)).ToList(),
                page, size, total)
            {
                Next = Paging.NextOf(page, size, total, mark),
            });
        }
    }

    /// <summary>
    /// The number of contact attempts an unresponsive note states ("3 contact attempts", "3 次", "dreimal"), if any,
    /// read by the note coach with each language's own attempt and number words.
    /// </summary>
    public static int? AttemptCount(string? note) => note is null ? null : NoteCoach.Coach.Default.ContactAttempts(note);
}

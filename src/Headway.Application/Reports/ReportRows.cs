using Headway.Application.Data;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Reports;

/// <summary>One entitlement as a report sees it: its status, note and grade with its tenant's attributes.</summary>
public sealed record ReportRow
{
    public long EntitlementId { get; init; }
    public long TenantId { get; init; }
    public required string Workload { get; init; }
    public required string L1 { get; init; }
    public string? L2 { get; init; }
    public string? Note { get; init; }
    public string? NoteGrade { get; init; }
    public string? Hashtags { get; init; }
    public DateOnly? TargetDate { get; init; }
    public DateOnly? ProjectedUnblockDate { get; init; }
    public DateTimeOffset LastChangedAt { get; init; }
    public int Seats { get; init; }
    public required string Region { get; init; }
    public required string Country { get; init; }
    public long? PartnerId { get; init; }
    public string? Manager { get; init; }
    public Priority Priority { get; init; }
}

/// <summary>
/// The rows every report starts from, in SQL: the caller's scope (the context's filters), never a
/// duplicate/invalid tenant or entitlement, and the filter. As of a past day the statuses come from the
/// history: each entitlement's last change up to the end of that day.
/// </summary>
internal static class ReportRows
{
    /// <summary>The tenants the filter's tenant conditions keep (scope, not duplicate, region, country, partner, manager, priority, tag).</summary>
    public static IQueryable<Domain.Tenants.Tenant> Tenants(HeadwayDbContext db, ReportFilter f)
    {
        var tenants = db.Tenants.Where(t => !t.IsDuplicate);
        if (f.Regions is { Count: > 0 } regions)
        {
            tenants = tenants.Where(t => EF.MultipleParameters(regions).Contains(t.Region));
        }

        if (!string.IsNullOrWhiteSpace(f.Country))
        {
            tenants = tenants.Where(t => t.Country == f.Country);
        }

        if (f.PartnerId is { } partner)
        {
            tenants = tenants.Where(t => t.PartnerId == partner);
        }
        else if (f.CentreOnly)
        {
            tenants = tenants.Where(t => t.PartnerId == null);
        }

        if (!string.IsNullOrWhiteSpace(f.Manager))
        {
            tenants = tenants.Where(t => t.ManagerName == f.Manager);
        }

        if (f.Priority is { } priority)
        {
            tenants = tenants.Where(t => t.Priority == priority);
        }

        if (!string.IsNullOrWhiteSpace(f.Tag))
        {
            var tag = " " + Domain.Tenants.Hashtags.Normalize(f.Tag) + " ";
            tenants = tenants.Where(t => db.OverallNotes.Any(n => n.TenantId == t.Id && n.Hashtags != null && (" " + n.Hashtags + " ").Contains(tag)));
        }

        return tenants;
    }

    public static IQueryable<ReportRow> Query(HeadwayDbContext db, ReportFilter f)
    {
        // A tenant found to be a duplicate was never a customer of its own: it leaves past days too.
        var tenants = Tenants(db, f);
        IQueryable<ReportRow> rows;
        if (f.AsOf is { } day)
        {
            var end = DateRules.EndUtc(day);
            var changes = db.StatusChanges.Where(c => c.ChangedAt < end);
            rows = changes
                .Where(c => !changes.Any(o => o.EntitlementId == c.EntitlementId && (o.ChangedAt > c.ChangedAt || (o.ChangedAt == c.ChangedAt && o.Id > c.Id))))
                .Join(tenants, c => c.TenantId, t => t.Id, (c, t) => new ReportRow
                {
                    EntitlementId = c.EntitlementId,
                    TenantId = t.Id,
                    Workload = c.Workload,
                    L1 = c.L1,
                    L2 = c.L2,
                    Note = c.Note,
                    NoteGrade = null,
                    Hashtags = null,
                    TargetDate = c.TargetDate,
                    ProjectedUnblockDate = c.ProjectedUnblockDate,
                    LastChangedAt = c.ChangedAt,
                    Seats = t.Seats,
                    Region = t.Region,
                    Country = t.Country,
                    PartnerId = t.PartnerId,
                    Manager = t.ManagerName,
                    Priority = t.Priority,
                });
        }
        else
        {
            // Today's rows need no join: each entitlement carries its tenant's attributes, and every entitlement of a
            // duplicate/invalid tenant is DuplicateInvalid, which the L1 condition below leaves out.
            var entitlements = db.Entitlements.AsQueryable();
            if (f.Regions is { Count: > 0 } regions)
            {
                entitlements = entitlements.Where(e => EF.MultipleParameters(regions).Contains(e.TenantRegion));
            }

            if (!string.IsNullOrWhiteSpace(f.Country))
            {
                entitlements = entitlements.Where(e => e.TenantCountry == f.Country);
            }

            if (f.PartnerId is { } partner)
            {
                entitlements = entitlements.Where(e => e.PartnerId == partner);
            }
            else if (f.CentreOnly)
            {
                entitlements = entitlements.Where(e => e.PartnerId == null);
            }

            if (!string.IsNullOrWhiteSpace(f.Manager))
            {
                entitlements = entitlements.Where(e => e.TenantManager == f.Manager);
            }

            if (f.Priority is { } priority)
            {
                entitlements = entitlements.Where(e => e.TenantPriority == priority);
            }

            if (!string.IsNullOrWhiteSpace(f.Tag))
            {
                entitlements = entitlements.Where(e => tenants.Any(t => t.Id == e.TenantId));
            }

            rows = entitlements.Select(e => new ReportRow
            {
                EntitlementId = e.Id,
                TenantId = e.TenantId,
                Workload = e.Workload,
                L1 = e.L1,
                L2 = e.L2,
                Note = e.Note,
                NoteGrade = e.NoteGrade,
                Hashtags = e.Hashtags,
                TargetDate = e.TargetDate,
                ProjectedUnblockDate = e.ProjectedUnblockDate,
                LastChangedAt = e.LastChangedAt,
                Seats = e.TenantSeats,
                Region = e.TenantRegion,
                Country = e.TenantCountry,
                PartnerId = e.PartnerId,
                Manager = e.TenantManager,
                Priority = e.TenantPriority,
            });
        }

        rows = rows.Where(r => r.L1 != TaxonomyCodes.DuplicateInvalid);
        if (f.Workloads is { Count: > 0 } workloads)
        {
            rows = rows.Where(r => EF.MultipleParameters(workloads).Contains(r.Workload));
        }

        if (f.From is { } from)
        {
            var start = DateRules.StartUtc(from);
            rows = rows.Where(r => r.LastChangedAt >= start);
        }

        if (f.To is { } to)
        {
            var end = DateRules.EndUtc(to);
            rows = rows.Where(r => r.LastChangedAt < end);
        }

        return rows;
    }
}

using System.Runtime.CompilerServices;
using Headway.Application.Data;
using Headway.Application.Imports;
using Headway.Application.Summaries;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Exports;

/// <summary>
/// Everything the caller may see, as tables to stream out: tenants, entitlements (the same columns an import
/// reads, so an export can be edited and imported back), overall notes and the status history. Rows are read
/// with one streaming query each, so memory stays flat however large the scope; the caller's partner scope
/// applies through the model's query filters.
/// </summary>
public static class ExportData
{
    public const string Tenants = "tenants";
    public const string Entitlements = "entitlements";
    public const string Notes = "notes";
    public const string History = "history";

    /// <summary>The tenant list with its filter and sort (not one of <see cref="Datasets"/>: it is exported from the list).</summary>
    public const string TenantList = "tenant-list";

    /// <summary>The executive summaries list: each tenant's latest, in one region or all (exported from the list).</summary>
    public const string Summaries = "executive-summaries";

    public static IReadOnlyList<string> Datasets { get; } = [Entitlements, Tenants, Notes, History];

    /// <summary>A table: its column names and its rows, read when enumerated. Values are strings, numbers, dates or null.</summary>
    public sealed record Table(string Name, IReadOnlyList<string> Columns, IAsyncEnumerable<object?[]> Rows);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public Result<Table> Open(string dataset)
        {
            // Names and notes are tenant data: product analysts read reports, not these; a service account needs its export scope.
            if (Permissions.Check(db.Caller, Permission.Export) is { } forbidden)
            {
                return forbidden;
            }

            return dataset.ToLowerInvariant() switch
            {
                Entitlements => Result<Table>.Ok(new Table(Entitlements, ImportColumns.All, EntitlementRows())),
                Tenants => Result<Table>.Ok(new Table(Tenants,
                    ["id", "tenant", "brand", "country", "region", "seats", "priority", "manager", "partner", "industry", "managed", "enterprise", "duplicate", "duplicateReason", "createdAt"],
                    TenantRows())),
                Notes => Result<Table>.Ok(new Table(Notes,
                    ["id", "tenantId", "tenant", "type", "text", "author", "authorRole", "createdAt", "nextAction", "nextActionDate", "nextActionOwner"], NoteRows())),
                History => Result<Table>.Ok(new Table(History,
                    ["id", "tenantId", "tenant", "workload", "kind", "changedBy", "changedAt", "l1", "l2", "l3", "note", "noteGrade", "targetDate", "projectedUnblockDate", "changes"],
                    HistoryRows())),
                _ => Refusal.ForField("dataset", RefusalCodes.UnknownChoice, dataset, string.Join(", ", Datasets)),
            };
        }

        /// <summary>
        /// The tenant list as it is shown with a filter and sort (<see cref="ListTenants"/>), every page: the list's columns,
        /// and its status mix as one column per L1 (the taxonomy's codes, in its order).
        /// </summary>
        public Result<Table> OpenTenantList(TenantFilter filter)
        {
            if (Permissions.Check(db.Caller, Permission.Export) is { } forbidden)
            {
                return forbidden;
            }

            var opened = new ListTenants.Handler(db, clock).All(filter);
            if (!opened.Succeeded)
            {
                return opened.Refusal;
            }

            var l1s = StatusTaxonomy.Default.L1s.Select(l => l.Code).ToList();
            return Result<Table>.Ok(new Table(TenantList,
                ["id", "tenant", "brand", "country", "region", "seats", "priority", "manager", "partner", "duplicate", "entitlements", .. l1s, "lastChange"],
                TenantListRows(opened.Value, l1s)));
        }

        /// <summary>The executive summaries list as it is shown for a region (every page, newest first): every field of each summary,
        /// its workload lines one per line of their cell ("CODE: state → next action").</summary>
        public Result<Table> OpenSummaries(string? region)
        {
            var opened = new ListSummaries.Handler(db).All(region);
            return opened.Succeeded
                ? Result<Table>.Ok(new Table(Summaries,
                    ["id", "tenantId", "tenant", "region", "priority", "engagementStatus", "deploymentProgress", "customerDescription", "relationship",
                        "workloads", "supportRequests", "risks", "author", "createdAt"],
                    SummaryRows(opened.Value)))
                : opened.Refusal;
        }

        private static async IAsyncEnumerable<object?[]> SummaryRows(IAsyncEnumerable<ListSummaries.Row> rows,
            [EnumeratorCancellation] CancellationToken ct = default)
        {
            await foreach (var r in rows.WithCancellation(ct))
            {
                var s = r.Summary;
                var lines = string.Join('\n', s.Lines.Select(l => l.Workload + ": " + l.State + (l.NextAction is { Length: > 0 } next ? " → " + next : "")));
                yield return
                [
                    s.Id, s.TenantId, r.TenantName, s.Region, r.Priority.ToString(), s.EngagementStatus.ToString(), s.DeploymentProgress.ToString(),
                    s.CustomerDescription, s.Relationship, lines, s.SupportRequests, s.Risks, s.Author, s.CreatedAt,
                ];
            }
        }

        private static async IAsyncEnumerable<object?[]> TenantListRows(IAsyncEnumerable<ListTenants.Row> rows, List<string> l1s,
            [EnumeratorCancellation] CancellationToken ct = default)
        {
            await foreach (var r in rows.WithCancellation(ct))
            {
                var mix = r.StatusMix.ToDictionary(m => m.L1, m => m.Count);
                yield return
                [
                    r.Id, r.Name, r.BrandName, r.Country, r.Region, r.Seats, r.Priority.ToString(), r.Manager, r.Partner, r.IsDuplicate, r.Entitlements,
                    .. l1s.Select(l => (object?)mix.GetValueOrDefault(l)), r.LastChange,
                ];
            }
        }

        private async IAsyncEnumerable<object?[]> EntitlementRows([EnumeratorCancellation] CancellationToken ct = default)
        {
            var rows =
                from e in db.Entitlements.AsNoTracking()
                join t in db.Tenants.AsNoTracking() on e.TenantId equals t.Id
                join p in db.Partners.AsNoTracking() on t.PartnerId equals p.Id into partners
                from p in partners.DefaultIfEmpty()
                orderby t.Id, e.Workload
                select new
                {
                    t.Id,
                    t.Name,
                    t.BrandName,
                    t.Country,
                    t.Seats,
                    t.Priority,
                    t.ManagerName,
                    Partner = p == null ? null : p.Name,
                    t.Industry,
                    e.Workload,
                    e.L1,
                    e.L2,
                    e.L3,
                    e.Note,
                    e.TargetDate,
                    e.EngagementStartDate,
                    e.ProjectedUnblockDate,
                    e.NextAction,
                    e.NextActionDate,
                    e.NextActionOwner,
                    e.BusinessReason,
                    e.EngagementScenario,
                };
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                yield return
                [
                    r.Id, r.Name, r.BrandName, r.Country, r.Seats, r.Priority.ToString(), r.ManagerName, r.Partner, r.Industry, r.Workload, r.L1, r.L2, r.L3,
                    r.Note, r.TargetDate, r.EngagementStartDate, r.ProjectedUnblockDate, r.NextAction, r.NextActionDate, r.NextActionOwner, r.BusinessReason,
                    r.EngagementScenario?.ToString(),
                ];
            }
        }

        private async IAsyncEnumerable<object?[]> TenantRows([EnumeratorCancellation] CancellationToken ct = default)
        {
            var rows =
                from t in db.Tenants.AsNoTracking()
                join p in db.Partners.AsNoTracking() on t.PartnerId equals p.Id into partners
                from p in partners.DefaultIfEmpty()
                orderby t.Id
                select new { t, Partner = p == null ? null : p.Name };
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                var t = r.t;
                yield return
                [
                    t.Id, t.Name, t.BrandName, t.Country, t.Region, t.Seats, t.Priority.ToString(), t.ManagerName, r.Partner, t.Industry,
                    t.IsManaged, t.IsEnterprise, t.IsDuplicate, t.DuplicateReason, t.CreatedAt,
                ];
            }
        }

        private async IAsyncEnumerable<object?[]> NoteRows([EnumeratorCancellation] CancellationToken ct = default)
        {
            var rows =
                from n in db.OverallNotes.AsNoTracking()
                join t in db.Tenants.AsNoTracking() on n.TenantId equals t.Id
                orderby n.Id
                select new { n, t.Name };
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                var n = r.n;
                yield return [n.Id, n.TenantId, r.Name, n.Type.ToString(), n.Text, n.Author, n.AuthorRole, n.CreatedAt, n.NextAction, n.NextActionDate, n.NextActionOwner];
            }
        }

        private async IAsyncEnumerable<object?[]> HistoryRows([EnumeratorCancellation] CancellationToken ct = default)
        {
            var rows =
                from c in db.StatusChanges.AsNoTracking()
                join t in db.Tenants.AsNoTracking() on c.TenantId equals t.Id
                orderby c.Id
                select new { c, t.Name };
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                var c = r.c;
                yield return
                [
                    c.Id, c.TenantId, r.Name, c.Workload, c.Kind.ToString(), c.ChangedBy, c.ChangedAt, c.L1, c.L2, c.L3, c.Note, c.NoteGrade,
                    c.TargetDate, c.ProjectedUnblockDate, string.Join("; ", c.Changes.Select(f => $"{f.Field}: {f.Before} → {f.After}")),
                ];
            }
        }
    }
}

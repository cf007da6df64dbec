using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Entitlements;

/// <summary>
/// Changes an entitlement's status, note and next action. The one write path for the portal, the API,
/// the command line and the importer: the rules and the history live behind it.
/// </summary>
public static class ChangeStatus
{
    /// <param name="TenantId">The tenant.</param>
    /// <param name="Workload">The workload code.</param>
    /// <param name="ExpectedVersion">The version the caller read; null is refused (the API answers 428).</param>
    /// <param name="Update">The submitted fields.</param>
    /// <param name="EngagementStartDateReason">
    /// Why a set engagement start date moves; required then, and kept as an engagement-management overall
    /// note (SPEC §4: such changes are explained in an overall note, never in the status note).
    /// </param>
    public sealed record Request(long TenantId, string Workload, int? ExpectedVersion, EntitlementUpdate Update,
        string? EngagementStartDateReason = null);

    /// <summary>One workload of a bulk edit and the version its editor read.</summary>
    public sealed record Target(string Workload, int? ExpectedVersion);

    /// <summary>
    /// One status, note and next action for several workloads of a tenant, saved together or not at all.
    /// The same note on several workloads is discouraged (SPEC §3) unless the customer is unresponsive, so it
    /// needs <paramref name="ConfirmSameNote"/>.
    /// </summary>
    public sealed record BulkRequest(long TenantId, IReadOnlyList<Target> Targets, EntitlementUpdate Update,
        string? EngagementStartDateReason = null, bool ConfirmSameNote = false);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public async Task<Result<Entitlement>> HandleAsync(Request request, CancellationToken ct = default)
        {
            var result = await HandleAsync(new BulkRequest(request.TenantId, [new Target(request.Workload, request.ExpectedVersion)],
                request.Update, request.EngagementStartDateReason), ct);
            return result.Succeeded ? Result<Entitlement>.Ok(result.Value![0]) : result.Refusal!;
        }

        public async Task<Result<IReadOnlyList<Entitlement>>> HandleAsync(BulkRequest request, CancellationToken ct = default)
        {
            if (!Permissions.Allows(db.Caller, Permission.ChangeEntitlement) && !Permissions.Allows(db.Caller, Permission.SetEngagementStartDate))
            {
                return Refusal.Of(RefusalCodes.Forbidden);
            }

            if (request.Targets.Count == 0)
            {
                return Refusal.ForField("workload", RefusalCodes.NoWorkloadSelected);
            }

            var workloads = new List<(Workload Workload, int Version)>();
            foreach (var target in request.Targets)
            {
                if (WorkloadCatalogue.Default.Find(target.Workload) is not { } workload)
                {
                    return Refusal.ForField("workload", RefusalCodes.UnknownWorkload, target.Workload);
                }

                if (target.ExpectedVersion is not { } version)
                {
                    return Refusal.Of(RefusalCodes.VersionRequired);
                }

                if (workloads.All(w => w.Workload.Code != workload.Code))
                {
                    workloads.Add((workload, version));
                }
            }

            var normalized = request.Update.Normalized();
            if (workloads.Count > 1 && normalized.Note is not null && normalized.L2 != TaxonomyCodes.CustomerUnresponsive && !request.ConfirmSameNote)
            {
                return Refusal.ForField("note", RefusalCodes.SameNoteOnSeveralWorkloads,
                    workloads.Count.ToString(CultureInfo.InvariantCulture));
            }

            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == request.TenantId, ct);
            if (tenant is null)
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            var siblings = await db.Entitlements.Where(e => e.TenantId == tenant.Id).ToListAsync(ct);
            var l2 = request.Update.L2;
            var knownL3 = string.IsNullOrEmpty(request.Update.L3)
                ? []
                : await db.L3Values.Where(v => v.L2 == l2).Select(v => v.Code).ToListAsync(ct);
            var update = request.Update with { NoteGrade = NoteGrading.Grade(request.Update.Note, request.Update.L1, request.Update.L2) };
            var reason = request.EngagementStartDateReason?.Trim();
            var changed = new List<Entitlement>();
            foreach (var (workload, version) in workloads)
            {
                var refusal = Apply(tenant, siblings, workload.Code, version, update, reason, knownL3);
                if (refusal is not null)
                {
                    // Nothing of a refused request is saved, and nothing of it lingers in this unit of work.
                    db.ChangeTracker.Clear();
                    return refusal;
                }

                changed.Add(siblings.First(e => e.Workload == workload.Code));
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone saved between our read and our write; the version check in SQL caught it.
                db.ChangeTracker.Clear();
                var ids = changed.Select(e => e.Id).ToList();
                var current = await db.Entitlements.AsNoTracking().Where(e => ids.Contains(e.Id))
                    .ToDictionaryAsync(e => e.Workload, e => e.Version, ct);
                var (code, expected) = workloads.Select(w => (w.Workload.Code, w.Version)).First(w => current[w.Code] != w.Version);
                return Mismatch(expected, current[code]);
            }

            return Result<IReadOnlyList<Entitlement>>.Ok(changed);
        }

        /// <summary>Applies the update to one entitlement (tracked, not yet saved); a refusal when it may not.</summary>
        private Refusal? Apply(Tenant tenant, List<Entitlement> siblings, string workload, int expectedVersion,
            EntitlementUpdate update, string? reason, IReadOnlyCollection<string> knownL3)
        {
            var entitlement = siblings.FirstOrDefault(e => e.Workload == workload);
            if (entitlement is null)
            {
                return Refusal.ForField("workload", RefusalCodes.EntitlementNotFound, workload);
            }

            if (entitlement.Version != expectedVersion)
            {
                return Mismatch(expectedVersion, entitlement.Version);
            }

            // A gateway manager may set the engagement start date and nothing else.
            var onlyStartDate = update.Normalized() with { EngagementStartDate = entitlement.EngagementStartDate, NoteGrade = null }
                == EntitlementUpdate.From(entitlement);
            if (Permissions.Check(db.Caller, onlyStartDate ? Permission.SetEngagementStartDate : Permission.ChangeEntitlement, tenant) is { } forbidden)
            {
                return forbidden;
            }

            var previousStart = entitlement.EngagementStartDate;
            var startDateMoved = previousStart is { } before && update.EngagementStartDate is { } after && before != after;
            if (startDateMoved && string.IsNullOrEmpty(reason))
            {
                return Refusal.ForField("engagementStartDateReason", RefusalCodes.ReasonRequired);
            }

            if (reason is { Length: > FieldLimits.Text })
            {
                return Refusal.ForField("engagementStartDateReason", RefusalCodes.FieldTooLong, "engagementStartDateReason", FieldLimits.Text.ToString(CultureInfo.InvariantCulture));
            }

            var result = EntitlementRules.Change(tenant, entitlement, siblings, update, knownL3, db.Caller.UserName, clock.GetUtcNow());
            if (!result.Succeeded)
            {
                return result.Refusal!;
            }

            if (result.Value is { } change)
            {
                db.StatusChanges.Add(change);
                if (startDateMoved)
                {
                    db.OverallNotes.Add(StartDateNote(tenant, workload, previousStart!.Value, update.EngagementStartDate!.Value, reason!, change.ChangedAt));
                }
            }

            return null;
        }

        /// <summary>The overall note that explains a moved engagement start date; dates in ISO form read the same in every language.</summary>
        private OverallNote StartDateNote(Tenant tenant, string workload, DateOnly before, DateOnly after, string reason, DateTimeOffset at)
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{workload} {before:yyyy-MM-dd} → {after:yyyy-MM-dd}: {reason}");
            return new OverallNote
            {
                TenantId = tenant.Id,
                PartnerId = tenant.PartnerId,
                Type = OverallNoteType.EngagementManagement,
                Text = text,
                Author = db.Caller.UserName,
                AuthorRole = db.Caller.Role?.ToString(),
                CreatedAt = at,
                Hashtags = Hashtags.Parse(text),
            };
        }

        private static Refusal Mismatch(int expected, int current) =>
            Refusal.Of(RefusalCodes.VersionMismatch,
                expected.ToString(CultureInfo.InvariantCulture), current.ToString(CultureInfo.InvariantCulture));
    }
}

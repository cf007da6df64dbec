using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Notifications;
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
    /// One change of several workloads of a tenant, saved together or not at all. Only the fields the patch names
    /// change; every other field keeps what each entitlement holds. The same note on several workloads is discouraged
    /// (SPEC §3) unless the customer is unresponsive, so it needs <paramref name="ConfirmSameNote"/>. A dry run checks
    /// every rule and reports what would change without saving.
    /// </summary>
    public sealed record BulkRequest(long TenantId, IReadOnlyList<Target> Targets, EntitlementPatch Patch,
        string? EngagementStartDateReason = null, bool ConfirmSameNote = false, bool DryRun = false);

    /// <summary>How many of the selected entitlements a field changes on: set to a value, or cleared.</summary>
    public sealed record FieldCount(EntitlementField Field, int Set, int Cleared);

    /// <summary>
    /// The selected entitlements after the change (none on a dry run), what changes on how many of them, and whether
    /// saving needs the same-note confirmation (a dry run reports it instead of refusing).
    /// </summary>
    public sealed record BulkResponse(IReadOnlyList<Entitlement> Entitlements, IReadOnlyList<FieldCount> Changes, bool Saved,
        bool SameNoteNeedsConfirmation = false);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock, WorkloadCatalogue catalogue)
    {
        public async Task<Result<Entitlement>> HandleAsync(Request request, CancellationToken ct = default)
        {
            var result = await HandleAsync(new BulkRequest(request.TenantId, [new Target(request.Workload, request.ExpectedVersion)],
                EntitlementPatch.Replace(request.Update), request.EngagementStartDateReason), ct);
            return result.Succeeded ? Result<Entitlement>.Ok(result.Value.Entitlements[0]) : result.Refusal;
        }

        public async Task<Result<BulkResponse>> HandleAsync(BulkRequest request, CancellationToken ct = default)
        {
            var result = await ChangeAsync(request, ct);
            if (!result.Succeeded && result.Refusal.Code == RefusalCodes.VersionMismatch)
            {
                // Someone saved first: the caller finds the entitlement under the bell later, to redo the change.
                await Notify.EditConflictedAsync(db, request.TenantId, [.. request.Targets.Select(t => (t.Workload, t.ExpectedVersion ?? 0))], clock.GetUtcNow(), ct);
            }

            return result;
        }

        private async Task<Result<BulkResponse>> ChangeAsync(BulkRequest request, CancellationToken ct)
        {
            if (!Permissions.ChangesStatuses(db.Caller) && !Permissions.Allows(db.Caller, Permission.SetEngagementStartDate))
            {
                return Refusal.Of(RefusalCodes.Forbidden);
            }

            if (request.Targets.Count == 0)
            {
                return Refusal.ForField("workload", RefusalCodes.NoWorkloadSelected);
            }

            // Status-note writers change one entitlement at a time; changing several together is the manager's.
            if (request.Targets.Count > 1 && !Permissions.Allows(db.Caller, Permission.ChangeEntitlement) && Permissions.ChangesStatuses(db.Caller))
            {
                return Refusal.Of(RefusalCodes.Forbidden);
            }

            var workloads = new List<(Workload Workload, int Version)>();
            foreach (var target in request.Targets)
            {
                if (catalogue.Find(target.Workload) is not { } workload)
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

            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == request.TenantId, ct);
            if (tenant is null)
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            var siblings = await db.Entitlements.Where(e => e.TenantId == tenant.Id).ToListAsync(ct);
            var selected = new List<(Entitlement Entitlement, int Version, EntitlementUpdate After)>();
            foreach (var (workload, version) in workloads)
            {
                var entitlement = siblings.FirstOrDefault(e => e.Workload == workload.Code);
                if (entitlement is null)
                {
                    return Refusal.ForField("workload", RefusalCodes.EntitlementNotFound, workload.Code);
                }

                selected.Add((entitlement, version, request.Patch.ApplyTo(entitlement)));
            }

            var sameNote = SameNoteRefusal(request, selected.Select(s => s.After).ToList());
            if (sameNote is not null && !request.DryRun)
            {
                return sameNote;
            }

            var l2s = selected.Select(s => s.After.L2).Where(l2 => l2 is not null).Distinct().ToList();
            var l3ByL2 = selected.Any(s => s.After.L3 is not null)
                ? (await db.L3Values.Where(v => l2s.Contains(v.L2)).Select(v => new { v.L2, v.Code, Retired = v.RetiredAt != null }).ToListAsync(ct))
                    .ToLookup(v => v.L2, v => (v.Code, v.Retired))
                : null;
            var counts = new Dictionary<EntitlementField, (int Set, int Cleared)>();
            foreach (var (entitlement, version, after) in selected)
            {
                var before = EntitlementUpdate.From(entitlement);
                foreach (var field in EntitlementPatch.Differences(before, after))
                {
                    var (set, cleared) = counts.GetValueOrDefault(field);
                    counts[field] = IsCleared(field, after) ? (set, cleared + 1) : (set + 1, cleared);
                }

                var update = after with
                {
                    NoteGrade = NoteGrading.Grade(after.Note, after.L1, after.L2),
                    EngagementStartDateReason = request.EngagementStartDateReason,
                };
                // A retired value is no new choice, but an entitlement that has it keeps it through other edits.
                var knownL3 = after.L2 is null || l3ByL2 is null ? [] : l3ByL2[after.L2]
                    .Where(v => !v.Retired || (v.Code == entitlement.L3 && after.L2 == entitlement.L2)).Select(v => v.Code).ToList();
                var refusal = Apply(tenant, siblings, entitlement, version, update, knownL3);
                if (refusal is not null)
                {
                    // Nothing of a refused request is saved, and nothing of it lingers in this unit of work.
                    db.ChangeTracker.Clear();
                    return refusal;
                }
            }

            var changes = EntitlementPatch.AllFields.Where(counts.ContainsKey)
                .Select(f => new FieldCount(f, counts[f].Set, counts[f].Cleared)).ToList();
            var entitlements = selected.Select(s => s.Entitlement).ToList();
            if (request.DryRun)
            {
                // Every rule held; what was applied to the tracked entities is let go, never saved.
                db.ChangeTracker.Clear();
                return Result<BulkResponse>.Ok(new BulkResponse([], changes, Saved: false, SameNoteNeedsConfirmation: sameNote is not null));
            }

            await Notify.NextActionOwnersAsync(db, tenant, entitlements, clock.GetUtcNow(), ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone saved between our read and our write; the version check in SQL caught it.
                db.ChangeTracker.Clear();
                var ids = entitlements.Select(e => e.Id).ToList();
                var current = await db.Entitlements.AsNoTracking().Where(e => ids.Contains(e.Id))
                    .ToDictionaryAsync(e => e.Workload, e => e.Version, ct);
                var (code, expected) = workloads.Select(w => (w.Workload.Code, w.Version)).First(w => current[w.Code] != w.Version);
                return EntitlementEditing.Mismatch(expected, current[code]);
            }

            return Result<BulkResponse>.Ok(new BulkResponse(entitlements, changes, Saved: true));
        }

        /// <summary>The same note on several workloads needs a confirmation (the rule is the Domain's, shared with the importer).</summary>
        private static Refusal? SameNoteRefusal(BulkRequest request, IReadOnlyList<EntitlementUpdate> after) =>
            request.Patch.Sets(EntitlementField.Note) && !request.ConfirmSameNote
                && EntitlementRules.SameNoteNeedsConfirmation([.. after.Select(a => (a.Note, a.L2))])
                ? Refusal.ForField("note", RefusalCodes.SameNoteOnSeveralWorkloads, after.Count.ToString(CultureInfo.InvariantCulture))
                : null;

        private static bool IsCleared(EntitlementField field, EntitlementUpdate after) => field switch
        {
            EntitlementField.Status => false,
            EntitlementField.L3 => after.L3 is null,
            EntitlementField.Note => after.Note is null,
            EntitlementField.TargetDate => after.TargetDate is null,
            EntitlementField.EngagementStartDate => after.EngagementStartDate is null,
            EntitlementField.ProjectedUnblockDate => after.ProjectedUnblockDate is null,
            EntitlementField.NextAction => after.NextAction is null,
            EntitlementField.NextActionDate => after.NextActionDate is null,
            EntitlementField.NextActionOwner => after.NextActionOwner is null,
            EntitlementField.BusinessReason => after.BusinessReason is null,
            EntitlementField.EngagementScenario => after.EngagementScenario is null,
            _ => false,
        };

        /// <summary>Applies the update to one entitlement (tracked, not yet saved); a refusal when it may not.</summary>
        private Refusal? Apply(Tenant tenant, List<Entitlement> siblings, Entitlement entitlement, int expectedVersion, EntitlementUpdate update,
            IReadOnlyCollection<string> knownL3)
        {
            var result = EntitlementEditing.Apply(db.Caller, tenant, entitlement, siblings, update, knownL3, expectedVersion, clock.GetUtcNow());
            if (!result.Succeeded)
            {
                return result.Refusal;
            }

            if (result.Value.Change is { } change)
            {
                db.StatusChanges.Add(change);
            }

            if (result.Value.Explanation is { } note)
            {
                db.OverallNotes.Add(note);
            }

            return null;
        }
    }
}

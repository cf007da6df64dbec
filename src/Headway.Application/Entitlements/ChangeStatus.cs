using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Tenants;
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

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public async Task<Result<Entitlement>> HandleAsync(Request request, CancellationToken ct = default)
        {
            var workload = WorkloadCatalogue.Default.Find(request.Workload);
            if (workload is null)
            {
                return Refusal.ForField("workload", RefusalCodes.UnknownWorkload, request.Workload);
            }

            if (!Permissions.Allows(db.Caller, Permission.ChangeEntitlement) && !Permissions.Allows(db.Caller, Permission.SetEngagementStartDate))
            {
                return Refusal.Of(RefusalCodes.Forbidden);
            }

            if (request.ExpectedVersion is null)
            {
                return Refusal.Of(RefusalCodes.VersionRequired);
            }

            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == request.TenantId, ct);
            if (tenant is null)
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            var siblings = await db.Entitlements.Where(e => e.TenantId == tenant.Id).ToListAsync(ct);
            var entitlement = siblings.FirstOrDefault(e => e.Workload == workload.Code);
            if (entitlement is null)
            {
                return Refusal.ForField("workload", RefusalCodes.EntitlementNotFound, workload.Code);
            }

            if (entitlement.Version != request.ExpectedVersion)
            {
                return Mismatch(request.ExpectedVersion.Value, entitlement.Version);
            }

            // A gateway manager may set the engagement start date and nothing else.
            var onlyStartDate = request.Update.Normalized() with { EngagementStartDate = entitlement.EngagementStartDate, NoteGrade = null }
                == EntitlementUpdate.From(entitlement);
            if (Permissions.Check(db.Caller, onlyStartDate ? Permission.SetEngagementStartDate : Permission.ChangeEntitlement, tenant) is { } forbidden)
            {
                return forbidden;
            }

            var reason = request.EngagementStartDateReason?.Trim();
            var previousStart = entitlement.EngagementStartDate;
            var startDateMoved = previousStart is { } before && request.Update.EngagementStartDate is { } after && before != after;
            if (startDateMoved && string.IsNullOrEmpty(reason))
            {
                return Refusal.ForField("engagementStartDateReason", RefusalCodes.ReasonRequired);
            }

            if (reason is { Length: > FieldLimits.Text })
            {
                return Refusal.ForField("engagementStartDateReason", RefusalCodes.FieldTooLong, "engagementStartDateReason", FieldLimits.Text.ToString(CultureInfo.InvariantCulture));
            }

            var l2 = request.Update.L2;
            var knownL3 = string.IsNullOrEmpty(request.Update.L3)
                ? []
                : await db.L3Values.Where(v => v.L2 == l2).Select(v => v.Code).ToListAsync(ct);
            var update = request.Update with { NoteGrade = NoteGrading.Grade(request.Update.Note, request.Update.L1, request.Update.L2) };
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
                    db.OverallNotes.Add(StartDateNote(tenant, workload.Code, previousStart!.Value, request.Update.EngagementStartDate!.Value, reason!, change.ChangedAt));
                }
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Someone saved between our read and our write; the version check in SQL caught it.
                    db.ChangeTracker.Clear();
                    var current = await db.Entitlements.AsNoTracking()
                        .Where(e => e.Id == entitlement.Id).Select(e => e.Version).FirstAsync(ct);
                    return Mismatch(request.ExpectedVersion.Value, current);
                }
            }

            return Result<Entitlement>.Ok(entitlement);
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

using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Tenants;

namespace Headway.Application.WorkList;

/// <summary>
/// Moves a next action to another day, today or later. An entitlement's is an ordinary edit of its next action date
/// (<see cref="ChangeStatus"/>: the version read, the rules, the history); an overall note's is moved by its author or
/// the tenant's manager, with a revision holding the note as it was.
/// </summary>
public static class MoveNextAction
{
    /// <param name="Subject">An entitlement or an overall note.</param>
    /// <param name="Id">Its id.</param>
    /// <param name="Date">The new due date (required).</param>
    /// <param name="ExpectedVersion">For an entitlement, the version the caller read (required); a note carries none.</param>
    public sealed record Request(WorkSubject Subject, long Id, DateOnly? Date, int? ExpectedVersion = null);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock, ChangeStatus.Handler changeStatus)
    {
        public async Task<Result<NextActionOutcome>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            if (request.Subject is not (WorkSubject.Entitlement or WorkSubject.Note))
            {
                return NextActionTargets.NotActionable(request.Subject);
            }

            if (request.Date is not { } date)
            {
                return Refusal.ForField("date", RefusalCodes.ValueRequired, "date");
            }

            return request.Subject == WorkSubject.Entitlement ? await EntitlementAsync(request, date, ct) : await NoteAsync(request.Id, date, ct);
        }

        private async Task<Result<NextActionOutcome>> EntitlementAsync(Request request, DateOnly date, CancellationToken ct)
        {
            if (request.ExpectedVersion is not { } version)
            {
                return Refusal.Of(RefusalCodes.VersionRequired);
            }

            var (entitlement, tenant, missing) = await NextActionTargets.EntitlementAsync(db, request.Id, ct);
            if (missing is not null)
            {
                return missing;
            }

            if (entitlement!.Version != version)
            {
                return EntitlementEditing.Mismatch(version, entitlement.Version);
            }

            if (Permissions.CheckEntitlement(db.Caller, Permission.ChangeEntitlement, tenant!, entitlement.Workload) is { } refusal)
            {
                return refusal;
            }

            if (DateRules.Check(("date", date)) is { } outOfRange)
            {
                return outOfRange;
            }

            if (date < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            {
                return Refusal.ForField("date", RefusalCodes.NextActionDateInPast, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            if (entitlement.NextAction is null && entitlement.NextActionDate is null)
            {
                return Refusal.Of(RefusalCodes.NoNextAction);
            }

            // Only the date changes; every other field keeps what the entitlement holds.
            var patch = new EntitlementPatch(new EntitlementUpdate(entitlement.L1, entitlement.L2, NextActionDate: date),
                new HashSet<EntitlementField> { EntitlementField.NextActionDate });
            var result = await changeStatus.HandleAsync(
                new ChangeStatus.BulkRequest(entitlement.TenantId, [new ChangeStatus.Target(entitlement.Workload, version)], patch), ct);
            return result.Succeeded ? Result<NextActionOutcome>.Ok(NextActionTargets.Outcome(result.Value.Entitlements[0])) : result.Refusal;
        }

        private async Task<Result<NextActionOutcome>> NoteAsync(long id, DateOnly date, CancellationToken ct)
        {
            var (note, tenant, missing) = await NextActionTargets.NoteAsync(db, id, ct);
            if (missing is not null)
            {
                return missing;
            }

            if (Permissions.CheckNoteAction(db.Caller, note!, tenant!) is { } refusal)
            {
                return refusal;
            }

            var result = NoteNextActions.Move(note!, date, db.Caller.UserName, clock.GetUtcNow());
            if (!result.Succeeded)
            {
                return result.Refusal;
            }

            if (result.Value.Revision is { } revision)
            {
                db.OverallNoteRevisions.Add(revision);
                await db.SaveChangesAsync(ct);
            }

            return Result<NextActionOutcome>.Ok(NextActionTargets.Outcome(note!));
        }
    }
}

using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;

namespace Headway.Application.WorkList;

/// <summary>
/// Marks a next action done, from the work list or the API: an entitlement's through its one edit path (the version read,
/// the right to change the tenant's entitlements, the rule that keeps the action in the history), an overall note's by
/// its author or the tenant's manager, with a revision holding the note as it was. Done, it leaves the work list.
/// </summary>
public static class CompleteNextAction
{
    /// <param name="Subject">An entitlement or an overall note.</param>
    /// <param name="Id">Its id.</param>
    /// <param name="ExpectedVersion">For an entitlement, the version the caller read (required); a note carries none.</param>
    public sealed record Request(WorkSubject Subject, long Id, int? ExpectedVersion = null);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public async Task<Result<NextActionOutcome>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            return request.Subject switch
            {
                WorkSubject.Entitlement => await EntitlementAsync(request, ct),
                WorkSubject.Note => await NoteAsync(request.Id, ct),
                _ => NextActionTargets.NotActionable(request.Subject),
            };
        }

        private async Task<Result<NextActionOutcome>> EntitlementAsync(Request request, CancellationToken ct)
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

            var result = EntitlementEditing.MarkNextActionDone(db.Caller, tenant!, entitlement!, version, clock.GetUtcNow());
            if (!result.Succeeded)
            {
                return result.Refusal;
            }

            db.StatusChanges.Add(result.Value);
            return await NextActionTargets.SaveAsync(db, entitlement, version, ct) is { } conflict
                ? conflict
                : Result<NextActionOutcome>.Ok(NextActionTargets.Outcome(entitlement!));
        }

        private async Task<Result<NextActionOutcome>> NoteAsync(long id, CancellationToken ct)
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

            var result = NoteNextActions.MarkDone(note!, db.Caller.UserName, clock.GetUtcNow());
            if (!result.Succeeded)
            {
                return result.Refusal;
            }

            db.OverallNoteRevisions.Add(result.Value.Revision!);
            await db.SaveChangesAsync(ct);
            return Result<NextActionOutcome>.Ok(NextActionTargets.Outcome(note!));
        }
    }
}

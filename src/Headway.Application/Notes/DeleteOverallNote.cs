using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;

namespace Headway.Application.Notes;

/// <summary>
/// Deletes an overall note, softly: it leaves the timeline, searches, tags, reports and exports, while its text stays in an
/// <see cref="OverallNoteRevision"/> and the audit trail, and the tenant's history shows who deleted what. Its author may
/// delete it while their role may still write that kind of note; administrators may delete any note in their scope. The
/// caller names the version they read: a note changed since is a conflict.
/// </summary>
public static class DeleteOverallNote
{
    public sealed record Request(long NoteId, int Version);

    public sealed record Response(long NoteId, long TenantId);

    /// <summary>What the confirmation needs: the note, its tenant and its version.</summary>
    public sealed record Form(OverallNote Note, Tenant Tenant, int Version);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public async Task<Result<Form>> FormAsync(long noteId, CancellationToken ct = default)
        {
            var loaded = await NoteCorrections.LoadAsync(db, noteId, NoteChange.Delete, ct);
            return loaded.Succeeded ? Result<Form>.Ok(new Form(loaded.Value.Note, loaded.Value.Tenant, loaded.Value.Version)) : loaded.Refusal;
        }

        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            var loaded = await NoteCorrections.LoadAsync(db, request.NoteId, NoteChange.Delete, ct);
            if (!loaded.Succeeded)
            {
                return loaded.Refusal;
            }

            if (request.Version != loaded.Value.Version)
            {
                return NoteCorrections.Stale(request.Version, loaded.Value.Version);
            }

            var now = clock.GetUtcNow();
            var conflict = await NoteCorrections.SaveAsync(db, loaded.Value, NoteRevisionKind.Deleted, n =>
            {
                n.DeletedAt = now;
                n.DeletedBy = db.Caller.UserName;
            }, now, ct);
            return conflict ?? Result<Response>.Ok(new Response(request.NoteId, loaded.Value.Note.TenantId));
        }
    }
}

using Headway.Application.Data;
using Headway.Application.Search;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Notes;

/// <summary>
/// What correcting and deleting an overall note share: the note found in the caller's scope with its tenant and version,
/// the rights of <see cref="Permissions.CheckNoteChange"/>, and a save that keeps the note as it was in an
/// <see cref="OverallNoteRevision"/> and that no concurrent change can slip past.
/// </summary>
internal static class NoteCorrections
{
    /// <summary>A note as read for a change: tracked, with its tenant and the version the reader saw.</summary>
    public sealed record Loaded(OverallNote Note, Tenant Tenant, int Version);

    /// <summary>
    /// A note's version: how many revisions it has. Every change after writing appends one (an edit, a delete, a next action
    /// marked done or moved), so the number only grows and tells a reader whether the note changed since they read it.
    /// </summary>
    public static Task<int> VersionAsync(HeadwayDbContext db, long noteId, CancellationToken ct) =>
        db.OverallNoteRevisions.CountAsync(r => r.NoteId == noteId, ct);

    /// <summary>
    /// The note to change, when the caller may: roles that may never do it are refused before anything is looked up (so a
    /// note's existence tells them nothing), a note outside the scope or deleted is not found.
    /// </summary>
    public static async Task<Result<Loaded>> LoadAsync(HeadwayDbContext db, long noteId, NoteChange change, CancellationToken ct)
    {
        var caller = db.Caller;
        if (change == NoteChange.Edit ? !caller.IsOperator && !Permissions.WritesNotes(caller) : !Permissions.DeletesNotes(caller))
        {
            return Refusal.Of(RefusalCodes.Forbidden);
        }

        var note = await db.OverallNotes.FirstOrDefaultAsync(n => n.Id == noteId, ct);
        var tenant = note is null ? null : await db.Tenants.FirstOrDefaultAsync(t => t.Id == note.TenantId, ct);
        if (note is null || tenant is null)
        {
            return Refusal.Of(RefusalCodes.NoteNotFound);
        }

        if (Permissions.CheckNoteChange(caller, note, tenant, change) is { } refusal)
        {
            return refusal;
        }

        return Result<Loaded>.Ok(new Loaded(note, tenant, await VersionAsync(db, noteId, ct)));
    }

    /// <summary>The refusal of a change made on a version that is no longer the note's.</summary>
    public static Refusal Stale(int yours, int current) =>
        Refusal.Of(RefusalCodes.NoteVersionMismatch, yours.ToString(System.Globalization.CultureInfo.InvariantCulture),
            current.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Applies <paramref name="change"/> to the loaded note and saves it with a revision of <paramref name="kind"/> holding the
    /// note as it was, in one transaction with its audit entries. The row is claimed first by an UPDATE that matches only the
    /// state that was read, so an edit, a delete or a next-action change saved meanwhile (through another node too) turns
    /// this one into a conflict instead of being overwritten. A delete also leaves the SQLite search index.
    /// </summary>
    public static async Task<Refusal?> SaveAsync(HeadwayDbContext db, Loaded loaded, NoteRevisionKind kind, Action<OverallNote> change, DateTimeOffset now,
        CancellationToken ct)
    {
        var note = loaded.Note;
        var (id, type, text, nextAction, nextActionDate, nextActionOwner, editedAt, doneAt) =
            (note.Id, note.Type, note.Text, note.NextAction, note.NextActionDate, note.NextActionOwner, note.EditedAt, note.NextActionDoneAt);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var claimed = await db.OverallNotes
                .Where(n => n.Id == id && n.Type == type && n.Text == text && n.NextAction == nextAction && n.NextActionDate == nextActionDate
                    && n.NextActionOwner == nextActionOwner && n.EditedAt == editedAt && n.NextActionDoneAt == doneAt)
                .ExecuteUpdateAsync(u =>
                {
                    if (kind == NoteRevisionKind.Deleted)
                    {
                        u.SetProperty(n => n.DeletedAt, now);
                    }
                    else
                    {
                        u.SetProperty(n => n.EditedAt, now);
                    }
                }, ct);
            if (claimed == 1)
            {
                db.OverallNoteRevisions.Add(new OverallNoteRevision
                {
                    NoteId = id,
                    TenantId = note.TenantId,
                    PartnerId = note.PartnerId,
                    Kind = kind,
                    ChangedBy = db.Caller.UserName,
                    ChangedAt = now,
                    Type = type,
                    Text = text,
                    NextAction = nextAction,
                    NextActionDate = nextActionDate,
                    NextActionOwner = nextActionOwner,
                });
                change(note);
                if (kind == NoteRevisionKind.Deleted)
                {
                    await SearchIndex.RemoveAsync(db, SearchSources.OverallNotes, id, ct);
                }

                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return null;
            }
        }

        return Stale(loaded.Version, await VersionAsync(db, id, ct));
    }
}

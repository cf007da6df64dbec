using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Notes;

/// <summary>
/// What happened to a tenant's overall notes after they were written, newest first, paged: each edit, delete and change of a
/// next action, by whom and when, with the note before and after (nothing after a delete). Deleted notes are included: their
/// text lives on here.
/// </summary>
public static class ListNoteRevisions
{
    public sealed record Request(long TenantId, int? Page = 1, int? PageSize = 50, long? Mark = null);

    /// <summary>A note's fields at one moment.</summary>
    public sealed record NoteState(OverallNoteType Type, string Text, string? NextAction, DateOnly? NextActionDate, string? NextActionOwner);

    /// <summary>One revision: the note before it (the revision itself) and after it (null when it deleted the note).</summary>
    public sealed record Row(OverallNoteRevision Revision, NoteState Before, NoteState? After);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Page<Row>>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            if (!await db.Tenants.AnyAsync(t => t.Id == request.TenantId, ct))
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            var (page, size) = Paging.Clamp(request.Page, request.PageSize);
            var mark = await Paging.MarkAsync(db.OverallNoteRevisions.IgnoreQueryFilters().Select(r => r.Id), request.Mark, ct);
            var query = db.OverallNoteRevisions.AsNoTracking().Where(r => r.TenantId == request.TenantId && r.Id <= mark);
            var total = await query.CountAsync(ct);
            var items = await query.OrderByDescending(r => r.ChangedAt).ThenByDescending(r => r.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);

            // The state after a revision is the state before the next revision of the same note, or the note as it is now.
            var noteIds = items.Select(r => r.NoteId).Distinct().ToList();
            var later = await db.OverallNoteRevisions.AsNoTracking().Where(r => noteIds.Contains(r.NoteId)).ToListAsync(ct);
            var notes = await db.OverallNotes.IgnoreQueryFilters([HeadwayDbContext.DeletedNotesFilter]).AsNoTracking()
                .Where(n => noteIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
            var rows = items.Select(r =>
            {
                NoteState? after = null;
                if (r.Kind != NoteRevisionKind.Deleted)
                {
                    var next = later.Where(o => o.NoteId == r.NoteId && (o.ChangedAt > r.ChangedAt || (o.ChangedAt == r.ChangedAt && o.Id > r.Id)))
                        .OrderBy(o => o.ChangedAt).ThenBy(o => o.Id).FirstOrDefault();
                    after = next is not null ? StateOf(next) : notes.TryGetValue(r.NoteId, out var note) ? StateOf(note) : null;
                }

                return new Row(r, StateOf(r), after);
            }).ToList();
            return Result<Page<Row>>.Ok(new Page<Row>(rows, page, size, total) { Next = Paging.NextOf(page, size, total, mark) });
        }

        private static NoteState StateOf(OverallNoteRevision r) => new(r.Type, r.Text, r.NextAction, r.NextActionDate, r.NextActionOwner);

        private static NoteState StateOf(OverallNote n) => new(n.Type, n.Text, n.NextAction, n.NextActionDate, n.NextActionOwner);
    }
}

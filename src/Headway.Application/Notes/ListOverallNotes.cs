using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Notes;

/// <summary>
/// Overall notes newest first, paged back to the first: one tenant's timeline, or every note with a hashtag across tenants.
/// Deleted notes are not among them (the context's filter). Each row carries the note's version, which an edit or a
/// delete names.
/// </summary>
public static class ListOverallNotes
{
    /// <param name="TenantId">One tenant's notes; all the caller sees when null.</param>
    /// <param name="Tag">Only notes carrying this hashtag (with or without '#'); a blank or impossible tag is refused.</param>
    /// <param name="Page">The page, from 1.</param>
    /// <param name="PageSize">Notes per page.</param>
    /// <param name="Mark">The newest note id the pages were first read at, so later notes do not shift them.</param>
    /// <param name="Through">Only notes written up to the end of this day (UTC), for a tenant shown as it stood then.</param>
    public sealed record Request(long? TenantId = null, string? Tag = null, int? Page = 1, int? PageSize = 25, long? Mark = null, DateOnly? Through = null);

    public sealed record Row(OverallNote Note, string TenantName, int Version);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Page<Row>>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            if (request.Tag is not null && !Hashtags.IsTag(Hashtags.Normalize(request.Tag)))
            {
                return Refusal.ForField("tag", RefusalCodes.InvalidHashtag, request.Tag);
            }

            var (page, size) = Paging.Clamp(request.Page, request.PageSize);
            var mark = await Paging.MarkAsync(c => HighestId.For(db)(db, c), request.Mark, ct);
            var query = db.OverallNotes.AsNoTracking().Where(n => n.Id <= mark);
            if (request.TenantId is { } tenant)
            {
                query = query.Where(n => n.TenantId == tenant);
            }

            if (request.Through is { } through)
            {
                if (DateRules.Check(("asOf", through)) is { } outOfRange)
                {
                    return outOfRange;
                }

                var end = DateRules.EndUtc(through);
                query = query.Where(n => n.CreatedAt < end);
            }

            if (request.Tag is not null)
            {
                // Tags are stored lower case, space separated: match a whole tag, not a prefix.
                var tag = " " + Hashtags.Normalize(request.Tag) + " ";
                query = query.Where(n => n.Hashtags != null && (" " + n.Hashtags + " ").Contains(tag));
            }

            var rows = request is { TenantId: { } only, Tag: null, Through: null }
                ? await Timeline.For(db)(db, only, mark, (page - 1) * size, size).ToListAsync(ct)
                : await WithTenant(Newest(query).Skip((page - 1) * size).Take(size)).ToListAsync(ct);
            // A note found is on a tenant the caller sees; only an empty page asks whether the tenant is there at all.
            if (rows.Count == 0 && request.TenantId is { } id && !await db.Tenants.AnyAsync(t => t.Id == id, ct))
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            var total = await Paging.TotalAsync(page, size, rows.Count, query.CountAsync, ct);
            return Result<Page<Row>>.Ok(new Page<Row>(rows, page, size, total) { Next = Paging.NextOf(page, size, total, mark) });
        }

        /// <summary>One note with its version; NoteNotFound when it is deleted or not in the caller's scope.</summary>
        public async Task<Result<Row>> OneAsync(long noteId, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            var row = await WithTenant(db.OverallNotes.AsNoTracking().Where(n => n.Id == noteId)).FirstOrDefaultAsync(ct);
            return row is null ? Refusal.Of(RefusalCodes.NoteNotFound) : Result<Row>.Ok(row);
        }

        /// <summary>The notes with their tenant's name and their version (the number of revisions).</summary>
        private IQueryable<Row> WithTenant(IQueryable<OverallNote> notes) =>
            notes.Join(db.Tenants, n => n.TenantId, t => t.Id, (n, t) => new Row(n, t.Name, db.OverallNoteRevisions.Count(r => r.NoteId == n.Id)));
    }

    /// <summary>Newest first; the id breaks ties.</summary>
    private static IOrderedQueryable<OverallNote> Newest(IQueryable<OverallNote> notes) => notes.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id);

    /// <summary>The highest note id, deleted ones included: a list's mark (compiled once, as the tenant page reads it every time).</summary>
    private static readonly PerModel<Func<HeadwayDbContext, CancellationToken, Task<long?>>> HighestId = new(() => EF.CompileAsyncQuery(
        (HeadwayDbContext db, CancellationToken ct) => db.OverallNotes.IgnoreQueryFilters().Max(n => (long?)n.Id)));

    /// <summary>
    /// A page of one tenant's timeline, the list the tenant page shows: what <see cref="Handler.HandleAsync"/> reads for a
    /// tenant without other filters, compiled once, since a query given as LINQ costs its translation-cache lookup
    /// every time.
    /// </summary>
    private static readonly PerModel<Func<HeadwayDbContext, long, long, int, int, IAsyncEnumerable<Row>>> Timeline = new(() => EF.CompileAsyncQuery(
        (HeadwayDbContext db, long tenantId, long mark, int skip, int take) => db.OverallNotes.AsNoTracking()
            .Where(n => n.Id <= mark && n.TenantId == tenantId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip(skip).Take(take)
            .Join(db.Tenants, n => n.TenantId, t => t.Id, (n, t) => new Row(n, t.Name, db.OverallNoteRevisions.Count(r => r.NoteId == n.Id)))));
}

using Headway.Application.Data;
using Headway.Application.Notifications;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Headway.NoteCoach;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Notes;

/// <summary>
/// Adds an overall status note to a tenant's timeline, with its type, next action, date and owner.
/// Hashtags are parsed and stored; the coach's findings (such as #covid on a note about pausing) come
/// back as advice and never stop the save.
/// </summary>
public static class AddOverallNote
{
    public sealed record Request(long TenantId, string Type, string Text, string? NextAction = null,
        DateOnly? NextActionDate = null, string? NextActionOwner = null);

    public sealed record Response(OverallNote Note, IReadOnlyList<Finding> Advice);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (!Permissions.WritesNotes(db.Caller))
            {
                return Refusal.Of(RefusalCodes.Forbidden);
            }

            var (type, unknownType) = OverallNoteFields.ParseType(request.Type);
            if (unknownType is not null)
            {
                return unknownType;
            }

            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == request.TenantId, ct);
            if (tenant is null)
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            if (Permissions.CheckNote(db.Caller, type, tenant) is { } refusal)
            {
                return refusal;
            }

            var text = request.Text?.Trim() ?? "";
            if (OverallNoteFields.Check(text, request.NextAction, request.NextActionOwner, request.NextActionDate) is { } invalid)
            {
                return invalid;
            }

            var note = new OverallNote
            {
                TenantId = tenant.Id,
                PartnerId = tenant.PartnerId,
                Type = type,
                Text = text,
                Author = db.Caller.UserName,
                AuthorRole = db.Caller.Role?.ToString(),
                CreatedAt = clock.GetUtcNow(),
                NextAction = OverallNoteFields.Optional(request.NextAction),
                NextActionDate = request.NextActionDate,
                NextActionOwner = OverallNoteFields.Optional(request.NextActionOwner),
                Hashtags = Hashtags.Parse(text),
            };
            db.OverallNotes.Add(note);
            await Notify.NextActionOwnerAsync(db, tenant, note, null, note.CreatedAt, ct);
            await db.SaveChangesAsync(ct);
            return Result<Response>.Ok(new Response(note, OverallNoteFields.Advice(text)));
        }
    }
}

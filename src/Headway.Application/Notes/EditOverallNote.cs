using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Headway.NoteCoach;

namespace Headway.Application.Notes;

/// <summary>
/// Corrects an overall note: its author changes its kind, text and next action while their role may still write that kind
/// of note (<see cref="Permissions.CheckNoteChange"/>). The note as it was is kept in an <see cref="OverallNoteRevision"/>
/// and the audit trail; hashtags are parsed again and the coach's advice on the new text comes back. The caller names the
/// version they read: a note changed since is a conflict, never silently overwritten.
/// </summary>
public static class EditOverallNote
{
    public sealed record Request(long NoteId, int Version, string Type, string Text, string? NextAction = null,
        DateOnly? NextActionDate = null, string? NextActionOwner = null);

    /// <summary>
    /// The note after the edit with its tenant's name and its version, the coach's advice on its text, and whether anything
    /// changed (an edit that changes nothing saves nothing and keeps the version).
    /// </summary>
    public sealed record Response(OverallNote Note, string TenantName, int Version, IReadOnlyList<Finding> Advice, bool Changed);

    /// <summary>What the edit form needs: the note as it stands, its tenant and version, the kinds the caller may give it, and the coach's advice on it now.</summary>
    public sealed record Form(OverallNote Note, Tenant Tenant, int Version, IReadOnlyList<OverallNoteType> Types, IReadOnlyList<Finding> Advice);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public async Task<Result<Form>> FormAsync(long noteId, CancellationToken ct = default)
        {
            var loaded = await NoteCorrections.LoadAsync(db, noteId, NoteChange.Edit, ct);
            if (!loaded.Succeeded)
            {
                return loaded.Refusal;
            }

            var (note, tenant, version) = loaded.Value;
            var types = Enum.GetValues<OverallNoteType>().Where(t => Permissions.CheckNote(db.Caller, t, tenant) is null).ToList();
            return Result<Form>.Ok(new Form(note, tenant, version, types, OverallNoteFields.Advice(note.Text)));
        }

        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            var loaded = await NoteCorrections.LoadAsync(db, request.NoteId, NoteChange.Edit, ct);
            if (!loaded.Succeeded)
            {
                return loaded.Refusal;
            }

            var (note, tenant, version) = loaded.Value;
            var (type, unknownType) = OverallNoteFields.ParseType(request.Type);
            if (unknownType is not null)
            {
                return unknownType;
            }

            if (Permissions.CheckNoteChange(db.Caller, note, tenant, NoteChange.Edit, type) is { } refusal)
            {
                return refusal;
            }

            if (request.Version != version)
            {
                return NoteCorrections.Stale(request.Version, version);
            }

            var text = request.Text?.Trim() ?? "";
            if (OverallNoteFields.Check(text, request.NextAction, request.NextActionOwner, request.NextActionDate) is { } invalid)
            {
                return invalid;
            }

            var (nextAction, owner) = (OverallNoteFields.Optional(request.NextAction), OverallNoteFields.Optional(request.NextActionOwner));
            var advice = OverallNoteFields.Advice(text);
            if (note.Type == type && note.Text == text && note.NextAction == nextAction && note.NextActionDate == request.NextActionDate && note.NextActionOwner == owner)
            {
                return Result<Response>.Ok(new Response(note, tenant.Name, version, advice, Changed: false));
            }

            var now = clock.GetUtcNow();
            var conflict = await NoteCorrections.SaveAsync(db, loaded.Value, NoteRevisionKind.Edited, n =>
            {
                n.Type = type;
                n.Text = text;
                n.Hashtags = Hashtags.Parse(text);
                n.NextAction = nextAction;
                n.NextActionDate = request.NextActionDate;
                n.NextActionOwner = owner;
                n.EditedAt = now;
                n.EditedBy = db.Caller.UserName;
            }, now, ct);
            return conflict ?? Result<Response>.Ok(new Response(note, tenant.Name, version + 1, advice, Changed: true));
        }
    }
}

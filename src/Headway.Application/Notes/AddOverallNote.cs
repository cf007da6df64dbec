using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Notifications;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
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
    public const int MaxText = 8000;

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

            if (!Enum.TryParse<OverallNoteType>(request.Type, ignoreCase: false, out var type) || !Enum.IsDefined(type) || !request.Type.All(char.IsLetter))
            {
                return Refusal.ForField("type", RefusalCodes.UnknownNoteType, request.Type, string.Join(", ", Enum.GetNames<OverallNoteType>()));
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
            if (text.Length == 0)
            {
                return Refusal.ForField("text", RefusalCodes.TextRequired);
            }

            if (TextRules.Check(("text", text), ("nextAction", request.NextAction), ("nextActionOwner", request.NextActionOwner)) is { } forbidden)
            {
                return forbidden;
            }

            if (text.Length > MaxText)
            {
                return Refusal.ForField("text", RefusalCodes.NoteTooLong, text.Length.ToString(CultureInfo.InvariantCulture), MaxText.ToString(CultureInfo.InvariantCulture));
            }

            if (request.NextAction is { Length: > FieldLimits.Text } || request.NextActionOwner is { Length: > FieldLimits.Name })
            {
                return Refusal.ForField("nextAction", RefusalCodes.FieldTooLong, "nextAction", FieldLimits.Text.ToString(CultureInfo.InvariantCulture));
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
                NextAction = string.IsNullOrWhiteSpace(request.NextAction) ? null : request.NextAction.Trim(),
                NextActionDate = request.NextActionDate,
                NextActionOwner = string.IsNullOrWhiteSpace(request.NextActionOwner) ? null : request.NextActionOwner.Trim(),
                Hashtags = Hashtags.Parse(text),
            };
            db.OverallNotes.Add(note);
            await Notify.NextActionOwnerAsync(db, tenant, note, null, note.CreatedAt, ct);
            await db.SaveChangesAsync(ct);
            var advice = Coach.Default.Analyze(new NoteInput(text)).Findings.Where(f => f.Code == "CovidTagOnPause").ToList();
            return Result<Response>.Ok(new Response(note, advice));
        }
    }
}

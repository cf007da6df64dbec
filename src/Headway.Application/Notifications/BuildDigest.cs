using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Taxonomy;
using Headway.NoteCoach;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Notifications;

/// <summary>
/// The digest of the caller (the recipient): next actions overdue, due today and due in the coming week, and the status
/// notes the coach grades Poor with its advice. A manager gets the next actions of their own tenants and the poor notes
/// there; everyone gets the next actions that name them as owner. Roles that read no tenants get an empty digest.
/// </summary>
public static class BuildDigest
{
    public const int ItemsPerSection = 20;

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public async Task<Digest> HandleAsync(string language, CancellationToken ct = default)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var caller = db.Caller;
            if (!Permissions.Allows(caller, Permission.ReadTenants) || caller.IsOperator)
            {
                return Digest.Empty(today);
            }

            var me = caller.UserName;
            var displayName = await db.Users.Where(u => u.UserName == me).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
            string[] owners = displayName is { Length: > 0 } && displayName != me ? [me, displayName] : [me];
            var isManager = caller.Role == Role.Manager;
            var tenants = db.Tenants.Where(t => !t.IsDuplicate);
            var mine = tenants.Where(t => t.ManagerName == me).Select(t => t.Id);
            var weekEnd = today.AddDays(7);

            var onEntitlements = await db.Entitlements
                .Where(e => e.NextActionDate != null && e.NextActionDate <= weekEnd && e.L1 != TaxonomyCodes.DuplicateInvalid)
                .Where(e => (isManager && mine.Contains(e.TenantId)) || owners.Contains(e.NextActionOwner))
                .Join(tenants, e => e.TenantId, t => t.Id, (e, t) => new DigestAction(t.Id, t.Name, e.Workload, e.NextAction, e.NextActionDate!.Value))
                .ToListAsync(ct);
            var onNotes = await db.OverallNotes
                .Where(n => n.NextActionDate != null && n.NextActionDate <= weekEnd && n.NextActionDoneAt == null && n.DeletedAt == null)
                .Where(n => (isManager && mine.Contains(n.TenantId)) || owners.Contains(n.NextActionOwner))
                .Join(tenants, n => n.TenantId, t => t.Id, (n, t) => new DigestAction(t.Id, t.Name, null, n.NextAction, n.NextActionDate!.Value))
                .ToListAsync(ct);
            var actions = onEntitlements.Concat(onNotes).OrderBy(a => a.Due).ThenBy(a => a.TenantName, StringComparer.Ordinal).ThenBy(a => a.Workload).ToList();

            return new Digest(
                today,
                Section(actions.Where(a => a.Due < today)),
                Section(actions.Where(a => a.Due == today)),
                Section(actions.Where(a => a.Due > today)),
                isManager ? await PoorNotesAsync(mine, language, ct) : DigestSection<DigestNote>.None);
        }

        private async Task<DigestSection<DigestNote>> PoorNotesAsync(IQueryable<long> mine, string language, CancellationToken ct)
        {
            var poor = db.Entitlements.Where(e => mine.Contains(e.TenantId) && e.NoteGrade == nameof(Grade.Poor) && e.Note != null);
            var total = await poor.CountAsync(ct);
            if (total == 0)
            {
                return DigestSection<DigestNote>.None;
            }

            // The oldest first: they have waited longest for a better note.
            var notes = await poor.OrderBy(e => e.LastChangedAt).Take(ItemsPerSection)
                .Join(db.Tenants, e => e.TenantId, t => t.Id, (e, t) => new { t.Id, t.Name, e.Workload, e.Note, e.L1, e.L2 })
                .ToListAsync(ct);
            var coach = Coach.Default;
            var items = notes.Select(n =>
            {
                var top = coach.Analyze(new NoteInput(n.Note!, n.L1, n.L2)).Findings
                    .OrderByDescending(f => f.Severity).FirstOrDefault();
                return new DigestNote(n.Id, n.Name, n.Workload, n.Note!,
                    top is null ? "" : coach.RenderMessage(top, language), top is null ? null : coach.RenderFix(top, language));
            }).ToList();
            return new DigestSection<DigestNote>(total, items);
        }

        private static DigestSection<DigestAction> Section(IEnumerable<DigestAction> actions)
        {
            var all = actions.ToList();
            return all.Count == 0 ? DigestSection<DigestAction>.None : new DigestSection<DigestAction>(all.Count, all.Take(ItemsPerSection).ToList());
        }
    }
}

using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Application.WorkList;
using Headway.NoteCoach;

namespace Headway.Application.Notifications;

/// <summary>
/// The digest of the caller (its recipient), read from their work list (<see cref="GetWorkList"/>) today: next actions
/// overdue, due today and due in the seven days after, executive summaries asked of them, and the status notes the
/// coach grades Poor with its advice in the recipient's language. It is what the work list holds for the user name:
/// a manager's own tenants; for other roles, usually nothing, and an empty digest is not sent. Roles that read no
/// tenants get an empty digest.
/// </summary>
public static class BuildDigest
{
    public const int ItemsPerSection = 20;

    /// <summary>The work-list groups a digest lists (in the work list's order).</summary>
    public static IReadOnlyList<WorkGroup> Groups { get; } =
        [WorkGroup.Overdue, WorkGroup.DueToday, WorkGroup.DueThisWeek, WorkGroup.SummaryRequested, WorkGroup.PoorNote];

    public sealed class Handler(GetWorkList.Handler workList, HeadwayDbContext db, TimeProvider clock)
    {
        public async Task<Digest> HandleAsync(string language, CancellationToken ct = default)
        {
            var today = GetWorkList.Today(clock);
            var caller = db.Caller;
            if (caller.IsOperator || !Permissions.Allows(caller, Permission.ReadTenants))
            {
                return Digest.Empty(today);
            }

            var list = await workList.HandleAsync(new GetWorkList.Request(caller.UserName, today, ItemsPerSection, [.. Groups]), ct);
            if (!list.Succeeded)
            {
                return Digest.Empty(today);
            }

            var sections = list.Value.Groups
                .Where(g => g.Total > 0)
                .Select(g => new DigestSection(g.Group, g.Total, g.Items.Select(i => Item(i, language)).ToList()))
                .ToList();
            return new Digest(today, sections);
        }

        private static DigestItem Item(GetWorkList.Item i, string language) => new(i.Subject, i.TenantId, i.TenantName, i.Workload, i.Date, i.Text, i.Person,
            i.Finding is { } f ? Coach.Default.RenderMessage(f, language) : null,
            i.Finding is { } g ? Coach.Default.RenderFix(g, language) : null);
    }
}

using System.Collections.Frozen;
using System.Text;

namespace Headway.Application.WorkList;

/// <summary>What needs a manager today, one group each, in the order the work list shows them.</summary>
public enum WorkGroup
{
    /// <summary>Next actions of entitlements and overall notes due before today.</summary>
    Overdue,
    /// <summary>Next actions due today.</summary>
    DueToday,
    /// <summary>Next actions due in the seven days after today.</summary>
    DueThisWeek,
    /// <summary>Executive summaries a regional manager or leader asked of me, not yet written.</summary>
    SummaryRequested,
    /// <summary>In progress, and the target date has passed.</summary>
    TargetDatePassed,
    /// <summary>In progress without a target date.</summary>
    NoTargetDate,
    /// <summary>Blocked without a projected unblock date.</summary>
    NoUnblockDate,
    /// <summary>Status notes the coach graded poor.</summary>
    PoorNote,
    /// <summary>Status notes the coach graded insufficient.</summary>
    InsufficientNote,
    /// <summary>In progress, the engagement start date has passed, and nobody has made contact since.</summary>
    EngagementStartPassed,
    /// <summary>Not changed for the configured number of days.</summary>
    NotUpdated,
}

/// <summary>What a work-list item is about, and so what acting on it changes.</summary>
public enum WorkSubject
{
    /// <summary>An entitlement (its next action, status, dates or note).</summary>
    Entitlement,
    /// <summary>An overall note's next action.</summary>
    Note,
    /// <summary>A request for an executive summary.</summary>
    SummaryRequest,
}

/// <summary>
/// The one list of work-list groups and subjects with their names on the wire: the URL segment of
/// <c>/worklist/{group}</c> and <c>/api/v1/worklist/{group}</c>, and the subject of an action. The pages, the API,
/// its OpenAPI description and the tests all read it.
/// </summary>
public static class WorkGroups
{
    /// <summary>Every group, in the order the work list shows them.</summary>
    public static IReadOnlyList<WorkGroup> All { get; } = Enum.GetValues<WorkGroup>();

    /// <summary>The groups of next actions, whose items can be marked done or moved.</summary>
    public static IReadOnlyList<WorkGroup> NextActions { get; } = [WorkGroup.Overdue, WorkGroup.DueToday, WorkGroup.DueThisWeek];

    private static readonly FrozenDictionary<string, WorkGroup> BySlug = All.ToFrozenDictionary(Slug, g => g, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, WorkSubject> SubjectsBySlug =
        Enum.GetValues<WorkSubject>().ToFrozenDictionary(Slug, s => s, StringComparer.Ordinal);

    /// <summary>The group's name in URLs: <c>due-today</c>.</summary>
    public static string Slug(this WorkGroup group) => Kebab(group.ToString());

    /// <summary>The subject's name in URLs: <c>entitlement</c>, <c>note</c>, <c>summary-request</c>.</summary>
    public static string Slug(this WorkSubject subject) => Kebab(subject.ToString());

    /// <summary>Every group's name in URLs, in order.</summary>
    public static IReadOnlyList<string> Slugs { get; } = All.Select(Slug).ToArray();

    /// <summary>The group a URL names, or null.</summary>
    public static WorkGroup? Find(string? slug) => slug is not null && BySlug.TryGetValue(slug, out var group) ? group : null;

    /// <summary>The subject a URL names, or null.</summary>
    public static WorkSubject? FindSubject(string? slug) => slug is not null && SubjectsBySlug.TryGetValue(slug, out var subject) ? subject : null;

    /// <summary>Whether items of the group carry a next action that can be marked done or moved.</summary>
    public static bool IsNextAction(this WorkGroup group) => group is WorkGroup.Overdue or WorkGroup.DueToday or WorkGroup.DueThisWeek;

    private static string Kebab(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && sb.Length > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}

using Headway.Application.WorkList;

namespace Headway.Application.Notifications;

/// <summary>
/// One thing in a digest, as the work list has it: an entitlement's or an overall note's next action, a summary asked
/// for, or a poor status note with the coach's most serious finding (<paramref name="Advice"/>, <paramref name="Fix"/>)
/// rendered in the recipient's language.
/// </summary>
public sealed record DigestItem(WorkSubject Subject, long TenantId, string TenantName, string? Workload, DateOnly? Date, string? Text,
    string? Person, string? Advice = null, string? Fix = null);

/// <summary>One work-list group in a digest: its first items and how many there are in all.</summary>
public sealed record DigestSection(WorkGroup Group, int Total, IReadOnlyList<DigestItem> Items);

/// <summary>What one user's digest lists on a day: the non-empty groups, in the work list's order. Empty digests are never sent.</summary>
public sealed record Digest(DateOnly Today, IReadOnlyList<DigestSection> Sections)
{
    public static Digest Empty(DateOnly today) => new(today, []);

    /// <summary>How many items it lists in all (beyond those shown, too).</summary>
    public int Items => Sections.Sum(s => s.Total);

    public bool IsEmpty => Items == 0;

    /// <summary>The section of a group; empty when the digest has none.</summary>
    public DigestSection this[WorkGroup group] => Sections.FirstOrDefault(s => s.Group == group) ?? new DigestSection(group, 0, []);
}

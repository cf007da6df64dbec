namespace Headway.Application.Notifications;

/// <summary>A next action in a digest: on an entitlement (with its workload) or on an overall note (no workload).</summary>
public sealed record DigestAction(long TenantId, string TenantName, string? Workload, string? Action, DateOnly Due);

/// <summary>A note the coach grades Poor, with its most serious finding rendered in the recipient's language.</summary>
public sealed record DigestNote(long TenantId, string TenantName, string Workload, string Note, string Advice, string? Fix);

/// <summary>The first items of a list and how many there are in all.</summary>
public sealed record DigestSection<T>(int Total, IReadOnlyList<T> Items)
{
    public static DigestSection<T> None { get; } = new(0, []);
}

/// <summary>What one user's digest lists on a day. Empty digests are never sent.</summary>
public sealed record Digest(
    DateOnly Today,
    DigestSection<DigestAction> Overdue,
    DigestSection<DigestAction> DueToday,
    DigestSection<DigestAction> DueThisWeek,
    DigestSection<DigestNote> PoorNotes)
{
    public static Digest Empty(DateOnly today) =>
        new(today, DigestSection<DigestAction>.None, DigestSection<DigestAction>.None, DigestSection<DigestAction>.None, DigestSection<DigestNote>.None);

    /// <summary>How many items it lists in all (beyond those shown, too).</summary>
    public int Items => Overdue.Total + DueToday.Total + DueThisWeek.Total + PoorNotes.Total;

    public bool IsEmpty => Items == 0;
}

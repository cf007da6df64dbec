namespace Headway.Application.Notifications;

/// <summary>Why a user is notified in the portal.</summary>
public enum NotificationKind
{
    /// <summary>A regional manager or leader requested an executive summary of one of the user's tenants.</summary>
    SummaryRequested,
    /// <summary>Someone else named the user as the owner of a next action.</summary>
    NextActionAssigned,
    /// <summary>A tenant was assigned to the user.</summary>
    TenantReassigned,
    /// <summary>An edit of the user's was refused because someone else had changed the entitlement first.</summary>
    EditConflicted,
}

/// <summary>One notice for one user, shown under the bell until it is read.</summary>
public sealed class Notification
{
    public long Id { get; set; }

    /// <summary>The recipient (user id).</summary>
    public required string UserId { get; set; }

    /// <summary>The tenant's partner, copied so that scope filters need no join.</summary>
    public long? PartnerId { get; set; }

    public NotificationKind Kind { get; set; }

    /// <summary>The tenant it is about.</summary>
    public long? TenantId { get; set; }

    /// <summary>The entitlement it is about, when it is about one.</summary>
    public long? EntitlementId { get; set; }

    /// <summary>Who caused it (user name).</summary>
    public required string Actor { get; set; }

    /// <summary>What the notice names besides the tenant: a workload, a due date, an action; shown as written.</summary>
    public string? Detail { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the recipient read it; null while unread.</summary>
    public DateTimeOffset? ReadAt { get; set; }
}

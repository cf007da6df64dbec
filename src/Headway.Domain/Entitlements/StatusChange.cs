namespace Headway.Domain.Entitlements;

/// <summary>Why a history entry was written.</summary>
public enum ChangeKind
{
    /// <summary>The entitlement was created.</summary>
    Created,
    /// <summary>A user edited the entitlement.</summary>
    Edited,
    /// <summary>The tenant was flagged duplicate/invalid.</summary>
    TenantMarkedDuplicate,
    /// <summary>The tenant's duplicate/invalid flag was cleared.</summary>
    TenantRestored,
    /// <summary>The next action was marked done; the entry keeps the action as it was.</summary>
    NextActionDone,
}

/// <summary>One changed field of an entitlement, before and after, as text.</summary>
public sealed record FieldChange(string Field, string? Before, string? After)
{
    /// <summary>The fields a history entry can name (the entitlement's properties), in the editor's order.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        nameof(Entitlement.L1), nameof(Entitlement.L2), nameof(Entitlement.L3), nameof(Entitlement.Note), nameof(Entitlement.TargetDate),
        nameof(Entitlement.EngagementStartDate), nameof(Entitlement.ProjectedUnblockDate), nameof(Entitlement.NextAction),
        nameof(Entitlement.NextActionDate), nameof(Entitlement.NextActionOwner), nameof(Entitlement.BusinessReason), nameof(Entitlement.EngagementScenario),
    ];
}

/// <summary>
/// An append-only history entry: who changed which entitlement when, every changed field before and
/// after, and the status after the change (so any past day can be reconstructed without replaying diffs).
/// </summary>
public sealed class StatusChange
{
    /// <summary>Identifier.</summary>
    public long Id { get; set; }
    /// <summary>The tenant.</summary>
    public long TenantId { get; set; }
    /// <summary>The tenant's partner, copied here so that scope filters need no join.</summary>
    public long? PartnerId { get; set; }
    /// <summary>The entitlement.</summary>
    public long EntitlementId { get; set; }
    /// <summary>Workload code.</summary>
    public required string Workload { get; set; }
    /// <summary>Why the entry was written.</summary>
    public ChangeKind Kind { get; set; }
    /// <summary>Who.</summary>
    public required string ChangedBy { get; set; }
    /// <summary>When.</summary>
    public DateTimeOffset ChangedAt { get; set; }
    /// <summary>Every changed field, before and after.</summary>
    public IReadOnlyList<FieldChange> Changes { get; set; } = [];
    /// <summary>L1 after the change.</summary>
    public required string L1 { get; set; }
    /// <summary>L2 after the change.</summary>
    public string? L2 { get; set; }
    /// <summary>L3 after the change.</summary>
    public string? L3 { get; set; }
    /// <summary>Note after the change.</summary>
    public string? Note { get; set; }
    /// <summary>Target date after the change.</summary>
    public DateOnly? TargetDate { get; set; }
    /// <summary>Projected unblock date after the change.</summary>
    public DateOnly? ProjectedUnblockDate { get; set; }
    /// <summary>The note's grade after the change, so the share of good notes can be followed over time.</summary>
    public string? NoteGrade { get; set; }
}

namespace Headway.Domain.Tenants;

/// <summary>What happened to an overall note after it was written.</summary>
public enum NoteRevisionKind
{
    /// <summary>Its author corrected it.</summary>
    Edited,
    /// <summary>Its author deleted it; the revision keeps the text.</summary>
    Deleted,
    /// <summary>Its next action was marked done.</summary>
    NextActionDone,
    /// <summary>Its next action was moved to another date.</summary>
    NextActionMoved,
}

/// <summary>
/// An overall note as it was before an edit, a delete or a change of its next action: who did it, when, and the
/// note's fields before. Append-only, so nothing written on a timeline vanishes without trace.
/// </summary>
public sealed class OverallNoteRevision
{
    /// <summary>Identifier.</summary>
    public long Id { get; set; }
    /// <summary>The note.</summary>
    public long NoteId { get; set; }
    /// <summary>The note's tenant.</summary>
    public long TenantId { get; set; }
    /// <summary>The tenant's partner, copied so that scope filters need no join.</summary>
    public long? PartnerId { get; set; }
    /// <summary>What happened.</summary>
    public NoteRevisionKind Kind { get; set; }
    /// <summary>Who did it (user name).</summary>
    public required string ChangedBy { get; set; }
    /// <summary>When.</summary>
    public DateTimeOffset ChangedAt { get; set; }
    /// <summary>The note's kind before.</summary>
    public OverallNoteType Type { get; set; }
    /// <summary>The note's text before.</summary>
    public required string Text { get; set; }
    /// <summary>The next action before.</summary>
    public string? NextAction { get; set; }
    /// <summary>The next action's due date before.</summary>
    public DateOnly? NextActionDate { get; set; }
    /// <summary>The next action's owner before.</summary>
    public string? NextActionOwner { get; set; }
}

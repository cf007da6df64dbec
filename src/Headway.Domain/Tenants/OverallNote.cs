namespace Headway.Domain.Tenants;

/// <summary>The kind of an overall status note.</summary>
public enum OverallNoteType
{
    /// <summary>Engagement management.</summary>
    EngagementManagement,
    /// <summary>Service intent.</summary>
    ServiceIntent,
    /// <summary>Technical enablement.</summary>
    TechnicalEnablement,
    /// <summary>Enterprise status.</summary>
    EnterpriseStatus,
    /// <summary>Lifecycle.</summary>
    Lifecycle,
}

/// <summary>A tenant-level note on the tenant's timeline.</summary>
public sealed class OverallNote
{
    /// <summary>Identifier.</summary>
    public long Id { get; set; }
    /// <summary>The tenant.</summary>
    public long TenantId { get; set; }
    /// <summary>The tenant's partner, copied here so that scope filters need no join.</summary>
    public long? PartnerId { get; set; }
    /// <summary>Kind of note.</summary>
    public OverallNoteType Type { get; set; }
    /// <summary>Text.</summary>
    public required string Text { get; set; }
    /// <summary>Author user name.</summary>
    public required string Author { get; set; }
    /// <summary>Author's role when writing.</summary>
    public string? AuthorRole { get; set; }
    /// <summary>When written.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Next action.</summary>
    public string? NextAction { get; set; }
    /// <summary>Due date of the next action.</summary>
    public DateOnly? NextActionDate { get; set; }
    /// <summary>Owner of the next action.</summary>
    public string? NextActionOwner { get; set; }
    /// <summary>Hashtags parsed from the text, lower case, space separated.</summary>
    public string? Hashtags { get; set; }
    /// <summary>When the next action was marked done, if it was.</summary>
    public DateTimeOffset? NextActionDoneAt { get; set; }
    /// <summary>Who marked the next action done.</summary>
    public string? NextActionDoneBy { get; set; }
    /// <summary>When the note was last edited, if it was; the text before is kept in an <see cref="OverallNoteRevision"/>.</summary>
    public DateTimeOffset? EditedAt { get; set; }
    /// <summary>Who edited the note last.</summary>
    public string? EditedBy { get; set; }
    /// <summary>When the note was deleted: it leaves the timeline, and its text stays in an <see cref="OverallNoteRevision"/>.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
    /// <summary>Who deleted the note.</summary>
    public string? DeletedBy { get; set; }
}

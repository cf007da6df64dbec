namespace Headway.Domain.Tenants;

/// <summary>How engaged the customer is (SPEC §5).</summary>
public enum EngagementStatus
{
    /// <summary>On hold; the relationship is retained.</summary>
    OnHold,
    /// <summary>Reacts when approached.</summary>
    Reactive,
    /// <summary>Fully engaged.</summary>
    FullyEngaged,
}

/// <summary>How far deployment has come (SPEC §5).</summary>
public enum DeploymentProgress
{
    /// <summary>Nothing deployed yet.</summary>
    NotDeployed,
    /// <summary>Some workloads deployed.</summary>
    PartiallyDeployed,
    /// <summary>Everything deployed.</summary>
    FullyDeployed,
}

/// <summary>One key workload of a summary: its code (or CORE for the rest), current state and next action.</summary>
public sealed record SummaryLine(string Workload, string State, string? NextAction);

/// <summary>
/// An executive summary: a specially formatted overall note for regional managers and leadership.
/// Summaries are never edited; a newer one supersedes the older, which stays as written.
/// </summary>
public sealed class ExecutiveSummary
{
    /// <summary>The code that stands for every workload not listed on its own line.</summary>
    public const string Core = "CORE";

    /// <summary>Character limits the editor counts down.</summary>
    public const int MaxDescription = 1000, MaxRelationship = 1000, MaxSupport = 1000, MaxRisks = 2000, MaxLine = 300;

    /// <summary>A text cut to fit a workload line, with an ellipsis where it was cut.</summary>
    public static string FitLine(string text) => text.Length <= MaxLine ? text : text[..(MaxLine - 1)] + "…";

    /// <summary>Identifier.</summary>
    public long Id { get; set; }
    /// <summary>The tenant.</summary>
    public long TenantId { get; set; }
    /// <summary>The tenant's partner, copied so that scope filters need no join.</summary>
    public long? PartnerId { get; set; }
    /// <summary>The tenant's region, copied so that the per-region list needs no join.</summary>
    public required string Region { get; set; }
    /// <summary>Author user name.</summary>
    public required string Author { get; set; }
    /// <summary>When written.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Industry, structure, size, recent news.</summary>
    public required string CustomerDescription { get; set; }
    /// <summary>Engagement status.</summary>
    public EngagementStatus EngagementStatus { get; set; }
    /// <summary>Deployment progress.</summary>
    public DeploymentProgress DeploymentProgress { get; set; }
    /// <summary>Relationship with customer, partner and account team.</summary>
    public string? Relationship { get; set; }
    /// <summary>Key workloads, one line each, only those under discussion.</summary>
    public IReadOnlyList<SummaryLine> Lines { get; set; } = [];
    /// <summary>Requests for support.</summary>
    public string? SupportRequests { get; set; }
    /// <summary>Every escalation or issue.</summary>
    public string? Risks { get; set; }
}

namespace Headway.Domain.Tenants;

/// <summary>
/// A regional manager's or leader's request for an executive summary of a tenant, addressed to its onboarding
/// manager with a due date (SPEC §5: summaries are written on request). The next summary written on the tenant
/// fulfils every open request.
/// </summary>
public sealed class SummaryRequest
{
    /// <summary>Identifier.</summary>
    public long Id { get; set; }
    /// <summary>The tenant.</summary>
    public long TenantId { get; set; }
    /// <summary>The tenant's partner, copied so that scope filters need no join.</summary>
    public long? PartnerId { get; set; }
    /// <summary>The tenant's region, copied for the regional dashboard.</summary>
    public required string Region { get; set; }
    /// <summary>Who asked (user name).</summary>
    public required string RequestedBy { get; set; }
    /// <summary>Who is asked: the tenant's onboarding manager when the request was made (user name).</summary>
    public required string RequestedOf { get; set; }
    /// <summary>When it was asked.</summary>
    public DateTimeOffset RequestedAt { get; set; }
    /// <summary>By when the summary is wanted.</summary>
    public DateOnly DueDate { get; set; }
    /// <summary>What the requester wants to know, if they said.</summary>
    public string? Message { get; set; }
    /// <summary>When a summary fulfilled it.</summary>
    public DateTimeOffset? FulfilledAt { get; set; }
    /// <summary>The summary that fulfilled it.</summary>
    public long? SummaryId { get; set; }
}

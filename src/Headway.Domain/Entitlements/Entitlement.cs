namespace Headway.Domain.Entitlements;

/// <summary>Who leads the engagement for an entitlement.</summary>
public enum EngagementScenario
{
    /// <summary>The customer leads.</summary>
    CustomerLed,
    /// <summary>A partner leads.</summary>
    PartnerLed,
    /// <summary>The programme centre leads.</summary>
    CentreLed,
}

/// <summary>
/// A tenant's entitlement to one workload: where the customer stands, why, and what happens next.
/// Change it only through <see cref="EntitlementRules"/>, which keeps the status rules and appends history.
/// </summary>
public sealed class Entitlement
{
    /// <summary>Identifier.</summary>
    public long Id { get; set; }
    /// <summary>The tenant.</summary>
    public long TenantId { get; set; }
    /// <summary>The tenant's partner, copied here so that scope filters need no join.</summary>
    public long? PartnerId { get; set; }

    /// <summary>The tenant's seats, copied here (like the partner) so that reports sum and filter without a join.</summary>
    public int TenantSeats { get; set; }

    /// <summary>The tenant's region, copied for reports.</summary>
    public string TenantRegion { get; set; } = "";

    /// <summary>The tenant's country, copied for reports.</summary>
    public string TenantCountry { get; set; } = "";

    /// <summary>The tenant's priority, copied for reports.</summary>
    public Tenants.Priority TenantPriority { get; set; }

    /// <summary>The tenant's onboarding manager, copied for reports; follows every reassignment.</summary>
    public string? TenantManager { get; set; }

    /// <summary>Hashtags of the note, lower case, space separated (as on overall notes), for the hashtag report.</summary>
    public string? Hashtags { get; set; }
    /// <summary>Workload code (never CORE).</summary>
    public required string Workload { get; set; }
    /// <summary>L1 status code.</summary>
    public required string L1 { get; set; }
    /// <summary>L2 status code; null only for DuplicateInvalid.</summary>
    public string? L2 { get; set; }
    /// <summary>Optional administrator-defined L3 value under the L2.</summary>
    public string? L3 { get; set; }
    /// <summary>The status note: one or two sentences on intent and why.</summary>
    public string? Note { get; set; }
    /// <summary>The note coach's grade of the note when it was saved (Good, Insufficient, Poor), if graded.</summary>
    public string? NoteGrade { get; set; }
    /// <summary>Target date; required for InProgress.</summary>
    public DateOnly? TargetDate { get; set; }
    /// <summary>Engagement start date; only on InProgress.</summary>
    public DateOnly? EngagementStartDate { get; set; }
    /// <summary>Projected unblock date; only on Blocked.</summary>
    public DateOnly? ProjectedUnblockDate { get; set; }
    /// <summary>Next action.</summary>
    public string? NextAction { get; set; }
    /// <summary>Due date of the next action.</summary>
    public DateOnly? NextActionDate { get; set; }
    /// <summary>Owner of the next action.</summary>
    public string? NextActionOwner { get; set; }
    /// <summary>Business reason.</summary>
    public string? BusinessReason { get; set; }
    /// <summary>Engagement scenario.</summary>
    public EngagementScenario? EngagementScenario { get; set; }
    /// <summary>Who changed it last.</summary>
    public required string LastChangedBy { get; set; }
    /// <summary>When it was changed last.</summary>
    public DateTimeOffset LastChangedAt { get; set; }
    /// <summary>Optimistic-concurrency version; every update must present the current one.</summary>
    public int Version { get; set; }
    /// <summary>
    /// The status held before the tenant was flagged duplicate/invalid, restored when the flag is cleared
    /// (serialized <see cref="StatusSnapshot"/>).
    /// </summary>
    public string? StatusBeforeDuplicate { get; set; }
}

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
/// Its status fields change only through <see cref="EntitlementRules"/>, which keeps the status rules and appends
/// history: their setters are internal to this assembly (EF Core sets them when it reads a row).
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
    public string? Hashtags { get; internal set; }
    /// <summary>Workload code (never CORE).</summary>
    public required string Workload { get; set; }
    /// <summary>L1 status code.</summary>
    public string L1 { get; internal set; } = "";
    /// <summary>L2 status code; null only for DuplicateInvalid.</summary>
    public string? L2 { get; internal set; }
    /// <summary>Optional administrator-defined L3 value under the L2.</summary>
    public string? L3 { get; internal set; }
    /// <summary>The status note: one or two sentences on intent and why.</summary>
    public string? Note { get; internal set; }
    /// <summary>The note coach's grade of the note when it was saved (Good, Insufficient, Poor), if graded.</summary>
    public string? NoteGrade { get; internal set; }
    /// <summary>Target date; required for InProgress.</summary>
    public DateOnly? TargetDate { get; internal set; }
    /// <summary>Engagement start date; only on InProgress.</summary>
    public DateOnly? EngagementStartDate { get; internal set; }
    /// <summary>Projected unblock date; only on Blocked.</summary>
    public DateOnly? ProjectedUnblockDate { get; internal set; }
    /// <summary>Next action.</summary>
    public string? NextAction { get; internal set; }
    /// <summary>Due date of the next action.</summary>
    public DateOnly? NextActionDate { get; internal set; }
    /// <summary>Owner of the next action.</summary>
    public string? NextActionOwner { get; internal set; }
    /// <summary>Business reason.</summary>
    public string? BusinessReason { get; internal set; }
    /// <summary>Engagement scenario.</summary>
    public EngagementScenario? EngagementScenario { get; internal set; }
    /// <summary>Who changed it last.</summary>
    public string LastChangedBy { get; internal set; } = "";
    /// <summary>When it was changed last.</summary>
    public DateTimeOffset LastChangedAt { get; internal set; }
    /// <summary>Optimistic-concurrency version; every update must present the current one.</summary>
    public int Version { get; internal set; }
    /// <summary>
    /// The status held before the tenant was flagged duplicate/invalid, restored when the flag is cleared
    /// (serialized <see cref="StatusSnapshot"/>).
    /// </summary>
    public string? StatusBeforeDuplicate { get; internal set; }

    /// <summary>
    /// The entitlement as a history entry left it: the status, note and dates it keeps. Fields the history does not
    /// keep (next action, scenario, engagement start date) stay empty.
    /// </summary>
    public static Entitlement AsOf(StatusChange change) => new()
    {
        Id = change.EntitlementId,
        TenantId = change.TenantId,
        PartnerId = change.PartnerId,
        Workload = change.Workload,
        L1 = change.L1,
        L2 = change.L2,
        L3 = change.L3,
        Note = change.Note,
        NoteGrade = change.NoteGrade,
        TargetDate = change.TargetDate,
        ProjectedUnblockDate = change.ProjectedUnblockDate,
        LastChangedBy = change.ChangedBy,
        LastChangedAt = change.ChangedAt,
    };
}

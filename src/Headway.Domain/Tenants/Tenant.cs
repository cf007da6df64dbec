namespace Headway.Domain.Tenants;

/// <summary>Priority of a customer for the programme.</summary>
public enum Priority
{
    /// <summary>Low.</summary>
    Low,
    /// <summary>Medium.</summary>
    Medium,
    /// <summary>High.</summary>
    High,
}

/// <summary>A customer tenant.</summary>
public sealed class Tenant
{
    /// <summary>Identifier.</summary>
    public long Id { get; set; }

    /// <summary>
    /// The tenant's id in the source system that licenses it (an upstream licensing system's tenant id), by which that
    /// system registers it again without creating a second one; unique within the delivering partner. Null when the tenant
    /// came from a file or a form without one.
    /// </summary>
    public string? ExternalId { get; set; }

    /// <summary>The longest external id.</summary>
    public const int MaxExternalId = 100;

    /// <summary>Legal name.</summary>
    public required string Name { get; set; }

    /// <summary>Public or brand name.</summary>
    public string? BrandName { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public required string Country { get; set; }

    /// <summary>Region the country belongs to, for reports and scopes.</summary>
    public required string Region { get; set; }

    /// <summary>Industry.</summary>
    public string? Industry { get; set; }

    /// <summary>Licensed seats.</summary>
    public int Seats { get; set; }

    /// <summary>Whether the account is managed by an account team.</summary>
    public bool IsManaged { get; set; }

    /// <summary>The delivering partner; null when the programme centre delivers.</summary>
    public long? PartnerId { get; set; }

    /// <summary>The delivering partner.</summary>
    public Partner? Partner { get; set; }

    /// <summary>The assigned onboarding manager (user name).</summary>
    public string? ManagerName { get; set; }

    /// <summary>
    /// The rest of the account team (user names): the engineers, architects and gateway manager who work on the tenant, assigned
    /// by an administrator like the onboarding manager (<see cref="ManagerName"/>). An engineer or architect who writes status
    /// notes for some workloads writes them on these tenants (docs/permissions.md).
    /// </summary>
    public List<string> AccountTeam { get; set; } = [];

    /// <summary>The most people an account team holds besides the onboarding manager.</summary>
    public const int MaxAccountTeam = 20;

    /// <summary>Whether the user (by user name) is on the account team, the onboarding manager aside.</summary>
    public bool HasOnTeam(string userName) => AccountTeam.Any(m => string.Equals(m, userName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Priority.</summary>
    public Priority Priority { get; set; } = Priority.Medium;

    /// <summary>Flagged enterprise (architects write enterprise-status notes).</summary>
    public bool IsEnterprise { get; set; }

    /// <summary>Flagged duplicate or invalid: all entitlements are DuplicateInvalid and it leaves every report.</summary>
    public bool IsDuplicate { get; set; }

    /// <summary>Why the tenant was flagged duplicate or invalid.</summary>
    public string? DuplicateReason { get; set; }

    /// <summary>When the tenant was registered.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The tenant's entitlements.</summary>
    public ICollection<Entitlements.Entitlement> Entitlements { get; } = [];
}

namespace Headway.Domain.Tenants;

/// <summary>A delivery partner. Tenants without a partner are delivered by the programme centre.</summary>
public sealed class Partner
{
    /// <summary>Identifier.</summary>
    public long Id { get; set; }

    /// <summary>Unique display name.</summary>
    public required string Name { get; set; }

    /// <summary>When an administrator deactivated the partner: its users can no longer sign in; its data stays. Null while active.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
}

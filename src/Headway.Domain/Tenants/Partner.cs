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

    /// <summary>
    /// The partner's users sign in through the partner's identity provider only: the password form and the token endpoint
    /// refuse them, whatever password they may still have.
    /// </summary>
    public bool PasswordSignInDisabled { get; set; }
}

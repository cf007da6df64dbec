using Microsoft.AspNetCore.Identity;

namespace Headway.Application.Users;

/// <summary>A person who signs in: one role, and one partner or the programme centre (null).</summary>
public sealed class HeadwayUser : IdentityUser
{
    public Role Role { get; set; }

    /// <summary>The user's partner; null for the programme centre.</summary>
    public long? PartnerId { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>A disabled user can neither sign in nor use a token; users are never deleted.</summary>
    public bool IsDisabled { get; set; }
}

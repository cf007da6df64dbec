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

    /// <summary>How often the email digest comes; opted in (daily) unless the user turns it off.</summary>
    public Notifications.DigestFrequency DigestFrequency { get; set; } = Notifications.DigestFrequency.Daily;

    /// <summary>The language the user last chose in the portal (en, zh-Hans, de, ja); mail is written in it.</summary>
    public string? Language { get; set; }

    /// <summary>When the user last signed in (the sign-in page or the token endpoint); null for never.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>
    /// The regions the user's reading is limited to (see <see cref="Caller.Regions"/>); with <see cref="Countries"/> empty
    /// too, the user sees every region of their scope.
    /// </summary>
    public List<string> Regions { get; set; } = [];

    /// <summary>The countries (ISO codes) the user sees besides the regions (see <see cref="Caller.Countries"/>).</summary>
    public List<string> Countries { get; set; } = [];

    /// <summary>
    /// The workloads (codes) whose entitlement status and note this engineer or architect keeps, as a subject-matter expert,
    /// on the tenants whose account team they are on (<see cref="Domain.Tenants.Tenant.AccountTeam"/>); empty for most users.
    /// </summary>
    public List<string> StatusWorkloads { get; set; } = [];

    /// <summary>
    /// A service account: an integration's client, not a person. It has no password and never signs in on the portal; it
    /// gets tokens with its client secret (OAuth 2 client credentials) or holds API keys, and may do only what its
    /// <see cref="Scopes"/> allow, in its partner's scope. Its user name is its client id.
    /// </summary>
    public bool IsService { get; set; }

    /// <summary>A service account's scopes (<see cref="ServiceScopes"/>); empty for people.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>A service account's client secret, hashed as passwords are; null for people.</summary>
    public string? ClientSecretHash { get; set; }

    /// <summary>The identity provider (its configured name) the user last signed in through; null for none.</summary>
    public string? ExternalProvider { get; set; }

    /// <summary>An invited user has no password until they follow the invitation link.</summary>
    public bool IsInvited => PasswordHash is null && !IsService && ExternalProvider is null;
}

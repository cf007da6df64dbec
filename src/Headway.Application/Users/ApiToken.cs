namespace Headway.Application.Users;

/// <summary>
/// A bearer token for the API and the CLI. Only its SHA-256 hash is stored; the token itself is shown
/// once, when it is created.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

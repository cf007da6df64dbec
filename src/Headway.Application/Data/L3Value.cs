namespace Headway.Application.Data;

/// <summary>An administrator-defined L3 value under an L2.</summary>
public sealed class L3Value
{
    public long Id { get; set; }
    public required string L2 { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>
    /// When an administrator retired the value: it is no longer offered or accepted as a new choice, while entitlements
    /// and history that have it keep it (an entitlement that has it may keep it through other edits). Null while in use.
    /// </summary>
    public DateTimeOffset? RetiredAt { get; set; }
}

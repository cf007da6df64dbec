using Headway.Domain.Tenants;

namespace Headway.Domain.Entitlements;

/// <summary>
/// What an accepted edit did: its history entry, and the overall note that explains a moved engagement start date.
/// An edit that restates the entitlement as it is changes nothing (<see cref="Unchanged"/>).
/// </summary>
/// <param name="Change">The history entry (every changed field before and after, and the state after), or null when nothing changed.</param>
/// <param name="Explanation">The engagement-management note a moved engagement start date needs, or null.</param>
public sealed record EntitlementEdit(StatusChange? Change, OverallNote? Explanation)
{
    /// <summary>The edit that changed nothing.</summary>
    public static EntitlementEdit Unchanged { get; } = new(null, null);
}

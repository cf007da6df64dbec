using Headway.Domain.Tenants;

namespace Headway.Domain.Entitlements;

/// <summary>An edit that changed something: its history entry, and the overall note that explains a moved engagement start date.</summary>
/// <param name="Change">The history entry (every changed field before and after, and the state after).</param>
/// <param name="Explanation">The engagement-management note a moved engagement start date needs, or null.</param>
public sealed record EntitlementEdit(StatusChange Change, OverallNote? Explanation);

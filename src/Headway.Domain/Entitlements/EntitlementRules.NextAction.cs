using Headway.Domain.Results;
using Headway.Domain.Tenants;

namespace Headway.Domain.Entitlements;

/// <summary>The rule of a next action marked done from the work list.</summary>
public static partial class EntitlementRules
{
    /// <summary>
    /// Marks an entitlement's next action done: the action, its date and its owner are cleared, and the history entry
    /// (<see cref="ChangeKind.NextActionDone"/>) keeps them as they were, so who finished what and when stays on record.
    /// A duplicate/invalid tenant's entitlements take no change, and an entitlement without a next action has nothing to finish.
    /// </summary>
    /// <param name="tenant">The entitlement's tenant.</param>
    /// <param name="entitlement">The entitlement (tracked).</param>
    /// <param name="actor">Who marks it done.</param>
    /// <param name="now">When.</param>
    public static Result<StatusChange> MarkNextActionDone(Tenant tenant, Entitlement entitlement, string actor, DateTimeOffset now)
    {
        if (tenant.IsDuplicate)
        {
            return Refusal.Of(RefusalCodes.TenantIsDuplicate);
        }

        if (entitlement.NextAction is null && entitlement.NextActionDate is null && entitlement.NextActionOwner is null)
        {
            return Refusal.Of(RefusalCodes.NoNextAction);
        }

        var changes = new List<FieldChange>(3);
        AddIfChanged(changes, nameof(Entitlement.NextAction), entitlement.NextAction, null);
        AddIfChanged(changes, nameof(Entitlement.NextActionDate), Iso(entitlement.NextActionDate), null);
        AddIfChanged(changes, nameof(Entitlement.NextActionOwner), entitlement.NextActionOwner, null);
        entitlement.NextAction = null;
        entitlement.NextActionDate = null;
        entitlement.NextActionOwner = null;
        entitlement.LastChangedBy = actor;
        entitlement.LastChangedAt = now;
        entitlement.Version++;
        return Result<StatusChange>.Ok(NewChange(entitlement, ChangeKind.NextActionDone, actor, now, changes));
    }
}

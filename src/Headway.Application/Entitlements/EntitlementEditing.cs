using System.Globalization;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Tenants;

namespace Headway.Application.Entitlements;

/// <summary>
/// The one edit of an entitlement that every write path makes — the status editor, the API, the bulk edit and the
/// importer: the caller's right to make it on this tenant, the version the caller read (when there is one), and the
/// status rules of <see cref="EntitlementRules"/>, which also keep the reason for a moved engagement start date.
/// </summary>
public static class EntitlementEditing
{
    /// <summary>Applies the edit to the (tracked) entitlement, or says why it may not be made.</summary>
    /// <param name="caller">Who edits.</param>
    /// <param name="tenant">The entitlement's tenant.</param>
    /// <param name="entitlement">The entitlement.</param>
    /// <param name="siblings">All entitlements of the tenant.</param>
    /// <param name="update">The fields after the edit, with a reason when a set engagement start date moves.</param>
    /// <param name="knownL3">The L3 values defined under the update's L2.</param>
    /// <param name="expectedVersion">The version the caller read; null for a file, which carries none.</param>
    /// <param name="now">The time of the edit.</param>
    public static Result<EntitlementEdit> Apply(Caller caller, Tenant tenant, Entitlement entitlement, IReadOnlyCollection<Entitlement> siblings,
        EntitlementUpdate update, IReadOnlyCollection<string> knownL3, int? expectedVersion, DateTimeOffset now)
    {
        if (expectedVersion is { } expected && entitlement.Version != expected)
        {
            return Mismatch(expected, entitlement.Version);
        }

        // Changing only the engagement start date is a permission of its own (gateway managers have it).
        var onlyStartDate = update.Fields() with { EngagementStartDate = entitlement.EngagementStartDate } == EntitlementUpdate.From(entitlement).Fields();
        if (Permissions.CheckEntitlement(caller, onlyStartDate ? Permission.SetEngagementStartDate : Permission.ChangeEntitlement, tenant, entitlement.Workload) is { } forbidden)
        {
            return forbidden;
        }

        return EntitlementRules.Change(tenant, entitlement, siblings, update, knownL3, caller.UserName, now, caller.Role?.ToString());
    }

    /// <summary>
    /// Marks the (tracked) entitlement's next action done, or says why it may not be: the version the caller read, their
    /// right to change this tenant's entitlements, then <see cref="EntitlementRules.MarkNextActionDone"/>.
    /// </summary>
    public static Result<StatusChange> MarkNextActionDone(Caller caller, Tenant tenant, Entitlement entitlement, int expectedVersion, DateTimeOffset now)
    {
        if (entitlement.Version != expectedVersion)
        {
            return Mismatch(expectedVersion, entitlement.Version);
        }

        if (Permissions.CheckEntitlement(caller, Permission.ChangeEntitlement, tenant, entitlement.Workload) is { } forbidden)
        {
            return forbidden;
        }

        return EntitlementRules.MarkNextActionDone(tenant, entitlement, caller.UserName, now);
    }

    /// <summary>The refusal for a version that moved since the caller read it.</summary>
    public static Refusal Mismatch(int expected, int current) =>
        Refusal.Of(RefusalCodes.VersionMismatch, expected.ToString(CultureInfo.InvariantCulture), current.ToString(CultureInfo.InvariantCulture));
}

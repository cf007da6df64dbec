using Headway.Domain.Results;
using Headway.Domain.Tenants;

namespace Headway.Application.Users;

/// <summary>What a use case needs the caller to be allowed.</summary>
public enum Permission
{
    /// <summary>Read tenants, entitlements, notes and history (names included).</summary>
    ReadTenants,
    /// <summary>Change an entitlement's status, note and next action.</summary>
    ChangeEntitlement,
    /// <summary>Set an In Progress entitlement's engagement start date.</summary>
    SetEngagementStartDate,
    /// <summary>Register entitlements of a tenant.</summary>
    RegisterEntitlements,
    /// <summary>Flag a tenant duplicate/invalid or clear the flag.</summary>
    FlagDuplicate,
    /// <summary>Search the audit trail.</summary>
    ReadAudit,
    /// <summary>Manage users, partners and tenant assignments.</summary>
    ManageUsers,
}

/// <summary>
/// The permission matrix (docs/permissions.md), checked by the use cases themselves so that no page,
/// endpoint, command or importer can skip it. Scope (which partner's rows exist at all) is separate:
/// the DbContext's query filters apply it before any of these checks run.
/// </summary>
public static class Permissions
{
    public static bool Allows(Caller caller, Permission permission) => (caller.Role, permission) switch
    {
        (null, _) => false,
        (Role.ProductAnalyst, _) => false,
        (_, Permission.ReadTenants) => true,
        (Role.Manager, Permission.ChangeEntitlement or Permission.SetEngagementStartDate or Permission.FlagDuplicate) => true,
        (Role.Gateway, Permission.SetEngagementStartDate or Permission.RegisterEntitlements or Permission.FlagDuplicate) => true,
        (Role.Admin, Permission.FlagDuplicate or Permission.ReadAudit or Permission.ManageUsers) => true,
        _ => false,
    };

    /// <summary>
    /// Null when the caller may do this to this tenant; otherwise the refusal. Managers act only on the
    /// tenants assigned to them.
    /// </summary>
    public static Refusal? Check(Caller caller, Permission permission, Tenant? tenant = null)
    {
        if (!Allows(caller, permission))
        {
            return Refusal.Of(RefusalCodes.Forbidden);
        }

        if (caller.Role == Role.Manager && tenant is not null && permission != Permission.ReadTenants &&
            !string.Equals(tenant.ManagerName, caller.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.Of(RefusalCodes.NotAssigned);
        }

        return null;
    }
}

namespace Headway.Application.Users;

/// <summary>
/// What a service account may be allowed, one scope per kind of integration work. A service account may do nothing else:
/// no overall notes, no administration, no summaries.
/// </summary>
public static class ServiceScopes
{
    /// <summary>Read tenants, entitlements, notes, history and reports through the API.</summary>
    public const string Read = "read";

    /// <summary>Change entitlements' statuses, notes and next actions (any tenant in the account's scope, no assignment needed).</summary>
    public const string WriteStatuses = "statuses";

    /// <summary>Import tenants and entitlements from files, and revert an import.</summary>
    public const string Import = "import";

    /// <summary>Export the datasets.</summary>
    public const string Export = "export";

    /// <summary>Every scope, in the order the pages show them.</summary>
    public static IReadOnlyList<string> All { get; } = [Read, WriteStatuses, Import, Export];

    /// <summary>Whether these scopes allow the permission.</summary>
    public static bool Allows(IReadOnlyList<string> scopes, Permission permission) => permission switch
    {
        Permission.ReadTenants or Permission.ReadReports or Permission.ManageWebhooks => scopes.Contains(Read),
        Permission.ChangeEntitlement or Permission.SetEngagementStartDate => scopes.Contains(WriteStatuses),
        Permission.Import or Permission.RegisterEntitlements => scopes.Contains(Import),
        Permission.Export => scopes.Contains(Export),
        _ => false,
    };
}

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
    /// <summary>Register tenants and their entitlements, and correct a tenant's details (as an import does, without a file).</summary>
    RegisterEntitlements,
    /// <summary>Flag a tenant duplicate/invalid or clear the flag.</summary>
    FlagDuplicate,
    /// <summary>Search the audit trail.</summary>
    ReadAudit,
    /// <summary>Manage users and tenant assignments (a partner's administrator: the partner's own).</summary>
    ManageUsers,
    /// <summary>Add, rename, deactivate partners: the programme centre's administrators only.</summary>
    ManagePartners,
    /// <summary>Read aggregate reports (tenant names only with <see cref="ReadTenants"/>).</summary>
    ReadReports,
    /// <summary>Import tenants and entitlements from a file, and revert an import.</summary>
    Import,
    /// <summary>Ask a tenant's onboarding manager for an executive summary (SPEC §5).</summary>
    RequestSummary,
    /// <summary>Add, rename and retire L3 values and workloads: the programme centre's administrators only (the taxonomy is the programme's).</summary>
    ManageTaxonomy,
    /// <summary>Export datasets (entitlements, tenants, notes, history): for people the same as <see cref="ReadTenants"/>.</summary>
    Export,
    /// <summary>Subscribe URLs to the change feed's events (administrators, and integrations that read): in the subscriber's own scope.</summary>
    ManageWebhooks,
}

/// <summary>What is done to an overall note after it was written.</summary>
public enum NoteChange
{
    /// <summary>Its text, kind or next action corrected.</summary>
    Edit,
    /// <summary>Taken off the timeline (softly: the text stays in its revision).</summary>
    Delete,
}

/// <summary>
/// The permission matrix (docs/permissions.md), checked by the use cases themselves so that no page,
/// endpoint, command or importer can skip it. Scope (which partner's rows exist at all) is separate:
/// the DbContext's query filters apply it before any of these checks run.
/// </summary>
public static class Permissions
{
    public static bool Allows(Caller caller, Permission permission)
    {
        if (caller.IsOperator)
        {
            return true;
        }

        // A file may hold tenants of any region, and reverting an import reaches every row it wrote: neither fits a geography.
        if (permission == Permission.Import && caller.IsGeographyLimited)
        {
            return false;
        }

        return caller.Scopes is { } scopes ? ServiceScopes.Allows(scopes, permission) : ByRole(caller, permission);
    }

    private static bool ByRole(Caller caller, Permission permission) => (caller.Role, permission) switch
    {
        (null, _) => false,
        (_, Permission.ReadReports) => true,
        (Role.ProductAnalyst, _) => false,
        (_, Permission.ReadTenants or Permission.Export) => true,
        (Role.Manager, Permission.ChangeEntitlement or Permission.SetEngagementStartDate or Permission.FlagDuplicate) => true,
        (Role.Gateway, Permission.SetEngagementStartDate or Permission.RegisterEntitlements or Permission.FlagDuplicate or Permission.Import) => true,
        (Role.Admin, Permission.ManagePartners or Permission.ManageTaxonomy) => caller.IsProgrammeWide,
        (Role.Admin, Permission.FlagDuplicate or Permission.ReadAudit or Permission.ManageUsers or Permission.Import or Permission.RegisterEntitlements
            or Permission.ManageWebhooks) => true,
        (Role.RegionalManager or Role.Leadership, Permission.RequestSummary) => true,
        _ => false,
    };

    /// <summary>
    /// Who writes which kind of overall note (SPEC §4.1): managers every kind but enterprise status on
    /// their assigned tenants, engineers technical enablement, architects enterprise status on enterprise
    /// tenants, gateway managers engagement management.
    /// </summary>
    public static Refusal? CheckNote(Caller caller, OverallNoteType type, Tenant tenant) => caller.IsService ? Refusal.Of(RefusalCodes.Forbidden) : (caller.Role, type) switch
    {
        (Role.Manager, not OverallNoteType.EnterpriseStatus) =>
            string.Equals(tenant.ManagerName, caller.UserName, StringComparison.OrdinalIgnoreCase) ? null : Refusal.Of(RefusalCodes.NotAssigned),
        (Role.Engineer, OverallNoteType.TechnicalEnablement) => null,
        (Role.Architect, OverallNoteType.EnterpriseStatus) => tenant.IsEnterprise ? null : Refusal.Of(RefusalCodes.Forbidden),
        (Role.Gateway, OverallNoteType.EngagementManagement) => null,
        _ => Refusal.Of(RefusalCodes.Forbidden),
    };

    /// <summary>
    /// Who may mark an overall note's next action done or move it: the note's author, and the manager the tenant is
    /// assigned to. A manager of another portfolio is told the tenant is not theirs; any other role that did not write
    /// the note may not.
    /// </summary>
    public static Refusal? CheckNoteAction(Caller caller, OverallNote note, Tenant tenant)
    {
        if (caller.IsOperator || (Allows(caller, Permission.ReadTenants) && string.Equals(note.Author, caller.UserName, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        if (caller.Role != Role.Manager)
        {
            return Refusal.Of(RefusalCodes.Forbidden);
        }

        return string.Equals(tenant.ManagerName, caller.UserName, StringComparison.OrdinalIgnoreCase) ? null : Refusal.Of(RefusalCodes.NotAssigned);
    }

    /// <summary>Whether the role writes overall notes of any kind.</summary>
    public static bool WritesNotes(Caller caller) => !caller.IsService && caller.Role is Role.Manager or Role.Engineer or Role.Architect or Role.Gateway;

    /// <summary>Whether the role may delete overall notes at all: those that write them (their own), and administrators (any).</summary>
    public static bool DeletesNotes(Caller caller) => caller.IsOperator || WritesNotes(caller) || caller.Role == Role.Admin;

    /// <summary>
    /// Who may correct a written overall note (docs/permissions.md): its author, while their role may still write that kind
    /// of note on the tenant (an edit to another kind needs the right to that kind too). Administrators may delete any
    /// note in their scope (a note naming a person by mistake, an author who left), but never edit one: a note keeps
    /// saying only what its author wrote.
    /// </summary>
    public static Refusal? CheckNoteChange(Caller caller, OverallNote note, Tenant tenant, NoteChange change, OverallNoteType? newType = null)
    {
        if (caller.IsOperator || (change == NoteChange.Delete && caller.Role == Role.Admin))
        {
            return null;
        }

        if (!string.Equals(note.Author, caller.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.Of(RefusalCodes.NotNoteAuthor);
        }

        return CheckNote(caller, note.Type, tenant) ?? (newType is { } type && type != note.Type ? CheckNote(caller, type, tenant) : null);
    }

    /// <summary>
    /// Whether the caller keeps this workload's status and note as a subject-matter expert: an engineer or architect whom
    /// an administrator made a status-note writer for the workload (<see cref="Caller.StatusWorkloads"/>).
    /// </summary>
    public static bool IsStatusWriterFor(Caller caller, string workload) =>
        !caller.IsService && caller.Role is Role.Engineer or Role.Architect && caller.StatusWorkloads.Contains(workload, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the caller changes the status of some entitlements: by role, or as a status-note writer of some workloads.</summary>
    public static bool ChangesStatuses(Caller caller) =>
        Allows(caller, Permission.ChangeEntitlement) || (!caller.IsService && caller.Role is Role.Engineer or Role.Architect && caller.StatusWorkloads.Count > 0);

    /// <summary>
    /// <see cref="Check"/> for one entitlement: besides the tenant's manager, a status-note writer of the workload changes its
    /// status, note, dates and next action on the tenants whose account team they are on (elsewhere: <c>NotAssigned</c>).
    /// </summary>
    public static Refusal? CheckEntitlement(Caller caller, Permission permission, Tenant tenant, string workload)
    {
        if (permission is Permission.ChangeEntitlement or Permission.SetEngagementStartDate && IsStatusWriterFor(caller, workload))
        {
            // Only on their own organisation's tenants, whatever a team list still says after a move to another partner.
            return tenant.HasOnTeam(caller.UserName) && tenant.PartnerId == caller.PartnerId ? null : Refusal.Of(RefusalCodes.NotAssigned);
        }

        return Check(caller, permission, tenant);
    }

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

        if (!caller.IsOperator && !caller.IsService && caller.Role == Role.Manager && tenant is not null && permission != Permission.ReadTenants &&
            !string.Equals(tenant.ManagerName, caller.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.Of(RefusalCodes.NotAssigned);
        }

        return null;
    }
}

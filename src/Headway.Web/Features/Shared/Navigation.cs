using Headway.Application;
using Headway.Application.Users;

namespace Headway.Web.Features.Shared;

/// <summary>A link of the main navigation: where it leads, its text (a resource key) and the permission its page needs.</summary>
/// <param name="Href">The page.</param>
/// <param name="TextKey">The resource key of its text.</param>
/// <param name="Needs">What the caller must be allowed; null for a page every signed-in user and every visitor may open.</param>
public sealed record NavLink(string Href, string TextKey, Permission? Needs);

/// <summary>
/// The main navigation, derived from the permission table: a role sees only the pages it may use, so no link answers
/// 403. A page added here names the permission its page model and use case check.
/// </summary>
public static class Navigation
{
    /// <summary>The keys that, after "g", go to a page (the work list, then pages of the navigation the caller has).</summary>
    public static IReadOnlyList<(string Key, string Href)> GoKeys { get; } =
        [("w", "/"), ("d", "/dashboard"), ("t", "/tenants"), ("s", "/summaries"), ("r", "/reports"), ("i", "/imports"), ("u", "/admin/users"), ("a", "/admin/audit")];

    /// <summary>The keyboard shortcuts spelled as they are pressed, the same in every language.</summary>
    public static class Keys
    {
        public const string Help = "?";
        public const string Search = "/";
        public const string Go = "g";
        public const string Control = "Ctrl";
        public const string Enter = "Enter";
    }

    public static IReadOnlyList<NavLink> All { get; } =
    [
        new("/dashboard", "DashboardNav", Permission.ReadTenants),
        new("/tenants", "NavTenants", Permission.ReadTenants),
        new("/summaries", "NavSummaries", Permission.ReadTenants),
        new("/reports", "NavReports", Permission.ReadReports),
        new("/export", "NavExport", Permission.ReadTenants),
        new("/imports", "NavImports", Permission.Import),
        new("/admin/users", "NavUsers", Permission.ManageUsers),
        new("/admin/partners", "NavPartners", Permission.ManagePartners),
        new("/admin/service-accounts", "NavServiceAccounts", Permission.ManageUsers),
        new("/admin/teams", "NavSmeTeams", Permission.ManageUsers),
        new("/admin/taxonomy", "NavTaxonomy", Permission.ManageTaxonomy),
        new("/admin/audit", "NavAudit", Permission.ReadAudit),
        // The API reference for a signed-in reader; a visitor gets the public description it is rendered from.
        new(ApiReference.ApiReferencePage.Link, "NavApi", null),
    ];

    /// <summary>The API's OpenAPI document, public like the sign-in page.</summary>
    public const string PublicApiDescription = "/openapi/v1.json";

    /// <summary>The links the caller may follow, in order.</summary>
    public static IEnumerable<NavLink> For(Caller caller) =>
        All.Where(link => link.Needs is not { } permission || Permissions.Allows(caller, permission))
            .Select(link => link.Href == ApiReference.ApiReferencePage.Link && caller.Role is null ? link with { Href = PublicApiDescription } : link);

    /// <summary>Whether a link leads to the page at <paramref name="path"/> or one under it (marked as the current page).</summary>
    public static bool IsCurrent(NavLink link, string? path) =>
        path is not null && (string.Equals(path, link.Href, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(link.Href + "/", StringComparison.OrdinalIgnoreCase));
}

using Headway.Application.Users;

namespace Headway.Web.Features.Shared;

/// <summary>
/// Where each role starts: the page "/" sends them to, so the first page after signing in is one they may use and one
/// made for their work (docs/permissions.md). The web tests sign in as every role and follow it to a 200.
/// </summary>
public static class Landing
{
    /// <summary>The home page itself: the onboarding manager's own work.</summary>
    public const string Home = "/";

    public static string PathFor(Role? role) => role switch
    {
        Role.Manager => Home,
        Role.RegionalManager or Role.Leadership => "/dashboard",
        // Aggregates only, without tenant names: the reports are all a product analyst may read.
        Role.ProductAnalyst => "/reports",
        // Administrators, gateway managers, engineers and architects find the tenants they work on in the list.
        _ => "/tenants",
    };
}

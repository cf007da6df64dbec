using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The entitlements behind a report's count (the drill-down).</summary>
public sealed class ReportRowsPage(IPage page)
{
    public ILocator Count => page.Locator("#drill-count");

    public ILocator Rows => page.Locator("#drill-rows tbody tr");

    /// <summary>Links to tenant pages; none when the user may see numbers but not names.</summary>
    public ILocator TenantLinks => page.Locator("#drill-rows a[href^='/tenants/']");
}

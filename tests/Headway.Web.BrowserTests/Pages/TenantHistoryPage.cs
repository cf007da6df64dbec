using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The history of a tenant's status changes.</summary>
public sealed class TenantHistoryPage(IPage page)
{
    public ILocator Main => page.Locator("main");

    public async Task OpenAsync(long tenantId)
    {
        await page.GotoAsync($"/tenants/{tenantId}/history");
    }
}

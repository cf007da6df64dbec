using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>A tenant's header and entitlement grid.</summary>
public sealed class TenantPage(IPage page)
{
    public ILocator Main => page.Locator("main");

    public ILocator Heading => page.Locator("h1");

    public ILocator Notice => page.Locator(".notice");

    public ILocator Row(string workload) => page.Locator("main table tbody tr").Filter(new() { Has = page.Locator($"abbr:text-is('{workload}')") });

    /// <summary>The note cells of the entitlement grid.</summary>
    public ILocator Notes => page.Locator("main td.note");

    public ILocator EditLinks => page.Locator("main table tbody tr a[href$='/edit']");

    /// <summary>The action a regional manager or leader requests an executive summary with.</summary>
    public ILocator RequestSummary => page.Locator("#request-summary");

    /// <summary>The tenant's summary requests, each with its state.</summary>
    public ILocator SummaryRequests => page.Locator("#tenant-requests li");

    public ILocator WriteSummary => page.Locator("#write-summary");

    public async Task OpenAsync(long tenantId)
    {
        await page.GotoAsync($"/tenants/{tenantId}");
    }

    public async Task<string> EditFirstAsync()
    {
        var link = EditLinks.First;
        var href = await link.GetAttributeAsync("href");
        await link.ClickAsync();
        return href!.Split('/')[^2];
    }
}

using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The list of summary requests with their states.</summary>
public sealed class SummaryRequestsPage(IPage page)
{
    public ILocator Heading => page.Locator("main h1");

    public ILocator Rows => page.Locator("#summary-requests tbody tr");

    /// <summary>The rows of one tenant (the tenant's name links to its page).</summary>
    public ILocator RowsOf(long tenantId) => Rows.Filter(new() { Has = page.Locator($"a[href='/tenants/{tenantId}']") });

    public async Task OpenAsync(string query = "") => await page.GotoAsync("/summaries/requests" + query);
}

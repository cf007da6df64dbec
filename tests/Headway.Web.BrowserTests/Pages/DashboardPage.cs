using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The dashboard of regional managers and leadership: its sections, charts and tables.</summary>
public sealed class DashboardPage(IPage page)
{
    public static readonly string[] Sections = ["dashboard-status", "dashboard-blockers", "dashboard-hygiene", "dashboard-requests", "dashboard-summaries"];

    public ILocator Heading => page.Locator("h1");

    public ILocator Scope => page.Locator("#dashboard-scope");

    public ILocator Section(string id) => page.Locator($"section#{id}");

    public ILocator SectionHeading(string id) => Section(id).Locator("h2");

    public ILocator StatusRows => page.Locator("#dashboard-status-table tbody tr");

    public ILocator HygieneRows => page.Locator("#dashboard-hygiene-table tbody tr");

    public ILocator Charts => page.Locator("canvas[data-chart]");

    public ILocator Region => page.Locator("#region");

    public async Task OpenAsync(string? region = null) => await page.GotoAsync(region is null ? "/dashboard" : $"/dashboard?region={Uri.EscapeDataString(region)}");

    /// <summary>Waits until every chart is drawn: Chart.js attaches itself to each canvas it draws.</summary>
    public Task WaitForChartsAsync() =>
        page.WaitForFunctionAsync("() => [...document.querySelectorAll('canvas[data-chart]')].every(c => Chart.getChart(c))");
}

using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>One report: its filters, charts and table, whose counts lead to the rows behind them.</summary>
public sealed class ReportPage(IPage page)
{
    public ILocator Heading => page.Locator("h1");

    public ILocator Rows => page.Locator("#report-table tbody tr");

    public async Task OpenAsync(string report)
    {
        await page.GotoAsync($"/reports/{report}");
    }

    /// <summary>The first row that contains <paramref name="text"/>.</summary>
    public ILocator RowWith(string text) => Rows.Filter(new() { HasTextString = text }).First;

    /// <summary>The link of a row's count, to the rows behind it.</summary>
    public static ILocator CountLink(ILocator row) => row.Locator("td.num a");

    /// <summary>A row's label, its first cell.</summary>
    public static async Task<string> LabelAsync(ILocator row) => (await row.Locator("td").First.InnerTextAsync()).Trim();

    /// <summary>Waits until every chart on the page is drawn: Chart.js attaches itself to each canvas it draws.</summary>
    public Task WaitForChartsAsync() =>
        page.WaitForFunctionAsync("() => [...document.querySelectorAll('canvas[data-chart]')].every(c => Chart.getChart(c))");
}

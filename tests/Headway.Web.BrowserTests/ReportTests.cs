using Headway.Application.Reports;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

[Collection(BrowserCollection.Name)]
public class ReportTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh-Hans")]
    public async Task EveryReport_InTwoLanguages_DrawsItsChartAndTableAndDrillsDown(string locale, string lang)
    {
        var page = await fixture.NewPageAsync(locale, user: "leadership@centre.example");

        foreach (var report in ReportCatalogue.All)
        {
            await page.GotoAsync($"/reports/{report.Name}");
            await Expect(page.Locator("h1")).ToHaveTextAsync(UiStrings.Get(lang, report.TitleKey));
            await Expect(page.Locator("#report-table tbody tr").First).ToBeVisibleAsync();
            // Chart.js attaches itself to each canvas it draws.
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('canvas[data-chart]')].every(c => Chart.getChart(c))");
            await BrowserFixture.ScreenshotAsync(page, $"report-{report.Name}-{lang}");
        }

        await page.GotoAsync("/reports/blockers");
        var first = page.Locator("#report-table tbody tr").First;
        var count = await first.Locator("td.num a").InnerTextAsync();
        await first.Locator("td.num a").ClickAsync();
        await Expect(page.Locator("#drill-count")).ToContainTextAsync(count);
        var blockedName = Domain.Taxonomy.StatusTaxonomy.Default.FindL1("Blocked")!.Name.Get(lang);
        await Expect(page.Locator("#drill-rows tbody tr").First).ToContainTextAsync(blockedName);

        // A tag on overall notes leads to those notes.
        await page.GotoAsync("/reports/hashtags");
        var overall = page.Locator("#report-table tbody tr").Filter(new() { HasTextString = UiStrings.Get(lang, "HashtagOnOverallNote") }).First;
        var tag = (await overall.Locator("td").First.InnerTextAsync()).Trim();
        await overall.Locator("td.num a").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(tag);
    }

    [Fact]
    public async Task Reports_ProductAnalyst_SeesNumbersButNoTenantNames()
    {
        var page = await fixture.NewPageAsync("de-DE", user: "product-analyst@centre.example");

        await page.GotoAsync("/reports/hygiene");
        await page.Locator("#report-table tbody tr td.num a").First.ClickAsync();

        await Expect(page.Locator("#drill-rows tbody tr").First).ToContainTextAsync(UiStrings.Get("de", "NameHidden"));
        Assert.Equal(0, await page.Locator("#drill-rows a[href^='/tenants/']").CountAsync());
    }
}

using Headway.Application.Reports;
using Headway.Web.BrowserTests.Pages;
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
        var report = new ReportPage(page);
        var drill = new ReportRowsPage(page);

        foreach (var definition in ReportCatalogue.All)
        {
            await report.OpenAsync(definition.Name);
            await Expect(report.Heading).ToHaveTextAsync(UiStrings.Get(lang, definition.TitleKey));
            await Expect(report.Rows.First).ToBeVisibleAsync();
            await report.WaitForChartsAsync();
            await BrowserFixture.ScreenshotAsync(page, $"report-{definition.Name}-{lang}");
        }

        await report.OpenAsync("blockers");
        var first = ReportPage.CountLink(report.Rows.First);
        var count = await first.InnerTextAsync();
        await first.ClickAsync();
        await Expect(drill.Count).ToContainTextAsync(count);
        var blockedName = Domain.Taxonomy.StatusTaxonomy.Default.FindL1("Blocked")!.Name.Get(lang);
        await Expect(drill.Rows.First).ToContainTextAsync(blockedName);

        // A tag on overall notes leads to those notes.
        await report.OpenAsync("hashtags");
        var overall = report.RowWith(UiStrings.Get(lang, "HashtagOnOverallNote"));
        var tag = await ReportPage.LabelAsync(overall);
        await ReportPage.CountLink(overall).ClickAsync();
        await Expect(new TagPage(page).Heading).ToContainTextAsync(tag);
    }

    [Fact]
    public async Task Reports_ProductAnalyst_SeesNumbersButNoTenantNames()
    {
        var page = await fixture.NewPageAsync("de-DE", user: "product-analyst@centre.example");
        var report = new ReportPage(page);
        var drill = new ReportRowsPage(page);

        await report.OpenAsync("hygiene");
        await ReportPage.CountLink(report.Rows).First.ClickAsync();

        await Expect(drill.Rows.First).ToContainTextAsync(UiStrings.Get("de", "NameHidden"));
        Assert.Equal(0, await drill.TenantLinks.CountAsync());
    }
}

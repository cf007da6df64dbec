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
            await Expect(report.Rows).Not.ToHaveCountAsync(0);
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

    [Theory]
    [InlineData("ja-JP", "ja")]
    [InlineData("en-US", "en")]
    public async Task StatusMatrix_IsAMatrixThatOpensToL2_AndEveryCellAndBarDrillsDown(string locale, string lang)
    {
        var page = await fixture.NewPageAsync(locale, user: "leadership@centre.example");
        var report = new ReportPage(page);
        var drill = new ReportRowsPage(page);
        await report.OpenAsync("status-matrix");
        await report.WaitForChartsAsync();

        // L1 rows with workloads as columns; the flat lines wait behind their summary.
        var matrix = page.Locator("#status-matrix");
        await Expect(matrix).ToBeVisibleAsync();
        await Expect(report.Rows.First).Not.ToBeVisibleAsync();
        var l2Rows = matrix.Locator("tr.matrix-l2");
        Assert.True(await l2Rows.CountAsync() > 0);
        Assert.Equal(0, await l2Rows.Filter(new() { Visible = true }).CountAsync());
        Assert.True(await matrix.Locator("td.heat-5").CountAsync() > 0, "the largest cell of a level is the darkest");

        // An L1 opens to its L2 rows; "show every L2" opens all.
        var unknown = matrix.Locator("tbody").Filter(new() { HasText = Domain.Taxonomy.StatusTaxonomy.Default.FindL1("StatusUnknown")!.Name.Get(lang) });
        var toggle = unknown.Locator("button.expand");
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(unknown.Locator("tr.matrix-l2").First).ToBeVisibleAsync();
        await page.Locator("button[data-expand-all]").ClickAsync();
        Assert.Equal(await l2Rows.CountAsync(), await l2Rows.Filter(new() { Visible = true }).CountAsync());
        await BrowserFixture.ScreenshotAsync(page, $"report-status-matrix-open-{lang}");

        // A cell leads to exactly the entitlements it counts.
        var cell = l2Rows.Locator("td.num:not(.total) a").First;
        var count = await cell.InnerTextAsync();
        await cell.ClickAsync();
        await Expect(drill.Count).ToContainTextAsync(count);
        Assert.Contains("workload=", page.Url, StringComparison.Ordinal);
        Assert.Contains("l2=", page.Url, StringComparison.Ordinal);

        // The chart shows the largest lines, largest first, and its first bar leads to the entitlements behind it.
        await report.OpenAsync("status-matrix");
        await report.WaitForChartsAsync();
        var values = await page.EvaluateAsync<double[]>("() => Chart.getChart(document.getElementById('chart-bars')).data.datasets[0].data");
        Assert.Equal(values.OrderByDescending(v => v), values);
        var cells = await matrix.Locator("tr.matrix-l2 td.num:not(.total) a").AllInnerTextsAsync();
        Assert.Equal(cells.Max(c => double.Parse(c.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)), values[0]);
        var bar = await page.EvaluateAsync<double[]>(
            "() => { const e = Chart.getChart(document.getElementById('chart-bars')).getDatasetMeta(0).data[0]; return [e.x - 4, e.y]; }");
        await page.Locator("#chart-bars").ClickAsync(new() { Position = new() { X = (float)bar[0], Y = (float)bar[1] } });
        await Expect(drill.Count).ToContainTextAsync(values[0].ToString("N0", System.Globalization.CultureInfo.InvariantCulture));

        // Both pictures download: the canvas as PNG, the server's SVG in the reader's language.
        await report.OpenAsync("status-matrix");
        await report.WaitForChartsAsync();
        var png = await page.RunAndWaitForDownloadAsync(() => page.Locator("button[data-chart-png=chart-bars]").ClickAsync());
        Assert.Equal("status-matrix-chart.png", png.SuggestedFilename);
        var pngBytes = await File.ReadAllBytesAsync(await png.PathAsync());
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, pngBytes[..4]);
        var svg = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-svg").ClickAsync());
        var svgText = await File.ReadAllTextAsync(await svg.PathAsync());
        Assert.Contains("<svg", svgText, StringComparison.Ordinal);
        Assert.Contains(UiStrings.Get(lang, "Report_status-matrix"), svgText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("de-DE", "de")]
    public async Task Filters_TakeSeveralWorkloadsAndRegions_AndPickManagersAndTags(string locale, string lang)
    {
        var page = await fixture.NewPageAsync(locale, user: "leadership@centre.example");
        var report = new ReportPage(page);
        await report.OpenAsync("status-matrix");

        await page.Locator("#f-workload summary").ClickAsync();
        await page.Locator("#f-workload input[value=EXO]").CheckAsync();
        await page.Locator("#f-workload input[value=SPO]").CheckAsync();
        await page.Locator("#f-region summary").ClickAsync();
        await page.Locator("#f-region input[value=EMEA]").CheckAsync();
        await page.Locator("#f-region input[value=Japan]").CheckAsync();
        var managers = await page.Locator("#f-manager-list option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        Assert.Contains("manager@centre.example", managers);
        var tags = await page.Locator("#f-tag-list option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        Assert.NotEmpty(tags);
        Assert.All(tags, t => Assert.StartsWith("#", t, StringComparison.Ordinal));
        await page.Locator("#f-manager").FillAsync("manager@centre.example");
        await page.Locator("#report-filters button[type=submit]").ClickAsync();

        await Expect(page.Locator("#status-matrix")).ToBeVisibleAsync();
        Assert.Contains("workload=EXO&workload=SPO", page.Url, StringComparison.Ordinal);
        Assert.Contains("region=EMEA&region=Japan", page.Url, StringComparison.Ordinal);
        var columns = await page.Locator("#status-matrix thead th.num").AllInnerTextsAsync();
        Assert.Equal(["EXO", "SPO", UiStrings.Get(lang, "MatrixTotal")], columns.Select(c => c.Trim()));
        await Expect(page.Locator("#f-workload summary")).ToContainTextAsync("EXO, SPO");
        await Expect(page.Locator("#f-manager")).ToHaveValueAsync("manager@centre.example");

        // An unknown region is a 400 with its reason in the reader's language, never an empty report.
        var response = await page.GotoAsync("/reports/status-matrix?region=Atlantis");
        Assert.Equal(400, response!.Status);
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("Atlantis");
    }
}

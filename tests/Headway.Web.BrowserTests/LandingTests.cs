using Headway.Web.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>Each role starts on its own page after signing in, in each of the four languages.</summary>
[Collection(BrowserCollection.Name)]
public class LandingTests(BrowserFixture fixture)
{
    public static TheoryData<string, string> Languages() => new()
    {
        { "en-US", "en" },
        { "zh-CN", "zh-Hans" },
        { "de-DE", "de" },
        { "ja-JP", "ja" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ProductAnalyst_SignsIn_LandsOnTheReportsWithNoLinkToPagesTheyMayNotRead(string locale, string lang)
    {
        var page = await fixture.NewPageAsync(locale, "product-analyst@centre.example");
        var nav = new NavigationBar(page);

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reports$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(UiStrings.Get(lang, "NavReports"));
        await Expect(page.Locator("#reports li")).Not.ToHaveCountAsync(0);
        await Expect(nav.Current).ToHaveTextAsync(UiStrings.Get(lang, "NavReports"));
        foreach (var hidden in new[] { "/tenants", "/summaries", "/export", "/dashboard", "/imports", "/admin/audit" })
        {
            await Expect(nav.Link(hidden)).ToHaveCountAsync(0);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task RegionalManager_SignsIn_LandsOnTheDashboardAndSeesItsSections(string locale, string lang)
    {
        var page = await fixture.NewPageAsync(locale, "regional-manager@centre.example");
        var dashboard = new DashboardPage(page);

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard$"));
        await Expect(dashboard.Heading).ToHaveTextAsync(UiStrings.Get(lang, "DashboardTitle"));
        await Expect(dashboard.Scope).ToContainTextAsync(UiStrings.Get(lang, "DashboardScopeProgramme"));
        string[] headings = ["DashboardStatusMix", "DashboardBlockersTrend", "DashboardHygiene", "DashboardRequests", "DashboardLatestSummaries"];
        for (var i = 0; i < DashboardPage.Sections.Length; i++)
        {
            await Expect(dashboard.SectionHeading(DashboardPage.Sections[i])).ToHaveTextAsync(UiStrings.Get(lang, headings[i]));
        }

        await Expect(dashboard.StatusRows).ToHaveCountAsync(4);
        await Expect(dashboard.HygieneRows).Not.ToHaveCountAsync(0);
        await Expect(dashboard.Charts).ToHaveCountAsync(2);
        await dashboard.WaitForChartsAsync();
        await Expect(new NavigationBar(page).Current).ToHaveTextAsync(UiStrings.Get(lang, "DashboardNav"));
        await BrowserFixture.ScreenshotAsync(page, $"dashboard-{lang}");

        // One region: the scope line names it, and a count leads to the entitlements behind it.
        await dashboard.Region.SelectOptionAsync("EMEA");
        await page.Locator("form.search button[type=submit]").ClickAsync();
        await Expect(dashboard.Scope).ToContainTextAsync(Headway.Domain.Taxonomy.Geography.Default.RegionName("EMEA", lang));
        await dashboard.StatusRows.First.Locator("td.num a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reports/rows\\?region=EMEA&l1=StatusUnknown$"));
    }

    [Fact]
    public async Task RegionalManager_OnAPhone_ReadsTheDashboardWithoutTheLayoutOverflowing()
    {
        var page = await fixture.NewPageAsync("de-DE", "regional-manager@bluefield.example");
        await page.SetViewportSizeAsync(390, 844);

        await new DashboardPage(page).OpenAsync();

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        // What sticks out, outside the tables that scroll on their own.
        var wide = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-scroll'))
                .slice(0, 8).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className)
            """);
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than a 390 px screen: {string.Join(", ", wide)}");
        await BrowserFixture.ScreenshotAsync(page, "dashboard-phone-de");
    }
}

using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Headway.Web.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>The tenant list of someone who manages hundreds: filters, chips, saved views, in every language and on a phone.</summary>
[Collection(BrowserCollection.Name)]
public class TenantListTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("de-DE", "de")]
    [InlineData("ja-JP", "ja")]
    public async Task FilterSaveAndReopenTheView_InANewPage_ShowsTheSameFiltersAndRows(string locale, string lang)
    {
        var page = await fixture.NewPageAsync(locale);
        var list = new TenantListPage(page);
        await list.OpenAsync();

        await list.FilterAsync(("l1", "InProgress"), ("l1", "Blocked"), ("priority", "High"));

        await Expect(list.Chips).ToHaveCountAsync(3);
        await Expect(list.FilterToggle).ToHaveTextAsync(UiStrings.Get(lang, "TenantListFiltersActive", 3));
        await Expect(list.Chips.Nth(0)).ToHaveAttributeAsync("aria-label", UiStrings.Get(lang, "TenantListRemoveFilter",
            UiStrings.Get(lang, "TenantListChip", UiStrings.Get(lang, "ColL1"), Domain.Taxonomy.StatusTaxonomy.Default.FindL1("InProgress")!.Name.Get(lang))));
        var rows = await list.RowIdsAsync();
        Assert.NotEmpty(rows);
        var name = $"{lang} {Guid.NewGuid():N}"[..20];
        await list.SaveViewAsync(name);
        await Expect(list.SavedNotice).ToHaveTextAsync(UiStrings.Get(lang, "TenantListViewSaved", name));
        await Expect(list.SavedViews.Filter(new() { HasTextString = name })).ToHaveCountAsync(1);
        var address = await list.SavedViews.Filter(new() { HasTextString = name }).GetAttributeAsync("href");

        // The view is its address: opened in a page of its own (a new sign-in), it shows the same filters and tenants.
        var other = await fixture.NewPageAsync(locale);
        var reopened = new TenantListPage(other);
        await other.GotoAsync(address!);

        await Expect(reopened.Chips).ToHaveCountAsync(3);
        await Expect(reopened.Choice("l1", "Blocked")).ToBeCheckedAsync();
        await Expect(reopened.Choice("priority", "High")).ToBeCheckedAsync();
        await Expect(reopened.Choice("l1", "NoIntent")).Not.ToBeCheckedAsync();
        Assert.Equal(rows, await reopened.RowIdsAsync());
        await BrowserFixture.ScreenshotAsync(other, $"tenant-list-view-{lang}");
    }

    [Fact]
    public async Task Chips_RemovedOneByOne_WidenTheListUntilEveryTenantShows()
    {
        var page = await fixture.NewPageAsync();
        var list = new TenantListPage(page);
        await list.OpenAsync("?mine=true&l1=Blocked");
        var narrow = await CountAsync(list);

        await list.RemoveChipAsync(0);
        await Expect(list.Chips).ToHaveCountAsync(1);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tenants\\?mine=true$"));
        Assert.True(await CountAsync(list) >= narrow);
        await list.ClearAll.ClickAsync();

        await Expect(list.Chips).ToHaveCountAsync(0);
        await Expect(list.Rows).ToHaveCountAsync(25);
    }

    private static async Task<int> CountAsync(TenantListPage list) =>
        int.Parse(new string((await list.Count.InnerTextAsync()).Where(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task FilterPanel_FromTheKeyboardOnly_FiltersTheList()
    {
        var page = await fixture.NewPageAsync();
        var list = new TenantListPage(page);
        await list.OpenAsync();

        await list.SearchBox.FocusAsync();
        var reached = false;
        for (var i = 0; i < 6 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<bool>("() => document.activeElement.matches('#filter-panel > summary')");
        }

        Assert.True(reached, "the filter panel's summary is not reachable with Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(list.FilterPanel).ToHaveAttributeAsync("open", "");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("l1", await page.EvaluateAsync<string>("() => document.activeElement.name"));
        await page.Keyboard.PressAsync("Space"); // the first status: Status unknown
        await list.Choice("l1", "StatusUnknown").FocusAsync();
        await page.Locator("#apply-filters").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**/tenants?l1=StatusUnknown");
        await Expect(list.Chips).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Phone_FilterPanelAndChips_FitTheScreenAndWork()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        var list = new TenantListPage(page);
        await list.OpenAsync();

        await list.FilterAsync(("priority", "High"), ("region", "EMEA"));

        await Expect(list.Chips).ToHaveCountAsync(2);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var wide = overflow <= 0 ? "" : await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth).slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + (e.textContent || '').trim().slice(0, 40) + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ')");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone's screen: {wide}");
        await list.OpenFiltersAsync();
        await BrowserFixture.ScreenshotAsync(page, "tenant-list-phone-filters");
    }

    [Fact]
    public async Task NoMatch_ShowsTheEmptyStateAndClearsFromThere()
    {
        var page = await fixture.NewPageAsync("de-DE");
        var list = new TenantListPage(page);
        await list.OpenAsync("?q=zzzqqqxxx");

        await Expect(list.EmptyState).ToContainTextAsync(UiStrings.Get("de", "TenantListNoMatch"));
        await list.EmptyState.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(list.Rows).ToHaveCountAsync(25);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("ja-JP")]
    public async Task TenantList_FilterPanelOpenAndSavedViews_AxeWcagAA_FindNoViolations(string locale)
    {
        var page = await fixture.NewPageAsync(locale);
        var list = new TenantListPage(page);
        await list.OpenAsync("?l1=Blocked&sort=status&desc=true");
        await list.SaveViewAsync($"axe {Guid.NewGuid():N}"[..16], shared: true);
        await list.OpenFiltersAsync();
        var failures = new List<string>();

        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        failures.AddRange(result.Violations.Select(v => $"/tenants: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        await page.GotoAsync("/tenants/views");
        result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        failures.AddRange(result.Violations.Select(v => $"/tenants/views: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

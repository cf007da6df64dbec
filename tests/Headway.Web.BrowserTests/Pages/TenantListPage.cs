using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The tenant list, as a user sees and uses it: search, the filter panel, the active filters, sorting and saved views.</summary>
public sealed class TenantListPage(IPage page)
{
    public ILocator Heading => page.Locator("h1");

    public ILocator Rows => page.Locator("#tenant-table tbody tr");

    public ILocator SearchBox => page.Locator("#search");

    /// <summary>The filter panel's summary: it opens and closes the panel and says how many filters are active.</summary>
    public ILocator FilterToggle => page.Locator("#filter-panel > summary");

    public ILocator FilterPanel => page.Locator("#filter-panel");

    /// <summary>The active filters, one chip each, and the chip that clears them all.</summary>
    public ILocator Chips => page.Locator("#active-filters a.chip:not(.clear)");

    public ILocator ClearAll => page.Locator("#clear-filters");

    public ILocator Count => page.Locator("#tenant-count");

    public ILocator EmptyState => page.Locator("#no-tenants");

    public ILocator SavedNotice => page.Locator("#view-saved");

    public ILocator SavedViews => page.Locator("#saved-views a");

    public ILocator ExportCsv => page.Locator("#export-csv");

    /// <summary>The link to a tenant's page, by the tenant's name.</summary>
    public ILocator TenantLink(string name) => page.GetByRole(AriaRole.Link, new() { Name = name });

    /// <summary>A choice of the filter panel: the checkbox of one value of a filter (l1, priority, …).</summary>
    public ILocator Choice(string filter, string value) => page.Locator($"#filter-panel input[name='{filter}'][value='{value}']");

    public async Task OpenAsync(string query = "")
    {
        await page.GotoAsync("/tenants" + query);
    }

    public async Task SearchAsync(string text)
    {
        await SearchBox.FillAsync(text);
        await SearchBox.PressAsync("Enter");
        await page.WaitForURLAsync("**/tenants?q=*");
    }

    public async Task OpenFiltersAsync()
    {
        if (await FilterPanel.GetAttributeAsync("open") is null)
        {
            await FilterToggle.ClickAsync();
        }
    }

    /// <summary>Ticks values in the open panel and applies them; waits for the list they give.</summary>
    public async Task FilterAsync(params (string Filter, string Value)[] choices)
    {
        await OpenFiltersAsync();
        foreach (var (filter, value) in choices)
        {
            await Choice(filter, value).CheckAsync();
        }

        await page.Locator("#apply-filters").ClickAsync();
        await page.WaitForURLAsync(url => choices.All(c => url.Contains($"{c.Filter}={c.Value}", StringComparison.Ordinal)));
    }

    /// <summary>Removes one active filter by its chip.</summary>
    public Task RemoveChipAsync(int index) => Chips.Nth(index).ClickAsync();

    /// <summary>The ids of the tenants shown, in order.</summary>
    public async Task<IReadOnlyList<string>> RowIdsAsync() =>
        [.. (await Rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"))];

    public async Task SaveViewAsync(string name, bool shared = false)
    {
        await page.Locator("#view-name").FillAsync(name);
        if (shared)
        {
            await page.Locator("#save-view-form input[name='Form.Shared']").CheckAsync();
        }

        await page.Locator("#save-view").ClickAsync();
        await Assertions.Expect(SavedNotice).ToBeVisibleAsync();
    }

    public Task SwitchLanguageAsync(string lang) => page.Locator($"nav.languages a[hreflang='{lang}']").ClickAsync();

    public Task OpenTenantAsync(int row) => Rows.Nth(row).Locator("td a").First.ClickAsync();

    public Task SortByAsync(int column) => page.Locator("thead th a").Nth(column).ClickAsync();
}

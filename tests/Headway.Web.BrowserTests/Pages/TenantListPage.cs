using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The tenant list, as a user sees and uses it.</summary>
public sealed class TenantListPage(IPage page)
{
    public ILocator Heading => page.Locator("h1");

    public ILocator Rows => page.Locator("main table tbody tr");

    public ILocator SearchBox => page.Locator("#search");

    /// <summary>The link to a tenant's page, by the tenant's name.</summary>
    public ILocator TenantLink(string name) => page.GetByRole(AriaRole.Link, new() { Name = name });

    public async Task OpenAsync(string query = "")
    {
        await page.GotoAsync("/tenants" + query);
    }

    public async Task SearchAsync(string text)
    {
        await SearchBox.FillAsync(text);
        await SearchBox.PressAsync("Enter");
        await page.WaitForURLAsync("**/tenants?search=*");
    }

    public Task SwitchLanguageAsync(string lang) => page.Locator($"nav.languages a[hreflang='{lang}']").ClickAsync();

    public Task OpenTenantAsync(int row) => Rows.Nth(row).Locator("td a").First.ClickAsync();

    public Task SortByAsync(int column) => page.Locator("thead th a").Nth(column).ClickAsync();
}

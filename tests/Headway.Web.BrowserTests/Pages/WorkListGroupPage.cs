using System.Globalization;
using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>One group of the work list in full, a page at a time.</summary>
public sealed class WorkListGroupPage(IPage page)
{
    public ILocator Heading => page.Locator("main h1");

    public ILocator Items => page.Locator("main li.work-item");

    public ILocator Next => page.Locator(".pager a[rel=next]");

    public ILocator Back => page.Locator("main p a[href='/']");

    public async Task OpenAsync(string group, int pageNumber = 1) =>
        await page.GotoAsync($"/worklist/{group}" + (pageNumber > 1 ? "?page=" + pageNumber.ToString(CultureInfo.InvariantCulture) : ""));

    public async Task<int> TotalAsync() =>
        int.Parse(await page.Locator("#group-total").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}

using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The header's main navigation, as every page shows it.</summary>
public sealed class NavigationBar(IPage page)
{
    public ILocator Links => page.Locator("header.top nav").First.Locator("a");

    public ILocator Link(string href) => page.Locator($"header.top nav a[href='{href}']");

    public ILocator Current => page.Locator("header.top nav a[aria-current=page]");
}

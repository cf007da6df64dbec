using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The notes that carry one hashtag.</summary>
public sealed class TagPage(IPage page)
{
    public ILocator Heading => page.Locator("h1");
}

using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The bell in the header of every page: a link to the notifications, named with the unread count.</summary>
public sealed class NotificationBell(IPage page)
{
    public ILocator Link => page.Locator("header.top #bell");

    /// <summary>The visible number (absent when nothing is unread).</summary>
    public ILocator Count => page.Locator("header.top #bell-count");

    public async Task OpenAsync() => await Link.ClickAsync();
}

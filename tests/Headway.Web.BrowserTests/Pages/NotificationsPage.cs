using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The caller's notifications, newest first.</summary>
public sealed class NotificationsPage(IPage page)
{
    public ILocator Heading => page.Locator("main h1");

    public ILocator Items => page.Locator("#notifications li");

    public ILocator UnreadItems => page.Locator("#notifications li.unread");

    public ILocator MarkAllRead => page.Locator("#mark-all-read");

    /// <summary>The notice that leads to <paramref name="href"/>.</summary>
    public ILocator ItemLinkingTo(string href) => page.Locator($"#notifications li a[href='{href}']");

    public async Task OpenAsync() => await page.GotoAsync("/notifications");
}

using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The confirmation before an overall note is deleted.</summary>
public sealed class NoteDeletePage(IPage page)
{
    public ILocator Heading => page.Locator("h1");

    public ILocator Note => page.Locator("#note-to-delete");

    public async Task ConfirmAsync() => await page.Locator("#note-delete-confirm").ClickAsync();
}

using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>Correcting an overall note: the coach's advice on it, its fields, and saving.</summary>
public sealed class NoteEditPage(IPage page)
{
    public ILocator Heading => page.Locator("h1");

    public ILocator Advice => page.Locator("#note-advice li");

    public ILocator Text => page.Locator("#note-text");

    public ILocator Type => page.Locator("#note-type");

    public ILocator ConflictTitle => page.Locator("#conflict-title");

    public async Task OpenAsync(long noteId) => await page.GotoAsync($"/notes/{noteId}/edit");

    public async Task SaveAsync() => await page.Locator("#note-save").ClickAsync();
}

using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>A tenant's timeline of overall notes: the form that adds one, the notes with their actions, the notices and the pager.</summary>
public sealed class TimelineSection(IPage page)
{
    public ILocator Items => page.Locator("ol.timeline > li");

    /// <summary>The note on this page of the timeline whose text is <paramref name="text"/>.</summary>
    public ILocator Item(string text) => Items.Filter(new() { Has = page.Locator("p.note-text", new() { HasTextString = text }) });

    public static ILocator EditLink(ILocator item) => item.Locator("a.note-edit");

    public static ILocator DeleteLink(ILocator item) => item.Locator("a.note-delete");

    public static ILocator EditedMark(ILocator item) => item.Locator(".edited");

    public ILocator Notice => page.Locator("#note-notice");

    public ILocator Advice => page.Locator("#note-advice li");

    public ILocator FollowAdvice => page.Locator("#note-follow-advice");

    public ILocator Older => page.Locator("#timeline-older");

    public ILocator Oldest => page.Locator("#timeline-oldest");

    public ILocator Pager => page.Locator("#timeline-pager");

    /// <summary>Adds a note through the form and waits for the page the redirect opens.</summary>
    public async Task AddAsync(string type, string text)
    {
        await page.Locator("#note-type").SelectOptionAsync(type);
        await page.Locator("#note-text").FillAsync(text);
        await page.Locator("form.note-form button[type=submit]").ClickAsync();
        await Assertions.Expect(Notice).ToBeVisibleAsync();
    }
}

using System.Globalization;
using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>A manager's work list, the home page: counts per group, each group's first items and their actions.</summary>
public sealed class WorkListPage(IPage page)
{
    public ILocator Heading => page.Locator("main h1");

    public ILocator StatusMix => page.Locator("#by-l1 tr");

    public ILocator Notice => page.Locator("#worklist-notice");

    public ILocator Error => page.Locator("#worklist-error");

    /// <summary>The count of a group (its URL name, <c>due-today</c>), which links to its full list.</summary>
    public ILocator CountLink(string group) => page.Locator($"#count-{group}");

    /// <summary>The first items a group shows.</summary>
    public ILocator Items(string group) => page.Locator($"#group-{group} li.work-item");

    public async Task OpenAsync() => await page.GotoAsync("/");

    public async Task<int> CountAsync(string group) =>
        int.Parse(await CountLink(group).Locator(".count").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    /// <summary>Marks an item's next action done; the list comes back without it.</summary>
    public async Task MarkDoneAsync(ILocator item)
    {
        await item.Locator("button[data-action=done]").ClickAsync();
        await Assertions.Expect(Notice).ToBeVisibleAsync();
    }

    /// <summary>Moves an item's next action to another day.</summary>
    public async Task MoveAsync(ILocator item, DateOnly day)
    {
        await item.Locator("input[type=date]").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await item.Locator("button[data-action=move]").ClickAsync();
        await Assertions.Expect(Notice).ToBeVisibleAsync();
    }

    /// <summary>Opens a group's full list from its count.</summary>
    public async Task OpenGroupAsync(string group)
    {
        await CountLink(group).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/worklist/" + group, StringComparison.Ordinal));
    }
}

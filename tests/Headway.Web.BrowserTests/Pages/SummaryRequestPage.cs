using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The form a regional manager or leader asks a tenant's manager for an executive summary with.</summary>
public sealed class SummaryRequestPage(IPage page)
{
    public ILocator Heading => page.Locator("main h1");

    public ILocator DueDate => page.Locator("#dueDate");

    public ILocator Message => page.Locator("#message");

    public ILocator DueDateError => page.Locator("#dueDate-error");

    public async Task SendAsync(DateOnly due, string message)
    {
        await DueDate.FillAsync(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Message.FillAsync(message);
        await page.Locator("#send-request").ClickAsync();
    }
}

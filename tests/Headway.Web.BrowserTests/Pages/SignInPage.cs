using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The sign-in page.</summary>
public sealed class SignInPage(IPage page)
{
    public ILocator Error => page.Locator("#sign-in-error");

    public async Task SignInAsync(string email, string password, bool expectSuccess = true)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("form button[type=submit]").ClickAsync();
        if (expectSuccess)
        {
            // Wait for the redirect to commit and the next page to render, not for every subresource.
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
        }
        else
        {
            await Assertions.Expect(Error).ToBeVisibleAsync();
        }
    }
}

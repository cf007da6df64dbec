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
        await page.Locator("#password").PressAsync("Enter");
        if (expectSuccess)
        {
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        }
        else
        {
            await Assertions.Expect(Error).ToBeVisibleAsync();
        }
    }
}

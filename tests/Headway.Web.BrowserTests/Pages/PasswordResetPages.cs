using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>"Forgot your password?": the address to send a link to, and what the page says after.</summary>
public sealed class ForgotPasswordPage(IPage page)
{
    public ILocator Sent => page.Locator("#reset-sent");

    public async Task AskForALinkAsync(string email)
    {
        await page.Locator("#email").FillAsync(email);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(Sent).ToBeVisibleAsync();
    }
}

/// <summary>The page a mailed link opens: a new password, twice.</summary>
public sealed class ResetPasswordPage(IPage page)
{
    public ILocator NewPasswordError => page.Locator("#new-password-error");

    public ILocator LinkError => page.Locator("#reset-link-error");

    public async Task SetAsync(string password)
    {
        await page.Locator("#new-password").FillAsync(password);
        await page.Locator("#repeat-password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }
}

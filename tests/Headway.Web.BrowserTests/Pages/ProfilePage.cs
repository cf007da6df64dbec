using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The profile page: the email digest settings and the password.</summary>
public sealed class ProfilePage(IPage page)
{
    public ILocator DigestHeading => page.Locator("h2#digest");

    public ILocator Saved => page.Locator("#digest-saved");

    public ILocator Language => page.Locator("#digest-language");

    public ILocator Frequency(string value) => page.Locator($"form.digest-settings input[name='Form.Digest'][value='{value}']");

    /// <summary>The label a frequency's radio button has, as a user reads it.</summary>
    public ILocator FrequencyLabel(string value) =>
        page.Locator("form.digest-settings label.choice").Filter(new() { Has = page.Locator($"input[name='Form.Digest'][value='{value}']") });

    public Task GotoAsync() => page.GotoAsync("/account/profile");

    public ILocator PasswordHeading => page.Locator("h2#password");

    public ILocator PasswordChanged => page.Locator("#password-changed");

    public ILocator CurrentPasswordError => page.Locator("#current-password-error");

    public ILocator NewPasswordError => page.Locator("#new-password-error");

    /// <summary>Fills the password form (the new one twice) and sends it.</summary>
    public async Task ChangePasswordAsync(string current, string next)
    {
        await page.Locator("#current-password").FillAsync(current);
        await page.Locator("#new-password").FillAsync(next);
        await page.Locator("#repeat-password").FillAsync(next);
        await page.Locator("form.password-change button[type=submit]").ClickAsync();
    }

    /// <summary>Chooses how often and in which language, saves, and waits for the page the save redirects to.</summary>
    public async Task SaveDigestAsync(string frequency, string language)
    {
        await FrequencyLabel(frequency).ClickAsync();
        await Language.SelectOptionAsync(language);
        await page.Locator("form.digest-settings button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("saved=True", StringComparison.Ordinal));
    }
}

using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The administrators' list of users: search, filters, and each user's row.</summary>
public sealed class UsersPage(IPage page)
{
    public ILocator Heading => page.Locator("main h1");

    public ILocator Invite => page.Locator("#invite-user");

    public ILocator Row(string email) => page.Locator($"#users tr[data-email='{email}']");

    public async Task SearchAsync(string text)
    {
        await page.Locator("#users-q").FillAsync(text);
        await page.Locator("main form[role=search] button[type=submit]").ClickAsync();
    }
}

/// <summary>"Invite a user": address, name, role, the mail's language; then what was sent.</summary>
public sealed class InviteUserPage(IPage page)
{
    public ILocator Mailed => page.Locator("#link-mailed");

    public ILocator EmailError => page.Locator("#invite-email-error");

    public async Task InviteAsync(string email, string name, string role, string language)
    {
        await page.Locator("#invite-email").FillAsync(email);
        await page.Locator("#invite-name").FillAsync(name);
        await page.Locator("#invite-role").SelectOptionAsync(role);
        await page.Locator("#invite-language").SelectOptionAsync(language);
        await page.Locator("main form#invite-form button[type=submit]").ClickAsync();
    }
}

using System.Text.RegularExpressions;
using Headway.Domain.Results;
using Headway.Testing;
using Headway.Web.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// A forgotten password, in each language, as a user goes through it: "Forgot your password?" on the sign-in page, the
/// mail read from the portal's real SMTP server, the link, a refused common password, a new one, signing in with it;
/// then changing it again on the profile page, where a wrong current password is refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class PasswordTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("en-US", "en", "engineer@kestrel.example")]
    [InlineData("zh-CN", "zh-Hans", "architect@kestrel.example")]
    [InlineData("de-DE", "de", "gateway@kestrel.example")]
    [InlineData("ja-JP", "ja", "leadership@kestrel.example")]
    public async Task ForgottenPassword_MailedLinkSetsANewOne_ThenTheProfileChangesIt(string locale, string lang, string user)
    {
        // Plain words are enough: length and the list of common passwords are the rules, not a mix of characters.
        var reset = "amber quarry lighthouse " + lang;
        var changed = "Cobalt-Meadow-Compass-" + lang;
        var page = await fixture.NewPageAsync(locale, user: null);

        await page.GotoAsync("/account/login");
        await Expect(page.Locator("#forgot-password")).ToHaveTextAsync(UiStrings.Get(lang, "ForgotLink"));
        await page.Locator("#forgot-password").ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync(UiStrings.Get(lang, "ForgotTitle"));
        await new ForgotPasswordPage(page).AskForALinkAsync(user);
        await Expect(new ForgotPasswordPage(page).Sent).ToHaveTextAsync(UiStrings.Get(lang, "ForgotSent", user, 60));

        var mail = await fixture.MailToAsync(user);
        Assert.Equal(UiStrings.Get(lang, "ResetMailSubject"), mail.Subject);
        Assert.Contains(UiStrings.Get(lang, "ResetMailIgnore"), mail.TextBody, StringComparison.Ordinal);
        await page.GotoAsync(BrowserFixture.InPortal(Link().Match(mail.TextBody ?? "").Value));
        await Expect(page.Locator("main h1")).ToHaveTextAsync(UiStrings.Get(lang, "ResetTitle"));

        var form = new ResetPasswordPage(page);
        await form.SetAsync("1qaz2wsx3edc");
        await Expect(form.NewPasswordError).ToHaveTextAsync(Refusal.Of(RefusalCodes.PasswordTooCommon).Message(lang));
        await form.SetAsync(reset);
        await Expect(page.Locator("#password-reset-done")).ToHaveTextAsync(UiStrings.Get(lang, "ResetDone"));
        await new SignInPage(page).SignInAsync(user, reset);
        await BrowserFixture.ScreenshotAsync(page, $"password-reset-{lang}");

        var profile = new ProfilePage(page);
        await profile.GotoAsync();
        await Expect(profile.PasswordHeading).ToHaveTextAsync(UiStrings.Get(lang, "PasswordChange"));
        await profile.ChangePasswordAsync(HeadwayServer.DemoPassword, changed);
        await Expect(profile.CurrentPasswordError).ToHaveTextAsync(Refusal.Of(RefusalCodes.WrongPassword).Message(lang));
        await profile.ChangePasswordAsync(reset, changed);
        await Expect(profile.PasswordChanged).ToHaveTextAsync(UiStrings.Get(lang, "PasswordChanged"));
        await BrowserFixture.ScreenshotAsync(page, $"password-changed-{lang}");

        // The mailed link worked once.
        await page.GotoAsync(BrowserFixture.InPortal(Link().Match(mail.TextBody ?? "").Value));
        await form.SetAsync("Another-Harbour-Candle-9");
        await Expect(form.LinkError).ToHaveTextAsync(Refusal.Of(RefusalCodes.ResetLinkInvalid).Message(lang));
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"https://headway\.test/portal/account/reset\?\S+")]
    private static partial Regex Link();
}

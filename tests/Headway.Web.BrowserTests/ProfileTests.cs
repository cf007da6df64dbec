using Headway.Web.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>The email digest settings on the profile page, in each language: chosen, saved, and shown again after the redirect.</summary>
[Collection(BrowserCollection.Name)]
public class ProfileTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("en-US", "en", "de", "engineer@centre.example")]
    [InlineData("zh-CN", "zh-Hans", "ja", "architect@centre.example")]
    [InlineData("de-DE", "de", "zh-Hans", "gateway@centre.example")]
    [InlineData("ja-JP", "ja", "en", "regional-manager@centre.example")]
    public async Task DigestSettings_SavedWithAnotherLanguage_ThePageComesBackInIt(string locale, string lang, string chosen, string user)
    {
        var page = await fixture.NewPageAsync(locale, user);
        var profile = new ProfilePage(page);

        await profile.GotoAsync();
        await Expect(profile.DigestHeading).ToHaveTextAsync(UiStrings.Get(lang, "DigestSettings"));
        await Expect(profile.FrequencyLabel("Weekly")).ToHaveTextAsync(UiStrings.Get(lang, "DigestFrequencyWeekly"));
        await Expect(profile.Frequency("Daily")).ToBeCheckedAsync();
        // Until the user picks a language, the one they read the portal in.
        await Expect(profile.Language).ToHaveValueAsync(lang);
        await profile.SaveDigestAsync("Weekly", chosen);

        await Expect(profile.Saved).ToHaveTextAsync(UiStrings.Get(chosen, "DigestSaved"));
        await Expect(profile.DigestHeading).ToHaveTextAsync(UiStrings.Get(chosen, "DigestSettings"));
        await Expect(profile.Frequency("Weekly")).ToBeCheckedAsync();
        await Expect(profile.Language).ToHaveValueAsync(chosen);
        await BrowserFixture.ScreenshotAsync(page, $"profile-digest-{lang}");

        // Turned off, and nothing else changed.
        await profile.SaveDigestAsync("Off", chosen);
        await Expect(profile.Frequency("Off")).ToBeCheckedAsync();
        await Expect(profile.Language).ToHaveValueAsync(chosen);
    }
}

using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// The keyboard shortcuts of the daily actions (listed by "?", in the reader's language) and the dark theme that
/// follows the system's setting, its colours still readable by WCAG AA.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ShortcutsAndThemeTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("ja-JP", "ja")]
    [InlineData("de-DE", "de")]
    public async Task Shortcuts_QuestionMarkListsThem_SlashSearches_GThenTGoesToTheTenants_NeverWhileTyping(string locale, string lang)
    {
        var page = await fixture.NewPageAsync(locale);
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("?");
        var dialog = page.Locator("dialog#shortcuts");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator("h2")).ToHaveTextAsync(UiStrings.Get(lang, "ShortcutsTitle"));
        await Expect(dialog.Locator("[data-go-key=t]")).ToHaveTextAsync(UiStrings.Get(lang, "ShortcutGoTo", UiStrings.Get(lang, "NavTenants")));
        // Only pages the role may open: a manager has no user administration.
        await Expect(dialog.Locator("[data-go-key=u]")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();

        await page.Keyboard.PressAsync("/");
        await Expect(page.Locator("#top-search-q")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("gt");
        await Expect(page.Locator("#top-search-q")).ToHaveValueAsync("gt");
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);

        await page.Locator("main h1").ClickAsync();
        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("t");
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/tenants");
    }

    [Fact]
    public async Task DarkTheme_FollowsTheSystem_AndKeepsWcagAAContrast()
    {
        var page = await fixture.NewPageAsync("en-US");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        var failures = new List<string>();
        foreach (var path in new[] { "/", "/tenants", "/summaries", "/reports" })
        {
            await page.GotoAsync(path);
            Assert.Equal("rgb(13, 17, 23)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "rule", Values = ["color-contrast"] } });
            failures.AddRange(result.Violations.SelectMany(v => v.Nodes.Take(5).Select(n => $"{path}: {v.Id} {n.Html}")));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        Assert.Equal("rgb(255, 255, 255)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
    }
}

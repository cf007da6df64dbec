using System.Text;
using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The import page: upload a file, check it (dry run) or import it, and revert an import from the history.</summary>
public sealed class ImportPage(IPage page, string lang)
{
    public ILocator Heading => page.Locator("h1");

    public ILocator Progress => page.Locator("#import-progress");

    /// <summary>The rows of the problems a check found, one per refused cell.</summary>
    public ILocator Problems => page.Locator("#import-problems tbody tr");

    public ILocator Summary => page.Locator("#import-summary");

    /// <summary>The imports done so far, newest first.</summary>
    public ILocator History => page.Locator("#imports tbody tr");

    public ILocator Reverted => page.Locator("#import-reverted");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/imports");
    }

    /// <summary>From the home page through the navigation, by the link's name in the user's language.</summary>
    public async Task OpenFromNavigationAsync()
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = UiStrings.Get(lang, "NavImports"), Exact = true }).ClickAsync();
    }

    /// <summary>Holds every upload for <paramref name="delay"/> so the progress can be seen before the answer replaces the page.</summary>
    public Task HoldUploadsAsync(TimeSpan delay) => page.RouteAsync("**/imports", async route =>
    {
        await Task.Delay(delay);
        await route.ContinueAsync();
    });

    public Task ReleaseUploadsAsync() => page.UnrouteAllAsync();

    public Task ChooseCsvAsync(string fileName, string text) => page.Locator("#upload").SetInputFilesAsync(
        new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) });

    /// <summary>The name of the file the upload field holds (empty when none).</summary>
    public Task<string> ChosenFileAsync() => page.Locator("#upload").EvaluateAsync<string>("field => field.files.length ? field.files[0].name : ''");

    /// <summary>After a clean dry run: imports the same file, by the button's name in the user's language.</summary>
    public Task ApplyCheckedFileAsync() =>
        page.GetByRole(AriaRole.Button, new() { Name = UiStrings.Get(lang, "ImportApplyNow"), Exact = true }).ClickAsync();

    /// <summary>Sends the file, by the button's name in the user's language.</summary>
    public Task ImportAsync() => page.GetByRole(AriaRole.Button, new() { Name = UiStrings.Get(lang, "ImportButton") }).ClickAsync();

    /// <summary>Reverts an import from its row of the history, by the button's name in the user's language.</summary>
    public Task RevertAsync(ILocator row, string fileName) =>
        row.GetByRole(AriaRole.Button, new() { Name = UiStrings.Get(lang, "ImportRevertLabel", fileName) }).ClickAsync();
}

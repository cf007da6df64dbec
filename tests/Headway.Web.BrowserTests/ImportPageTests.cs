using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

[Collection(BrowserCollection.Name)]
public class ImportPageTests(BrowserFixture fixture)
{
    private const string Header = "tenant,country,seats,workload,l1,l2,note,targetDate\n";

    private static FilePayload Csv(string text) => new() { Name = "mandanten.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task Import_InGerman_DryRunShowsProblemsWithProgress_ThenTheFixedFileImportsAndIsReverted()
    {
        var page = await fixture.NewPageAsync("de-DE", user: "gateway@centre.example");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = UiStrings.Get("de", "NavImports"), Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(UiStrings.Get("de", "NavImports"));

        // Hold the upload for a moment so the progress can be seen before the answer replaces the page.
        await page.RouteAsync("**/imports", async route =>
        {
            await Task.Delay(700);
            await route.ContinueAsync();
        });
        await page.Locator("#upload").SetInputFilesAsync(Csv(Header +
            "Müller Maschinenbau GmbH,DE,900,EXO,,,,\n" +
            "Müller Maschinenbau GmbH,DE,900,SPO,InProgress,Migration,Die Migration der Teamseiten läuft: 12 von 40 Seiten sind umgezogen.,2030-10-31\n"));
        await page.GetByRole(AriaRole.Button, new() { Name = UiStrings.Get("de", "ImportButton") }).ClickAsync();
        await Expect(page.Locator("#import-progress")).ToBeVisibleAsync();
        await Expect(page.Locator("#import-problems tbody tr")).ToHaveCountAsync(1);
        var problem = page.Locator("#import-problems tbody tr").First;
        // A gateway manager registers; the status is set by the tenant's manager (docs/permissions.md).
        await Expect(problem).ToContainTextAsync("Forbidden");
        await Expect(problem).ToContainTextAsync("Ihre Rolle erlaubt dies nicht.");
        await Expect(problem.Locator("td").First).ToHaveTextAsync("3");
        await BrowserFixture.ScreenshotAsync(page, "import-problems-de");
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));

        await page.UnrouteAllAsync();
        await page.Locator("#upload").SetInputFilesAsync(Csv(Header +
            "Müller Maschinenbau GmbH,DE,900,EXO,,,,\n" +
            "Müller Maschinenbau GmbH,DE,900,SPO,,,,\n"));
        await page.Locator("#dry-run").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = UiStrings.Get("de", "ImportButton") }).ClickAsync();
        await Expect(page.Locator("#import-summary")).ToContainTextAsync("importiert");
        await Expect(page.Locator("#imports tbody tr").First).ToContainTextAsync("mandanten.csv");

        await page.GotoAsync("/tenants?search=M%C3%BCller");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Müller Maschinenbau GmbH" })).ToBeVisibleAsync();

        await page.GotoAsync("/imports");
        await page.Locator("#imports tbody tr").First.GetByRole(AriaRole.Button, new() { Name = UiStrings.Get("de", "ImportRevertLabel", "mandanten.csv") }).ClickAsync();
        await Expect(page.Locator("#import-reverted")).ToBeVisibleAsync();
        await page.GotoAsync("/tenants?search=M%C3%BCller");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Müller Maschinenbau GmbH" })).ToHaveCountAsync(0);
    }
}

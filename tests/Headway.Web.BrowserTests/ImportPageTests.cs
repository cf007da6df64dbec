using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Headway.Web.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

[Collection(BrowserCollection.Name)]
public class ImportPageTests(BrowserFixture fixture)
{
    private const string Header = "tenant,country,seats,workload,l1,l2,note,targetDate\n";

    private const string FileName = "mandanten.csv";

    // A tenant the import creates, so no seeded tenant is touched; reverting the import removes it again.
    private const string NewTenant = "Müller Maschinenbau GmbH";

    [Fact]
    public async Task Import_InGerman_DryRunShowsProblemsWithProgress_ThenTheFixedFileImportsAndIsReverted()
    {
        var page = await fixture.NewPageAsync("de-DE", user: "gateway@centre.example");
        var import = new ImportPage(page, "de");
        await import.OpenFromNavigationAsync();
        await Expect(import.Heading).ToHaveTextAsync(UiStrings.Get("de", "NavImports"));

        await import.HoldUploadsAsync(TimeSpan.FromMilliseconds(700));
        await import.ChooseCsvAsync(FileName, Header +
            $"{NewTenant},DE,900,EXO,,,,\n" +
            $"{NewTenant},DE,900,SPO,InProgress,Migration,Die Migration der Teamseiten läuft: 12 von 40 Seiten sind umgezogen.,2030-10-31\n");
        await import.ImportAsync();
        await Expect(import.Progress).ToBeVisibleAsync();
        await Expect(import.Problems).ToHaveCountAsync(1);
        var problem = import.Problems.First;
        // A gateway manager registers; the status is set by the tenant's manager (docs/permissions.md).
        await Expect(problem).ToContainTextAsync("Forbidden");
        await Expect(problem).ToContainTextAsync("Ihre Rolle erlaubt dies nicht.");
        await Expect(problem.Locator("td").First).ToHaveTextAsync("3");
        await BrowserFixture.ScreenshotAsync(page, "import-problems-de");
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));

        await import.ReleaseUploadsAsync();
        await import.ChooseCsvAsync(FileName, Header +
            $"{NewTenant},DE,900,EXO,,,,\n" +
            $"{NewTenant},DE,900,SPO,,,,\n");
        await import.ImportAsync();
        await Expect(import.Summary).ToContainTextAsync(UiStrings.Get("de", "ImportDryRunClean"));

        // The checked file is still chosen: one click applies it.
        Assert.Equal(FileName, await import.ChosenFileAsync());
        await import.ApplyCheckedFileAsync();
        await Expect(import.Summary).ToContainTextAsync("importiert");
        await Expect(import.History.First).ToContainTextAsync(FileName);

        var list = new TenantListPage(page);
        await list.OpenAsync("?search=M%C3%BCller");
        await Expect(list.TenantLink(NewTenant)).ToBeVisibleAsync();

        await import.OpenAsync();
        await import.RevertAsync(import.History.First, FileName);
        await Expect(import.Reverted).ToBeVisibleAsync();
        await list.OpenAsync("?search=M%C3%BCller");
        await Expect(list.TenantLink(NewTenant)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Import_InJapanese_TheDryRunKeepsTheFile_AndTheRealRunNeedsNoSecondChoice()
    {
        const string name = "株式会社みなと精機";
        const string file = "テナント.csv";
        var page = await fixture.NewPageAsync("ja-JP", user: "gateway@centre.example");
        var import = new ImportPage(page, "ja");
        await import.OpenAsync();

        // An empty file is refused at its field, in the reader's language.
        await import.ChooseCsvAsync("空.csv", "");
        await import.ImportAsync();
        var required = Domain.Results.Refusal.Of(Domain.Results.RefusalCodes.ValueRequired, UiStrings.Get("ja", "ImportFileLabel")).Message("ja");
        await Expect(page.Locator("#import-form .field-error")).ToHaveTextAsync(required);

        await import.ChooseCsvAsync(file, Header + $"{name},JP,120,EXO,,,,\n");
        await import.ImportAsync();
        await Expect(import.Summary).ToContainTextAsync(UiStrings.Get("ja", "ImportDryRunClean"));
        await Expect(import.History.Filter(new() { HasText = file })).ToHaveCountAsync(0);
        Assert.Equal(file, await import.ChosenFileAsync());
        await BrowserFixture.ScreenshotAsync(page, "import-dry-run-ja");

        await import.ApplyCheckedFileAsync();
        await Expect(import.Summary).ToContainTextAsync(UiStrings.Get("ja", "ImportApplied", "|").Split('|')[1]);
        await Expect(import.History.First).ToContainTextAsync(file);

        await import.RevertAsync(import.History.First, file);
        await Expect(import.Reverted).ToBeVisibleAsync();
    }
}

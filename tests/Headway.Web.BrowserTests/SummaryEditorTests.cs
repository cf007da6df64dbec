using Headway.Domain.Results;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// The executive summary editor and list as a manager and a regional manager meet them: no empty error box on the first
/// load, a message about the description when it is left empty, workload lines that show their whole pre-filled text,
/// the list newest first by the day written, and the list downloaded as CSV. In Chinese and German.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SummaryEditorTests(BrowserFixture fixture)
{
    public sealed record Language(string Locale, string Lang, string Description)
    {
        public override string ToString() => Lang;
    }

    public static TheoryData<Language> Languages() =>
    [
        new("zh-CN", "zh-Hans", "拥有 120 家分店的连锁药店；IT 负责人希望年底前把所有门店迁移到 Exchange Online。"),
        new("de-DE", "de", "Apothekenkette mit 120 Filialen; der IT-Leiter will bis zum Jahresende alle Filialen auf Exchange Online umstellen."),
    ];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Editor_FirstLoadEmptyDescriptionAndLongLines_ThenTheListNewestFirstAndItsDownload(Language l)
    {
        var tenant = await fixture.TakeTenantAsync();
        var page = await fixture.NewPageAsync(l.Locale);
        await page.GotoAsync($"/tenants/{tenant.Id}/summaries/new");

        // No error box before anything was sent (the summary's own inline style is blocked by the content security policy).
        var alert = page.Locator("div[role=alert][data-valmsg-summary]");
        await Expect(alert).ToBeHiddenAsync();

        // Every workload line is a box of several lines that holds its whole pre-filled state.
        var state = page.Locator("textarea[name='Form.Lines[0].State']");
        await Expect(state).ToBeVisibleAsync();
        var prefilled = await state.InputValueAsync();
        Assert.False(string.IsNullOrWhiteSpace(prefilled));
        Assert.True(await state.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth + 1"), "The line's text is cut off sideways.");

        // Sent without a description: the message is about the description, in the reader's language.
        await page.Locator("input[name='Form.EngagementStatus'][value=Reactive]").CheckAsync();
        await page.Locator("input[name='Form.DeploymentProgress'][value=NotDeployed]").CheckAsync();
        await page.Locator("#summary-form button[type=submit]").ClickAsync();
        var expected = Refusal.Of(RefusalCodes.DescriptionRequired).Message(l.Lang);
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert).ToContainTextAsync(expected);
        await Expect(page.Locator("[data-valmsg-for='Form.CustomerDescription']")).ToHaveTextAsync(expected);
        Assert.DoesNotContain(Refusal.Of(RefusalCodes.TextRequired).Message(l.Lang), await page.ContentAsync(), StringComparison.Ordinal);
        await Expect(state).ToHaveValueAsync(prefilled);

        await page.Locator("#customerDescription").FillAsync(l.Description);
        await page.Locator("#summary-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#summary h1")).ToContainTextAsync(tenant.Name);

        // The regional manager's list leads with it (written last), and its download holds what the list shows.
        var regional = await fixture.NewPageAsync(l.Locale, "regional-manager@centre.example");
        await regional.GotoAsync("/summaries");
        await Expect(regional.Locator("#summaries tbody tr").First.Locator("th a")).ToHaveTextAsync(tenant.Name);
        var download = await regional.RunAndWaitForDownloadAsync(() => regional.Locator("#summaries-export-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,tenantId,tenant,region", rows[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(tenant.Name, rows[1], StringComparison.Ordinal);
        Assert.Contains(l.Description, csv, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(regional, $"summaries-{l.Lang}");
    }

    [Theory]
    [InlineData("ja-JP", "ja")]
    [InlineData("de-DE", "de")]
    public async Task ErrorPage_ADateOutOfRange_IsAPageInTheLayout_InTheReadersLanguage_WithAWayBack(string locale, string lang)
    {
        var tenant = await fixture.TakeTenantAsync();
        var page = await fixture.NewPageAsync(locale);

        var response = await page.GotoAsync($"/tenants/{tenant.Id}?asOf=9999-12-31");

        Assert.Equal(400, response!.Status);
        await Expect(page.Locator("header.top")).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(Refusal.ForField("asOf", RefusalCodes.DateOutOfRange, "9999-12-31", "1900-01-01", "2999-12-31").Message(lang));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        await Expect(page.Locator("#error-home")).ToBeVisibleAsync();
    }
}

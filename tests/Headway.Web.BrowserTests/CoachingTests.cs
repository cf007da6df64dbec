using Headway.Domain.Taxonomy;
using Headway.Web.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

[Collection(BrowserCollection.Name)]
public class CoachingTests(BrowserFixture fixture)
{
    [Fact]
    public async Task StatusEditor_TypingANote_GradesItLiveAndOffersTheStatusItPointsTo()
    {
        var page = await fixture.NewPageAsync("de-DE");
        await page.GotoAsync($"/tenants/{(await fixture.TakeTenantAsync()).Id}");
        await new TenantPage(page).EditFirstAsync();
        var editor = new EditEntitlementPage(page);
        await editor.ChooseL1Async("NoIntent");
        await editor.ChooseL2Async("ExecutiveSponsorship");

        await editor.TypeNoteAsync("Customer has no intent.");

        await Expect(editor.CoachGrade).ToHaveTextAsync("Mangelhafte Notiz");
        await Expect(editor.CoachFindings.First).Not.ToBeEmptyAsync();

        await editor.ChooseL1Async("Blocked");
        await editor.ChooseL2Async("LegalRegulatory");
        await editor.TypeNoteAsync("Customer is blocked because the firewall does not forward SMTP traffic, so mailboxes cannot connect to Exchange Online. Currently no workaround.");

        await Expect(editor.CoachGrade).ToHaveTextAsync("Gute Notiz");
        await Expect(editor.CoachMarks.First).ToBeVisibleAsync();
        await Expect(editor.CoachSuggestion).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "status-editor-coach-de");
        await editor.UseSuggestionAsync();

        await Expect(editor.L1).ToHaveValueAsync("Blocked");
        await Expect(editor.L2).ToHaveValueAsync("CustomerItInfrastructureRemediation");
        await Expect(editor.L2Definition).ToHaveTextAsync(StatusTaxonomy.Default.FindL2("CustomerItInfrastructureRemediation")!.Definition.Get("de"));
        await Expect(editor.CoachSuggestion).ToBeHiddenAsync();
    }

    [Fact]
    public async Task StatusEditor_ChineseNote_IsGradedWithMessagesInTheUserLanguage()
    {
        var page = await fixture.NewPageAsync("ja-JP");
        await page.GotoAsync($"/tenants/{(await fixture.TakeTenantAsync()).Id}");
        await new TenantPage(page).EditFirstAsync();
        var editor = new EditEntitlementPage(page);
        await editor.ChooseL1Async("StatusUnknown");
        await editor.ChooseL2Async("CustomerUnresponsive");

        await editor.TypeNoteAsync("客户无响应。");

        await Expect(editor.CoachGrade).ToHaveTextAsync("不適切なメモ");
        var messages = await editor.CoachFindings.AllInnerTextsAsync();
        Assert.Contains(messages, m => m.Any(c => c is >= '\u3040' and <= '\u30ff'));
    }

    [Fact]
    public async Task Timeline_AddingANoteWithCovidOnAPause_WarnsAndLinksTheTag()
    {
        var page = await fixture.NewPageAsync("zh-CN");
        var id = (await fixture.TakeTenantAsync()).Id;
        await page.GotoAsync($"/tenants/{id}");

        await page.Locator("#note-type").SelectOptionAsync("ServiceIntent");
        await page.Locator("#note-text").FillAsync("客户暂停了 SharePoint 部署，等待预算批准。#covid #预算");
        await page.Locator("form.note-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#note-advice li")).ToHaveCountAsync(1);
        await page.Locator(".timeline a", new() { HasTextString = "#预算" }).First.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("#预算");
        await Expect(page.Locator(".timeline")).ToContainTextAsync("客户暂停了 SharePoint 部署");
    }

    [Fact]
    public async Task StatusEditor_Template_IsInsertedWithItsFirstPlaceholderSelected()
    {
        var (page, editor) = await BlockedTemplateInsertedAsync("en-US");
        var selected = await editor.Note.EvaluateAsync<string>("n => n.value.substring(n.selectionStart, n.selectionEnd)");
        await page.Keyboard.TypeAsync("a proxy that drops long-lived connections");

        Assert.Equal("[primary issue]", selected);
        await Expect(editor.Note).ToHaveValueAsync("Customer will not deploy the workload because of a proxy that drops long-lived connections regarding [technical details] and [specific limitation].");
        Assert.Equal(0, await page.Locator("button.template[data-l1='InProgress']:visible").CountAsync());
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("ja-JP")]
    public async Task StatusEditor_TemplateLeftUnfilled_IsPoor_AndEachPlaceholderFindingSelectsIt(string culture)
    {
        var (page, editor) = await BlockedTemplateInsertedAsync(culture);

        // The template has three placeholders: each has a finding, naming it, that selects it in the note (the rest
        // of the template is judged too, as if the placeholders were blank).
        var findings = page.Locator("#coach-findings li[data-code=UnfilledPlaceholder] button");
        await Expect(findings).ToHaveCountAsync(3);
        await Expect(page.Locator("#coach-grade")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("grade-Poor"));
        var selected = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await findings.Nth(i).ClickAsync();
            selected.Add(await editor.Note.EvaluateAsync<string>("n => n.value.substring(n.selectionStart, n.selectionEnd)"));
            Assert.Contains(selected[^1], await findings.Nth(i).TextContentAsync(), StringComparison.Ordinal);
        }

        Assert.All(selected, s => Assert.Matches(@"^\[[^\]]+\]$", s));
        Assert.Equal(3, selected.Distinct().Count());
    }

    /// <summary>An entitlement's editor with Blocked chosen, an empty note and the first Blocked template inserted.</summary>
    private async Task<(IPage Page, EditEntitlementPage Editor)> BlockedTemplateInsertedAsync(string culture)
    {
        var page = await fixture.NewPageAsync(culture);
        await page.GotoAsync($"/tenants/{(await fixture.TakeTenantAsync()).Id}");
        await new TenantPage(page).EditFirstAsync();
        var editor = new EditEntitlementPage(page);
        await editor.ChooseL1Async("Blocked");
        await editor.Note.FillAsync("");
        await page.Locator("button.template:visible").First.ClickAsync();
        return (page, editor);
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Headway.Web.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// Overall notes corrected and deleted through the portal, in each of the four languages: a note the coach objects to is
/// corrected as it advises, another is deleted, the history shows both, and the timeline pages back to the oldest note.
/// </summary>
[Collection(BrowserCollection.Name)]
public class NoteCorrectionTests(BrowserFixture fixture)
{
    public sealed record Language(string Locale, string Lang, string Paused, string Corrected, string Other)
    {
        public override string ToString() => Lang;
    }

    public static TheoryData<Language> Languages() =>
    [
        new("en-US", "en", "Customer paused the SharePoint rollout until the budget is approved. #covid",
            "Customer paused the SharePoint rollout until the budget is approved; statuses updated.", "Weekly call held with the partner's project lead."),
        new("zh-CN", "zh-Hans", "客户暂停了 SharePoint 部署，等待预算批准。#covid", "客户暂停了 SharePoint 部署，等待预算批准；已更新状态。",
            "已与合作伙伴的项目负责人举行每周例会。"),
        new("de-DE", "de", "Der Kunde hat die SharePoint-Einführung pausiert, bis das Budget genehmigt ist. #covid",
            "Der Kunde hat die SharePoint-Einführung pausiert, bis das Budget genehmigt ist; Status aktualisiert.",
            "Wöchentlicher Termin mit der Projektleitung des Partners durchgeführt."),
        new("ja-JP", "ja", "お客様は予算が承認されるまで SharePoint の展開を一時停止しました。#covid",
            "お客様は予算が承認されるまで SharePoint の展開を一時停止しました。ステータスを更新済みです。", "パートナーのプロジェクト リーダーと定例会議を実施しました。"),
    ];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Manager_CorrectsANoteAsTheCoachAdvisesAndDeletesAnother(Language l)
    {
        var page = await fixture.NewPageAsync(l.Locale);
        var id = (await fixture.TakeTenantAsync()).Id;
        var timeline = new TimelineSection(page);
        await new TenantPage(page).OpenAsync(id);
        var tenantName = await page.Locator("h1").EvaluateAsync<string>("h => h.firstChild.textContent.trim()");

        await timeline.AddAsync("EngagementManagement", l.Other);
        await timeline.AddAsync("ServiceIntent", l.Paused);
        // The advice is shown by the page the redirect opened; reloading it adds nothing.
        await Expect(timeline.Notice).ToContainTextAsync(UiStrings.Get(l.Lang, "NoteAdded"));
        await Expect(timeline.Advice).ToHaveCountAsync(1);
        await page.ReloadAsync();
        await Expect(timeline.Advice).ToHaveCountAsync(1);
        await Expect(timeline.Item(l.Paused)).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, $"note-advice-{l.Lang}");

        await timeline.FollowAdvice.ClickAsync();
        var editor = new NoteEditPage(page);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/notes/\\d+/edit$"));
        await Expect(editor.Heading).ToContainTextAsync(tenantName);
        await Expect(editor.Advice).ToHaveCountAsync(1);
        await Expect(editor.Text).ToHaveValueAsync(l.Paused);
        await editor.Text.FillAsync(l.Corrected);
        await editor.SaveAsync();

        await Expect(timeline.Notice).ToContainTextAsync(UiStrings.Get(l.Lang, "NoteEditSaved"));
        await Expect(timeline.Advice).ToHaveCountAsync(0);
        var corrected = timeline.Item(l.Corrected);
        await Expect(corrected).ToHaveCountAsync(1);
        await Expect(TimelineSection.EditedMark(corrected)).ToBeVisibleAsync();
        await Expect(timeline.Item(l.Paused)).ToHaveCountAsync(0);

        await TimelineSection.DeleteLink(timeline.Item(l.Other)).ClickAsync();
        var confirmation = new NoteDeletePage(page);
        await Expect(confirmation.Note).ToContainTextAsync(l.Other);
        await confirmation.ConfirmAsync();
        await Expect(timeline.Notice).ToContainTextAsync(UiStrings.Get(l.Lang, "NoteEditDeleted"));
        await Expect(timeline.Item(l.Other)).ToHaveCountAsync(0);

        var history = new TenantHistoryPage(page);
        await history.OpenAsync(id);
        await Expect(history.NoteRevisionRows("Edited").First).ToContainTextAsync(UiStrings.Get(l.Lang, "NoteEditKindEdited"));
        await Expect(history.NoteRevisionRows("Edited").Filter(new() { HasTextString = l.Paused })).ToHaveCountAsync(1);
        await Expect(history.NoteRevisionRows("Deleted").Filter(new() { HasTextString = l.Other })).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, $"note-history-{l.Lang}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Timeline_ManyNotes_PagesBackToTheOldestNote(Language l)
    {
        var id = (await fixture.TakeTenantAsync()).Id;
        string oldest;
        using (var client = fixture.Server.NewClient())
        {
            var existing = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/notes")).GetProperty("total").GetInt32();
            for (var i = existing; i < 45; i++)
            {
                var added = await client.PostAsJsonAsync($"/api/v1/tenants/{id}/notes", new { type = "EngagementManagement", text = $"{l.Other} ({i + 1})" });
                added.EnsureSuccessStatusCode();
            }

            var lastPage = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/notes?page=3&pageSize=20");
            oldest = lastPage.GetProperty("items").EnumerateArray().Last().GetProperty("text").GetString()!;
        }

        var page = await fixture.NewPageAsync(l.Locale);
        var timeline = new TimelineSection(page);
        await new TenantPage(page).OpenAsync(id);
        await Expect(timeline.Items).ToHaveCountAsync(20);
        await Expect(timeline.Pager).ToContainTextAsync(UiStrings.Get(l.Lang, "PageOf", "1", "3"));

        await timeline.Older.ClickAsync();
        await Expect(timeline.Pager).ToContainTextAsync(UiStrings.Get(l.Lang, "PageOf", "2", "3"));
        await Expect(timeline.Items).ToHaveCountAsync(20);
        await timeline.Older.ClickAsync();

        await Expect(timeline.Pager).ToContainTextAsync(UiStrings.Get(l.Lang, "PageOf", "3", "3"));
        await Expect(timeline.Older).ToHaveCountAsync(0);
        await Expect(timeline.Items).ToHaveCountAsync(5);
        await Expect(timeline.Items.Last).ToContainTextAsync(oldest);
        await Expect(page.Locator("#timeline-newer")).ToHaveTextAsync(UiStrings.Get(l.Lang, "NoteEditNewer"));
    }
}

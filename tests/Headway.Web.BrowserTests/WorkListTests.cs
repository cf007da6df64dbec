using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Web.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// A manager's morning on the work list, in each language: the counts match the work list's API, one next action is
/// marked done and another moved in place, and a count opens its group's full list. Bluefield's demo manager is used,
/// whose tenants no other browser test touches.
/// </summary>
[Collection(BrowserCollection.Name)]
public class WorkListTests(BrowserFixture fixture)
{
    private const string Manager = "manager@bluefield.example";

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("de-DE", "de")]
    [InlineData("ja-JP", "ja")]
    public async Task WorkList_AManagersMorning_CountsMatchDoneAndMovedInPlaceAndAFullList(string locale, string lang)
    {
        var page = await fixture.NewPageAsync(locale, Manager);
        var list = new WorkListPage(page);
        using var api = fixture.Server.NewClient(user: Manager);
        var totals = await TotalsAsync(api);

        // Signed in, the manager lands on the work list, whose counts are the API's.
        await Expect(list.Heading).ToHaveTextAsync(UiStrings.Get(lang, "WorkListTitle"));
        await Expect(list.StatusMix).ToHaveCountAsync(4);
        foreach (var (group, total) in totals)
        {
            Assert.Equal(total, await list.CountAsync(group));
            await Expect(list.Items(group)).ToHaveCountAsync(Math.Min(total, 5));
        }

        Assert.All(["overdue", "due-this-week"], g => Assert.True(totals[g] > 0, $"the demo gives {Manager} nothing {g}"));
        await BrowserFixture.ScreenshotAsync(page, $"worklist-bluefield-{lang}");

        // Done: the first overdue next action leaves the list, and the count drops by one.
        var overdue = list.Items("overdue").First;
        var doneId = await overdue.GetAttributeAsync("id");
        await list.MarkDoneAsync(overdue);
        await Expect(list.Notice).ToHaveTextAsync(UiStrings.Get(lang, "WorkListMarkedDone"));
        Assert.Equal(totals["overdue"] - 1, await list.CountAsync("overdue"));
        await Expect(page.Locator($"#{doneId}")).ToHaveCountAsync(0);

        // Moved: the first next action due this week goes beyond the week, and so off the list.
        var week = list.Items("due-this-week").First;
        var movedId = await week.GetAttributeAsync("id");
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);
        await list.MoveAsync(week, day);
        await Expect(list.Notice).ToHaveTextAsync(UiStrings.Get(lang, "WorkListMoved", day.ToString("d", CultureInfo.GetCultureInfo(lang))));
        Assert.Equal(totals["due-this-week"] - 1, await list.CountAsync("due-this-week"));
        await Expect(page.Locator($"#{movedId}")).ToHaveCountAsync(0);
        var after = await TotalsAsync(api);
        Assert.Equal((totals["overdue"] - 1, totals["due-this-week"] - 1), (after["overdue"], after["due-this-week"]));

        // A count opens the group's full list, paged, with the same total.
        await list.OpenGroupAsync("insufficient-note");
        var full = new WorkListGroupPage(page);
        await Expect(full.Heading).ToContainTextAsync(UiStrings.Get(lang, "WorkListGroupInsufficientNote"));
        Assert.Equal(after["insufficient-note"], await full.TotalAsync());
        await Expect(full.Items).ToHaveCountAsync(Math.Min(after["insufficient-note"], 25));
        await Expect(full.Items.First.Locator(".coach-advice")).Not.ToBeEmptyAsync();
        await BrowserFixture.ScreenshotAsync(page, $"worklist-group-{lang}");
        await full.Back.ClickAsync();
        await Expect(list.Heading).ToHaveTextAsync(UiStrings.Get(lang, "WorkListTitle"));
    }

    [Fact]
    public async Task WorkList_StaleVersion_ShowsTheConflictOnTheListAndChangesNothing()
    {
        var page = await fixture.NewPageAsync("en-US", Manager);
        var list = new WorkListPage(page);
        var item = page.Locator("#group-due-this-week li.work-item[data-subject=entitlement]").First;
        var count = await list.CountAsync("due-this-week");
        // The version the page holds goes stale, as when a colleague saved the entitlement meanwhile.
        await item.Locator("button[data-action=done]").EvaluateAsync(
            "b => { const v = b.form.querySelector(\"input[name='Form.Version']\"); v.value = String(Number(v.value) - 1); }");

        await item.Locator("button[data-action=done]").ClickAsync();

        await Expect(list.Error).ToContainTextAsync("Someone else changed this entitlement");
        await list.OpenAsync();
        Assert.Equal(count, await list.CountAsync("due-this-week"));
    }

    private static async Task<Dictionary<string, int>> TotalsAsync(HttpClient api)
    {
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/worklist");
        return list.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!, g => g.GetProperty("total").GetInt32());
    }
}

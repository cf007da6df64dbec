using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// A tenant's history narrowed to one workload, one person, a range of days and one field, its days written the reader's way,
/// and a range that ends before it starts explained on the error page. In Chinese and German.
/// </summary>
[Collection(BrowserCollection.Name)]
public class HistoryFilterTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("de-DE", "de")]
    public async Task History_FilteredByWorkloadPersonAndDays_ShowsOnlyThoseChanges_InTheReadersFormat(string locale, string lang)
    {
        var tenant = await fixture.TakeTenantAsync(entitlements: 2);
        using var api = fixture.Server.NewClient();
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant.Id}");
        var target = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40);
        var first = detail.GetProperty("entitlements")[0];
        var workload = first.GetProperty("workload").GetString()!;
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant.Id}/entitlements/{workload}")
        {
            Content = JsonContent.Create(new { l1 = "InProgress", l2 = "Migration", note = "Mailbox migration, wave 2 of 3 running.", targetDate = target }),
        })
        {
            put.Headers.TryAddWithoutValidation("If-Match", $"\"{first.GetProperty("version").GetInt32()}\"");
            Assert.True((await api.SendAsync(put)).IsSuccessStatusCode);
        }

        var page = await fixture.NewPageAsync(locale);
        await page.GotoAsync($"/tenants/{tenant.Id}/history");
        await page.Locator("#history-workload").SelectOptionAsync(workload);
        await page.Locator("#history-who").SelectOptionAsync(Testing.HeadwayServer.Manager);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.Locator("#history-from").FillAsync(today);
        await page.Locator("#history-to").FillAsync(today);
        await page.Locator("#history-filters button[type=submit]").ClickAsync();

        await Expect(page.Locator("#history-changes")).ToBeVisibleAsync();
        var workloads = await page.Locator("#history-changes tbody tr > td:nth-child(3)[rowspan]").AllTextContentsAsync();
        Assert.NotEmpty(workloads);
        Assert.All(workloads, w => Assert.Equal(workload, w.Trim()));
        var shownTarget = target.ToString("d", CultureInfo.GetCultureInfo(lang));
        await Expect(page.Locator("#history-changes")).ToContainTextAsync(shownTarget);
        await Expect(page.Locator("#history-changes")).Not.ToContainTextAsync(target.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(page.Locator("#history-clear")).ToHaveTextAsync(UiStrings.Get(lang, "HistoryClear"));

        // One field: every change shown names it, by its name in the reader's language; the entitlement's creation does not.
        await page.Locator("#history-field").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = UiStrings.Get(lang, "FieldTargetDate") });
        await page.Locator("#history-filters button[type=submit]").ClickAsync();
        Assert.Contains("field=TargetDate", page.Url, StringComparison.Ordinal);
        var fields = await page.Locator("#history-changes tbody tr > td:nth-last-child(3)").AllTextContentsAsync();
        Assert.Contains(UiStrings.Get(lang, "FieldTargetDate"), fields.Select(f => f.Trim()));
        Assert.Equal(1, await page.Locator("#history-changes tbody tr > td:nth-child(4)[rowspan]").CountAsync());
        await Expect(page.Locator("#history-changes")).Not.ToContainTextAsync(UiStrings.Get(lang, "KindCreated"));

        // Another person: nothing matches, and the page says so.
        await page.GotoAsync($"/tenants/{tenant.Id}/history?changedBy=nobody%40centre.example");
        await Expect(page.Locator("#history-empty")).ToHaveTextAsync(UiStrings.Get(lang, "HistoryNoMatch"));

        // A range that ends before it starts is explained, not ignored.
        var response = await page.GotoAsync($"/tenants/{tenant.Id}/history?from=2026-06-05&to=2026-06-01");
        Assert.Equal(400, response!.Status);
        await Expect(page.Locator("main")).ToContainTextAsync(Domain.Results.Refusal.Of(Domain.Results.RefusalCodes.DateRangeReversed, "2026-06-05", "2026-06-01").Message(lang));
    }
}

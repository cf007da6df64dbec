using System.Net.Http.Json;
using System.Text.Json;
using Headway.Testing;
using Headway.Web.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// A regional manager asks for an executive summary; the tenant's manager sees it on the work list and under the bell,
/// opens it, writes the summary; the request then shows fulfilled to the regional manager, whose dashboard leads with
/// the new summary. In each of the four languages.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SummaryRequestTests(BrowserFixture fixture)
{
    private const string Regional = "regional-manager@centre.example";

    public sealed record Language(string Locale, string Lang, string Message, string Description)
    {
        public override string ToString() => Lang;
    }

    public static TheoryData<Language> Languages() =>
    [
        new("en-US", "en", "For the quarterly review on Friday: where does the Teams rollout stand?",
            "Retailer with 400 stores; the new CIO wants Teams in every store by the autumn."),
        new("zh-CN", "zh-Hans", "用于周五的季度评审：Teams 的推广进展如何？", "拥有 400 家门店的零售商；新任 CIO 希望秋季前在所有门店使用 Teams。"),
        new("de-DE", "de", "Für das Quartalsgespräch am Freitag: Wie steht es um die Einführung von Teams?",
            "Handelskette mit 400 Filialen; der neue CIO will Teams bis zum Herbst in jeder Filiale."),
        new("ja-JP", "ja", "金曜日の四半期レビュー用：Teams の展開はどこまで進んでいますか？", "400 店舗を持つ小売業者。新しい CIO は秋までに全店舗で Teams を使いたい考えです。"),
    ];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task RegionalManagerRequests_ManagerIsNotifiedAndWrites_RequestShowsFulfilled(Language l)
    {
        var tenant = await fixture.TakeTenantAsync();
        var unread = await ManagersUnreadAsync();

        // 1. The regional manager asks from the tenant's page.
        var regional = await fixture.NewPageAsync(l.Locale, Regional);
        var tenantPage = new TenantPage(regional);
        await tenantPage.OpenAsync(tenant.Id);
        await tenantPage.RequestSummary.ClickAsync();
        var form = new SummaryRequestPage(regional);
        await Expect(form.Heading).ToHaveTextAsync(UiStrings.Get(l.Lang, "RemindersRequestTitle", tenant.Name));
        await form.SendAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), l.Message);
        await Expect(form.DueDateError).ToContainTextAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(form.Message).ToHaveValueAsync(l.Message);
        await form.SendAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3), l.Message);
        await Expect(regional.Locator("#summary-requested")).ToHaveTextAsync(UiStrings.Get(l.Lang, "RemindersRequested", HeadwayServer.Manager));
        await Expect(tenantPage.SummaryRequests.First).ToContainTextAsync(UiStrings.Get(l.Lang, "RemindersStateOpen"));
        await Expect(tenantPage.SummaryRequests.First).ToContainTextAsync(l.Message);
        await BrowserFixture.ScreenshotAsync(regional, $"summary-requested-{l.Lang}");

        // 2. The manager finds it on the work list, among the summaries requested of them, and one more under the bell;
        // opening the notice lands in the summary editor with the request above it.
        var manager = await fixture.NewPageAsync(l.Locale);
        var requested = new WorkListGroupPage(manager);
        await requested.OpenAsync("summary-requested");
        await Expect(requested.Items.Filter(new() { HasText = tenant.Name })).ToHaveCountAsync(1);
        await Expect(requested.Items.Filter(new() { HasText = tenant.Name })).ToContainTextAsync(l.Message);
        var bell = new NotificationBell(manager);
        await Expect(bell.Link).ToHaveAttributeAsync("aria-label", UiStrings.Get(l.Lang, "RemindersBellUnread", unread + 1));
        await Expect(bell.Count).ToHaveTextAsync((unread + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await bell.OpenAsync();
        var notifications = new NotificationsPage(manager);
        await Expect(notifications.Heading).ToHaveTextAsync(UiStrings.Get(l.Lang, "RemindersNotificationsTitle"));
        var notice = notifications.ItemLinkingTo($"/tenants/{tenant.Id}/summaries/new");
        await Expect(notice).ToContainTextAsync(tenant.Name);
        await Expect(notice).ToContainTextAsync(Regional);
        await Expect(notifications.UnreadItems.First).ToContainTextAsync(UiStrings.Get(l.Lang, "RemindersUnread"));
        await BrowserFixture.ScreenshotAsync(manager, $"notifications-{l.Lang}");
        await notice.ClickAsync();
        await Expect(manager.Locator("#summary-form")).ToBeVisibleAsync();
        await Expect(manager.Locator("#tenant-requests")).ToContainTextAsync(l.Message);
        await Expect(bell.Link).ToHaveAttributeAsync("aria-label",
            unread == 0 ? UiStrings.Get(l.Lang, "RemindersBell") : UiStrings.Get(l.Lang, "RemindersBellUnread", unread));

        // 3. The manager writes the summary.
        await manager.Locator("#customerDescription").FillAsync(l.Description);
        await manager.Locator("input[name='Form.EngagementStatus'][value=FullyEngaged]").CheckAsync();
        await manager.Locator("input[name='Form.DeploymentProgress'][value=PartiallyDeployed]").CheckAsync();
        await manager.Locator("#summary-form button[type=submit]").ClickAsync();
        await Expect(manager.Locator("#summary h1")).ToContainTextAsync(tenant.Name);
        var summaryPath = new Uri(manager.Url).AbsolutePath;

        // 4. The regional manager finds the request fulfilled, with the summary one click away.
        var requests = new SummaryRequestsPage(regional);
        await requests.OpenAsync($"?tenantId={tenant.Id}");
        await Expect(requests.Heading).ToHaveTextAsync(UiStrings.Get(l.Lang, "RemindersRequestsTitle"));
        var row = requests.RowsOf(tenant.Id);
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToHaveAttributeAsync("data-state", "fulfilled");
        await Expect(row).ToContainTextAsync(UiStrings.Get(l.Lang, "RemindersStateFulfilled"));
        await BrowserFixture.ScreenshotAsync(regional, $"summary-requests-{l.Lang}");
        await row.Locator($"a[href='{summaryPath}']").ClickAsync();
        await Expect(regional.Locator("#summary h1")).ToContainTextAsync(tenant.Name);
        await tenantPage.OpenAsync(tenant.Id);
        await Expect(tenantPage.SummaryRequests.First).ToContainTextAsync(UiStrings.Get(l.Lang, "RemindersStateFulfilled"));

        // 5. The regional manager's dashboard leads with it among the latest summaries; it has left the manager's work list.
        await new DashboardPage(regional).OpenAsync();
        var latest = regional.Locator("#dashboard-summaries-table tbody tr").First;
        await Expect(latest.Locator($"a[href='{summaryPath}']")).ToHaveTextAsync(tenant.Name);
        await Expect(latest).ToContainTextAsync(UiStrings.Get(l.Lang, "EngagementFullyEngaged"));
        await requested.OpenAsync("summary-requested");
        await Expect(requested.Items.Filter(new() { HasText = tenant.Name })).ToHaveCountAsync(0);
    }

    /// <summary>How many notifications the centre's manager has not read, from the API.</summary>
    private async Task<int> ManagersUnreadAsync()
    {
        using var client = fixture.Server.NewClient();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=1");
        return page.GetProperty("unread").GetInt32();
    }
}

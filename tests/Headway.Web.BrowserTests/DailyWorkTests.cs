using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Headway.Web.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// A manager's day, in each of the four languages, through the real portal in Chromium: fix a note until the
/// coach calls it good, survive a concurrent edit, write an overall note with a next action, write and print an
/// executive summary, and find the note again through search.
/// </summary>
[Collection(BrowserCollection.Name)]
public class DailyWorkTests(BrowserFixture fixture)
{
    public sealed record Language(string Locale, string Lang, string Insufficient, string Good, string Theirs, string Overall, string SearchWord)
    {
        public override string ToString() => Lang;
    }

    public static TheoryData<Language> Languages() =>
    [
        new("en-US", "en", "Customer is blocked by the firewall.",
            "Customer is blocked because the firewall does not forward SMTP traffic, so mailboxes cannot connect to Exchange Online.",
            "Proxy drops long-lived connections; network team replaces it in week 30.",
            "Workshop with the customer's network team held; the change request is filed for the next maintenance window.", "firewall"),
        new("zh-CN", "zh-Hans", "客户被网络问题阻止。", "客户的防火墙不转发 SMTP 流量，邮箱无法连接到 Exchange Online。",
            "代理服务器断开长连接；网络团队将在第 30 周更换。", "已与客户网络团队举行研讨会；变更申请已提交，将在下一个维护窗口实施。", "防火墙"),
        new("de-DE", "de", "Der Kunde ist durch die Firewall blockiert.",
            "Die Firewall des Kunden leitet keinen SMTP-Verkehr weiter, daher können sich die Postfächer nicht mit Exchange Online verbinden.",
            "Der Proxy trennt langlebige Verbindungen; das Netzwerkteam ersetzt ihn in Kalenderwoche 30.",
            "Workshop mit dem Netzwerkteam des Kunden durchgeführt; der Änderungsantrag ist für das nächste Wartungsfenster eingereicht.", "Firewall"),
        new("ja-JP", "ja", "お客様はネットワークの問題でブロックされています。",
            "お客様のファイアウォールが SMTP 通信を転送しないため、メールボックスが Exchange Online に接続できません。",
            "プロキシが長時間の接続を切断するため、ネットワーク チームが第 30 週に交換します。",
            "お客様のネットワーク チームとワークショップを実施し、変更申請を次回のメンテナンス枠に提出しました。", "ファイアウォール"),
    ];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ManagersDay_InEachLanguage_FromCoachedNoteToPrintedSummaryAndSearch(Language l)
    {
        var page = await fixture.NewPageAsync(l.Locale);
        var id = (await fixture.TakeTenantAsync()).Id;
        await Expect(page.Locator("h1")).ToHaveTextAsync(UiStrings.Get(l.Lang, "WorkListTitle"));

        // 1. An insufficient note, its findings, then a note the coach calls good; saved.
        await page.GotoAsync($"/tenants/{id}");
        var tenantName = await page.Locator("h1").EvaluateAsync<string>("h => h.firstChild.textContent.trim()");
        var workload = await new TenantPage(page).EditFirstAsync();
        var editor = new EditEntitlementPage(page);
        await editor.ChooseL1Async("Blocked");
        await editor.ChooseL2Async("CustomerItInfrastructureRemediation");
        await editor.TypeNoteAsync(l.Insufficient);
        await Expect(editor.CoachGrade).ToHaveTextAsync(UiStrings.Get(l.Lang, "GradeInsufficient"));
        await Expect(editor.CoachFindings.First).Not.ToBeEmptyAsync();
        await Expect(editor.CoachMarks.First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"status-editor-coach-{l.Lang}");
        await editor.TypeNoteAsync(l.Good);
        await Expect(editor.CoachGrade).ToHaveTextAsync(UiStrings.Get(l.Lang, "GradeGood"));
        await editor.ProjectedUnblockDate.FillAsync(DateTime.UtcNow.AddDays(45).ToString("yyyy-MM-dd"));
        await editor.SaveAsync();
        var tenant = new TenantPage(page);
        await Expect(tenant.Row(workload)).ToContainTextAsync(l.Good);
        await Expect(tenant.Row(workload)).ToContainTextAsync(UiStrings.Get(l.Lang, "GradeGood"));

        // 2. Someone else saves the same entitlement while this editor is open: both versions shown, then resolved.
        await page.GotoAsync($"/tenants/{id}/entitlements/{workload}/edit");
        await SaveAsSomeoneElseAsync(id, workload, l.Theirs);
        var mine = l.Good + " " + l.Theirs;
        await editor.Note.FillAsync(mine);
        await editor.SaveAsync();
        await Expect(page.Locator("#conflict-title")).ToHaveTextAsync(UiStrings.Get(l.Lang, "ConflictTitle"));
        await Expect(page.Locator("[data-testid=their-note]")).ToHaveTextAsync(l.Theirs);
        await Expect(page.Locator("[data-testid=your-note]")).ToHaveTextAsync(mine);
        await BrowserFixture.ScreenshotAsync(page, $"conflict-{l.Lang}");
        await editor.SaveAsync();
        await Expect(tenant.Row(workload)).ToContainTextAsync(mine);

        // 3. An overall note with its next action, date and owner.
        await page.Locator("#note-type").SelectOptionAsync("EngagementManagement");
        await page.Locator("#note-text").FillAsync(l.Overall);
        await page.Locator("#note-next-action").FillAsync(l.Theirs[..12]);
        await page.Locator("#note-next-date").FillAsync(DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd"));
        await page.Locator("#note-next-owner").FillAsync(HeadwayServerUser);
        await page.Locator("form.note-form button[type=submit]").ClickAsync();
        var newest = page.Locator(".timeline li").First;
        await Expect(newest).ToContainTextAsync(l.Overall);
        await Expect(newest).ToContainTextAsync(l.Theirs[..12]);

        // 4. An executive summary, pre-filled from the entitlements, then printed.
        await page.Locator("#write-summary").ClickAsync();
        await Expect(page.Locator($"#summary-lines input[value='{workload}']")).ToHaveCountAsync(1);
        // One character left reads in the singular where the language has one ("1 character left").
        await page.Locator("#customerDescription").FillAsync(new string('x', 999));
        var oneLeft = Domain.Taxonomy.SupportedLanguages.PluralCategories(l.Lang).Contains("one") ? "CharactersLeft#one" : "CharactersLeft";
        await Expect(page.Locator("#customerDescription-count")).ToHaveTextAsync(UiStrings.Get(l.Lang, oneLeft, "1"));
        await page.Locator("#customerDescription").FillAsync(l.Overall);
        await Expect(page.Locator("#customerDescription-count")).ToContainTextAsync((1000 - l.Overall.Length).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("input[name='Form.EngagementStatus'][value=FullyEngaged]").CheckAsync();
        await page.Locator("input[name='Form.DeploymentProgress'][value=PartiallyDeployed]").CheckAsync();
        await page.Locator("#risks").FillAsync(l.Theirs);
        await page.Locator("#summary-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#summary h1")).ToContainTextAsync(tenantName);
        await Expect(page.Locator("#summary-lines")).ToContainTextAsync(l.Good);
        await Expect(page.Locator("#summary-engagement")).ToHaveTextAsync(UiStrings.Get(l.Lang, "EngagementFullyEngaged"));
        await page.EvaluateAsync("() => { window.printed = 0; window.print = () => { window.printed++; }; }");
        await page.Locator("#print").ClickAsync();
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.printed"));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(page.Locator("header.top")).ToBeHiddenAsync();
        await Expect(page.Locator("#print")).ToBeHiddenAsync();
        await BrowserFixture.ScreenshotAsync(page, $"executive-summary-{l.Lang}");
        var pdf = await page.PdfAsync(new PagePdfOptions { Path = BrowserFixture.OutputPath($"executive-summary-{l.Lang}.pdf"), Format = "A4" });
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // 5. Search in the user's language finds the note just written.
        await page.Locator("#top-search-q").FillAsync(l.SearchWord);
        await page.Locator("#top-search-q").PressAsync("Enter");
        var hit = page.Locator("#search-hits li").Filter(new() { HasTextString = tenantName }).First;
        await Expect(hit).ToContainTextAsync(l.Good);
        await Expect(hit.Locator("mark").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(l.SearchWord, System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await BrowserFixture.ScreenshotAsync(page, $"search-{l.Lang}");
        await hit.Locator("a").First.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(tenantName);
    }

    private const string HeadwayServerUser = Testing.HeadwayServer.Manager;

    /// <summary>The same entitlement saved through the API by another session, as a colleague would.</summary>
    private async Task SaveAsSomeoneElseAsync(long id, string workload, string note)
    {
        using var client = fixture.Server.NewClient();
        var current = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/tenants/{id}/entitlements/{workload}"))!;
        current["note"] = note;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{id}/entitlements/{workload}")
        {
            Content = JsonContent.Create(current),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{current["version"]!.GetValue<int>()}\"");
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}

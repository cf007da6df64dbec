using Headway.Domain.Taxonomy;
using Headway.Web.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

[Collection(BrowserCollection.Name)]
public class PortalTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("en-US", "en", "Tenants")]
    [InlineData("zh-CN", "zh-Hans", "租户")]
    [InlineData("de-DE", "de", "Tenants")]
    [InlineData("ja-JP", "ja", "テナント")]
    public async Task TenantList_BrowserLanguage_ShowsTheDemoTenantsInThatLanguage(string locale, string lang, string heading)
    {
        var page = await fixture.NewPageAsync(locale);
        var list = new TenantListPage(page);

        await list.OpenAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        await Expect(list.Heading).ToHaveTextAsync(heading);
        await Expect(list.Rows).ToHaveCountAsync(25);
        await BrowserFixture.ScreenshotAsync(page, $"tenant-list-{lang}");
    }

    [Fact]
    public async Task WorkList_Manager_LandsOnTheirWorkListAndReachesTheFixInOneClick()
    {
        var page = await fixture.NewPageAsync("en-US");
        var list = new WorkListPage(page);

        await Expect(list.Heading).ToHaveTextAsync("My work list");
        await Expect(list.StatusMix).ToHaveCountAsync(4);
        await BrowserFixture.ScreenshotAsync(page, "worklist-en");
        await list.Items("poor-note").First.Locator("a").First.ClickAsync();

        await Expect(page.Locator("#status-form")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TenantList_SearchSortAndLanguageSwitch_WorkFromTheKeyboardAndMouse()
    {
        var page = await fixture.NewPageAsync();
        var list = new TenantListPage(page);
        await list.OpenAsync();
        var name = await list.Rows.Nth(3).Locator("td a").First.InnerTextAsync();

        await list.SearchAsync(name);
        await Expect(list.Rows.First.Locator("td a").First).ToHaveTextAsync(name);
        await list.SwitchLanguageAsync("ja");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await Expect(list.SearchBox).ToHaveValueAsync(name);
        await list.OpenAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
    }

    [Fact]
    public async Task StatusEditor_ChoosingAnL1_ShowsItsRequirementsItsL2sAndItsDateFields()
    {
        var page = await fixture.NewPageAsync("de-DE");
        await page.GotoAsync($"/tenants/{(await fixture.TakeTenantAsync()).Id}");
        await new TenantPage(page).EditFirstAsync();
        var editor = new EditEntitlementPage(page);
        var taxonomy = StatusTaxonomy.Default;

        await editor.ChooseL1Async("InProgress");

        await Expect(editor.Requirements).ToHaveTextAsync(taxonomy.FindL1("InProgress")!.Requirements.Get("de"));
        Assert.Equal(["TechnicalOnboardingDeployment", "Migration", "SolutionOrUserAdoption"], await editor.EnabledL2CodesAsync());
        await Expect(editor.TargetDate).ToBeVisibleAsync();
        await Expect(editor.EngagementStartDate).ToBeVisibleAsync();
        await Expect(editor.ProjectedUnblockDate).ToBeHiddenAsync();

        await editor.ChooseL1Async("Blocked");
        await editor.ChooseL2Async("LegalRegulatory");

        await Expect(editor.L2Definition).ToHaveTextAsync(taxonomy.FindL2("LegalRegulatory")!.Definition.Get("de"));
        await Expect(editor.ProjectedUnblockDate).ToBeVisibleAsync();
        await Expect(editor.EngagementStartDate).ToBeHiddenAsync();
        Assert.Equal(10, (await editor.EnabledL2CodesAsync()).Length);
        await BrowserFixture.ScreenshotAsync(page, "status-editor-de");
    }

    [Fact]
    public async Task StatusEditor_SaveAValidChange_ShowsItOnTheTenantPage()
    {
        var page = await fixture.NewPageAsync("ja-JP");
        await page.GotoAsync($"/tenants/{(await fixture.TakeTenantAsync()).Id}");
        var workload = await new TenantPage(page).EditFirstAsync();
        var editor = new EditEntitlementPage(page);
        var note = "お客様はファイアウォールが Exchange Online への SMTP 通信を転送しないため、導入できません。";

        await editor.ChooseL1Async("Blocked");
        await editor.ChooseL2Async("CustomerItInfrastructureRemediation");
        await editor.Note.FillAsync(note);
        await editor.ProjectedUnblockDate.FillAsync(DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd"));
        await editor.SaveAsync();

        var tenant = new TenantPage(page);
        await Expect(tenant.Notice).ToBeVisibleAsync();
        await Expect(tenant.Row(workload)).ToContainTextAsync(note);
        await Expect(tenant.Row(workload)).ToContainTextAsync(StatusTaxonomy.Default.FindL1("Blocked")!.Name.Get("ja"));
        await BrowserFixture.ScreenshotAsync(page, "tenant-page-ja");
    }

    [Fact]
    public async Task StatusEditor_PastTargetDate_ShowsTheMessageInTheUserLanguageAndKeepsTheInput()
    {
        var page = await fixture.NewPageAsync("zh-CN");
        await page.GotoAsync($"/tenants/{(await fixture.TakeTenantAsync()).Id}");
        await new TenantPage(page).EditFirstAsync();
        var editor = new EditEntitlementPage(page);

        await editor.ChooseL1Async("InProgress");
        await editor.ChooseL2Async("Migration");
        await editor.Note.FillAsync("客户正在迁移邮箱，第二批 300 个邮箱本月完成。");
        await editor.TargetDate.FillAsync("2021-03-01");
        await editor.SaveAsync();

        var expected = new Headway.Domain.Results.Refusal("TargetDateInPast", ["2021-03-01"]).Message("zh-Hans");
        await Expect(page.Locator("[data-valmsg-for='Form.TargetDate']")).ToHaveTextAsync(expected);
        await Expect(editor.Note).ToHaveValueAsync("客户正在迁移邮箱，第二批 300 个邮箱本月完成。");
        await Expect(editor.L1).ToHaveValueAsync("InProgress");
    }

    [Fact]
    public async Task StatusEditor_MovingTheEngagementStartDate_AsksWhyAndPutsTheReasonOnTheTimeline()
    {
        var page = await fixture.NewPageAsync("en-US");
        var id = (await fixture.TakeTenantAsync()).Id;
        await page.GotoAsync($"/tenants/{id}");
        var workload = await new TenantPage(page).EditFirstAsync();
        var editor = new EditEntitlementPage(page);
        await editor.ChooseL1Async("InProgress");
        await editor.ChooseL2Async("TechnicalOnboardingDeployment");
        await editor.Note.FillAsync("Pilot with 50 users in finance, then all 400 users by the end of the quarter.");
        await editor.TargetDate.FillAsync(DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd"));
        await editor.EngagementStartDate.FillAsync(DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd"));
        await editor.SaveAsync();
        await page.GotoAsync($"/tenants/{id}/entitlements/{workload}/edit");
        var reason = page.Locator("#engagementStartDateReason");
        await Expect(reason).ToBeHiddenAsync();

        var moved = DateTime.UtcNow.AddDays(24).ToString("yyyy-MM-dd");
        await editor.EngagementStartDate.FillAsync(moved);
        await Expect(reason).ToBeVisibleAsync();
        await page.EvaluateAsync("() => document.getElementById('engagementStartDateReason').required = false");
        await editor.SaveAsync();
        await Expect(page.Locator("[data-valmsg-for='Form.EngagementStartDateReason']")).ToHaveTextAsync("Give a reason.");
        await reason.FillAsync("The customer's project lead is on leave for two weeks.");
        await editor.SaveAsync();

        await Expect(new TenantPage(page).Notice).ToBeVisibleAsync();
        await Expect(page.Locator(".timeline").First).ToContainTextAsync($"{workload} ");
        await Expect(page.Locator(".timeline").First).ToContainTextAsync($"→ {moved}: The customer's project lead is on leave for two weeks.");
    }

    [Theory]
    [InlineData("de-DE", "2 Arbeitsbereiche", "wird bei 2 von 2 gesetzt")]
    [InlineData("ja-JP", "2 個", "2 件中 2 件に設定")]
    public async Task BulkEdit_StatusAndNote_ListsChangesWarnsOnSameNoteAndKeepsEveryOtherField(string locale, string warning, string setOnTwo)
    {
        var page = await fixture.NewPageAsync(locale);
        using var api = fixture.Server.NewClient();
        long id;
        string first, second;
        var before = new Dictionary<string, System.Text.Json.JsonElement>();
        var boxes = page.Locator("input[name=w]");
        // A tenant whose first two entitlements are not already Blocked for legal reasons, so that the change sets both.
        do
        {
            before.Clear();
            id = (await fixture.TakeTenantAsync(entitlements: 2)).Id;
            await page.GotoAsync($"/tenants/{id}");
            first = (await boxes.Nth(0).GetAttributeAsync("value"))!;
            second = (await boxes.Nth(1).GetAttributeAsync("value"))!;
            foreach (var w in new[] { first, second })
            {
                before[w] = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(api, $"/api/v1/tenants/{id}/entitlements/{w}");
            }
        }
        while (before.Values.Any(e => e.GetProperty("l2").GetString() == "LegalRegulatory"));

        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();
        await page.Locator("#bulk-edit").ClickAsync();
        var bulk = new BulkEditPage(page);
        await Expect(bulk.Selected).ToHaveCountAsync(2);
        await bulk.Fields.ChooseL1Async("Blocked");
        await bulk.Fields.ChooseL2Async("LegalRegulatory");
        var note = locale == "de-DE"
            ? "Der Betriebsrat hat der Verarbeitung von Nutzungsdaten noch nicht zugestimmt; Entscheidung in der Sitzung am 15. des Monats."
            : "労働組合が利用データの処理にまだ同意していないため、展開できません。15日の会議で決定します。";
        await bulk.Fields.Note.FillAsync(note);

        await bulk.ReviewAsync();
        await Expect(bulk.Changes.Filter(new() { Has = page.Locator("strong") }).First).ToContainTextAsync(setOnTwo);
        await Expect(bulk.SameNoteWarning).ToContainTextAsync(warning);
        await BrowserFixture.ScreenshotAsync(page, "bulk-edit-" + locale[..2]);
        await bulk.ConfirmSameNoteAsync();
        await bulk.SaveAsync();

        var tenant = new TenantPage(page);
        await Expect(tenant.Notice).ToContainTextAsync(first);
        await Expect(tenant.Row(first)).ToContainTextAsync(note);
        await Expect(tenant.Row(second)).ToContainTextAsync(note);
        foreach (var w in new[] { first, second })
        {
            var after = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(api, $"/api/v1/tenants/{id}/entitlements/{w}");
            Assert.Equal("Blocked", after.GetProperty("l1").GetString());
            foreach (var field in new[] { "nextAction", "nextActionDate", "nextActionOwner", "businessReason", "engagementScenario" })
            {
                Assert.Equal(before[w].GetProperty(field).ToString(), after.GetProperty(field).ToString());
            }
        }
    }
}

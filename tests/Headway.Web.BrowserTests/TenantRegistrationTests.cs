using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Headway.Domain.Taxonomy;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// A gateway manager registers a tenant on the form, is told in their language when the name is taken, corrects a detail,
/// adds an entitlement and reads the change in the tenant's history; on the status editor they get the engagement start
/// date and nothing else.
/// </summary>
[Collection(BrowserCollection.Name)]
public class TenantRegistrationTests(BrowserFixture fixture)
{
    private const string Gateway = "gateway@centre.example";

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("de-DE", "de")]
    [InlineData("ja-JP", "ja")]
    public async Task GatewayManager_RegistersATenant_CorrectsIt_AddsAnEntitlement_AndReadsTheHistory(string locale, string lang)
    {
        var page = await fixture.NewPageAsync(locale, Gateway);
        var name = $"Registered {lang} " + Guid.NewGuid().ToString("N")[..6];

        await page.GotoAsync("/tenants");
        await page.Locator("#register-tenant").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tenants/new$"));
        await AssertAccessibleAsync(page);
        await page.Locator("#tenant-name").FillAsync(name);
        await page.Locator("#tenant-country").SelectOptionAsync("AT");
        await page.Locator("#tenant-seats").FillAsync("640");
        // The industry picked from the list in the reader's language.
        var industry = Industries.Default.Find("Manufacturing")!.Name.Get(lang);
        Assert.Contains(industry, await page.Locator("#tenant-industry-list option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
        await page.Locator("#tenant-industry").FillAsync(industry);
        await page.Locator("#tenant-priority").SelectOptionAsync("High");
        await page.Locator("#tenant-manager").SelectOptionAsync(Testing.HeadwayServer.Manager);
        await page.Locator("#tenant-workloads input[value='EXO']").CheckAsync();
        await page.Locator("#tenant-workloads input[value='TEAMS']").CheckAsync();
        await BrowserFixture.ScreenshotAsync(page, $"tenant-register-{lang}");
        await page.Locator("#register-submit").ClickAsync();

        await Expect(page.Locator("#tenant-notice")).ToHaveTextAsync(UiStrings.Get(lang, "TenantRegistered", name));
        var id = long.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1], CultureInfo.InvariantCulture);
        var unknown = StatusTaxonomy.Default.FindL1(TaxonomyCodes.StatusUnknown)!.Name.Get(lang);
        await Expect(page.Locator("#w-EXO")).ToContainTextAsync(unknown);
        await Expect(page.Locator("#w-TEAMS")).ToContainTextAsync(unknown);
        await Expect(page.Locator("dl.header")).ToContainTextAsync(industry);
        // A gateway manager is offered no status editor on a new entitlement: the start date belongs to work in progress.
        await Expect(page.Locator("#w-EXO a")).ToHaveCountAsync(0);

        // The same name again (in another case) is refused in the reader's language, and nothing is registered.
        await page.GotoAsync("/tenants/new");
        await page.Locator("#tenant-name").FillAsync(name.ToUpperInvariant());
        await page.Locator("#tenant-country").SelectOptionAsync("AT");
        await page.Locator("#register-submit").ClickAsync();
        var taken = Domain.Results.Refusal.Of(Domain.Results.RefusalCodes.TenantExists, name.ToUpperInvariant(), id.ToString(CultureInfo.InvariantCulture)).Message(lang);
        await Expect(page.Locator("#tenant-name-error")).ToHaveTextAsync(taken);
        await Expect(page.Locator("#tenant-name")).ToHaveValueAsync(name.ToUpperInvariant());
        using var api = fixture.Server.NewClient();
        var found = await api.GetFromJsonAsync<JsonElement>("/api/v1/tenants?q=" + Uri.EscapeDataString(name));
        Assert.Equal(1, found.GetProperty("total").GetInt32());

        // A correction of one detail; the rest stays.
        await page.GotoAsync($"/tenants/{id}");
        await page.Locator("#edit-details").ClickAsync();
        await AssertAccessibleAsync(page);
        await page.Locator("#tenant-seats").FillAsync("720");
        await page.Locator("#details-submit").ClickAsync();
        await Expect(page.Locator("#tenant-notice")).ToHaveTextAsync(UiStrings.Get(lang, "TenantDetailsSaved"));
        var tenant = await api.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}");
        Assert.Equal((720, "AT", "High"), (tenant.GetProperty("seats").GetInt32(), tenant.GetProperty("country").GetString(), tenant.GetProperty("priority").GetString()));
        // The industry stays the one chosen, and reads in every language.
        Assert.Equal("Manufacturing", Industries.Default.Find(tenant.GetProperty("industry").GetString())!.Code);
        await Expect(page.Locator("dl.header")).ToContainTextAsync(industry);

        // One more workload.
        await page.Locator("#add-entitlements input[value='SPO']").CheckAsync();
        await page.Locator("#add-entitlements-submit").ClickAsync();
        await Expect(page.Locator("#tenant-notice")).ToHaveTextAsync(UiStrings.Get(lang, "TenantEntitlementsAdded", "SPO"));
        await Expect(page.Locator("#w-SPO")).ToContainTextAsync(unknown);

        // The history: the registration and the correction of the seats, by the gateway manager.
        await page.GotoAsync($"/tenants/{id}/history");
        var rows = page.Locator("#detail-changes tbody tr");
        await Expect(rows.First).ToContainTextAsync(UiStrings.Get(lang, "TenantDetailChanged"));
        await Expect(rows.First).ToContainTextAsync(Gateway);
        await Expect(rows.First).ToContainTextAsync(UiStrings.Get(lang, "AuditField_Seats"));
        await Expect(rows.First).ToContainTextAsync("640");
        await Expect(rows.First).ToContainTextAsync("720");
        await Expect(page.Locator("#detail-changes")).ToContainTextAsync(UiStrings.Get(lang, "TenantDetailRegistered"));
        await BrowserFixture.ScreenshotAsync(page, $"tenant-detail-history-{lang}");
    }

    [Fact]
    public async Task GatewayManager_OnTheStatusEditor_SetsOnlyTheEngagementStartDate()
    {
        var tenant = await fixture.TakeTenantAsync(entitlements: 2);
        using var manager = fixture.Server.NewClient();
        var workloads = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant.Id}")).GetProperty("entitlements").EnumerateArray()
            .Select(e => e.GetProperty("workload").GetString()!).ToList();
        var (progressing, other) = (workloads[0], workloads[1]);
        await SetAsync(manager, tenant.Id, progressing, new { l1 = "InProgress", l2 = "Migration", note = "Mailbox migration wave 1 of 2 is under way.", targetDate = "2031-03-01" });
        await SetAsync(manager, tenant.Id, other, new { l1 = "NoIntent", l2 = "UsingCompetitiveSolution", note = "The customer stays on its competitor's mail service." });

        var page = await fixture.NewPageAsync("de-DE", Gateway);
        await page.GotoAsync($"/tenants/{tenant.Id}");
        await Expect(page.Locator($"#w-{other} a")).ToHaveCountAsync(0);
        await Expect(page.Locator("#bulk-edit")).ToHaveCountAsync(0);
        await page.Locator($"#w-{progressing} a").ClickAsync();

        await Expect(page.Locator("#status-summary")).ToContainTextAsync("Mailbox migration wave 1 of 2 is under way.");
        await Expect(page.Locator("#l1")).ToHaveCountAsync(0);
        await Expect(page.Locator("#note")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(page);
        await page.Locator("#engagementStartDate").FillAsync("2030-11-02");
        await page.Locator("#status-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("[role=status]").First).ToContainTextAsync(progressing);
        var saved = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant.Id}/entitlements/{progressing}");
        Assert.Equal(("2030-11-02", "InProgress", "Mailbox migration wave 1 of 2 is under way.", Gateway),
            (saved.GetProperty("engagementStartDate").GetString(), saved.GetProperty("l1").GetString(), saved.GetProperty("note").GetString(),
                saved.GetProperty("lastChangedBy").GetString()));

        // Another status has no start date: the editor says so and offers no save.
        await page.GotoAsync($"/tenants/{tenant.Id}/entitlements/{other}/edit");
        await Expect(page.Locator("#start-date-unavailable")).ToBeVisibleAsync();
        await Expect(page.Locator("#status-form button[type=submit]")).ToHaveCountAsync(0);
    }

    private static async Task SetAsync(HttpClient client, long tenant, string workload, object body)
    {
        var current = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/entitlements/{workload}");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant}/entitlements/{workload}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{current.GetProperty("version").GetInt32()}\"");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => $"{page.Url}: {v.Id} {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }
}

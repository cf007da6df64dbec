using System.Net.Http.Json;
using System.Text.Json;
using Headway.Application;
using Headway.Application.Taxonomy;
using Headway.Domain.Taxonomy;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>The status editor offers L3 as a choice of the values defined under the chosen L2, never as free text.</summary>
[Collection(BrowserCollection.Name)]
public class L3ChoiceTests(BrowserFixture fixture)
{
    [Fact]
    public async Task StatusEditor_OffersOnlyTheChosenL2sValues_AndSavesTheOneChosen()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await fixture.Server.Database.RunAsync(async sp =>
        {
            var l3 = sp.GetRequiredService<ManageL3Values>();
            Assert.True((await l3.AddAsync("LegalRegulatory", "WorksCouncil" + suffix, "Works council " + suffix)).Succeeded);
            Assert.True((await l3.AddAsync("Migration", "WaveTwo" + suffix, "Second wave " + suffix)).Succeeded);
            return true;
        }, Caller.System);
        var tenant = await fixture.TakeTenantAsync();
        using var api = fixture.Server.NewClient();
        var workload = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant.Id}")).GetProperty("entitlements")[0].GetProperty("workload").GetString();

        var page = await fixture.NewPageAsync("en-US");
        await page.GotoAsync($"/tenants/{tenant.Id}/entitlements/{workload}/edit");
        await page.Locator("#l1").SelectOptionAsync("Blocked");
        await page.Locator("#l2").SelectOptionAsync("LegalRegulatory");

        await Expect(page.Locator($"#l3 option[value='WorksCouncil{suffix}']")).ToBeEnabledAsync();
        await Expect(page.Locator($"#l3 option[value='WaveTwo{suffix}']")).ToBeDisabledAsync();
        await page.Locator("#l3").SelectOptionAsync("WorksCouncil" + suffix);
        await page.Locator("#note").FillAsync("Works council must approve the mail archive move; hearing set for 12 March.");
        await page.Locator("#projectedUnblockDate").FillAsync("2031-03-12");
        await page.Locator("#status-form button[type=submit]").ClickAsync();

        await Expect(page.Locator($"#w-{workload}")).ToBeVisibleAsync();
        var saved = await api.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant.Id}/entitlements/{workload}");
        Assert.Equal(("Blocked", "LegalRegulatory", "WorksCouncil" + suffix), (saved.GetProperty("l1").GetString(), saved.GetProperty("l2").GetString(), saved.GetProperty("l3").GetString()));

        // Another L2 takes the chosen value away.
        await page.GotoAsync($"/tenants/{tenant.Id}/entitlements/{workload}/edit");
        await Expect(page.Locator("#l3")).ToHaveValueAsync("WorksCouncil" + suffix);
        await page.Locator("#l1").SelectOptionAsync("InProgress");
        await page.Locator("#l2").SelectOptionAsync("Migration");
        await Expect(page.Locator("#l3")).ToHaveValueAsync("");
        await Expect(page.Locator($"#l3 option[value='WaveTwo{suffix}']")).ToBeEnabledAsync();
    }

    [Theory]
    [InlineData("ja-JP", "ja")]
    [InlineData("de-DE", "de")]
    public async Task Administrator_AddsRenamesAndRetiresAValue_AndTheEditorStopsOfferingIt(string locale, string lang)
    {
        var code = "Procurement" + Guid.NewGuid().ToString("N")[..6];
        var admin = await fixture.NewPageAsync(locale, Testing.HeadwayServer.Admin);
        await admin.GotoAsync("/tenants");
        await admin.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = UiStrings.Get(lang, "NavTaxonomy"), Exact = true }).ClickAsync();
        await admin.Locator("#l3-l2").SelectOptionAsync("LegalRegulatory");
        await admin.Locator("#l3-code").FillAsync(code);
        await admin.Locator("#l3-name").FillAsync("Procurement review");
        await admin.Locator("#l3-add-submit").ClickAsync();
        await Expect(admin.Locator("#l3-saved")).ToHaveTextAsync(UiStrings.Get(lang, "AdminL3Saved", "Procurement review"));

        // The same code again is refused in the reader's language.
        await admin.Locator("#l3-l2").SelectOptionAsync("LegalRegulatory");
        await admin.Locator("#l3-code").FillAsync(code);
        await admin.Locator("#l3-name").FillAsync("Twice");
        await admin.Locator("#l3-add-submit").ClickAsync();
        await Expect(admin.Locator("#l3-code-error")).ToHaveTextAsync(
            Domain.Results.Refusal.Of(Domain.Results.RefusalCodes.L3Exists, code, "LegalRegulatory").Message(lang));

        var row = admin.Locator($"#l3-values tr[data-l3='{code}']");
        await row.Locator("input[name=name]").FillAsync("Procurement board review");
        await row.Locator("button").First.ClickAsync();
        await Expect(row.Locator("input[name=name]")).ToHaveValueAsync("Procurement board review");
        await row.Locator("form").Last.Locator("button").ClickAsync();
        await Expect(row).ToContainTextAsync(UiStrings.Get(lang, "AdminL3RetiredOn", "").Trim().Split(' ')[0]);
        await BrowserFixture.ScreenshotAsync(admin, $"admin-taxonomy-{lang}");

        // The manager's editor offers it no more; restored, it is offered again under its new name.
        var tenant = await fixture.TakeTenantAsync();
        using var api = fixture.Server.NewClient();
        var workload = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant.Id}")).GetProperty("entitlements")[0].GetProperty("workload").GetString();
        var manager = await fixture.NewPageAsync(locale);
        await manager.GotoAsync($"/tenants/{tenant.Id}/entitlements/{workload}/edit");
        await manager.Locator("#l1").SelectOptionAsync("Blocked");
        await manager.Locator("#l2").SelectOptionAsync("LegalRegulatory");
        await Expect(manager.Locator($"#l3 option[value='{code}']")).ToHaveCountAsync(0);

        await row.Locator("form").Last.Locator("button").ClickAsync();
        await Expect(row).ToContainTextAsync(UiStrings.Get(lang, "AdminL3InUse"));
        await manager.ReloadAsync();
        await manager.Locator("#l1").SelectOptionAsync("Blocked");
        await manager.Locator("#l2").SelectOptionAsync("LegalRegulatory");
        await Expect(manager.Locator($"#l3 option[value='{code}']")).ToHaveTextAsync("Procurement board review");
    }

    [Fact]
    public async Task Administrator_AddsAWorkload_AGatewayManagerRegistersIt_AndOnceRetiredItIsOfferedNoMore()
    {
        var code = "PV" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var admin = await fixture.NewPageAsync("zh-CN", Testing.HeadwayServer.Admin);
        await admin.GotoAsync("/admin/taxonomy");
        await admin.Locator("#workload-code").FillAsync(code.ToLowerInvariant());
        await admin.Locator("#workload-name").FillAsync("Microsoft Purview");
        await admin.Locator("#workload-add-submit").ClickAsync();
        await Expect(admin.Locator($"#workload-{code}")).ToContainTextAsync(UiStrings.Get("zh-Hans", "AdminL3InUse"));

        // An unusable code is refused in the reader's language.
        await admin.Locator("#workload-code").FillAsync("no spaces");
        await admin.Locator("#workload-name").FillAsync("x");
        await admin.Locator("#workload-add-submit").ClickAsync();
        await Expect(admin.Locator("#workload-error")).ToHaveTextAsync(
            Domain.Results.Refusal.Of(Domain.Results.RefusalCodes.InvalidWorkloadCode, "NO SPACES").Message("zh-Hans"));

        var gateway = await fixture.NewPageAsync("zh-CN", "gateway@centre.example");
        await gateway.GotoAsync("/tenants/new");
        await gateway.Locator("#tenant-name").FillAsync("Purview Pilot " + code);
        await gateway.Locator("#tenant-country").SelectOptionAsync("CH");
        await gateway.Locator($"#tenant-workloads input[value='{code}']").CheckAsync();
        await gateway.Locator("#register-submit").ClickAsync();
        await Expect(gateway.Locator($"#w-{code}")).ToContainTextAsync(StatusTaxonomy.Default.FindL1(TaxonomyCodes.StatusUnknown)!.Name.Get("zh-Hans"));
        await Expect(gateway.Locator($"#w-{code} abbr")).ToHaveAttributeAsync("title", "Microsoft Purview");

        // The tenant list filters by it.
        await gateway.GotoAsync("/tenants?workload=" + code.ToLowerInvariant());
        await Expect(gateway.Locator("#tenant-table tbody tr")).ToHaveCountAsync(1);

        // Retired: the form offers it no more, the tenant keeps it.
        await admin.Locator($"#workload-{code} form").Last.Locator("button").ClickAsync();
        await Expect(admin.Locator($"#workload-{code} button").Last).ToContainTextAsync(UiStrings.Get("zh-Hans", "AdminL3Restore"));
        await gateway.GotoAsync("/tenants/new");
        await Expect(gateway.Locator($"#tenant-workloads input[value='{code}']")).ToHaveCountAsync(0);
        await gateway.GotoAsync("/tenants?workload=" + code);
        await Expect(gateway.Locator("#tenant-table tbody tr")).ToHaveCountAsync(1);
    }
}

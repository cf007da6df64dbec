using System.Net.Http.Json;
using System.Text.Json;
using Headway.Application;
using Headway.Application.Taxonomy;
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
}

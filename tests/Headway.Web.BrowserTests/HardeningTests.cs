using System.Net.Http.Json;
using System.Text.Json;
using Headway.Web.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

[Collection(BrowserCollection.Name)]
public class HardeningTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TenantPage_NotesWithScriptInFourLanguages_RenderAsTextAndRunNothing()
    {
        using var client = fixture.Server.NewClient();
        // One entitlement for each of the four payloads.
        var id = (await fixture.TakeTenantAsync(entitlements: 4)).Id;
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}");
        string[] payloads =
        [
            "Blocked <script>alert('en')</script> by the proxy.",
            "客户受阻<img src=x onerror=alert('zh')>，无法部署。",
            "Kunde blockiert \"><svg onload=alert('de')> wegen der Firewall.",
            "お客様は<b onmouseover=alert('ja')>プロキシ</b>のためブロックされています。",
        ];
        for (var i = 0; i < payloads.Length; i++)
        {
            var e = detail.GetProperty("entitlements")[i];
            var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{id}/entitlements/{e.GetProperty("workload").GetString()}")
            {
                Content = JsonContent.Create(new { l1 = "Blocked", l2 = "SecurityPrivacyNonProduct", note = payloads[i] }),
            };
            put.Headers.TryAddWithoutValidation("If-Match", $"\"{e.GetProperty("version").GetInt32()}\"");
            Assert.True((await client.SendAsync(put)).IsSuccessStatusCode);
        }

        var page = await fixture.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, d) => dialogs.Add(d.Message);
        var tenant = new TenantPage(page);
        var history = new TenantHistoryPage(page);

        await tenant.OpenAsync(id);
        await tenant.Notes.First.HoverAsync();
        await history.OpenAsync(id);

        await Expect(history.Main).ToContainTextAsync("<script>alert('en')</script>");
        await tenant.OpenAsync(id);
        foreach (var payload in payloads)
        {
            await Expect(tenant.Main).ToContainTextAsync(payload);
        }

        Assert.Empty(dialogs);
        Assert.Equal(0, await tenant.Main.Locator("script, img[src='x'], svg, b").CountAsync());
    }
}

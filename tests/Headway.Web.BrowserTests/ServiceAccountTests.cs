using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Headway.Domain.Results;
using Headway.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// An administrator creates a service account on its page in each language (a missing scope refused first, in the
/// language), copies the client id and secret it shows once, and the client then gets a token with the OAuth 2
/// client-credentials grant and changes a status; the tenant's history names the client. The page passes axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ServiceAccountTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("de-DE", "de")]
    [InlineData("ja-JP", "ja")]
    public async Task Administrator_CreatesAServiceAccount_WhoseClientChangesAStatusUnderItsOwnName(string locale, string lang)
    {
        var tenant = await fixture.TakeTenantAsync();
        var admin = await fixture.NewPageAsync(locale, HeadwayServer.Admin);
        await new Pages.NavigationBar(admin).Link("/admin/service-accounts").ClickAsync();
        await Expect(admin.Locator("main h1")).ToHaveTextAsync(UiStrings.Get(lang, "AdminServiceTitle"));

        await admin.Locator("#service-name").FillAsync("Warehouse sync " + lang);
        await admin.Locator("#service-scopes input[value='read']").UncheckAsync();
        await admin.Locator("#service-create-submit").ClickAsync();
        await Expect(admin.Locator("#service-scopes-error")).ToHaveTextAsync(Refusal.ForField("scopes", RefusalCodes.NoScopes).Message(lang));
        await admin.Locator("#service-scopes input[value='read']").CheckAsync();
        await admin.Locator("#service-scopes input[value='statuses']").CheckAsync();
        await admin.Locator("#service-create-submit").ClickAsync();
        await Expect(admin.Locator("#service-shown")).ToBeVisibleAsync();
        var clientId = (await admin.Locator("#shown-client-id").TextContentAsync())!;
        var secret = (await admin.Locator("#shown-secret").TextContentAsync())!;
        await Expect(admin.Locator($"#services tr[data-client-id='{clientId}']")).ToContainTextAsync(UiStrings.Get(lang, "AdminScope_statuses"));
        var axe = await admin.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
        await BrowserFixture.ScreenshotAsync(admin, $"admin-service-accounts-{lang}");

        // The client, with no cookie of its own: a token from the client credentials, then a status change.
        var anonymous = await fixture.NewPageAsync(locale, user: null);
        var client = anonymous.Context.APIRequest;
        var token = await client.PostAsync("/api/v1/auth/oauth/token", new APIRequestContextOptions
        {
            Form = client.CreateFormData().Set("grant_type", "client_credentials").Set("client_id", clientId).Set("client_secret", secret),
        });
        Assert.Equal(200, token.Status);
        var bearer = new Dictionary<string, string>
        {
            ["Authorization"] = "Bearer " + (await token.JsonAsync())!.Value.GetProperty("access_token").GetString(),
        };
        var detail = await client.GetAsync($"/api/v1/tenants/{tenant.Id}", new APIRequestContextOptions { Headers = bearer });
        var workload = (await detail.JsonAsync())!.Value.GetProperty("entitlements")[0].GetProperty("workload").GetString()!;
        var current = await client.GetAsync($"/api/v1/tenants/{tenant.Id}/entitlements/{workload}", new APIRequestContextOptions { Headers = bearer });
        var put = await client.PutAsync($"/api/v1/tenants/{tenant.Id}/entitlements/{workload}", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string>(bearer) { ["If-Match"] = current.Headers["etag"] },
            DataObject = new
            {
                l1 = "InProgress",
                l2 = "Migration",
                note = "Mailbox migration, wave 1 of 2, is under way with the customer's IT team.",
                targetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40).ToString("yyyy-MM-dd"),
            },
        });
        Assert.True(put.Status == 200, await put.TextAsync());

        await admin.GotoAsync($"/tenants/{tenant.Id}/history");
        await Expect(admin.Locator("main table").First).ToContainTextAsync(clientId);
        await anonymous.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Headway.Testing;
using Headway.Web.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// The status editor as a person types in it: Enter in a one-line field does not send the form, leaving with unsaved
/// text asks first, a session that ends while typing loses nothing (the text is back after signing in again, and the
/// page says so), and Ctrl+Enter saves. In Japanese (typed through the same keys an input method ends with) and German.
/// </summary>
[Collection(BrowserCollection.Name)]
public class EditorGuardTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("ja-JP", "ja", "法務部門がデータ所在地の要件を確認中のため、展開を保留しています。")]
    [InlineData("de-DE", "de", "Die Rechtsabteilung prüft die Datenresidenz, daher ist die Einführung angehalten.")]
    public async Task StatusEditor_EnterDoesNotSend_AnEndedSessionKeepsTheText_CtrlEnterSaves(string locale, string lang, string note)
    {
        var tenant = await fixture.TakeTenantAsync();
        using var client = fixture.Server.NewClient();
        var workload = await BlockAsync(client, tenant.Id);
        var versionBefore = await VersionAsync(client, tenant.Id, workload);

        var page = await fixture.NewPageAsync(locale);
        var dialogs = new List<string>();
        page.Dialog += async (_, d) =>
        {
            dialogs.Add(d.Type);
            await d.AcceptAsync();
        };
        var editorPath = $"/tenants/{tenant.Id}/entitlements/{workload}/edit";
        await page.GotoAsync(editorPath);
        var editor = new EditEntitlementPage(page);
        await Expect(page.Locator("#status-form .keys-hint")).ToHaveTextAsync(UiStrings.Get(lang, "CtrlEnterHint"));

        // Enter in a one-line field: nothing is sent.
        await editor.TypeNoteAsync(note);
        var nextAction = page.Locator("#nextAction");
        await nextAction.FillAsync(lang == "ja" ? "法務部門と再確認" : "Mit der Rechtsabteilung klären");
        await nextAction.PressAsync("Enter");
        await page.WaitForTimeoutAsync(500);
        Assert.EndsWith(editorPath, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(versionBefore, await VersionAsync(client, tenant.Id, workload));

        // The session ends while the text is unsaved: leaving asks first, and after signing in again the text is back.
        await page.Context.ClearCookiesAsync();
        await page.ReloadAsync();
        Assert.Contains("beforeunload", dialogs);
        await Expect(page.Locator("#email")).ToBeVisibleAsync();
        await page.Locator("#email").FillAsync(HeadwayServer.Manager);
        await page.Locator("#password").FillAsync(HeadwayServer.DemoPassword);
        await page.Locator("form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains(editorPath, StringComparison.Ordinal));
        await Expect(page.Locator("#draft-restored")).ToBeVisibleAsync();
        await Expect(page.Locator("#draft-restored")).ToContainTextAsync(UiStrings.Get(lang, "DraftRestored", "").Trim()[..6]);
        await Expect(editor.Note).ToHaveValueAsync(note);
        await Expect(nextAction).ToHaveValueAsync(lang == "ja" ? "法務部門と再確認" : "Mit der Rechtsabteilung klären");

        // Ctrl+Enter saves, from the text box as from any field; the next visit shows the saved text and no draft.
        await editor.Note.PressAsync("Control+Enter");
        await page.WaitForURLAsync(u => !u.Contains("/edit", StringComparison.Ordinal));
        var saved = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant.Id}");
        Assert.Equal(note, Entitlement(saved, workload).GetProperty("note").GetString());
        await page.GotoAsync(editorPath);
        await Expect(editor.Note).ToHaveValueAsync(note);
        await Expect(page.Locator("#draft-restored")).ToHaveCountAsync(0);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('headway-draft:')).length"));
    }

    private static JsonElement Entitlement(JsonElement tenant, string workload) =>
        tenant.GetProperty("entitlements").EnumerateArray().First(e => e.GetProperty("workload").GetString() == workload);

    private static async Task<int> VersionAsync(HttpClient client, long tenant, string workload) =>
        Entitlement(await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}"), workload).GetProperty("version").GetInt32();

    /// <summary>Puts the tenant's first entitlement in a known state (blocked on security) and returns its workload.</summary>
    private static async Task<string> BlockAsync(HttpClient client, long tenant)
    {
        var e = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}")).GetProperty("entitlements")[0];
        var workload = e.GetProperty("workload").GetString()!;
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant}/entitlements/{workload}")
        {
            Content = JsonContent.Create(new { l1 = "Blocked", l2 = "SecurityPrivacyNonProduct", note = "The security team reviews the data flows before any rollout." }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", $"\"{e.GetProperty("version").GetInt32()}\"");
        Assert.True((await client.SendAsync(put)).IsSuccessStatusCode);
        return workload;
    }
}

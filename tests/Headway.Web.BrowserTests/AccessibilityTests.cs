using System.Net.Http.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Headway.Web.BrowserTests;

/// <summary>
/// The pages of a manager's day checked with axe-core against WCAG 2.1 A and AA (labels, names, contrast,
/// landmarks, language), in a Latin and a CJK language.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("en-US")]
    [InlineData("ja-JP")]
    public async Task DailyPages_AxeWcagAA_FindNoViolations(string locale)
    {
        var page = await fixture.NewPageAsync(locale);
        // Two entitlements, for the bulk editor.
        var id = (await fixture.TakeTenantAsync(entitlements: 2)).Id;
        await page.GotoAsync($"/tenants/{id}");
        var workload = await page.Locator("input[name=w]").First.GetAttributeAsync("value");
        var second = await page.Locator("input[name=w]").Nth(1).GetAttributeAsync("value");
        // A note of the manager's, for its correction and deletion pages (the coach's advice open on the first).
        using var api = fixture.Server.NewClient();
        var added = await api.PostAsJsonAsync($"/api/v1/tenants/{id}/notes", new { type = "ServiceIntent", text = "Customer paused the Teams rollout. #covid" });
        var note = (await added.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("note").GetProperty("id").GetInt64();
        string[] paths =
        [
            "/", "/dashboard", "/dashboard?region=Atlantis", $"/notes/{note}/edit", $"/notes/{note}/delete", $"/tenants/{id}?noted={note}", "/tenants", "/tenants?q=a&sort=seats", "/tenants?l1=Blocked&priority=High", "/tenants/views", $"/tenants/{id}", $"/tenants/{id}/history", $"/tenants/{id}/entitlements/{workload}/edit",
            $"/tenants/{id}/bulk?w={workload}&w={second}", $"/tenants/{id}/summaries/new", "/summaries", "/search?q=SMTP", "/tags/covid", "/account/profile",
            "/reports", "/reports/blockers", "/reports/status-matrix", "/reports/status-matrix?region=EMEA&region=Japan&workload=EXO", "/reports/rows?l1=Blocked", "/tenants/999999999", "/error/503", "/notifications", "/summaries/requests",
            "/?acted=done", "/worklist/overdue", "/worklist/poor-note", "/worklist/summary-requested",
            "/account/forgot", "/account/reset?email=manager%40centre.example&token=x", "/account/reset",
        ];
        var failures = new List<string>();

        // At a laptop's width and at a phone's, where the layout is another one.
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, 860);
            foreach (var path in paths)
            {
                await page.GotoAsync(path);
                if (path.Contains("/entitlements/", StringComparison.Ordinal))
                {
                    // With the coach's panel open, as while typing.
                    await page.Locator("#note").PressSequentiallyAsync("Customer is blocked.", new() { Delay = 5 });
                    await page.Locator("#coach-grade:not(:empty)").WaitForAsync();
                }

                if (path.StartsWith("/reports/status-matrix", StringComparison.Ordinal))
                {
                    // With every L2 row open and shaded.
                    await page.Locator("button[data-expand-all]").ClickAsync();
                }

                var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
                failures.AddRange(result.Violations.Select(v => $"{path} at {width} px: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The same check does fail on a field nobody can name.
        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text id=unnamed>')");
        var broken = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a"] } });
        Assert.Contains(broken.Violations, v => v.Id == "label");
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("ja-JP")]
    public async Task SummaryRequestAndNotificationPages_AxeWcagAA_FindNoViolations(string locale)
    {
        var tenant = await fixture.TakeTenantAsync();
        var regional = await fixture.NewPageAsync(locale, "regional-manager@centre.example");
        var manager = await fixture.NewPageAsync(locale);
        var failures = new List<string>();

        // The form, then the form showing a refused date, then the tenant page and the list with the request on them.
        await regional.GotoAsync($"/tenants/{tenant.Id}/summaries/request");
        failures.AddRange(await ViolationsAsync(regional, "request form"));
        await new Pages.SummaryRequestPage(regional).SendAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2), "Quarterly review.");
        failures.AddRange(await ViolationsAsync(regional, "request form with an error"));
        await new Pages.SummaryRequestPage(regional).SendAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2), "Quarterly review.");
        failures.AddRange(await ViolationsAsync(regional, "tenant page with a request"));
        foreach (var path in new[] { "/summaries/requests", "/summaries/requests?state=open&requestedByMe=true", "/summaries/requests?state=fulfilled", "/notifications" })
        {
            await regional.GotoAsync(path);
            failures.AddRange(await ViolationsAsync(regional, path));
        }

        // The manager's side: the bell with a count, the notifications with unread ones, the editor with the open request.
        foreach (var path in new[] { "/notifications", "/notifications?unread=true", $"/tenants/{tenant.Id}/summaries/new" })
        {
            await manager.GotoAsync(path);
            failures.AddRange(await ViolationsAsync(manager, path));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task<IEnumerable<string>> ViolationsAsync(Microsoft.Playwright.IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return result.Violations.Select(v => $"{what}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}");
    }

    [Fact]
    public async Task StatusEditor_KeyboardOnly_ReachesEveryFieldAndSaves()
    {
        var page = await fixture.NewPageAsync();
        var id = (await fixture.TakeTenantAsync()).Id;
        await page.GotoAsync($"/tenants/{id}");
        var workload = await page.Locator("input[name=w]").First.GetAttributeAsync("value");
        await page.GotoAsync($"/tenants/{id}/entitlements/{workload}/edit");

        await page.Locator("#l1").FocusAsync();
        await page.Keyboard.PressAsync("End"); // the last L1 the list offers
        await page.Locator("#l1").SelectOptionAsync("NoIntent");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("l2", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Locator("#l2").SelectOptionAsync("UsingCompetitiveSolution");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("note", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("Customer uses a competitor's chat product under a contract that runs until June 2027.");
        var visited = new List<string>();
        for (var i = 0; i < 40 && !visited.Contains("save"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            visited.Add(await page.EvaluateAsync<string>("() => document.activeElement.id || document.activeElement.getAttribute('type') === 'submit' && 'save' || document.activeElement.tagName"));
        }

        Assert.Contains("nextAction", visited);
        Assert.Contains("nextActionDate", visited);
        Assert.Contains("save", visited);
        await page.Keyboard.PressAsync("Enter");
        await Microsoft.Playwright.Assertions.Expect(new Pages.TenantPage(page).Row(workload!)).ToContainTextAsync("June 2027");
    }
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Testing;

namespace Headway.Web.BrowserTests;

/// <summary>
/// Every page, as each role that uses it sees it, at a phone's width (390 px) and a laptop's (1,366 px), in the four
/// languages: the document is never wider than the window (a wide table scrolls inside its own box, never the page).
/// </summary>
[Collection(BrowserCollection.Name)]
public class WidthTests(BrowserFixture fixture)
{
    private static readonly int[] Widths = [390, 1366];

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    [InlineData("de-DE")]
    [InlineData("ja-JP")]
    public async Task EveryPage_AtPhoneAndLaptopWidth_IsNoWiderThanTheWindow(string locale)
    {
        var tenant = await fixture.TakeTenantAsync(entitlements: 2);
        using var api = fixture.Server.NewClient();
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant.Id}");
        var workloads = detail.GetProperty("entitlements").EnumerateArray().Select(e => e.GetProperty("workload").GetString()!).ToList();
        var added = await api.PostAsJsonAsync($"/api/v1/tenants/{tenant.Id}/notes",
            new { type = "ServiceIntent", text = "Customer paused the Teams rollout until the works council agrees; next review in the steering committee. #covid" });
        var note = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("note").GetProperty("id").GetInt64();
        var summary = await LatestSummaryAsync(api);
        var day = DateTime.UtcNow.AddDays(-20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var byRole = new Dictionary<string, string[]>
        {
            [HeadwayServer.Manager] =
            [
                "/", "/worklist/overdue", "/worklist/poor-note", "/tenants", "/tenants?l1=Blocked&priority=High", "/tenants/views", $"/tenants/{tenant.Id}",
                $"/tenants/{tenant.Id}?asOf={day}", $"/tenants/{tenant.Id}/history", $"/tenants/{tenant.Id}/entitlements/{workloads[0]}/edit",
                $"/tenants/{tenant.Id}/bulk?w={workloads[0]}&w={workloads[1]}", $"/tenants/{tenant.Id}/summaries/new", $"/tenants/{tenant.Id}/details",
                $"/notes/{note}/edit", $"/notes/{note}/delete", "/summaries", "/summaries/requests", "/search?q=Teams", "/tags/covid", "/notifications",
                "/account/profile", "/imports", "/export", "/tenants/new", "/tenants/999999999", "/error/500",
                .. summary is { } s ? new[] { $"/summaries/{s}" } : [],
            ],
            ["regional-manager@centre.example"] = ["/dashboard", $"/tenants/{tenant.Id}/summaries/request", "/reports", "/reports/blockers", "/reports/status-matrix",
                "/reports/rows?l1=Blocked"],
            [HeadwayServer.Admin] = ["/admin/users", "/admin/users/invite", "/admin/partners", "/admin/service-accounts", "/admin/taxonomy", "/admin/teams",
                "/admin/audit"],
            [""] = ["/account/login", "/account/forgot", "/account/reset"],
        };

        var failures = new List<string>();
        foreach (var (user, paths) in byRole)
        {
            var page = await fixture.NewPageAsync(locale, user.Length == 0 ? null : user);
            foreach (var width in Widths)
            {
                await page.SetViewportSizeAsync(width, width < 800 ? 844 : 768);
                foreach (var path in paths)
                {
                    await page.GotoAsync(path);
                    var wide = await page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
                    if (wide > width)
                    {
                        var culprit = await page.EvaluateAsync<string>(Culprit, width);
                        failures.Add($"{path} as {(user.Length == 0 ? "anonymous" : user)} at {width} px: {wide} px wide ({culprit})");
                    }
                }
            }

            if (user == HeadwayServer.Manager)
            {
                // The README's phone pictures: the work list and a tenant at a phone's width.
                var lang = locale[..2];
                await page.SetViewportSizeAsync(390, 844);
                await page.GotoAsync("/");
                await BrowserFixture.ScreenshotAsync(page, $"worklist-phone-{lang}");
                await page.GotoAsync($"/tenants/{tenant.Id}");
                await BrowserFixture.ScreenshotAsync(page, $"tenant-phone-{lang}");
            }

            await page.Context.CloseAsync();
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The deepest element reaching past the window's right edge, to name in a failure.</summary>
    private const string Culprit = """
        width => {
          const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
          let found = null;
          for (const e of document.querySelectorAll('body *')) {
            const r = e.getBoundingClientRect();
            if (r.right > width + 1 && r.width > 0 && !clipped(e)) found = e;
          }
          if (!found) return 'nothing past the edge';
          const r = found.getBoundingClientRect();
          return found.tagName.toLowerCase() + (found.id ? '#' + found.id : '') + (found.className && typeof found.className === 'string' ? '.' + found.className.trim().split(/\s+/).join('.') : '') + ' right ' + Math.round(r.right);
        }
        """;

    private static async Task<long?> LatestSummaryAsync(HttpClient api)
    {
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/summaries?pageSize=1");
        var items = list.GetProperty("items");
        return items.GetArrayLength() > 0 ? items[0].GetProperty("id").GetInt64() : null;
    }
}

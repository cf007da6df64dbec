using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Application.Reports;
using Headway.Testing;

namespace Headway.Web.Tests;

public class DashboardTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    [Fact]
    public async Task DashboardApi_RegionalManager_AnswersEverySectionOfTheirPartner()
    {
        using var client = server.NewClient(user: "regional-manager@bluefield.example");
        using var centre = server.NewClient(user: "leadership@centre.example");

        var d = await client.GetFromJsonAsync<JsonElement>("/api/v1/dashboard");
        var all = await centre.GetFromJsonAsync<JsonElement>("/api/v1/dashboard");

        Assert.Equal("Bluefield Partners", d.GetProperty("partner").GetString());
        Assert.Equal(["StatusUnknown", "InProgress", "NoIntent", "Blocked"], d.GetProperty("statusMix").EnumerateArray().Select(s => s.GetProperty("l1").GetString()));
        int Entitlements(JsonElement x) => x.GetProperty("statusMix").EnumerateArray().Sum(s => s.GetProperty("entitlements").GetInt32());
        Assert.InRange(Entitlements(d), 1, Entitlements(all) - 1);
        Assert.Equal(12, d.GetProperty("blockers").GetProperty("months").GetArrayLength());
        var hygiene = d.GetProperty("hygiene").EnumerateArray().ToList();
        Assert.NotEmpty(hygiene);
        Assert.All(hygiene, m => Assert.Equal(HygieneReport.Reasons.Order(), m.GetProperty("counts").EnumerateObject().Select(p => p.Name).Order()));
        Assert.Equal(Entitlements(d), hygiene.Sum(m => m.GetProperty("entitlements").GetInt32()));
        Assert.True(d.GetProperty("summaryRequests").GetProperty("open").GetInt32() >= 0);
        Assert.Equal(JsonValueKind.Array, d.GetProperty("latestSummaries").ValueKind);
        Assert.Equal(JsonValueKind.Null, all.GetProperty("partner").ValueKind);
    }

    [Fact]
    public async Task DashboardApi_UnknownRegionOrProductAnalyst_IsALocalizedProblem()
    {
        using var leader = server.NewClient(acceptLanguage: "de-DE", user: "leadership@centre.example");
        using var analyst = server.NewClient(user: "product-analyst@centre.example");

        var region = await leader.GetAsync("/api/v1/dashboard?region=Atlantis");
        var forbidden = await analyst.GetAsync("/api/v1/dashboard");
        var emea = await leader.GetFromJsonAsync<JsonElement>("/api/v1/dashboard?region=EMEA");

        Assert.Equal(HttpStatusCode.BadRequest, region.StatusCode);
        var problem = await region.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("UnknownChoice", "region"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Contains("Atlantis", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("EMEA", emea.GetProperty("region").GetString());
    }

    [Theory]
    [InlineData("en", "Dashboard", "Hygiene per manager")]
    [InlineData("zh-Hans", "仪表板", "各经理的数据质量")]
    [InlineData("de", "Dashboard", "Hygiene je Manager")]
    [InlineData("ja", "ダッシュボード", "マネージャー別の健全性")]
    public async Task DashboardPage_InEachLanguage_ShowsEverySectionWithChartsAndTables(string lang, string title, string hygiene)
    {
        using var client = server.NewClient(user: "regional-manager@centre.example");

        var html = await client.GetStringAsync($"/dashboard?lang={lang}");

        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains(hygiene, html, StringComparison.Ordinal);
        foreach (var section in new[] { "dashboard-status", "dashboard-blockers", "dashboard-hygiene", "dashboard-requests", "dashboard-summaries" })
        {
            Assert.Contains($"id=\"{section}\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(2, html.Split("data-chart=", StringSplitOptions.None).Length - 1);
        Assert.Contains("href=\"/summaries/requests\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/reports/rows?", html, StringComparison.Ordinal);
        Assert.Contains("/lib/chart.umd.min.js", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    [InlineData("de")]
    [InlineData("ja")]
    public void Resources_KeysTheNewPagesCompose_ExistInEveryLanguage(string lang)
    {
        var strings = UiStringFiles.Load(lang);

        Assert.All(HygieneReport.Reasons, reason => Assert.True(strings.ContainsKey("DashboardHygieneShort" + reason), reason));
        Assert.All(Enum.GetNames<Headway.Domain.Tenants.NoteRevisionKind>(), kind => Assert.True(strings.ContainsKey("NoteEditKind" + kind), kind));
        Assert.All(Headway.Web.Features.Shared.Navigation.All, link => Assert.True(strings.ContainsKey(link.TextKey), link.TextKey));
    }

    [Fact]
    public async Task DashboardPage_UnknownRegion_SaysSoInsteadOfFailing()
    {
        using var client = server.NewClient(user: "leadership@centre.example");

        var response = await client.GetAsync("/dashboard?region=Atlantis&lang=en");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"dashboard-error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

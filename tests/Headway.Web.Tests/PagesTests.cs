using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Headway.Testing;

namespace Headway.Web.Tests;

public partial class PagesTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    // The portal writes every script as is and encodes only markup characters.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    [Theory]
    [InlineData("en", "Tenants", "Search by name")]
    [InlineData("zh-Hans", "租户", "按名称搜索")]
    [InlineData("de", "Tenants", "Nach Name suchen")]
    [InlineData("ja", "テナント", "名前で検索")]
    public async Task TenantList_InEachLanguage_ShowsLocalizedLabelsAndTheDemoTenants(string lang, string title, string searchLabel)
    {
        using var client = server.NewClient();
        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=25");

        var html = await client.GetStringAsync($"/tenants?lang={lang}");

        Assert.Contains($"<html lang=\"{lang}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains(searchLabel, html, StringComparison.Ordinal);
        foreach (var t in api.GetProperty("items").EnumerateArray().Take(5))
        {
            Assert.Contains(Html.Encode(t.GetProperty("name").GetString()!), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Navigation_AuditLink_IsShownToAdministratorsOnly()
    {
        using var manager = server.NewClient();
        using var admin = server.NewClient(user: HeadwayServer.Admin);

        Assert.DoesNotContain("href=\"/admin/audit\"", await manager.GetStringAsync("/tenants"), StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/audit\"", await admin.GetStringAsync("/tenants"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_ForAManager_IsTheirWorkList()
    {
        using var client = server.NewClient();

        var html = await client.GetStringAsync("/?lang=de");

        Assert.Contains("<h1>Meine Arbeitsliste</h1>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"by-l1\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"group-", html, StringComparison.Ordinal);
        Assert.Contains("/edit\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("leadership@centre.example", "/dashboard")]
    [InlineData("regional-manager@bluefield.example", "/dashboard")]
    [InlineData("product-analyst@centre.example", "/reports")]
    [InlineData("engineer@centre.example", "/tenants")]
    public async Task Root_ForOtherRoles_IsTheirLanding(string user, string landing)
    {
        using var client = server.NewClient(user: user);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(landing, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TenantList_MiddlePage_LinksToTheNeighbouringPagesKeepingSortAndSearch()
    {
        using var client = server.NewClient();

        var html = await client.GetStringAsync("/tenants?p=2&sort=seats&desc=true");

        Assert.Contains("rel=\"prev\"", html, StringComparison.Ordinal);
        Assert.Matches("href=\"/tenants\\?[^\"]*p=1[^\"]*\" rel=\"prev\"", html);
        Assert.Contains("sort=seats", html, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", html, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LanguageSwitch_RemembersTheChoiceInACookie()
    {
        using var client = server.NewClient(acceptLanguage: "de-DE");

        var before = await client.GetStringAsync("/tenants");
        var switched = await client.GetAsync("/culture/ja?returnUrl=%2Ftenants%3Fp%3D2");
        var after = await client.GetStringAsync("/tenants");

        Assert.Contains("<html lang=\"de\">", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/tenants?p=2", switched.Headers.Location!.OriginalString);
        Assert.Contains("<html lang=\"ja\">", after, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%2F%2Fevil.example%2F")]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("https%3A%2F%2Fevil.example")]
    public async Task LanguageSwitch_ForeignReturnUrl_GoesHomeInstead(string returnUrl)
    {
        using var client = server.NewClient();

        var switched = await client.GetAsync($"/culture/de?returnUrl={returnUrl}");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/", switched.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("zh-CN,zh;q=0.9", "zh-Hans")]
    [InlineData("ja-JP", "ja")]
    [InlineData("fr-FR,de;q=0.8", "de")]
    [InlineData("pt-BR", "en")]
    public async Task TenantList_AcceptLanguage_PicksTheClosestSupportedLanguage(string header, string lang)
    {
        using var client = server.NewClient(acceptLanguage: header);

        var html = await client.GetStringAsync("/tenants");

        Assert.Contains($"<html lang=\"{lang}\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantPage_ShowsHeaderAndEntitlementGridWithLocalizedStatusNames()
    {
        using var client = server.NewClient();
        var (id, tenant) = await SomeTenantAsync(client);

        var html = await client.GetStringAsync($"/tenants/{id}?lang=de");

        Assert.Contains(Html.Encode(tenant.GetProperty("name").GetString()!), html, StringComparison.Ordinal);
        foreach (var e in tenant.GetProperty("entitlements").EnumerateArray())
        {
            Assert.Contains($">{e.GetProperty("workload").GetString()}</abbr>", html, StringComparison.Ordinal);
            var l1 = Headway.Domain.Taxonomy.StatusTaxonomy.Default.FindL1(e.GetProperty("l1").GetString())!.Name.Get("de");
            Assert.Contains(Html.Encode(l1), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TenantPage_AsOfADate_ShowsThePastStatusesWithoutEditLinks()
    {
        using var client = server.NewClient();
        var (id, _) = await SomeTenantAsync(client);
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/history?pageSize=200");
        var first = history.GetProperty("items").EnumerateArray().Min(c => c.GetProperty("changedAt").GetDateTimeOffset());
        var shownDay = DateOnly.FromDateTime(first.UtcDateTime);
        var day = shownDay.ToString("yyyy-MM-dd");
        var endOfDay = new DateTimeOffset(shownDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var html = await client.GetStringAsync($"/tenants/{id}?asOf={day}&lang=en");
        var api = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}?asOf={day}");
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}?asOf=2000-01-01");

        Assert.Contains("id=\"as-of-notice\"", html, StringComparison.Ordinal);
        // No status editor for a past day (the timeline below still offers its author's notes for correction).
        Assert.DoesNotMatch("/entitlements/[^\"]+/edit\"", html);
        Assert.NotEmpty(api.GetProperty("entitlements").EnumerateArray());
        Assert.All(api.GetProperty("entitlements").EnumerateArray(), e => Assert.True(e.GetProperty("lastChangedAt").GetDateTimeOffset() < endOfDay));
        Assert.Empty(before.GetProperty("entitlements").EnumerateArray());
    }

    [Fact]
    public async Task TenantPage_UnknownTenant_Is404()
    {
        using var client = server.NewClient();

        var response = await client.GetAsync("/tenants/999999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task EditPage_ValidPost_SavesThroughTheFormAndRedirectsToTheTenant()
    {
        using var client = server.NewClient();
        var (id, tenant) = await SomeTenantAsync(client);
        var workload = tenant.GetProperty("entitlements")[0].GetProperty("workload").GetString()!;
        var form = await client.GetStringAsync($"/tenants/{id}/entitlements/{workload}/edit");
        var note = "Der Kunde ist wegen einer Firewall blockiert, die den SMTP-Verkehr zu Exchange Online nicht weiterleitet.";

        var response = await client.PostAsync($"/tenants/{id}/entitlements/{workload}/edit", Fields(form, new()
        {
            ["Form.L1"] = "Blocked",
            ["Form.L2"] = "CustomerItInfrastructureRemediation",
            ["Form.Note"] = note,
            ["Form.ProjectedUnblockDate"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd"),
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/tenants/{id}?saved={workload}", response.Headers.Location!.OriginalString);
        var saved = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/entitlements/{workload}");
        Assert.Equal(("Blocked", note), (saved.GetProperty("l1").GetString(), saved.GetProperty("note").GetString()));
    }

    [Fact]
    public async Task EditPage_PastTargetDate_ShowsTheLocalizedMessageAtTheFieldAndSavesNothing()
    {
        using var client = server.NewClient();
        var (id, tenant) = await SomeTenantAsync(client);
        var e = tenant.GetProperty("entitlements")[1];
        var workload = e.GetProperty("workload").GetString()!;
        var form = await client.GetStringAsync($"/tenants/{id}/entitlements/{workload}/edit?lang=ja");

        var response = await client.PostAsync($"/tenants/{id}/entitlements/{workload}/edit?lang=ja", Fields(form, new()
        {
            ["Form.L1"] = "InProgress",
            ["Form.L2"] = "Migration",
            ["Form.TargetDate"] = "2020-01-31",
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = new Headway.Domain.Results.Refusal("TargetDateInPast", ["2020-01-31"]).Message("ja");
        Assert.Contains(Html.Encode(expected), html, StringComparison.Ordinal);
        Assert.Matches(ErrorFor("Form.TargetDate"), html);
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/entitlements/{workload}");
        Assert.Equal(e.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task EditPage_SomeoneSavedInBetween_ShowsBothVersionsAndOverwritesOnlyWhenSubmittedAgain()
    {
        using var client = server.NewClient();
        var (id, tenant) = await SomeTenantAsync(client);
        var e = tenant.GetProperty("entitlements")[2];
        var workload = e.GetProperty("workload").GetString()!;
        var form = await client.GetStringAsync($"/tenants/{id}/entitlements/{workload}/edit");
        var theirs = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{id}/entitlements/{workload}")
        {
            Content = JsonContent.Create(new { l1 = "NoIntent", l2 = "UsingOnPremisesSolution", note = "Keeps Exchange Server on premises for the plant network." }),
        };
        theirs.Headers.TryAddWithoutValidation("If-Match", $"\"{e.GetProperty("version").GetInt32()}\"");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(theirs)).StatusCode);
        var mine = new Dictionary<string, string>
        {
            ["Form.L1"] = "Blocked",
            ["Form.L2"] = "ServiceReliability",
            ["Form.Note"] = "Mein Stand: Latenz in der Region China bremst die Einführung.",
        };

        var conflict = await client.PostAsync($"/tenants/{id}/entitlements/{workload}/edit", Fields(form, mine));
        var page = await conflict.Content.ReadAsStringAsync();
        var afterConflict = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/entitlements/{workload}");
        var overwrite = await client.PostAsync($"/tenants/{id}/entitlements/{workload}/edit", Fields(page, mine));
        var afterOverwrite = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/entitlements/{workload}");

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Contains("Keeps Exchange Server on premises for the plant network.", page, StringComparison.Ordinal);
        Assert.Contains(Html.Encode(mine["Form.Note"]), page, StringComparison.Ordinal);
        Assert.Equal("NoIntent", afterConflict.GetProperty("l1").GetString());
        Assert.Equal(HttpStatusCode.Redirect, overwrite.StatusCode);
        Assert.Equal("Blocked", afterOverwrite.GetProperty("l1").GetString());
    }

    [Fact]
    public async Task EditPage_PostWithoutAntiforgeryToken_IsRejected()
    {
        using var client = server.NewClient();
        var (id, tenant) = await SomeTenantAsync(client);
        var workload = tenant.GetProperty("entitlements")[0].GetProperty("workload").GetString()!;

        var response = await client.PostAsync($"/tenants/{id}/entitlements/{workload}/edit",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.L1"] = "NoIntent", ["Form.Version"] = "1" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task HistoryPage_ListsChangesWithBeforeAndAfter()
    {
        using var client = server.NewClient();
        var (id, _) = await SomeTenantAsync(client);

        var html = await client.GetStringAsync($"/tenants/{id}/history?lang=zh-Hans");

        Assert.Contains("<html lang=\"zh-Hans\">", html, StringComparison.Ordinal);
        var statusUnknown = Headway.Domain.Taxonomy.StatusTaxonomy.Default.FindL1("StatusUnknown")!.Name.Get("zh-Hans");
        Assert.Contains($"<td class=\"note\">{Html.Encode(statusUnknown)}</td>", html, StringComparison.Ordinal);
    }

    private static async Task<(long Id, JsonElement Tenant)> SomeTenantAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200&sort=seats");
        var candidates = page.GetProperty("items").EnumerateArray()
            .Where(t => !t.GetProperty("duplicate").GetBoolean() && t.GetProperty("entitlements").GetInt32() >= 3 &&
                t.GetProperty("manager").GetString() == HeadwayServer.Manager).ToArray();
        // Each test takes its own tenant so tests in this class never edit the same entitlement.
        var index = Interlocked.Increment(ref s_next) % candidates.Length;
        var id = candidates[index].GetProperty("id").GetInt64();
        return (id, await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}"));
    }

    private static int s_next;

    /// <summary>The form's hidden fields (antiforgery token, version) plus the given values.</summary>
    private static FormUrlEncodedContent Fields(string html, Dictionary<string, string> values)
    {
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value),
            ["Form.Version"] = Version().Match(html).Groups[1].Value,
        };
        foreach (var (k, v) in values)
        {
            fields[k] = v;
        }

        return new FormUrlEncodedContent(fields);
    }

    private static Regex ErrorFor(string field) => new($"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>[^<]+<", RegexOptions.None, TimeSpan.FromSeconds(1));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"Form.Version\" value=\"(\\d+)\"")]
    private static partial Regex Version();
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using CsvHelper;
using Headway.Domain.Results;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>The tenant list through the API, the page and the export, on the demo portfolio.</summary>
public partial class TenantListTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private readonly HttpClient _client = server.NewClient();

    private async Task<List<JsonElement>> AllAsync(HttpClient client, string query)
    {
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants?{query}&pageSize=200&page={page}");
            items.AddRange(list.GetProperty("items").EnumerateArray());
            if (!list.GetProperty("totalIsAtLeast").GetBoolean() && page * 200 >= list.GetProperty("total").GetInt32())
            {
                return items;
            }
        }
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, string code, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((code, field), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        return problem;
    }

    [Fact]
    public async Task ListTenants_SeveralValuesOfOneFilterAndOtherFilters_KeepOnlyTenantsMeetingAll()
    {
        var all = await AllAsync(_client, "");
        var region = all.GroupBy(t => t.GetProperty("region").GetString()).OrderByDescending(g => g.Count()).First().Key!;

        var blockedOrNoIntent = await AllAsync(_client, "l1=Blocked&l1=NoIntent");
        var inRegion = await AllAsync(_client, $"l1=Blocked&l1=NoIntent&region={Uri.EscapeDataString(region)}");
        var mine = await AllAsync(_client, "mine=true&priority=High&priority=Medium");

        int Mix(JsonElement t, string l1) => t.GetProperty("statusMix").TryGetProperty(l1, out var n) ? n.GetInt32() : 0;
        Assert.NotEmpty(blockedOrNoIntent);
        Assert.Equal(all.Where(t => Mix(t, "Blocked") + Mix(t, "NoIntent") > 0).Select(t => t.GetProperty("id").GetInt64()),
            blockedOrNoIntent.Select(t => t.GetProperty("id").GetInt64()));
        Assert.Equal(blockedOrNoIntent.Where(t => t.GetProperty("region").GetString() == region).Select(t => t.GetProperty("id").GetInt64()),
            inRegion.Select(t => t.GetProperty("id").GetInt64()));
        Assert.NotEmpty(mine);
        Assert.All(mine, t => Assert.Equal(HeadwayServer.Manager, t.GetProperty("manager").GetString()));
        Assert.All(mine, t => Assert.Contains(t.GetProperty("priority").GetString(), new[] { "High", "Medium" }));
    }

    [Fact]
    public async Task ListTenants_SortedOnEveryColumn_IsAStableOrderAcrossPages()
    {
        foreach (var sort in Application.Tenants.ListTenants.SortKeys)
        {
            var whole = (await AllAsync(_client, $"sort={sort}&desc=true")).Select(t => t.GetProperty("id").GetInt64()).ToList();
            var paged = new List<long>();
            for (var page = 1; page <= 4; page++)
            {
                var list = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants?sort={sort}&desc=true&pageSize=11&page={page}");
                paged.AddRange(list.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
            }

            Assert.True(whole.SequenceEqual(paged), sort);
            Assert.Equal(server.DemoTenants, paged.Distinct().Count());
        }

        var seats = (await AllAsync(_client, "sort=seats")).Select(t => t.GetProperty("seats").GetInt32()).ToList();
        Assert.Equal(seats.Order(), seats);
    }

    [Theory]
    [InlineData("l1=Stalled", "l1")]
    [InlineData("l2=Firewall", "l2")]
    [InlineData("workload=Teams%20Phone", "workload")]
    [InlineData("country=XX", "country")]
    [InlineData("region=Atlantis", "region")]
    [InlineData("priority=Urgent", "priority")]
    [InlineData("grade=Great", "grade")]
    [InlineData("hygiene=Dusty", "hygiene")]
    [InlineData("sort=colour", "sort")]
    [InlineData("desc=maybe", "desc")]
    [InlineData("mine=yes", "mine")]
    [InlineData("staleDays=0", "staleDays")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=many", "pageSize")]
    public async Task ListTenants_UnknownValue_IsALocalizedProblemNamingTheParameter(string query, string parameter)
    {
        using var japanese = server.NewClient("ja");

        var english = await ProblemAsync(await _client.GetAsync("/api/v1/tenants?" + query), RefusalCodes.UnknownFilterValue, parameter);
        var inJapanese = await ProblemAsync(await japanese.GetAsync("/api/v1/tenants?" + query), RefusalCodes.UnknownFilterValue, parameter);

        Assert.Contains($"'{parameter}'", english.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains($"「{parameter}」", inJapanese.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/tenants?stauts=Blocked", "stauts", RefusalCodes.UnknownParameter)]
    [InlineData("/api/v1/tenants?sort=seats&sort=name", "sort", RefusalCodes.ParameterRepeated)]
    [InlineData("/api/v1/tenants?q=contoso&search=fabrikam", "q", RefusalCodes.ParameterRepeated)]
    [InlineData("/api/v1/tenants/export?format=pdf", "format", RefusalCodes.UnknownFilterValue)]
    [InlineData("/api/v1/tenants/export?l1=Stalled&format=csv", "l1", RefusalCodes.UnknownFilterValue)]
    [InlineData("/api/v1/tenants/export?page=2", "page", RefusalCodes.UnknownParameter)]
    public async Task ListTenants_UnknownOrRepeatedParameter_IsAProblemNamingIt(string url, string parameter, string code)
    {
        var problem = await ProblemAsync(await _client.GetAsync(url), code, parameter);

        Assert.Contains(parameter, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTenants_OldSearchParameterAndLanguage_StillAccepted()
    {
        var name = (await AllAsync(_client, "sort=seats")).First().GetProperty("name").GetString()!;
        var word = name.Split(' ')[0];

        var bySearch = await AllAsync(_client, "lang=de&search=" + Uri.EscapeDataString(word));
        var byQ = await AllAsync(_client, "q=" + Uri.EscapeDataString(word));

        Assert.Contains(bySearch, t => t.GetProperty("name").GetString() == name);
        Assert.Equal(byQ.Select(t => t.GetProperty("id").GetInt64()), bySearch.Select(t => t.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Export_CsvAndExcel_HoldExactlyTheRowsThePageShowsInItsOrder()
    {
        const string query = "l1=InProgress&l1=Blocked&sort=seats&desc=true";
        var (browser, _) = await server.CookieClientAsync();
        var page = await browser.GetStringAsync("/tenants?" + query);
        var shown = TenantLinks().Matches(page).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var api = await AllAsync(_client, query);

        var csvResponse = await browser.GetAsync(Regex.Match(page, "id=\"export-csv\" href=\"([^\"]+)\"|href=\"([^\"]+)\" id=\"export-csv\"").Groups.Values.Skip(1).First(g => g.Success).Value.Replace("&amp;", "&", StringComparison.Ordinal));
        using var reader = new StringReader(await csvResponse.Content.ReadAsStringAsync());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        var xlsx = await browser.GetByteArrayAsync("/api/v1/tenants/export?" + query + "&format=xlsx");
        using var workbook = new XLWorkbook(new MemoryStream(xlsx));
        var sheet = workbook.Worksheets.First();

        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Contains("attachment", csvResponse.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(shown);
        Assert.Equal(shown, rows.Take(shown.Count).Select(r => long.Parse((string)r["id"], CultureInfo.InvariantCulture)));
        Assert.Equal(api.Count, rows.Count);
        for (var i = 0; i < api.Count; i++)
        {
            var (row, item) = (rows[i], api[i]);
            Assert.Equal(item.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture), row["id"]);
            Assert.Equal(item.GetProperty("name").GetString(), row["tenant"]);
            Assert.Equal(item.GetProperty("seats").GetInt32().ToString(CultureInfo.InvariantCulture), row["seats"]);
            Assert.Equal(item.GetProperty("entitlements").GetInt32().ToString(CultureInfo.InvariantCulture), row["entitlements"]);
            foreach (var mix in item.GetProperty("statusMix").EnumerateObject())
            {
                Assert.Equal(mix.Value.GetInt32().ToString(CultureInfo.InvariantCulture), row[mix.Name]);
            }

            Assert.Equal(item.GetProperty("id").GetInt64(), sheet.Cell(i + 2, 1).GetValue<long>());
            Assert.Equal(item.GetProperty("name").GetString(), sheet.Cell(i + 2, 2).GetString());
        }

        Assert.Equal("id", sheet.Cell(1, 1).GetString());
        Assert.True(sheet.Cell(api.Count + 2, 1).IsEmpty());
    }

    [Fact]
    public async Task Export_AsAPartner_HoldsOnlyThePartnersTenants()
    {
        using var partner = server.NewClient(user: "manager@kestrel.example");
        var own = (await AllAsync(partner, "")).Select(t => t.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)).ToHashSet();

        var csv = await partner.GetStringAsync("/api/v1/tenants/export");
        var ids = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[0].Trim('\uFEFF')).ToList();

        Assert.Equal(own.Order(), ids.Order());
        Assert.NotEmpty(ids);
    }

    [Theory]
    [InlineData("en", "Active filters", "Filters (2 active)")]
    [InlineData("de", "Aktive Filter", "Filter (2 aktiv)")]
    [InlineData("zh-Hans", "已应用的筛选", "筛选（2 项生效）")]
    [InlineData("ja", "適用中のフィルター", "フィルター（2 件適用中）")]
    public async Task Page_WithFilters_ShowsEachAsARemovableChipInTheReadersLanguage(string lang, string chips, string summary)
    {
        var html = await _client.GetStringAsync($"/tenants?l1=Blocked&priority=High&lang={lang}");

        Assert.Contains($"aria-label=\"{chips}\"", html, StringComparison.Ordinal);
        Assert.Contains(summary, html, StringComparison.Ordinal);
        Assert.Contains("href=\"/tenants?priority=High\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/tenants?l1=Blocked\"", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_UnknownParameterOrValue_SaysWhichInsteadOfShowingEveryTenant()
    {
        var response = await _client.GetAsync("/tenants?stauts=Blocked&lang=de");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"list-error\"", html, StringComparison.Ordinal);
        Assert.Contains("„stauts“ ist hier kein Parameter", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"tenant-table\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_NoTenantMatches_ShowsTheEmptyStateWithAWayBack()
    {
        var html = await _client.GetStringAsync("/tenants?q=zzzqqqxxx&sort=seats");

        Assert.Contains("id=\"no-tenants\"", html, StringComparison.Ordinal);
        Assert.Contains("No tenants match these filters.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/tenants?sort=seats\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeaderSearchAndPageSearch_SameWords_FindTheSameTenants()
    {
        var name = (await AllAsync(_client, "sort=seats&desc=true")).First().GetProperty("name").GetString()!;
        var words = string.Join(' ', name.Split(' ').Take(2).Reverse()).ToUpperInvariant();

        var search = await _client.GetFromJsonAsync<JsonElement>("/api/v1/search?pageSize=200&q=" + Uri.EscapeDataString(words));
        var listed = await AllAsync(_client, "q=" + Uri.EscapeDataString(words));
        var page = await _client.GetStringAsync("/search?q=" + Uri.EscapeDataString(words));

        Assert.Equal(search.GetProperty("hits").GetProperty("items").EnumerateArray().Where(h => h.GetProperty("kind").GetString() == "Tenant")
            .Select(h => h.GetProperty("tenantId").GetInt64()).Order(), listed.Select(t => t.GetProperty("id").GetInt64()).Order());
        Assert.Contains(listed, t => t.GetProperty("name").GetString() == name);
        Assert.Contains("href=\"/tenants?q=" + Uri.EscapeDataString(words) + "\"", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("<tr data-id=\"(\\d+)\"")]
    private static partial Regex TenantLinks();
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Headway.Domain.Results;
using Headway.Testing;

namespace Headway.Web.Tests;

public class TenantsApiTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private readonly HttpClient _client = server.NewClient();

    private async Task<JsonElement> FirstTenantAsync(Func<JsonElement, bool>? where = null)
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200");
        var id = page.GetProperty("items").EnumerateArray()
            .First(t => !t.GetProperty("duplicate").GetBoolean() && t.GetProperty("entitlements").GetInt32() >= 3 &&
                t.GetProperty("manager").GetString() == HeadwayServer.Manager && (where?.Invoke(t) ?? true))
            .GetProperty("id").GetInt64();
        return await _client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}");
    }

    private static HttpRequestMessage Put(long tenant, string workload, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant}/entitlements/{workload}")
        {
            Content = JsonContent.Create(body),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    [Fact]
    public async Task ListTenants_SearchAndPaging_ReturnsOnePageAndTheTotal()
    {
        var all = await _client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?page=2&pageSize=7&sort=seats&desc=true");
        var name = all.GetProperty("items")[0].GetProperty("name").GetString()!;
        var searched = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants?search={Uri.EscapeDataString(name)}");

        Assert.Equal(server.DemoTenants, all.GetProperty("total").GetInt32());
        Assert.Equal(7, all.GetProperty("items").GetArrayLength());
        var seats = all.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("seats").GetInt32()).ToArray();
        Assert.Equal(seats.OrderDescending(), seats);
        Assert.Contains(searched.GetProperty("items").EnumerateArray(), t => t.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task PutEntitlement_WithCurrentVersion_SavesReturnsNewETagAndAppearsInHistory()
    {
        var tenant = await FirstTenantAsync();
        var id = tenant.GetProperty("id").GetInt64();
        var workload = tenant.GetProperty("entitlements").EnumerateArray()
            .First(e => e.GetProperty("l1").GetString() != "InProgress").GetProperty("workload").GetString()!;
        var get = await _client.GetAsync($"/api/v1/tenants/{id}/entitlements/{workload}");
        var etag = get.Headers.ETag!.Tag;
        var target = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(45).ToString("yyyy-MM-dd");
        var note = "お客様はメールボックスの移行フェーズにあり、第 2 陣の 500 名を移行中です。";

        var put = await _client.SendAsync(Put(id, workload, new { l1 = "InProgress", l2 = "Migration", note, targetDate = target, nextAction = "第 3 陣の計画", nextActionOwner = "Partner" }, etag));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var saved = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(note, saved.GetProperty("note").GetString());
        Assert.Equal(target, saved.GetProperty("targetDate").GetString());
        var version = saved.GetProperty("version").GetInt32();
        Assert.Equal($"\"{version}\"", put.Headers.ETag!.Tag);
        var history = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/history?pageSize=5");
        var latest = history.GetProperty("items")[0];
        Assert.Equal(workload, latest.GetProperty("workload").GetString());
        Assert.Equal("Edited", latest.GetProperty("kind").GetString());
        Assert.Contains(latest.GetProperty("changes").EnumerateArray(), c =>
            c.GetProperty("field").GetString() == "Note" && c.GetProperty("after").GetString() == note);
        Assert.Contains(latest.GetProperty("changes").EnumerateArray(), c =>
            c.GetProperty("field").GetString() == "L1" && c.GetProperty("after").GetString() == "InProgress");
        using var admin = server.NewClient(user: HeadwayServer.Admin);
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?tenant={id}&entity=Entitlement&pageSize=1");
        var entry = audit.GetProperty("items")[0];
        Assert.Equal((HeadwayServer.Manager, "127.0.0.1", "Modified"), (entry.GetProperty("actor").GetString(), entry.GetProperty("ip").GetString(), entry.GetProperty("action").GetString()));
        Assert.Contains(entry.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "Note" && c.GetProperty("after").GetString() == note);
        var page = await admin.GetStringAsync($"/admin/audit?tenant={id}&lang=ja");
        Assert.Contains("<h1>監査ログ</h1>", page, StringComparison.Ordinal);
        Assert.Contains(note, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutEntitlement_StaleVersion_Is412WithTheCurrentVersionAndChangesNothing()
    {
        var tenant = await FirstTenantAsync();
        var id = tenant.GetProperty("id").GetInt64();
        var e = tenant.GetProperty("entitlements")[1];
        var workload = e.GetProperty("workload").GetString()!;
        var version = e.GetProperty("version").GetInt32();
        var first = await _client.SendAsync(Put(id, workload, new { l1 = "NoIntent", l2 = "UsingCompetitiveSolution", note = "Standardised on a competitor's suite group-wide." }, $"\"{version}\""));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var second = await _client.SendAsync(Put(id, workload, new { l1 = "Blocked", l2 = "AppCompatibility", note = "Someone else's edit." }, $"\"{version}\""));

        var problem = await AssertProblemAsync(second, HttpStatusCode.PreconditionFailed, RefusalCodes.VersionMismatch);
        Assert.Equal(version + 1, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal($"\"{version + 1}\"", second.Headers.ETag?.Tag);
        var now = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/entitlements/{workload}");
        Assert.Equal("NoIntent", now.GetProperty("l1").GetString());
        Assert.Equal(version + 1, now.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task PutEntitlement_WithoutIfMatch_Is428()
    {
        var tenant = await FirstTenantAsync();
        var id = tenant.GetProperty("id").GetInt64();
        var workload = tenant.GetProperty("entitlements")[0].GetProperty("workload").GetString()!;

        var response = await _client.SendAsync(Put(id, workload, new { l1 = "NoIntent", l2 = "ExecutiveSponsorship" }, null));

        await AssertProblemAsync(response, HttpStatusCode.PreconditionRequired, RefusalCodes.VersionRequired);
    }

    public static TheoryData<string, string, HttpStatusCode> BadInputs => new()
    {
        { "unknown-workload", RefusalCodes.UnknownWorkload, HttpStatusCode.BadRequest },
        { "l2-of-another-l1", RefusalCodes.L2NotUnderL1, HttpStatusCode.BadRequest },
        { "past-target-date", RefusalCodes.TargetDateInPast, HttpStatusCode.BadRequest },
        { "100kb-note", RefusalCodes.NoteTooLong, HttpStatusCode.BadRequest },
        { "malformed-json", RefusalCodes.MalformedRequest, HttpStatusCode.BadRequest },
        { "invalid-date", RefusalCodes.MalformedRequest, HttpStatusCode.BadRequest },
        { "unknown-tenant", RefusalCodes.TenantNotFound, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task PutEntitlement_BadInput_IsALocalizedProblemAndChangesNothing(string input, string code, HttpStatusCode status)
    {
        var tenant = await FirstTenantAsync();
        var id = tenant.GetProperty("id").GetInt64();
        var e = tenant.GetProperty("entitlements")[2];
        var workload = e.GetProperty("workload").GetString()!;
        var ifMatch = $"\"{e.GetProperty("version").GetInt32()}\"";
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd");

        HttpRequestMessage Request() => input switch
        {
            "unknown-workload" => Put(id, "CRM", new { l1 = "NoIntent", l2 = "ExecutiveSponsorship" }, ifMatch),
            "l2-of-another-l1" => Put(id, workload, new { l1 = "InProgress", l2 = "LegalRegulatory", targetDate = "2099-01-01" }, ifMatch),
            "past-target-date" => Put(id, workload, new { l1 = "InProgress", l2 = "Migration", targetDate = yesterday }, ifMatch),
            "100kb-note" => Put(id, workload, new { l1 = "NoIntent", l2 = "ExecutiveSponsorship", note = new string('あ', 100 * 1024) }, ifMatch),
            "malformed-json" => Raw(id, workload, "{\"l1\": \"NoIntent\", \"l2\": ", ifMatch),
            "invalid-date" => Raw(id, workload, "{\"l1\": \"InProgress\", \"l2\": \"Migration\", \"targetDate\": \"2026-02-30\"}", ifMatch),
            "unknown-tenant" => Put(987_654_321, workload, new { l1 = "NoIntent", l2 = "ExecutiveSponsorship" }, ifMatch),
            _ => throw new ArgumentOutOfRangeException(nameof(input)),
        };

        var english = await AssertProblemAsync(await _client.SendAsync(Request()), status, code);
        var german = Request();
        german.Headers.AcceptLanguage.ParseAdd("de-DE");
        var inGerman = await AssertProblemAsync(await _client.SendAsync(german), status, code);
        var japanese = Request();
        japanese.RequestUri = new Uri(japanese.RequestUri + "?lang=ja", UriKind.Relative);
        var inJapanese = await AssertProblemAsync(await _client.SendAsync(japanese), status, code);

        Assert.NotEqual(english.GetProperty("detail").GetString(), inGerman.GetProperty("detail").GetString());
        Assert.NotEqual(english.GetProperty("detail").GetString(), inJapanese.GetProperty("detail").GetString());
        var after = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/entitlements/{workload}");
        Assert.Equal(e.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Duplicate_MarkThenClear_MovesEveryEntitlementAndRestoresIt()
    {
        var tenant = await FirstTenantAsync(t => t.GetProperty("entitlements").GetInt32() >= 4);
        var id = tenant.GetProperty("id").GetInt64();
        var before = tenant.GetProperty("entitlements").EnumerateArray().Select(e => (e.GetProperty("l1").GetString(), e.GetProperty("l2").GetString())).ToArray();

        var noReason = await _client.PostAsync($"/api/v1/tenants/{id}/duplicate", JsonContent.Create(new { reason = "" }));
        var marked = await _client.PostAsync($"/api/v1/tenants/{id}/duplicate", JsonContent.Create(new { reason = "Same customer as another tenant" }));
        var during = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}");
        var cleared = await _client.DeleteAsync($"/api/v1/tenants/{id}/duplicate");
        var clearedAgain = await _client.DeleteAsync($"/api/v1/tenants/{id}/duplicate");
        var after = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}");

        await AssertProblemAsync(noReason, HttpStatusCode.BadRequest, RefusalCodes.ReasonRequired);
        Assert.Equal(HttpStatusCode.NoContent, marked.StatusCode);
        Assert.True(during.GetProperty("duplicate").GetBoolean());
        Assert.All(during.GetProperty("entitlements").EnumerateArray(), e => Assert.Equal("DuplicateInvalid", e.GetProperty("l1").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        await AssertProblemAsync(clearedAgain, HttpStatusCode.BadRequest, RefusalCodes.TenantNotDuplicate);
        Assert.Equal(before, after.GetProperty("entitlements").EnumerateArray().Select(e => (e.GetProperty("l1").GetString(), e.GetProperty("l2").GetString())));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    [InlineData("de")]
    [InlineData("ja")]
    public async Task Taxonomy_RequestedLanguage_NamesEveryStatusInIt(string lang)
    {
        var taxonomy = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/taxonomy?lang={lang}");

        Assert.Equal(lang, taxonomy.GetProperty("language").GetString());
        var blocked = taxonomy.GetProperty("l1").EnumerateArray().Single(l => l.GetProperty("code").GetString() == "Blocked");
        Assert.Equal(Headway.Domain.Taxonomy.StatusTaxonomy.Default.FindL1("Blocked")!.Name.Get(lang), blocked.GetProperty("name").GetString());
        Assert.Equal(10, blocked.GetProperty("l2").GetArrayLength());
        Assert.All(blocked.GetProperty("l2").EnumerateArray(), l2 => Assert.Equal(JsonValueKind.Array, l2.GetProperty("l3").ValueKind));
        Assert.Equal(17, taxonomy.GetProperty("workloads").GetArrayLength());
    }

    private static HttpRequestMessage Raw(long tenant, string workload, string json, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant}/entitlements/{workload}")
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }
}

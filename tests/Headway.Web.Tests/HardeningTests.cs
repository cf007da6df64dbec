using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Headway.Testing;

namespace Headway.Web.Tests;

public class HardeningTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    /// <summary>Script and markup payloads inside notes written in each of the four languages.</summary>
    public static TheoryData<string> Payloads => new()
    {
        "Customer is blocked <script>alert('en')</script> by the proxy.",
        "客户因为防火墙受阻<img src=x onerror=alert('zh')>，无法部署。",
        "Kunde blockiert \"><svg onload=alert('de')> wegen der Firewall.",
        "お客様はプロキシ<iframe src=javascript:alert('ja')></iframe>のためブロックされています。",
    };

    [Theory]
    [InlineData("/tenants")]
    [InlineData("/api/v1/taxonomy")]
    [InlineData("/tenants/999999999")]
    public async Task Responses_AnyPageOrApi_CarryTheSecurityHeaders(string path)
    {
        using var client = server.NewClient();

        var response = await client.GetAsync(path);

        Assert.Equal(Infrastructure.SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self'", Infrastructure.SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"));
    }

    [Theory]
    [InlineData("/api/v1/search?q=fire%00wall")]
    [InlineData("/api/v1/notes?tag=co%E2%80%AEvid")]
    [InlineData("/api/v1/tenants?search=%00")]
    [InlineData("/search?q=%00")]
    [InlineData("/tags/co%E2%80%AEvid")]
    public async Task Reads_ControlCharacterInTheQueryOrRoute_Are400WithTheFieldNamed(string path)
    {
        using var client = server.NewClient(acceptLanguage: "de");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("enthält ein unzulässiges Zeichen", body, StringComparison.Ordinal);
        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            Assert.Equal("ForbiddenCharacter", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        }
        else
        {
            Assert.Contains("<html lang=\"de\">", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/tenants/{id}?asOf=9999-12-31", "DateOutOfRange", "9999-12-31 は Headway が受け付ける日付の範囲外です")]
    [InlineData("/api/v1/tenants/{id}?asOf=0001-01-01", "DateOutOfRange", "0001-01-01 は Headway が受け付ける日付の範囲外です")]
    [InlineData("/tenants/{id}?asOf=2026-02-30", "InvalidDate", "「2026-02-30」は有効な日付ではありません")]
    [InlineData("/reports/blockers?asOf=0001-01-01", "DateOutOfRange", "0001-01-01 は Headway")]
    [InlineData("/reports/hygiene?to=9999-12-31", "DateOutOfRange", "9999-12-31 は Headway")]
    [InlineData("/api/v1/reports/blockers?from=0001-01-01", "DateOutOfRange", "0001-01-01 は Headway")]
    [InlineData("/api/v1/audit?to=9999-12-31", "DateOutOfRange", "9999-12-31 は Headway")]
    [InlineData("/tags/%20", "InvalidHashtag", "ハッシュタグではありません")]
    [InlineData("/tags/a%20b", "InvalidHashtag", "「a b」はハッシュタグではありません")]
    [InlineData("/api/v1/notes?tag=%20", "InvalidHashtag", "ハッシュタグではありません")]
    [InlineData("/reports/hashtags?tag=%23", "InvalidHashtag", "「#」はハッシュタグではありません")]
    public async Task Reads_DatesOutOfRangeAndTagsThatCannotExist_Are400WithTheirCode_NeverA500(string path, string code, string message)
    {
        using var client = server.NewClient(acceptLanguage: "ja", user: path.Contains("audit", StringComparison.Ordinal) ? HeadwayServer.Admin : HeadwayServer.Manager);
        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=1");
        var id = first.GetProperty("items")[0].GetProperty("id").GetInt64();

        var response = await client.GetAsync(path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, WebUtility.HtmlDecode(body), StringComparison.Ordinal);
        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        }
        else
        {
            Assert.Contains("<html lang=\"ja\">", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Read_NulInThePath_IsRefusedByTheServerBeforeTheApplication()
    {
        using var client = server.NewClient();

        var response = await client.GetAsync("/tags/co%00vid");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"customerDescription":"Retailer","engagementStatus":"Reactive","deploymentProgress":"NotDeployed","lines":[null]}""", "MalformedRequest")]
    [InlineData("""{"customerDescription":"Retailer\u0000","engagementStatus":"Reactive","deploymentProgress":"NotDeployed"}""", "ForbiddenCharacter")]
    public async Task Summary_NullLineOrNul_Is400AndWritesNothing(string body, string code)
    {
        using var client = server.NewClient();
        var (id, _, _) = await SomeEntitlementAsync(client);
        var before = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/summaries")).GetProperty("total").GetInt32();

        var response = await client.PostAsync($"/api/v1/tenants/{id}/summaries", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(before, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/summaries")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Put_BodyOverOneMegabyte_Is413AndChangesNothing()
    {
        using var client = server.NewClient();
        var (id, workload, version) = await SomeEntitlementAsync(client);
        var body = "{\"l1\":\"NoIntent\",\"l2\":\"ExecutiveSponsorship\",\"note\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{id}/entitlements/{workload}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        // The portal refuses the body unread and closes the connection; a client still writing it would see the connection
        // end instead of the answer. Asking first (Expect: 100-continue) is how a client hears the refusal before sending.
        request.Headers.ExpectContinue = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("RequestTooLarge", problem.GetProperty("code").GetString());
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/entitlements/{workload}");
        Assert.Equal(version, after.GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Pages_NoteWithMarkup_ShowTheTextEncodedNeverAsMarkup(string payload)
    {
        using var client = server.NewClient();
        var (id, workload, version) = await SomeEntitlementAsync(client);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{id}/entitlements/{workload}")
        {
            Content = JsonContent.Create(new { l1 = "Blocked", l2 = "CustomerItInfrastructureRemediation", note = payload }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(put)).StatusCode);

        foreach (var page in new[] { $"/tenants/{id}", $"/tenants/{id}/history", $"/tenants/{id}/entitlements/{workload}/edit" })
        {
            var html = await client.GetStringAsync(page);

            Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<svg onload", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;", html, StringComparison.Ordinal);
        }
    }

    private static async Task<(long Id, string Workload, int Version)> SomeEntitlementAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=50&sort=seats&desc=true");
        var tenant = page.GetProperty("items").EnumerateArray().First(t => !t.GetProperty("duplicate").GetBoolean() && t.GetProperty("manager").GetString() == HeadwayServer.Manager);
        var id = tenant.GetProperty("id").GetInt64();
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}");
        var e = detail.GetProperty("entitlements")[0];
        return (id, e.GetProperty("workload").GetString()!, e.GetProperty("version").GetInt32());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Headway.Testing;

namespace Headway.Web.Tests;

public partial class ImportsTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private const string Gateway = "gateway@centre.example";

    static ImportsTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Header = "tenant,country,seats,workload,l1,l2,note,targetDate\r\n";

    private static ByteArrayContent Csv(string text, int codePage)
    {
        var content = new ByteArrayContent(Encoding.GetEncoding(codePage).GetBytes(text));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        return content;
    }

    [Fact]
    public async Task Api_Gb18030File_ProblemsInChinese_ThenImportedListedAndReverted()
    {
        using var client = server.NewClient("zh-Hans", Gateway);
        var bad = Header + "上海星辰贸易有限公司,CN,120,EXO,InProgress,Migration,邮箱迁移进行中。,\r\n";
        var good = Header + "上海星辰贸易有限公司,CN,120,EXO,,,,\r\n";

        var refused = await client.PostAsync("/api/v1/imports?fileName=%E7%A7%9F%E6%88%B7.csv", Csv(bad, 54936));
        var refusedBody = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var imported = await client.PostAsync("/api/v1/imports?fileName=%E7%A7%9F%E6%88%B7.csv&dryRun=false", Csv(good, 54936));
        var body = await imported.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("importId").GetInt64();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/imports");
        var found = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?search=%E6%98%9F%E8%BE%B0");
        var revert = await client.PostAsync($"/api/v1/imports/{id}/revert", null);
        var again = await client.PostAsync($"/api/v1/imports/{id}/revert", null);
        var gone = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?search=%E6%98%9F%E8%BE%B0");

        // A real import that did not apply is an error: 422, and the result with its problems inside the problem.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ImportHasProblems", refusedBody.GetProperty("code").GetString());
        Assert.Contains("1 个问题", refusedBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(refusedBody.GetProperty("import").GetProperty("applied").GetBoolean());
        var problem = Assert.Single(refusedBody.GetProperty("import").GetProperty("problems").EnumerateArray());
        // A gateway manager registers tenants and entitlements; setting a status is the tenant manager's (docs/permissions.md).
        Assert.Equal((2, "Forbidden"), (problem.GetProperty("row").GetInt32(), problem.GetProperty("code").GetString()));
        Assert.Contains("无权", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(("GB18030", true), (body.GetProperty("encoding").GetString(), body.GetProperty("applied").GetBoolean()));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id && i.GetProperty("fileName").GetString() == "租户.csv");
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, revert.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("此导入已被撤销", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, gone.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Page_UploadAShiftJisFile_ShowsTheResultInJapaneseAndListsTheImport()
    {
        using var client = server.NewClient("ja", Gateway);
        var page = await client.GetStringAsync("/imports");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token(page)), "__RequestVerificationToken" },
            { new StringContent("false"), "DryRun" },
            { new StringContent(""), "Encoding" },
        };
        var file = new ByteArrayContent(Encoding.GetEncoding(932).GetBytes(Header + "株式会社みなと物流,JP,300,TEAMS,,,,\r\n"));
        form.Add(file, "Upload", "みなと.csv");

        var response = await client.PostAsync("/imports", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("として取り込みました", html, StringComparison.Ordinal);
        Assert.Contains("Shift_JIS として読み取りました", html, StringComparison.Ordinal);
        Assert.Contains("みなと.csv", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_AManager_IsNotOfferedImportAndIsRefused()
    {
        using var client = server.NewClient("en");

        var home = await client.GetStringAsync("/tenants");
        var page = await client.GetAsync("/imports");

        Assert.DoesNotContain("href=\"/imports\"", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
    }

    private static string Token(string html) => WebUtility.HtmlDecode(Antiforgery().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}

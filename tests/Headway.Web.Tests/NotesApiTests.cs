using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Headway.Testing;

namespace Headway.Web.Tests;

public class NotesApiTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private readonly HttpClient _client = server.NewClient();

    [Fact]
    public async Task Lint_Note_ReturnsTheSameObjectAsACommandLineOutputLine()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/notes/lint", new
        {
            text = "Customer unresponsive.",
            l1 = "StatusUnknown",
            l2 = "CustomerUnresponsive",
            lang = "auto",
            uiLang = "de",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("en", body.GetProperty("lang").GetString());
        Assert.Equal("Poor", body.GetProperty("grade").GetString());
        var findings = body.GetProperty("findings").EnumerateArray().ToArray();
        Assert.Contains(findings, f => f.GetProperty("code").GetString() == "UnresponsiveMissingAttemptCount");
        Assert.All(findings, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("message").GetString()));
            Assert.InRange(f.GetProperty("start").GetInt32() + f.GetProperty("length").GetInt32(), 0, "Customer unresponsive.".Length);
        });
        var suggested = body.GetProperty("suggested");
        Assert.InRange(suggested.GetProperty("confidence").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task Lint_UiLanguage_ChangesOnlyTheMessages()
    {
        async Task<JsonElement> Lint(string ui) => await (await _client.PostAsJsonAsync("/api/v1/notes/lint",
            new { text = "客户暂时无法部署。", l1 = "Blocked", l2 = "LegalRegulatory", uiLang = ui })).Content.ReadFromJsonAsync<JsonElement>();

        var en = await Lint("en");
        var ja = await Lint("ja");

        Assert.Equal("zh", en.GetProperty("lang").GetString());
        Assert.Equal(en.GetProperty("grade").GetString(), ja.GetProperty("grade").GetString());
        var enMessages = en.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("message").GetString()).ToArray();
        var jaMessages = ja.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("message").GetString()).ToArray();
        Assert.NotEmpty(enMessages);
        Assert.NotEqual(enMessages, jaMessages);
    }

    [Fact]
    public async Task Lint_MalformedJson_IsAProblem()
    {
        var response = await _client.PostAsync("/api/v1/notes/lint", new StringContent("{\"text\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

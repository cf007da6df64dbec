using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Testing;

namespace Headway.Web.Tests;

public class OverallNotesTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    [Fact]
    public async Task AddNote_CovidOnAPause_ComesBackWithLocalizedAdviceAndShowsUpUnderItsTag()
    {
        using var client = server.NewClient(acceptLanguage: "ja-JP");
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200");
        var id = list.GetProperty("items").EnumerateArray().First(t => t.GetProperty("manager").GetString() == HeadwayServer.Manager).GetProperty("id").GetInt64();

        var response = await client.PostAsJsonAsync($"/api/v1/tenants/{id}/notes", new
        {
            type = "ServiceIntent",
            text = "お客様は Teams の展開を一時停止しました。 #covid #展開",
            nextAction = "再開時期を確認",
            nextActionDate = "2026-12-01",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var added = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["covid", "展開"], added.GetProperty("note").GetProperty("hashtags").EnumerateArray().Select(t => t.GetString()));
        var advice = Assert.Single(added.GetProperty("advice").EnumerateArray());
        Assert.Equal("CovidTagOnPause", advice.GetProperty("code").GetString());
        Assert.Contains(advice.GetProperty("message").GetString()!, c => c is >= '\u3040' and <= '\u30ff');
        var tagged = await client.GetFromJsonAsync<JsonElement>("/api/v1/notes?tag=covid");
        Assert.Contains(tagged.GetProperty("items").EnumerateArray(), n => n.GetProperty("tenantId").GetInt64() == id);
        var page = await client.GetStringAsync($"/tenants/{id}");
        Assert.Contains("href=\"/tags/%E5%B1%95%E9%96%8B\"", page, StringComparison.Ordinal);
        var tagPage = await client.GetStringAsync("/tags/%E5%B1%95%E9%96%8B");
        Assert.Contains("お客様は Teams の展開を一時停止しました。", tagPage, StringComparison.Ordinal);
    }
}

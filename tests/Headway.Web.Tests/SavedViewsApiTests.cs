using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Domain.Results;
using Headway.Testing;

namespace Headway.Web.Tests;

public class SavedViewsApiTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/v1/saved-views/{view.GetProperty("id").GetInt64()}", response.Headers.Location!.OriginalString);
        return view;
    }

    [Fact]
    public async Task SavedViews_SaveListChangeDelete_OwnerOnlyAndSharedWithinTheScope()
    {
        using var owner = server.NewClient(user: HeadwayServer.Manager);
        using var colleague = server.NewClient(user: "leadership@centre.example");
        using var partner = server.NewClient(user: "leadership@kestrel.example");

        var view = await CreatedAsync(await owner.PostAsJsonAsync("/api/v1/saved-views", new { name = "Blocked, mine", query = "mine=true&l1=blocked", shared = true }));
        var id = view.GetProperty("id").GetInt64();
        var seenByColleague = await colleague.GetFromJsonAsync<JsonElement[]>("/api/v1/saved-views");
        var seenByPartner = await partner.GetFromJsonAsync<JsonElement[]>("/api/v1/saved-views");
        var takenOver = await colleague.PutAsJsonAsync($"/api/v1/saved-views/{id}", new { name = "Mine now" });
        var deletedByColleague = await colleague.DeleteAsync($"/api/v1/saved-views/{id}");
        var deletedByPartner = await partner.DeleteAsync($"/api/v1/saved-views/{id}");
        var renamed = await owner.PutAsJsonAsync($"/api/v1/saved-views/{id}", new { name = "Blocked (mine)", shared = false });

        Assert.Equal(("l1=Blocked&mine=true", "/tenants?l1=Blocked&mine=true", true, true), (view.GetProperty("query").GetString(),
            view.GetProperty("url").GetString(), view.GetProperty("shared").GetBoolean(), view.GetProperty("mine").GetBoolean()));
        var shared = Assert.Single(seenByColleague!, v => v.GetProperty("id").GetInt64() == id);
        Assert.Equal((false, HeadwayServer.Manager), (shared.GetProperty("mine").GetBoolean(), shared.GetProperty("owner").GetString()));
        Assert.DoesNotContain(seenByPartner!, v => v.GetProperty("id").GetInt64() == id);
        Assert.Equal(HttpStatusCode.Forbidden, takenOver.StatusCode);
        Assert.Equal(RefusalCodes.SavedViewNotYours, (await takenOver.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, deletedByColleague.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedByPartner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.DoesNotContain(await colleague.GetFromJsonAsync<JsonElement[]>("/api/v1/saved-views") ?? [], v => v.GetProperty("id").GetInt64() == id);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/saved-views/{id}")).StatusCode);
        Assert.DoesNotContain(await owner.GetFromJsonAsync<JsonElement[]>("/api/v1/saved-views") ?? [], v => v.GetProperty("id").GetInt64() == id);
    }

    [Theory]
    [InlineData("{\"name\":\"\",\"query\":\"l1=Blocked\"}", RefusalCodes.ValueRequired, "name")]
    [InlineData("{\"name\":\"Typo\",\"query\":\"stauts=Blocked\"}", RefusalCodes.UnknownParameter, "query")]
    [InlineData("{\"name\":\"Stalled\",\"query\":\"l1=Stalled\"}", RefusalCodes.UnknownFilterValue, "query")]
    [InlineData("{\"name\":\"Page two\",\"query\":\"l1=Blocked&page=2\"}", RefusalCodes.UnknownParameter, "query")]
    public async Task SaveView_InvalidNameOrQuery_IsALocalizedProblem(string body, string code, string field)
    {
        using var client = server.NewClient("de");

        var response = await client.PostAsync("/api/v1/saved-views", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((code, field), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Equal(RefusalMessagesOf(problem), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SaveView_SameNameTwice_IsRefusedTheSecondTime()
    {
        using var client = server.NewClient(user: "engineer@centre.example");
        await CreatedAsync(await client.PostAsJsonAsync("/api/v1/saved-views", new { name = "Twice", query = "" }));

        var again = await client.PostAsJsonAsync("/api/v1/saved-views", new { name = "twice", query = "l1=Blocked" });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(RefusalCodes.SavedViewNameTaken, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task SaveView_WithTheCookieButNoFormToken_IsRefused()
    {
        var (client, token) = await server.CookieClientAsync();

        var without = await client.PostAsJsonAsync("/api/v1/saved-views", new { name = "No token", query = "" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/saved-views") { Content = JsonContent.Create(new { name = "With token", query = "" }) };
        request.Headers.Add("RequestVerificationToken", token);
        var with = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        Assert.Equal(HttpStatusCode.Created, with.StatusCode);
    }

    private static string RefusalMessagesOf(JsonElement problem)
    {
        // The detail is the German message of the code (the client asked in German).
        var code = problem.GetProperty("code").GetString()!;
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.DoesNotContain(code, detail, StringComparison.Ordinal);
        return detail;
    }
}

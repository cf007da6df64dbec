using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Domain.Results;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>What every API answer carries: no caching, a challenge on 401, and a per-caller budget answered with 429.</summary>
public class ApiConventionsTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    [Fact]
    public async Task ApiAnswers_AreNeverCached_AndA401SaysHowToAuthenticate()
    {
        using var client = server.NewClient();
        using var anonymous = server.NewClient(user: null);
        using var badToken = server.NewClient(user: null);
        badToken.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");

        var list = await client.GetAsync("/api/v1/tenants?pageSize=1");
        var missing = await client.GetAsync("/api/v1/tenants/999999999");
        var none = await anonymous.GetAsync("/api/v1/tenants");
        var bad = await badToken.GetAsync("/api/v1/worklist");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.All(new[] { list, missing, none, bad }, r => Assert.True(r.Headers.CacheControl?.NoStore, $"{r.RequestMessage!.RequestUri} {r.Headers.CacheControl}"));
        Assert.All(new[] { none, bad }, r =>
        {
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            Assert.Equal("Bearer", Assert.Single(r.Headers.WwwAuthenticate).Scheme);
        });
        Assert.Empty(list.Headers.WwwAuthenticate);
        // A page that needs a sign-in sends the browser to the sign-in page, without an API challenge.
        var page = await anonymous.GetAsync("/tenants");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Empty(page.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task PastItsBudget_ACallerGets429WithRetryAfterInItsLanguage_AndAnotherCallerIsNotHeldUp()
    {
        await using var limited = new HeadwayServer { DemoTenants = 5, ApiRequestsPerMinute = 3 };
        await limited.InitializeAsync();
        using var client = limited.NewClient(acceptLanguage: "ja");
        using var other = limited.NewClient(user: HeadwayServer.Admin);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await client.GetAsync("/api/v1/worklist"));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var refused = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        var seconds = refused.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.InRange(seconds ?? 0, 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(RefusalCodes.TooManyRequests, problem.GetProperty("code").GetString());
        Assert.Contains("秒後", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(refused.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/worklist")).StatusCode);
    }
}

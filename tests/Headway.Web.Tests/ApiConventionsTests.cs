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
    public async Task Gets_CarryAnETag_AndIfNoneMatchIsAnswered304UntilTheResourceChanges()
    {
        using var client = server.NewClient();
        var id = (await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=50")).GetProperty("items").EnumerateArray()
            .First(t => t.GetProperty("manager").GetString() == HeadwayServer.Manager && t.GetProperty("entitlements").GetInt32() > 0).GetProperty("id").GetInt64();
        var first = await client.GetAsync($"/api/v1/tenants/{id}");
        var tag = first.Headers.ETag!;
        var workload = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entitlements")[0].GetProperty("workload").GetString()!;

        var again = await Conditional($"/api/v1/tenants/{id}", tag.Tag);
        var entitlement = await client.GetAsync($"/api/v1/tenants/{id}/entitlements/{workload}");
        var version = entitlement.Headers.ETag!.Tag;
        var entitlementAgain = await Conditional($"/api/v1/tenants/{id}/entitlements/{workload}", $"W/{version}");
        var other = await Conditional($"/api/v1/tenants/{id}", "\"something-else\"");
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{id}/entitlements/{workload}")
        {
            Content = JsonContent.Create(new { l1 = "NoIntent", l2 = "UsingCompetitiveSolution", note = "The group standardised on a competitor's suite in May." }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", version);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(put)).StatusCode);
        var changed = await Conditional($"/api/v1/tenants/{id}", tag.Tag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(tag.IsWeak);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(tag.Tag, again.Headers.ETag?.Tag);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        // An entitlement's ETag is its version, the one If-Match takes; a weak form of it matches for a read.
        Assert.Matches("^\"[0-9]+\"$", version);
        Assert.Equal(HttpStatusCode.NotModified, entitlementAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(tag.Tag, other.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag.Tag, changed.Headers.ETag?.Tag);
        Assert.Equal("NoIntent", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entitlements").EnumerateArray()
            .Single(e => e.GetProperty("workload").GetString() == workload).GetProperty("l1").GetString());

        async Task<HttpResponseMessage> Conditional(string path, string ifNoneMatch)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
            return await client.SendAsync(request);
        }
    }

    [Fact]
    public async Task Exports_StreamThroughWithoutAnETag()
    {
        using var client = server.NewClient();

        var csv = await client.GetAsync("/api/v1/export/entitlements?format=csv");
        var lines = await client.GetAsync("/api/v1/export/tenants?format=jsonl");

        Assert.All(new[] { csv, lines }, export =>
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Null(export.Headers.ETag);
        });
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await lines.Content.ReadAsByteArrayAsync());
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

    [Fact]
    public async Task ProblemsTheFrameworkWrites_CarryACodeAndTheReadersLanguage_AndAMisspeltParameterIsRefused()
    {
        using var client = server.NewClient(acceptLanguage: "de");
        using var anonymous = server.NewClient(acceptLanguage: "ja", user: null);

        var (status, code, detail) = await ApiCalls.ProblemAsync(await client.GetAsync("/api/v1/no-such-thing"));
        Assert.Equal((HttpStatusCode.NotFound, RefusalCodes.NoSuchAddress), (status, code));
        Assert.Contains("gibt es nichts", detail, StringComparison.Ordinal);
        (status, code, detail) = await ApiCalls.ProblemAsync(await client.DeleteAsync("/api/v1/changes"));
        Assert.Equal((HttpStatusCode.MethodNotAllowed, RefusalCodes.MethodNotAllowed), (status, code));
        Assert.Contains("DELETE", detail, StringComparison.Ordinal);
        var unsigned = await anonymous.GetAsync("/api/v1/worklist");
        Assert.Equal("Bearer", unsigned.Headers.WwwAuthenticate.Single().Scheme);
        (status, code, detail) = await ApiCalls.ProblemAsync(unsigned);
        Assert.Equal((HttpStatusCode.Unauthorized, RefusalCodes.NotSignedIn), (status, code));
        Assert.Contains("サインイン", detail, StringComparison.Ordinal);

        // A body of a type nothing takes is 415 for anyone, even on the endpoints that need no sign-in (routing's own
        // refusal carries no AllowAnonymous, which asked an anonymous caller to sign in).
        (status, code, _) = await ApiCalls.ProblemAsync(await anonymous.PostAsync("/api/v1/auth/password-reset", new StringContent("email=a@b.example")));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, RefusalCodes.UnsupportedMediaType), (status, code));

        // A misspelt parameter of any list is named, with the ones the list takes; the language parameter is taken everywhere.
        var tenant = (await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetInt64();
        (status, code, detail) = await ApiCalls.ProblemAsync(await client.GetAsync($"/api/v1/tenants/{tenant}/notes?pagesize=5&pag=2"));
        Assert.Equal((HttpStatusCode.BadRequest, RefusalCodes.UnknownParameter), (status, code));
        Assert.Contains("pag", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/tenants/{tenant}/history?page=1&lang=ja")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/summaries?regoin=EMEA")).StatusCode);
    }
}

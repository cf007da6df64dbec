using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Headway.Application.Data;
using Headway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Web.Tests;

/// <summary>
/// Two portal processes' worth of web nodes (two servers, each with its own services, caches and rate
/// limiters) on one PostgreSQL database, as behind a load balancer.
/// </summary>
#pragma warning disable CA1001 // xunit disposes them through IAsyncLifetime.
public partial class TwoNodesTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private TestDatabase _database = null!;
    private HeadwayServer _a = null!;
    private HeadwayServer _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(postgres: true);
        _a = new HeadwayServer { SharedDatabase = _database, DemoTenants = 10 };
        await _a.InitializeAsync();
        _b = new HeadwayServer { SharedDatabase = _database, DemoTenants = 10 };
        await _b.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_a).DisposeAsync();
        await ((IAsyncLifetime)_b).DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task SignedInOnOneNode_IsSignedInOnTheOther_AndItsFormTokensAreAcceptedThere()
    {
        var jar = new CookieContainer();
        using var a = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = _a.BaseAddress };
        var form = await a.GetStringAsync("/account/login");
        var signIn = await a.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(form),
            ["Email"] = HeadwayServer.Manager,
            ["Password"] = HeadwayServer.DemoPassword,
            ["ReturnUrl"] = "/tenants",
        }));
        var pageOnA = await a.GetStringAsync("/tenants");

        // Node B gets exactly the cookies node A set: the sign-in cookie and the antiforgery cookie.
        using var b = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _b.BaseAddress };
        b.DefaultRequestHeaders.Add("Cookie", jar.GetCookieHeader(_a.BaseAddress));
        var pageOnB = await b.GetAsync("/tenants");
        // Signing out on B with the form token A's page carried: the antiforgery keys are shared too.
        var signOutOnB = await b.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(pageOnA),
        }));

        // The key ring both nodes read is the one in the shared database, not a folder of this machine.
        var keys = await _database.RunAsync(sp => sp.GetRequiredService<KeyRingContext>().DataProtectionKeys.CountAsync());
        Assert.True(keys >= 1, "no data-protection key in the database");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pageOnB.StatusCode);
        Assert.Contains(HeadwayServer.Manager, await pageOnB.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A token B could not read would be refused with 400.
        Assert.Equal(HttpStatusCode.Redirect, signOutOnB.StatusCode);
    }

    [Fact]
    public async Task SameVersionEditedThroughBothNodes_TheSecondIsAConflictAndTheFirstStays()
    {
        using var a = _a.NewClient();
        using var b = _b.NewClient();
        var list = await a.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200");
        var id = list.GetProperty("items").EnumerateArray()
            .First(t => !t.GetProperty("duplicate").GetBoolean() && t.GetProperty("manager").GetString() == HeadwayServer.Manager)
            .GetProperty("id").GetInt64();
        var tenant = await b.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}");
        var workload = tenant.GetProperty("entitlements")[0].GetProperty("workload").GetString()!;
        var etag = (await a.GetAsync($"/api/v1/tenants/{id}/entitlements/{workload}")).Headers.ETag!.Tag;

        var first = await a.SendAsync(Put(id, workload, new { l1 = "NoIntent", l2 = "UsingCompetitiveSolution", note = "The customer standardised on a competitor's suite group-wide in May." }, etag));
        var second = await b.SendAsync(Put(id, workload, new { l1 = "Blocked", l2 = "AppCompatibility", note = "Written through the other node from the same version." }, etag));
        var after = await b.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/entitlements/{workload}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal("NoIntent", after.GetProperty("l1").GetString());
    }

    [Fact]
    public async Task HealthAndReadiness_AnswerOnBothNodes()
    {
        foreach (var server in new[] { _a, _b })
        {
            using var client = server.NewClient(user: null);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            var ready = await client.GetAsync("/readyz");
            Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
        }
    }

    private static HttpRequestMessage Put(long tenant, string workload, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant}/entitlements/{workload}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static string Token(string html) => WebUtility.HtmlDecode(Antiforgery().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Headway.Application.Data;
using Headway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Web.Tests;

public partial class SignInTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private static JsonContent Credentials(string email, string password) => JsonContent.Create(new { email, password });

    [Fact]
    public async Task Token_RightPassword_IsIssuedAndWorksUntilItExpires()
    {
        using var anonymous = server.NewClient(user: null);
        var response = await anonymous.PostAsync("/api/v1/auth/token", Credentials("leadership@centre.example", HeadwayServer.DemoPassword));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        Assert.InRange(body.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddHours(7), DateTimeOffset.UtcNow.AddHours(9));

        Assert.Equal(HttpStatusCode.OK, (await Get("/api/v1/tenants", token)).StatusCode);
        await server.Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            var row = await db.ApiTokens.OrderByDescending(t => t.Id).FirstAsync();
            return await db.ApiTokens.Where(t => t.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/api/v1/tenants", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/api/v1/tenants", "hw_not-a-real-token")).StatusCode);
    }

    [Fact]
    public async Task Token_FiveWrongPasswords_LockTheAccountEvenForTheRightOne()
    {
        using var anonymous = server.NewClient(user: null);
        for (var i = 0; i < 4; i++)
        {
            var wrong = await anonymous.PostAsync("/api/v1/auth/token", Credentials("architect@bluefield.example", "not the password " + i));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var fifth = await anonymous.PostAsync("/api/v1/auth/token", Credentials("architect@bluefield.example", "still not the password"));
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);

        var right = await anonymous.PostAsync("/api/v1/auth/token", Credentials("architect@bluefield.example", HeadwayServer.DemoPassword));
        var unknown = await anonymous.PostAsync("/api/v1/auth/token", Credentials("nobody@nowhere.example", "whatever"));

        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal("LockedOut", (await right.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task PersonalToken_CreatedAndRevokedOnTheProfilePage_StopsWorkingAtOnce()
    {
        using var client = server.NewClient(user: "engineer@centre.example");
        var profile = await client.GetStringAsync("/account/profile");

        var created = await client.PostAsync("/account/profile?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(profile),
            ["TokenName"] = "reporting script",
        }));
        var page = await created.Content.ReadAsStringAsync();
        var token = NewToken().Match(page).Groups[1].Value;
        Assert.StartsWith("hw_", token, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Get("/api/v1/taxonomy", token)).StatusCode);
        var tokenId = RevokeId().Matches(page).Select(m => m.Groups.Values.Skip(1).First(g => g.Success).Value).First();

        var revoked = await client.PostAsync($"/account/profile?handler=Revoke&id={tokenId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page),
        }));

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/api/v1/taxonomy", token)).StatusCode);
        var stored = await server.Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().ApiTokens.Select(t => t.TokenHash).ToListAsync());
        Assert.DoesNotContain(token, stored);
    }

    [Fact]
    public async Task SignInPage_WrongPassword_SaysSoInTheUserLanguageAndSetsNoCookie()
    {
        using var client = server.NewClient(user: null);
        var form = await client.GetStringAsync("/account/login?lang=de");

        var response = await client.PostAsync("/account/login?lang=de", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(form),
            ["Email"] = "manager@centre.example",
            ["Password"] = "falsch",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("E-Mail-Adresse oder Kennwort ist nicht korrekt.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".Headway.Auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignInPage_RightPassword_SetsAnHttpOnlyCookieAndSignOutEndsIt()
    {
        using var client = server.NewClient(user: null);
        var form = await client.GetStringAsync("/account/login");

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(form),
            ["Email"] = "regional-manager@centre.example",
            ["Password"] = HeadwayServer.DemoPassword,
            ["ReturnUrl"] = "/tenants",
        }));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Headway.Auth", StringComparison.Ordinal));
        var list = await client.GetAsync("/tenants");
        var signOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(await list.Content.ReadAsStringAsync()),
        }));
        var after = await client.GetAsync("/tenants");

        Assert.Equal(("/tenants", HttpStatusCode.Redirect), (response.Headers.Location!.OriginalString, response.StatusCode));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartnerUser_ListsSearchAndPages_ShowNoRowOfAnotherPartner()
    {
        using var centre = server.NewClient();
        var all = await centre.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200");
        var foreign = all.GetProperty("items").EnumerateArray().Where(t => t.GetProperty("partner").GetString() != "Kestrel Consulting").ToArray();
        using var partner = server.NewClient(user: "leadership@kestrel.example");

        var own = await partner.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200");
        var html = await partner.GetStringAsync("/tenants?page=1");

        Assert.NotEmpty(own.GetProperty("items").EnumerateArray());
        Assert.All(own.GetProperty("items").EnumerateArray(), t => Assert.Equal("Kestrel Consulting", t.GetProperty("partner").GetString()));
        foreach (var t in foreign.Take(10))
        {
            var name = t.GetProperty("name").GetString()!;
            var search = await partner.GetFromJsonAsync<JsonElement>($"/api/v1/tenants?search={Uri.EscapeDataString(name)}");
            Assert.DoesNotContain(search.GetProperty("items").EnumerateArray(), x => x.GetProperty("name").GetString() == name);
            Assert.DoesNotContain($">{System.Net.WebUtility.HtmlEncode(name)}<", html, StringComparison.Ordinal);
            var direct = await partner.GetAsync($"/api/v1/tenants/{t.GetProperty("id").GetInt64()}");
            Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
            Assert.DoesNotContain(name, await direct.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var history = await partner.GetAsync($"/api/v1/tenants/{t.GetProperty("id").GetInt64()}/history");
            Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
        }
    }

    [Fact]
    public async Task PartnerAdmin_AuditTrail_ShowsOnlyItsOwnPartnersRows()
    {
        using var centre = server.NewClient();
        var ownIds = (await server.NewClient(user: "leadership@kestrel.example").GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200"))
            .GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToHashSet();
        using var admin = server.NewClient(user: "admin@kestrel.example");

        var trail = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?pageSize=200");

        Assert.All(trail.GetProperty("items").EnumerateArray(), a =>
            Assert.True(a.GetProperty("tenantId").ValueKind == JsonValueKind.Null || ownIds.Contains(a.GetProperty("tenantId").GetInt64())));
    }

    private async Task<HttpResponseMessage> Get(string path, string token)
    {
        using var client = server.NewClient(user: null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(path);
    }

    private static string Token(string html) => WebUtility.HtmlDecode(Antiforgery().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("<code id=\"new-token\">([^<]+)</code>")]
    private static partial Regex NewToken();

    [GeneratedRegex("action=\"/account/profile/(\\d+)\\?handler=Revoke\"|action=\"/account/profile\\?id=(\\d+)&amp;handler=Revoke\"|handler=Revoke&amp;id=(\\d+)")]
    private static partial Regex RevokeId();
}

#pragma warning disable CA1001 // xunit disposes it through IAsyncLifetime.
public class SignInLimitTests : IAsyncLifetime
#pragma warning restore CA1001
{
    // Three posts a minute for what sends mail, four failed sign-ins per address: both far below what an office makes.
    private readonly HeadwayServer _server = new() { DemoTenants = 5, SignInAttemptsPerMinute = 3, SignInFailuresPerAddress = 4 };

    public Task InitializeAsync() => ((IAsyncLifetime)_server).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_server).DisposeAsync();

    private static JsonContent Credentials(string email, string password) => JsonContent.Create(new { email, password });

    [Fact]
    public async Task PageLoadsAndSuccessfulSignIns_NeverCount_WhileFailuresFromOneAddress_PauseIt_WithRetryAfter_InTheReadersLanguage()
    {
        using var anonymous = _server.NewClient(user: null);
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/account/login")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/account/forgot")).StatusCode);
        }

        // A whole office signing in at nine from one address.
        foreach (var user in new[] { "manager@bluefield.example", "engineer@bluefield.example", "architect@bluefield.example", "leadership@bluefield.example" })
        {
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync("/api/v1/auth/token", Credentials(user, HeadwayServer.DemoPassword))).StatusCode);
            }
        }

        // Four failures over four accounts (none of them locked by itself) pause the address for every account...
        var accounts = new[] { "manager@kestrel.example", "engineer@kestrel.example", "nobody@nowhere.example", "architect@kestrel.example" };
        foreach (var account in accounts)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/auth/token", Credentials(account, "not the password"))).StatusCode);
        }

        using var japanese = _server.NewClient("ja", user: null);
        var paused = await japanese.PostAsync("/api/v1/auth/token", Credentials("leadership@kestrel.example", HeadwayServer.DemoPassword));
        Assert.Equal(HttpStatusCode.TooManyRequests, paused.StatusCode);
        var problem = await paused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("SignInPaused", problem.GetProperty("code").GetString());
        Assert.Contains("15 分後", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.InRange(int.Parse(paused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 840, 900);

        // ...and the sign-in page says so in the reader's language, with the same status and header.
        using var german = _server.NewClient("de", user: null);
        var form = await german.GetStringAsync("/account/login");
        var page = await german.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HeadwayServer.FormToken(form),
            ["Email"] = "manager@bluefield.example",
            ["Password"] = HeadwayServer.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.NotEmpty(page.Headers.GetValues("Retry-After"));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Versuchen Sie es in 15 Min. erneut", html, StringComparison.Ordinal);
        Assert.Contains("<form", html, StringComparison.Ordinal);

        // Loading the page still works while paused.
        Assert.Equal(HttpStatusCode.OK, (await german.GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task FormsThatSendMail_AreLimitedOnWhatIsSent_AndTheRefusalIsAPage()
    {
        using var german = _server.NewClient("de", user: null);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            var form = await german.GetStringAsync("/account/forgot");
            last = await german.PostAsync("/account/forgot", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = HeadwayServer.FormToken(form),
                ["Email"] = "someone@bluefield.example",
            }));
            statuses.Add(last.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
        Assert.NotEmpty(last!.Headers.GetValues("Retry-After"));
        Assert.StartsWith("text/html", last.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var html = await last.Content.ReadAsStringAsync();
        Assert.Contains("Zu viele Anfragen in kurzer Zeit", html, StringComparison.Ordinal);
        Assert.Contains("<header", html, StringComparison.Ordinal);
    }
}

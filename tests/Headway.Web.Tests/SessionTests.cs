using System.Net;
using Headway.Application;
using Headway.Application.Users;
using Headway.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Web.Tests;

/// <summary>
/// The sign-in cookie's life: signing out ends it wherever it is presented, a disabled user's cookie leads back to the
/// sign-in page, and a session ends after its absolute lifetime however busy it is. The portal here checks the
/// cookie's security stamp on every request (production: once a minute) and gives a session four seconds.
/// </summary>
public sealed class SessionTests(SessionTests.Portal portal) : IClassFixture<SessionTests.Portal>
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(4);

    private HeadwayServer Server => portal.Server;

    /// <summary>A portal of its own: the check on every request and the short lifetime are not the other tests' settings.</summary>
    public sealed class Portal : IAsyncLifetime, IDisposable
    {
        public HeadwayServer Server { get; } = new()
        {
            DemoTenants = 5,
            Settings = new Dictionary<string, string>
            {
                ["Security:SessionCheckInterval"] = "00:00:00",
                ["Security:SessionAbsoluteLifetime"] = "00:00:04",
            },
        };

        public Task InitializeAsync() => Server.InitializeAsync();

        public Task DisposeAsync() => Server.DisposeAsync().AsTask();

        public void Dispose() => Server.Dispose();
    }

    [Fact]
    public async Task SignOut_TheSameCookieCopiedElsewhere_LeadsToTheSignInPage()
    {
        var jar = new CookieContainer();
        var (browser, _) = await Server.CookieClientAsync("engineer@centre.example", jar);
        var cookie = jar.GetCookieHeader(Server.BaseAddress);
        var before = await Server.GetWithCookiesAsync("/tenants", cookie);

        var page = await browser.GetStringAsync("/tenants");
        var signOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HeadwayServer.FormToken(page),
        }));
        var after = await Server.GetWithCookiesAsync("/tenants", cookie);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisabledUser_TheirCookie_LeadsToTheSignInPageAndTheApiAnswers401()
    {
        var jar = new CookieContainer();
        var (browser, _) = await Server.CookieClientAsync("architect@centre.example", jar);
        var cookie = jar.GetCookieHeader(Server.BaseAddress);
        var before = await browser.GetAsync("/tenants");

        var disabled = await Server.Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().SetDisabledAsync("architect@centre.example", true),
            new Caller(HeadwayServer.Admin, null, null, Role.Admin));
        var page = await Server.GetWithCookiesAsync("/tenants", cookie);
        var api = await Server.GetWithCookiesAsync("/api/v1/tenants", cookie);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True(disabled.Succeeded);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Session_PastItsAbsoluteLifetime_EndsThoughItWasUsedAllAlong()
    {
        // Taken before signing in, so the session cannot have ended before Lifetime has passed since.
        var started = DateTimeOffset.UtcNow;
        var (browser, _) = await Server.CookieClientAsync("leadership@centre.example");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last;
        do
        {
            // Used every half second: the sliding expiry alone would keep it for hours.
            last = await browser.GetAsync("/reports");
            statuses.Add(last.StatusCode);
            await Task.Delay(500);
        }
        while (last.StatusCode == HttpStatusCode.OK && DateTimeOffset.UtcNow - started < Lifetime * 3);

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal(HttpStatusCode.Redirect, last.StatusCode);
        Assert.Contains("/account/login", last.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.UtcNow - started >= Lifetime, $"ended after {DateTimeOffset.UtcNow - started}");
    }
}

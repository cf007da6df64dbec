using System.Net;
using System.Text.RegularExpressions;
using Headway.Application;
using Headway.Application.Demo;
using Headway.Application.Users;
using Headway.Testing;
using Headway.Web.Features.Shared;

namespace Headway.Web.Tests;

/// <summary>
/// Every demo user of the README's table signs in through the sign-in page as a browser does, follows "/" to their
/// landing and then every link of the navigation: none of them may end on a 403 or an error.
/// </summary>
public partial class LandingsTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    public static TheoryData<Role, string?> EveryDemoUser()
    {
        var data = new TheoryData<Role, string?>();
        foreach (var partner in new string?[] { null }.Concat(DemoData.PartnerNames))
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                data.Add(role, partner);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryDemoUser))]
    public async Task SignIn_EveryDemoUser_LandsOnTheirPageAndEveryNavigationLinkAnswers200(Role role, string? partner)
    {
        using var client = await SignInAsync(DemoUsers.Email(role, partner));

        var (path, landing) = await FollowAsync(client, "/");

        Assert.Equal(Landing.PathFor(role), path);
        var links = NavigationLinks(landing);
        var expected = Navigation.For(new Caller("someone", partner is null ? null : 1, null, role)).Select(l => l.Href).ToArray();
        Assert.Equal(expected, links);
        Assert.Contains("/api-reference/", links);
        foreach (var link in links)
        {
            using var response = await client.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} of {partner ?? "the centre"}: {link} answered {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData(Role.ProductAnalyst, "/tenants", "/summaries", "/export", "/dashboard")]
    [InlineData(Role.Manager, "/imports", "/admin/audit")]
    [InlineData(Role.Engineer, "/imports", "/admin/audit")]
    public async Task Navigation_RoleWithoutTheRight_DoesNotShowThePageItWouldBeRefused(Role role, params string[] hidden)
    {
        using var client = await SignInAsync(DemoUsers.Email(role, null));

        var (_, landing) = await FollowAsync(client, "/");

        var links = NavigationLinks(landing);
        Assert.All(hidden, link => Assert.DoesNotContain(link, links));
        foreach (var link in hidden)
        {
            // The cookie sends a refused reader to the page that says so, which answers 403.
            using var refused = await client.GetAsync(link);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            using var denied = await client.GetAsync(refused.Headers.Location);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }
    }

    [Fact]
    public async Task Navigation_Anonymous_OffersOnlyThePublicApiDescription()
    {
        using var client = server.NewClient(user: null);

        var login = await client.GetStringAsync("/account/login");

        Assert.Equal(["/openapi/v1.json"], NavigationLinks(login));
    }

    [Fact]
    public async Task Navigation_CurrentPage_IsMarkedForAssistiveTechnology()
    {
        using var client = server.NewClient(user: DemoUsers.Email(Role.RegionalManager, null));

        var html = await client.GetStringAsync("/summaries?lang=de");

        Assert.Matches("<a href=\"/summaries\" aria-current=\"page\">Management-Zusammenfassungen</a>", html);
        Assert.Matches("<a href=\"/dashboard\">Dashboard</a>", html);
    }

    /// <summary>A client with its own cookies, signed in through the sign-in form.</summary>
    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = server.NewClient(user: null);
        var login = await client.GetStringAsync("/account/login");
        using var signedIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HeadwayServer.FormToken(login),
            ["Email"] = email,
            ["Password"] = HeadwayServer.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        return client;
    }

    /// <summary>Follows redirects as a browser does; the path it ends on and the page's HTML, which must answer 200.</summary>
    private static async Task<(string Path, string Html)> FollowAsync(HttpClient client, string path)
    {
        for (var hops = 0; hops < 5; hops++)
        {
            using var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                path = response.Headers.Location!.OriginalString;
                continue;
            }

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            return (path, await response.Content.ReadAsStringAsync());
        }

        throw new InvalidOperationException($"Too many redirects, last to {path}.");
    }

    /// <summary>The hrefs of the main navigation: the first nav of the page's header.</summary>
    private static string[] NavigationLinks(string html)
    {
        var nav = MainNavigation().Match(html);
        Assert.True(nav.Success, "no navigation in the page");
        return Href().Matches(nav.Groups[1].Value).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToArray();
    }

    [GeneratedRegex("<header class=\"top\">.*?<nav aria-label=\"[^\"]*\">(.*?)</nav>", RegexOptions.Singleline)]
    private static partial Regex MainNavigation();

    [GeneratedRegex("<a href=\"([^\"]+)\"")]
    private static partial Regex Href();
}

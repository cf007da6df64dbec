using Headway.Application;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Testing;
using Headway.Web.BrowserTests.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// A portal with two identity providers — the programme centre's (which creates the users it does not find, as engineers)
/// and Bluefield Partners' — both served by a real OpenID Connect provider started here. Sign-in goes through the real
/// redirect flow in Chromium: the portal's button, the provider's own sign-in form, the code exchanged for a signed token.
/// </summary>
public sealed class SingleSignOnFixture : IAsyncLifetime
{
    public OidcProvider Provider { get; private set; } = null!;

    public HeadwayServer Server { get; private set; } = null!;

    public const string Bluefield = "Bluefield Partners";

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync();
        var authority = Provider.Authority.ToString();
        Server = new HeadwayServer
        {
            DemoTenants = 12,
            Settings = new Dictionary<string, string>
            {
                ["Authentication:Oidc:Centre:Authority"] = authority,
                ["Authentication:Oidc:Centre:ClientId"] = "headway-centre",
                ["Authentication:Oidc:Centre:ClientSecret"] = "centre-client-secret-for-tests",
                ["Authentication:Oidc:Centre:DisplayName"] = "Centre ID",
                ["Authentication:Oidc:Centre:EmailDomains:0"] = "centre.example",
                ["Authentication:Oidc:Centre:CreateUsers"] = "true",
                ["Authentication:Oidc:Centre:DefaultRole"] = "Engineer",
                ["Authentication:Oidc:Centre:RequireHttpsMetadata"] = "false",
                ["Authentication:Oidc:Bluefield:Authority"] = authority,
                ["Authentication:Oidc:Bluefield:ClientId"] = "headway-bluefield",
                ["Authentication:Oidc:Bluefield:ClientSecret"] = "bluefield-client-secret-for-tests",
                ["Authentication:Oidc:Bluefield:DisplayName"] = "Bluefield ID",
                ["Authentication:Oidc:Bluefield:Partner"] = Bluefield,
                ["Authentication:Oidc:Bluefield:RequireHttpsMetadata"] = "false",
                // One provider for several partners: the partner comes from the person's group.
                ["Authentication:Oidc:Shared:Authority"] = authority,
                ["Authentication:Oidc:Shared:ClientId"] = "headway-shared",
                ["Authentication:Oidc:Shared:ClientSecret"] = "shared-client-secret-for-tests",
                ["Authentication:Oidc:Shared:DisplayName"] = "Partner Network ID",
                ["Authentication:Oidc:Shared:CreateUsers"] = "true",
                ["Authentication:Oidc:Shared:DefaultRole"] = "Engineer",
                ["Authentication:Oidc:Shared:Partners:Groups:bluefield-staff"] = Bluefield,
                ["Authentication:Oidc:Shared:RequireHttpsMetadata"] = "false",
            },
        };
        await Server.InitializeAsync();
        await Provider.RegisterClientAsync("headway-centre", "centre-client-secret-for-tests", new Uri(Server.BaseAddress, "signin-oidc-centre"));
        await Provider.RegisterClientAsync("headway-bluefield", "bluefield-client-secret-for-tests", new Uri(Server.BaseAddress, "signin-oidc-bluefield"));
        await Provider.RegisterClientAsync("headway-shared", "shared-client-secret-for-tests", new Uri(Server.BaseAddress, "signin-oidc-shared"));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

[Collection(BrowserCollection.Name)]
public class SingleSignOnTests(BrowserFixture browser, SingleSignOnFixture sso) : IClassFixture<SingleSignOnFixture>
{
    private async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = sso.Server.BaseAddress.ToString(), Locale = locale });
        return await context.NewPageAsync();
    }

    /// <summary>From the portal's sign-in page through the provider's form and back, as <paramref name="email"/> in <paramref name="groups"/>.</summary>
    private static async Task SignInThroughAsync(IPage page, string provider, string email, string groups = "")
    {
        await page.GotoAsync("/account/login");
        await page.Locator($"#sign-in-{provider}").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Organisation sign-in");
        await page.Locator("#" + OidcProvider.EmailField).FillAsync(email);
        await page.Locator("#" + OidcProvider.GroupsField).FillAsync(groups);
        await page.Locator("#provider-continue").ClickAsync();
    }

    private Task<T> AsOperatorAsync<T>(Func<IServiceProvider, Task<T>> work) => sso.Server.Database.RunAsync(work, Caller.System);

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("de-DE", "de")]
    [InlineData("ja-JP", "ja")]
    public async Task PreProvisionedUser_SignsInThroughTheProvider_AndLandsOnTheirWorkList(string locale, string lang)
    {
        var page = await NewPageAsync(locale);

        await SignInThroughAsync(page, "centre", HeadwayServer.Manager);

        await Expect(page.Locator("main h1")).ToHaveTextAsync(UiStrings.Get(lang, "WorkListTitle"));
        await Expect(page.Locator("header.top")).ToContainTextAsync(HeadwayServer.Manager);
        var user = await AsOperatorAsync(sp => sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HeadwayUser>>().FindByEmailAsync(HeadwayServer.Manager));
        Assert.Equal("Centre", user!.ExternalProvider);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FirstTimeUser_IsCreatedWithTheProvidersDefaultRole_AndAnotherDomainIsRefused()
    {
        var page = await NewPageAsync();

        await SignInThroughAsync(page, "centre", "newcomer@centre.example");

        await Expect(page.Locator("header.top")).ToContainTextAsync("newcomer@centre.example");
        var created = await AsOperatorAsync(sp => sp.GetRequiredService<ManageUsers>().FindAsync(new ManageUsers.Query("newcomer@centre.example")));
        var row = Assert.Single(created.Value!.Items);
        Assert.Equal((Role.Engineer, (long?)null, UserState.Active, "Person newcomer"), (row.Role, row.PartnerId, row.State, row.DisplayName));

        var stranger = await NewPageAsync();
        await SignInThroughAsync(stranger, "centre", "someone@elsewhere.example");
        await Expect(stranger.Locator("#sign-in-error")).ToHaveTextAsync(Refusal.Of(RefusalCodes.ExternalSignInRefused, "Centre ID").Message("en"));
        Assert.Empty((await AsOperatorAsync(sp => sp.GetRequiredService<ManageUsers>().FindAsync(new ManageUsers.Query("someone@elsewhere.example")))).Value!.Items);
        await page.Context.CloseAsync();
        await stranger.Context.CloseAsync();
    }

    [Fact]
    public async Task ASharedProvider_CreatesAFirstTimeUserInThePartnerOfTheirGroup_AndRefusesSomeoneInNoMappedGroup()
    {
        var page = await NewPageAsync();

        await SignInThroughAsync(page, "shared", "new.engineer@network.example", "all-staff, bluefield-staff");

        await Expect(page.Locator("header.top")).ToContainTextAsync("new.engineer@network.example");
        var created = await AsOperatorAsync(sp => sp.GetRequiredService<ManageUsers>().FindAsync(new ManageUsers.Query("new.engineer@network.example")));
        var row = Assert.Single(created.Value!.Items);
        Assert.Equal((Role.Engineer, SingleSignOnFixture.Bluefield, "Shared"), (row.Role, row.Partner, await AsOperatorAsync(async sp =>
            (await sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HeadwayUser>>().FindByEmailAsync("new.engineer@network.example"))!.ExternalProvider)));

        var outsider = await NewPageAsync();
        await SignInThroughAsync(outsider, "shared", "outsider@network.example", "all-staff");
        await Expect(outsider.Locator("#sign-in-error")).ToHaveTextAsync(Refusal.Of(RefusalCodes.ExternalSignInRefused, "Partner Network ID").Message("en"));
        Assert.Empty((await AsOperatorAsync(sp => sp.GetRequiredService<ManageUsers>().FindAsync(new ManageUsers.Query("outsider@network.example")))).Value!.Items);
        await page.Context.CloseAsync();
        await outsider.Context.CloseAsync();
    }

    [Fact]
    public async Task DisabledUser_IsRefused_WhateverTheProviderSays()
    {
        const string Email = "leaver@centre.example";
        Assert.True((await AsOperatorAsync(sp => sp.GetRequiredService<ManageUsers>().AddUserAsync(Email, "Manager", null, "Quiet-Harbour-Lantern-8"))).Succeeded);
        Assert.True((await AsOperatorAsync(sp => sp.GetRequiredService<ManageUsers>().SetDisabledAsync(Email, true))).Succeeded);
        var page = await NewPageAsync("de-DE");

        await SignInThroughAsync(page, "centre", Email);

        await Expect(page.Locator("#sign-in-error")).ToHaveTextAsync(Refusal.Of(RefusalCodes.ExternalSignInRefused, "Centre ID").Message("de"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PartnerWithPasswordsOff_CannotUseThePasswordForm_ButSignsInThroughItsProvider()
    {
        var manager = DemoUsers.Email(Role.Manager, SingleSignOnFixture.Bluefield);
        var partner = await AsOperatorAsync(async sp =>
        {
            var partners = sp.GetRequiredService<ManagePartners>();
            var bluefield = (await partners.ListAsync()).Value!.Single(p => p.Name == SingleSignOnFixture.Bluefield);
            return (await partners.UpdateAsync(bluefield.Id, new ManagePartners.Change(PasswordSignIn: false))).Value!;
        });
        Assert.True(partner.PasswordSignInDisabled);
        var page = await NewPageAsync("ja-JP");

        await new SignInPage(page).SignInAsync(manager, HeadwayServer.DemoPassword, expectSuccess: false);
        await Expect(page.Locator("#sign-in-error")).ToHaveTextAsync(Refusal.Of(RefusalCodes.PasswordSignInDisabled).Message("ja"));
        using (var api = sso.Server.NewClient(user: null))
        {
            var token = await api.PostAsync("/api/v1/auth/token", System.Net.Http.Json.JsonContent.Create(new { email = manager, password = HeadwayServer.DemoPassword }));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, token.StatusCode);
        }

        // The centre's provider does not speak for the partner's people; the partner's own does.
        await SignInThroughAsync(page, "centre", manager);
        await Expect(page.Locator("#sign-in-error")).ToBeVisibleAsync();
        await SignInThroughAsync(page, "bluefield", manager);
        await Expect(page.Locator("main h1")).ToHaveTextAsync(UiStrings.Get("ja", "WorkListTitle"));
        await Expect(page.Locator("header.top")).ToContainTextAsync(manager);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task APartnersProvider_CannotSpeakForTheCentre_EvenSentToTheCentresAddress()
    {
        var page = await NewPageAsync();
        // The partner provider's answer (posted back to its callback) is sent on to the centre's completion address instead of
        // its own: the callback's answer is taken as it is, with its cookie, and only its destination changed.
        await page.RouteAsync("**/signin-oidc-bluefield**", async route =>
        {
            var answer = await route.FetchAsync(new RouteFetchOptions { MaxRedirects = 0 });
            Assert.Contains("/account/external/Bluefield/done", answer.Headers["location"], StringComparison.Ordinal);
            var headers = new Dictionary<string, string>(answer.Headers) { ["location"] = "/account/external/Centre/done?returnUrl=%2F" };
            await route.FulfillAsync(new RouteFulfillOptions { Response = answer, Headers = headers });
        });

        await SignInThroughAsync(page, "bluefield", HeadwayServer.Admin);

        await Expect(page.Locator("#sign-in-error")).ToHaveTextAsync(Refusal.Of(RefusalCodes.ExternalSignInRefused, "Centre ID").Message("en"));
        await page.UnrouteAllAsync();
        await page.GotoAsync("/admin/users");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.Context.CloseAsync();
    }
}

using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Headway.Application;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Testing;
using Headway.Web.BrowserTests.Pages;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// An administrator invites a colleague in each language: the invitation is read from the portal's real SMTP server, the
/// colleague chooses a password through its link (a common one refused first), signs in, and the administrator then sees
/// them active with a last sign-in. The administration pages pass axe's WCAG 2.1 AA checks on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class UserAdminTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("de-DE", "de")]
    [InlineData("ja-JP", "ja")]
    public async Task Administrator_InvitesAUser_WhoSetsAPasswordFromTheMailAndSignsIn(string locale, string lang)
    {
        var email = $"invited-{lang.ToLowerInvariant()}@centre.example";
        var password = "willow harbour signal " + lang;
        var admin = await fixture.NewPageAsync(locale, HeadwayServer.Admin);
        var failures = new List<string>();

        await new NavigationBar(admin).Link("/admin/users").ClickAsync();
        var users = new UsersPage(admin);
        await Expect(users.Heading).ToHaveTextAsync(UiStrings.Get(lang, "AdminUsersTitle"));
        await AxeAsync(admin, failures);
        await users.Invite.ClickAsync();
        var invite = new InviteUserPage(admin);
        await AxeAsync(admin, failures);
        await invite.InviteAsync(HeadwayServer.Manager, "X", "Manager", lang);
        await Expect(invite.EmailError).ToHaveTextAsync(Refusal.ForField("email", RefusalCodes.UserExists, HeadwayServer.Manager).Message(lang));
        await invite.InviteAsync(email, "Invited " + lang, "Manager", lang);
        await Expect(invite.Mailed).ToHaveTextAsync(UiStrings.Get(lang, "AdminInviteMailed", email));
        await BrowserFixture.ScreenshotAsync(admin, $"admin-invite-{lang}");

        var mail = await fixture.MailToAsync(email);
        Assert.Equal(UiStrings.Get(lang, "InviteMailSubject"), mail.Subject);
        Assert.Contains(UiStrings.Get(lang, "InviteMailBody", HeadwayServer.Admin, UiStrings.Get(lang, "RoleManager")), mail.TextBody, StringComparison.Ordinal);
        var link = Link().Match(mail.TextBody ?? "").Value;

        var invited = await fixture.NewPageAsync(locale, user: null);
        await invited.GotoAsync(BrowserFixture.InPortal(link));
        await Expect(invited.Locator("main h1")).ToHaveTextAsync(UiStrings.Get(lang, "InviteTitle"));
        await AxeAsync(invited, failures);
        var form = new ResetPasswordPage(invited);
        await form.SetAsync("1qaz2wsx3edc");
        await Expect(form.NewPasswordError).ToHaveTextAsync(Refusal.Of(RefusalCodes.PasswordTooCommon).Message(lang));
        await form.SetAsync(password);
        await Expect(invited.Locator("#invitation-accepted")).ToHaveTextAsync(UiStrings.Get(lang, "InviteDone"));
        await new SignInPage(invited).SignInAsync(email, password);
        // A manager lands on their own work list.
        await Expect(invited.Locator("main h1")).ToHaveTextAsync(UiStrings.Get(lang, "WorkListTitle"));

        await admin.GotoAsync("/admin/users");
        await users.SearchAsync(email);
        await Expect(users.Row(email).Locator("td.state")).ToContainTextAsync(UiStrings.Get(lang, "AdminStateActive"));
        await Expect(users.Row(email).Locator("td.last-sign-in time")).ToBeVisibleAsync();
        await users.Row(email).Locator("a").ClickAsync();
        await Expect(admin.Locator("#user-email")).ToHaveTextAsync(email);
        await AxeAsync(admin, failures);
        await admin.GotoAsync("/admin/partners");
        await AxeAsync(admin, failures);
        await admin.GotoAsync("/admin/audit?entity=HeadwayUser");
        await Expect(admin.Locator("#audit")).ToContainTextAsync(email);
        await AxeAsync(admin, failures);
        await BrowserFixture.ScreenshotAsync(admin, $"admin-partners-{lang}");

        // The invitation worked once.
        await invited.GotoAsync(BrowserFixture.InPortal(link));
        await form.SetAsync("Another-Harbour-Candle-9");
        await Expect(form.LinkError).ToHaveTextAsync(Refusal.Of(RefusalCodes.ResetLinkInvalid).Message(lang));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await admin.Context.CloseAsync();
        await invited.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en-US", "en", "Bluefield Partners")]
    [InlineData("zh-CN", "zh-Hans", "Kestrel Consulting")]
    [InlineData("de-DE", "de", "Bluefield Partners")]
    [InlineData("ja-JP", "ja", "Kestrel Consulting")]
    public async Task Administrator_ReassignsTenTenantsInBulk_AndTheNewManagerSeesThemAndIsNotified(string locale, string lang, string partner)
    {
        // Tenants of the partners, whose managers' pools no other browser test takes from; the centre's programme-wide
        // administrator reassigns them between two managers of the partner.
        var domain = DemoUsers.Domain(partner);
        var leaving = $"leaving-{lang.ToLowerInvariant()}@{domain}";
        var joining = $"joining-{lang.ToLowerInvariant()}@{domain}";
        const string password = "Granite-Orchard-Beacon-5";
        var admin = new Caller(HeadwayServer.Admin, null, null, Role.Admin);
        foreach (var email in new[] { leaving, joining })
        {
            var added = await fixture.Server.Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().AddUserAsync(email, "Manager", partner, password), admin);
            Assert.True(added.Succeeded);
        }

        // Ten tenants of a manager who is leaving: the list filtered to them is what the administrator works from.
        var tenants = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            tenants.Add((await fixture.TakeTenantAsync(manager: DemoUsers.Email(Role.Manager, partner), partner: partner)).Id);
        }

        var handedOver = await fixture.Server.Database.RunAsync(sp => sp.GetRequiredService<AssignTenant.Handler>()
            .HandleAsync(new AssignTenant.BulkRequest(tenants, leaving)), admin);
        Assert.True(handedOver.Succeeded);

        var page = await fixture.NewPageAsync(locale, HeadwayServer.Admin);
        await page.GotoAsync("/tenants?manager=" + Uri.EscapeDataString(leaving));
        await Expect(page.Locator("#tenant-count")).ToHaveTextAsync(UiStrings.Get(lang, "TotalTenants", 10));
        await page.Locator("#tick-all").CheckAsync();
        await page.Locator("#reassign-manager").SelectOptionAsync(joining);
        await page.Locator("#reassign-submit").ClickAsync();
        await Expect(page.Locator("#tenants-reassigned")).ToContainTextAsync(UiStrings.Get(lang, "TenantListReassigned", 10, joining));
        await Expect(page.Locator("#no-tenants")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"tenants-reassigned-{lang}");

        var joined = await fixture.NewPageAsync(locale, user: null);
        await new SignInPage(joined).SignInAsync(joining, password);
        await Expect(new NotificationBell(joined).Count).ToHaveTextAsync("10");
        await joined.GotoAsync("/tenants?mine=true");
        await Expect(joined.Locator("#tenant-count")).ToHaveTextAsync(UiStrings.Get(lang, "TotalTenants", 10));
        var shown = await joined.Locator("#tenant-table tbody tr").EvaluateAllAsync<long[]>("rows => rows.map(r => Number(r.dataset.id))");
        Assert.Equal(tenants.Order(), shown.Order());
        await page.Context.CloseAsync();
        await joined.Context.CloseAsync();
    }

    private static async Task AxeAsync(Microsoft.Playwright.IPage page, List<string> failures)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        failures.AddRange(result.Violations.Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
    }

    [GeneratedRegex(@"https://headway\.test/portal/account/reset\?\S+invitation=1")]
    private static partial Regex Link();
}

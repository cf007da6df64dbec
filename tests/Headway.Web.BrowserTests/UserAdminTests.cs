using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Headway.Domain.Results;
using Headway.Testing;
using Headway.Web.BrowserTests.Pages;
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
        await Expect(users.Row(email).Locator("td").Nth(4)).ToContainTextAsync(UiStrings.Get(lang, "AdminStateActive"));
        await Expect(users.Row(email).Locator("td").Nth(5).Locator("time")).ToBeVisibleAsync();
        await users.Row(email).Locator("a").ClickAsync();
        await Expect(admin.Locator("#user-email")).ToHaveTextAsync(email);
        await AxeAsync(admin, failures);
        await admin.GotoAsync("/admin/partners");
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

    private static async Task AxeAsync(Microsoft.Playwright.IPage page, List<string> failures)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        failures.AddRange(result.Violations.Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
    }

    [GeneratedRegex(@"https://headway\.test/portal/account/reset\?\S+invitation=1")]
    private static partial Regex Link();
}

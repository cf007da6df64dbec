using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Headway.Application;
using Headway.Application.Users;
using Headway.Testing;
using Headway.Web.BrowserTests.Pages;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// An administrator makes an engineer the status-note writer of one workload and puts them on a tenant's account team; the
/// engineer then gets the status editor of that workload on that tenant, and of nothing else.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccountTeamTests(BrowserFixture fixture)
{
    private const string Password = "Copper-Lantern-Harbour-5";

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("de-DE", "de")]
    [InlineData("ja-JP", "ja")]
    public async Task AnEngineerWhoWritesOneWorkloadsStatusNotes_EditsItOnTheirTeamsTenant_AndNothingElse(string locale, string lang)
    {
        var email = $"sme-{lang.ToLowerInvariant()}@centre.example";
        var added = await fixture.Server.Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().AddUserAsync(email, "Engineer", null, Password), Caller.System);
        Assert.True(added.Succeeded, added.Refusal?.Code);
        var tenant = await fixture.TakeTenantAsync(entitlements: 2);
        using var api = fixture.Server.NewClient();
        var workloads = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant.Id}")).GetProperty("entitlements").EnumerateArray()
            .Select(e => e.GetProperty("workload").GetString()!).ToArray();
        var (mine, notMine) = (workloads[0], workloads[1]);

        // The administrator ticks the workload on the engineer's page, then adds them to the team on the tenant's page.
        var admin = await fixture.NewPageAsync(locale, HeadwayServer.Admin);
        await admin.GotoAsync("/admin/users/" + Uri.EscapeDataString(added.Value!.Id));
        await admin.Locator($"#user-status-workloads input[value='{mine}']").CheckAsync();
        await admin.Locator("#user-form button[type=submit]").ClickAsync();
        await Expect(admin.Locator("#user-saved")).ToBeVisibleAsync();
        await Expect(admin.Locator($"#user-status-workloads input[value='{mine}']")).ToBeCheckedAsync();

        await admin.GotoAsync($"/tenants/{tenant.Id}");
        // The demo engineer is on the demo manager's tenants already; the new one is not yet.
        await Expect(admin.Locator($"#team-members li[data-member='{email}']")).ToHaveCountAsync(0);
        await admin.Locator("#team-member").SelectOptionAsync(email);
        await admin.Locator("#team-add-submit").ClickAsync();
        await Expect(admin.Locator("#team-notice")).ToHaveTextAsync(UiStrings.Get(lang, "AccountTeamAdded"));
        await Expect(admin.Locator($"#team-members li[data-member='{email}']")).ToContainTextAsync(UiStrings.Get(lang, "RoleEngineer"));
        await Expect(admin.Locator($"#team-members li[data-member='{email}']")).ToContainTextAsync(UiStrings.Get(lang, "AccountTeamWrites", mine));
        var axe = await admin.Locator("#account-team").RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } });
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));
        await BrowserFixture.ScreenshotAsync(admin, $"account-team-{lang}");

        // The engineer: the editor of their workload, none of the other, and the tenant among their own.
        var engineer = await fixture.NewPageAsync(locale, user: null);
        await new SignInPage(engineer).SignInAsync(email, Password);
        await engineer.GotoAsync($"/tenants/{tenant.Id}");
        await Expect(engineer.Locator($"#w-{mine} a")).ToHaveCountAsync(1);
        await Expect(engineer.Locator($"#w-{notMine} a")).ToHaveCountAsync(0);
        await engineer.Locator($"#w-{mine} a").ClickAsync();
        await engineer.Locator("#l1").SelectOptionAsync("Blocked");
        await engineer.Locator("#l2").SelectOptionAsync("LegalRegulatory");
        await engineer.Locator("#note").FillAsync("The regulator must approve storing patient records in the cloud; its hearing is set for 12 March.");
        await engineer.Locator("#projectedUnblockDate").FillAsync("2031-03-12");
        await engineer.Locator("#status-form button[type=submit]").ClickAsync();
        await Expect(engineer.Locator($"#w-{mine}")).ToBeVisibleAsync();
        var saved = await api.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant.Id}/entitlements/{mine}");
        Assert.Equal(("Blocked", email), (saved.GetProperty("l1").GetString(), saved.GetProperty("lastChangedBy").GetString()));
        await engineer.GotoAsync($"/tenants/{tenant.Id}/entitlements/{notMine}/edit");
        await Expect(engineer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/denied"));

        await engineer.GotoAsync("/tenants?mine=true");
        await Expect(engineer.Locator("#tenant-table tbody tr")).ToHaveCountAsync(1);
        await Expect(engineer.Locator($"#tenant-table tbody tr[data-id='{tenant.Id}']")).ToHaveCountAsync(1);
    }

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("de-DE", "de")]
    [InlineData("ja-JP", "ja")]
    public async Task AnAdministrator_AddsAnSmeTeam_IsToldWhenAMemberIsNoExpert_AndRemovesIt(string locale, string lang)
    {
        var email = $"sme-team-{lang.ToLowerInvariant()}@centre.example";
        var added = await fixture.Server.Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().AddUserAsync(email, "Architect", null, Password), Caller.System);
        Assert.True(added.Succeeded, added.Refusal?.Code);
        var name = $"Security SMEs {lang}";
        var admin = await fixture.NewPageAsync(locale, HeadwayServer.Admin);

        await admin.GotoAsync("/admin/teams");
        await admin.Locator("#team-name").FillAsync(name);
        await admin.Locator("#team-workloads input[value='INTUNE']").CheckAsync();
        await admin.Locator("#team-members").SelectOptionAsync([email]);
        await admin.Locator("#team-add-submit").ClickAsync();

        await Expect(admin.Locator("#team-saved")).ToHaveTextAsync(UiStrings.Get(lang, "AdminTeamSaved", name));
        var box = admin.Locator($"section.sme-team[data-team='{name}']");
        await Expect(box.Locator("input[value='INTUNE']")).ToBeCheckedAsync();
        await Expect(box.Locator($"option[value='{email}']")).ToHaveJSPropertyAsync("selected", true);
        var axe = await admin.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } });
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} {string.Join(" ", v.Nodes.Select(n => n.Html))}")));
        await BrowserFixture.ScreenshotAsync(admin, $"sme-teams-{lang}");

        // The same name again is refused in the reader's language, at the name.
        await admin.Locator("#team-name").FillAsync(name.ToUpperInvariant());
        await admin.Locator("#team-add-submit").ClickAsync();
        await Expect(admin.Locator("#team-name-error")).ToHaveTextAsync(
            Domain.Results.Refusal.Of(Domain.Results.RefusalCodes.SmeTeamExists, name.ToUpperInvariant()).Message(lang));

        await box.Locator("form[action*='handler=Remove'] button").ClickAsync();
        await Expect(admin.Locator("#team-removed")).ToHaveTextAsync(UiStrings.Get(lang, "AdminTeamRemoved", name));
        await Expect(admin.Locator($"section.sme-team[data-team='{name}']")).ToHaveCountAsync(0);
    }
}

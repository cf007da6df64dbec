using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Headway.Domain.Results;
using Headway.Testing;
using static Headway.Web.Tests.FormPosts;

namespace Headway.Web.Tests;

/// <summary>
/// User and partner administration through the real portal without a mail server (the administrator is given the
/// one-time link): invitations that set the first password once, role and state changes that end sessions, a partner's
/// administrator kept to the partner's own users, and partners deactivated so that their users can no longer sign in.
/// </summary>
public sealed partial class UserAdminTests(UserAdminTests.Portal portal) : IClassFixture<UserAdminTests.Portal>
{
    private const string Password = "Copper-Meadow-Violin-42";
    private const string BluefieldAdmin = "admin@bluefield.example";

    /// <summary>A portal with no mail server that checks sign-in cookies against the database on every request.</summary>
    public sealed class Portal : IAsyncLifetime, IDisposable
    {
        public HeadwayServer Server { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            // Enough centre tenants for ten to be reassigned at once.
            Server = new HeadwayServer { DemoTenants = 36, Settings = new Dictionary<string, string> { ["Security:SessionCheckInterval"] = "00:00:00" } };
            await Server.InitializeAsync();
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();

        public void Dispose() => Server?.Dispose();
    }

    private HeadwayServer Server => portal.Server;

    [Fact]
    public async Task Invitation_WithoutMail_GivesTheAdministratorALinkThatSetsTheFirstPasswordOnce()
    {
        const string email = "new.engineer@centre.example";
        using var admin = Server.NewClient(user: HeadwayServer.Admin);

        var invited = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "Neue Ingenieurin", role = "Engineer", language = "de" });
        var body = await JsonAsync(invited);
        var link = body.GetProperty("link").GetString()!;
        var located = await JsonAsync(await admin.GetAsync(invited.Headers.Location));
        var beforeAccepting = await TokenAsync(email, Password);
        var token = Query(link, "token");
        var asReset = await Anonymous().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { email, token, newPassword = Password });
        var accepted = await Anonymous().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { email, token, newPassword = Password, invitation = true });
        var again = await Anonymous().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { email, token, newPassword = Password + "x", invitation = true });
        var signedIn = await TokenAsync(email, Password);
        var after = await JsonAsync(await admin.GetAsync(invited.Headers.Location));

        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        Assert.False(body.GetProperty("mailed").GetBoolean());
        Assert.True(body.GetProperty("invitation").GetBoolean());
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/account/reset\?email=.+&token=.+&invitation=1$", link);
        Assert.Equal((email, "Engineer", "Invited", "de", JsonValueKind.Null),
            (located.GetProperty("email").GetString(), located.GetProperty("role").GetString(), located.GetProperty("state").GetString(),
                located.GetProperty("language").GetString(), located.GetProperty("lastSignInAt").ValueKind));
        Assert.Equal(HttpStatusCode.Unauthorized, beforeAccepting);
        // An invitation's token is not a reset link's, and the other way round.
        Assert.Equal("ResetLinkInvalid", (await ProblemAsync(asReset)).Code);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.Equal("ResetLinkInvalid", (await ProblemAsync(again)).Code);
        Assert.Equal(HttpStatusCode.OK, signedIn);
        Assert.Equal("Active", after.GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, after.GetProperty("lastSignInAt").ValueKind);
    }

    [Fact]
    public async Task InvitationPage_ShowsTheLinkOnce_AndTheLinkOpensTheWelcomeForm()
    {
        const string email = "page.invite@centre.example";
        var (browser, _) = await Server.CookieClientAsync(HeadwayServer.Admin);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        var strings = UiStringFiles.Load("ja");

        var form = await browser.GetStringAsync("/admin/users/invite");
        var sent = await browser.PostAsync("/admin/users/invite", Form(form,
            ("Form.Email", email), ("Form.DisplayName", "招待 花子"), ("Form.Role", "Gateway"), ("Form.Partner", ""), ("Form.Language", "ja")));
        var html = WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync());
        var link = OneTimeLink().Match(html).Groups[1].Value;
        using var anonymous = Anonymous("ja");
        var welcome = WebUtility.HtmlDecode(await anonymous.GetStringAsync(new Uri(link).PathAndQuery));
        var set = await anonymous.PostAsync("/account/reset", Form(welcome,
            ("Email", email), ("Token", Query(link, "token")), ("Invitation", "1"), ("NewPassword", Password), ("Repeat", Password)));
        var list = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/users?q=page.invite"));

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains(strings["AdminLinkLabel"], html, StringComparison.Ordinal);
        Assert.Contains(strings["InviteTitle"], welcome, StringComparison.Ordinal);
        Assert.Equal("/account/login?reset=welcome", set.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, await TokenAsync(email, Password));
        Assert.Contains("招待 花子", list, StringComparison.Ordinal);
        Assert.Contains(strings["RoleGateway"], list, StringComparison.Ordinal);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.GetCultureInfo("ja"), strings["AdminUsersCount"], "1"), list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvitationPage_LimitsTheNewUserToTheTickedRegionsAndCountries()
    {
        const string email = "regional.invite@centre.example";
        var (browser, _) = await Server.CookieClientAsync(HeadwayServer.Admin);
        using var api = Server.NewClient(user: HeadwayServer.Admin);

        var form = await browser.GetStringAsync("/admin/users/invite");
        var sent = await browser.PostAsync("/admin/users/invite", Form(form,
            ("Form.Email", email), ("Form.Role", "RegionalManager"), ("Form.Partner", ""), ("Form.Language", "en"),
            ("Form.Regions", "EMEA"), ("Form.Countries", "JP")));
        var refused = await browser.PostAsync("/admin/users/invite", Form(form,
            ("Form.Email", "nowhere.invite@centre.example"), ("Form.Role", "RegionalManager"), ("Form.Partner", ""), ("Form.Language", "en"),
            ("Form.Regions", "Atlantis")));
        var users = await api.GetFromJsonAsync<JsonElement>("/api/v1/users?q=invite%40centre.example");

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var invited = users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == email);
        Assert.Equal(["EMEA"], invited.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["JP"], invited.GetProperty("countries").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain(users.GetProperty("items").EnumerateArray(), u => u.GetProperty("email").GetString() == "nowhere.invite@centre.example");
        var list = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/users?q=regional.invite"));
        var geography = Domain.Taxonomy.Geography.Default;
        Assert.Contains($"{geography.RegionName("EMEA", "en")}, {geography.CountryName("JP", "en")}", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartnerAdministrator_SeesAndChangesOnlyThePartnersOwnUsers()
    {
        using var centre = Server.NewClient(user: HeadwayServer.Admin);
        using var bluefield = Server.NewClient(user: BluefieldAdmin);
        var kestrelManager = await IdOfAsync(centre, "manager@kestrel.example");
        var kestrelId = await PartnerIdAsync(centre, "Kestrel Consulting");

        var listed = await JsonAsync(await bluefield.GetAsync("/api/v1/users?pageSize=200"));
        var other = await bluefield.GetAsync($"/api/v1/users/{kestrelManager}");
        var patchOther = await bluefield.PatchAsJsonAsync($"/api/v1/users/{kestrelManager}", new { disabled = true });
        var intoOther = await bluefield.PostAsJsonAsync("/api/v1/users", new { email = "x@kestrel.example", role = "Manager", partnerId = kestrelId });
        var existingElsewhere = await bluefield.PostAsJsonAsync("/api/v1/users", new { email = "manager@kestrel.example", role = "Manager" });
        var own = await JsonAsync(await bluefield.PostAsJsonAsync("/api/v1/users", new { email = "new.manager@bluefield.example", role = "Manager" }));
        var move = await bluefield.PatchAsJsonAsync($"/api/v1/users/{own.GetProperty("user").GetProperty("id").GetString()}", new { partnerId = (long?)null });
        var partners = await bluefield.GetAsync("/api/v1/partners");
        var (page, _) = await Server.CookieClientAsync(BluefieldAdmin);
        var partnersPage = await page.GetAsync("/admin/partners");
        var otherPage = await page.GetAsync($"/admin/users/{kestrelManager}");

        var items = listed.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, u => Assert.Equal("Bluefield Partners", u.GetProperty("partner").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, patchOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, intoOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, existingElsewhere.StatusCode);
        Assert.Equal("Bluefield Partners", own.GetProperty("user").GetProperty("partner").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, move.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, partners.StatusCode);
        Assert.Contains("/account/denied", partnersPage.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherPage.StatusCode);
        Assert.Equal("Active", (await JsonAsync(await centre.GetAsync($"/api/v1/users/{kestrelManager}"))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task RoleAndState_ChangesEndTheUsersSessions_DisabledCannotSignIn_EnabledCanAgain()
    {
        using var admin = Server.NewClient(acceptLanguage: "de", user: HeadwayServer.Admin);
        var id = await ActivatedUserAsync(admin, "role.change@centre.example", "Engineer");
        var (session, _) = await Server.CookieClientAsync("role.change@centre.example", password: Password);

        var before = await session.GetAsync("/tenants");
        var promoted = await JsonAsync(await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "Architect" }));
        var afterRole = await session.GetAsync("/tenants");
        var tokenBefore = await IssueAsync("role.change@centre.example");
        var disabled = await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { disabled = true });
        var signInDisabled = await TokenAsync("role.change@centre.example", Password);
        var linkDisabled = await admin.PostAsync($"/api/v1/users/{id}/password-link", null);
        var enabled = await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { disabled = false });
        var signInEnabled = await TokenAsync("role.change@centre.example", Password);
        using var withOldToken = Anonymous();
        withOldToken.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokenBefore);
        var oldToken = await withOldToken.GetAsync("/api/v1/tenants");
        var adminId = await IdOfAsync(admin, HeadwayServer.Admin);
        var self = await admin.PatchAsJsonAsync($"/api/v1/users/{adminId}", new { disabled = true });
        var nothing = await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { });
        var badRole = await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "Overlord" });
        var reset = await JsonAsync(await admin.PostAsync($"/api/v1/users/{id}/password-link", null));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal("Architect", promoted.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Redirect, afterRole.StatusCode);
        Assert.Contains("/account/login", afterRole.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signInDisabled);
        Assert.Equal(("UserDisabled", Refusal.Of(RefusalCodes.UserDisabled, "role.change@centre.example").Message("de")),
            ((await ProblemAsync(linkDisabled)).Code, (await ProblemAsync(linkDisabled)).Detail));
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signInEnabled);
        // A token issued before the user was disabled stays revoked after they are enabled again.
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        Assert.Equal(("OwnAccount", Refusal.Of(RefusalCodes.OwnAccount).Message("de")), ((await ProblemAsync(self)).Code, (await ProblemAsync(self)).Detail));
        Assert.Equal("NoUserChange", (await ProblemAsync(nothing)).Code);
        Assert.Equal(("UnknownRole", "role"), ((await ProblemAsync(badRole)).Code, (await ProblemAsync(badRole)).Field));
        Assert.False(reset.GetProperty("invitation").GetBoolean());
        Assert.Contains("/account/reset?email=", reset.GetProperty("link").GetString(), StringComparison.Ordinal);
        Assert.Equal(("Architect", "Active"), await RoleAndStateAsync(admin, id));
    }

    [Fact]
    public async Task Invitation_RefusesBadInputInTheCallersLanguage_AndAddsNobody()
    {
        using var admin = Server.NewClient(acceptLanguage: "zh-Hans", user: HeadwayServer.Admin);
        var total = (await JsonAsync(await admin.GetAsync("/api/v1/users"))).GetProperty("total").GetInt32();

        var badEmail = await admin.PostAsJsonAsync("/api/v1/users", new { email = "not-an-address", role = "Manager" });
        var noEmail = await admin.PostAsJsonAsync("/api/v1/users", new { role = "Manager" });
        var badRole = await admin.PostAsJsonAsync("/api/v1/users", new { email = "someone@centre.example", role = "1" });
        var exists = await admin.PostAsJsonAsync("/api/v1/users", new { email = HeadwayServer.Manager, role = "Manager" });
        var noPartner = await admin.PostAsJsonAsync("/api/v1/users", new { email = "someone@centre.example", role = "Manager", partnerId = 999_999 });
        var longName = await admin.PostAsJsonAsync("/api/v1/users", new { email = "someone@centre.example", role = "Manager", displayName = new string('名', 201) });
        var badState = await admin.GetAsync("/api/v1/users?state=Gone");
        var unknownId = await admin.GetAsync("/api/v1/users/no-such-id");

        Assert.Equal(("InvalidEmail", "email", Refusal.ForField("email", RefusalCodes.InvalidEmail, "not-an-address").Message("zh-Hans")), await ProblemAsync(badEmail));
        Assert.Equal("EmailRequired", (await ProblemAsync(noEmail)).Code);
        Assert.Equal("UnknownRole", (await ProblemAsync(badRole)).Code);
        Assert.Equal("UserExists", (await ProblemAsync(exists)).Code);
        Assert.Equal(("UnknownPartner", "partner"), ((await ProblemAsync(noPartner)).Code, (await ProblemAsync(noPartner)).Field));
        Assert.Equal("FieldTooLong", (await ProblemAsync(longName)).Code);
        Assert.Equal("UnknownFilterValue", (await ProblemAsync(badState)).Code);
        Assert.Equal(HttpStatusCode.NotFound, unknownId.StatusCode);
        Assert.Equal(total, (await JsonAsync(await admin.GetAsync("/api/v1/users"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Partners_AddRenameDeactivate_ItsUsersCannotSignIn_UntilReactivated()
    {
        using var admin = Server.NewClient(acceptLanguage: "de", user: HeadwayServer.Admin);
        using var manager = Server.NewClient(user: HeadwayServer.Manager);

        var added = await admin.PostAsJsonAsync("/api/v1/partners", new { name = "Harbour Systems" });
        var partner = await JsonAsync(added);
        var id = partner.GetProperty("id").GetInt64();
        var located = await admin.GetAsync(added.Headers.Location);
        var duplicate = await admin.PostAsJsonAsync("/api/v1/partners", new { name = "Harbour Systems" });
        var empty = await admin.PostAsJsonAsync("/api/v1/partners", new { name = "  " });
        var user = await ActivatedUserAsync(admin, "manager@harbour.example", "Manager", id);
        using var token = Server.NewClient(user: null);
        token.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await IssueAsync("manager@harbour.example"));
        var (session, _) = await Server.CookieClientAsync("manager@harbour.example", password: Password);
        var tokenBefore = await token.GetAsync("/api/v1/tenants");

        var deactivated = await JsonAsync(await admin.PatchAsJsonAsync($"/api/v1/partners/{id}", new { active = false }));
        var tokenAfter = await token.GetAsync("/api/v1/tenants");
        var sessionAfter = await session.GetAsync("/tenants");
        var signIn = await TokenAsync("manager@harbour.example", Password);
        var inviteInto = await admin.PostAsJsonAsync("/api/v1/users", new { email = "late@harbour.example", role = "Manager", partnerId = id });
        var renamed = await JsonAsync(await admin.PatchAsJsonAsync($"/api/v1/partners/{id}", new { name = "Harbour Systems GmbH", active = true }));
        var signInAgain = await TokenAsync("manager@harbour.example", Password);
        var byManager = await manager.GetAsync("/api/v1/partners");
        var missing = await admin.PatchAsJsonAsync("/api/v1/partners/999999", new { active = false });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, located.StatusCode);
        Assert.Equal(("PartnerExists", Refusal.ForField("name", RefusalCodes.PartnerExists, "Harbour Systems").Message("de")),
            ((await ProblemAsync(duplicate)).Code, (await ProblemAsync(duplicate)).Detail));
        Assert.Equal("PartnerNameRequired", (await ProblemAsync(empty)).Code);
        Assert.Equal(HttpStatusCode.OK, tokenBefore.StatusCode);
        Assert.False(deactivated.GetProperty("active").GetBoolean());
        Assert.Equal(1, deactivated.GetProperty("users").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, tokenAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, sessionAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn);
        Assert.Equal("PartnerInactive", (await ProblemAsync(inviteInto)).Code);
        Assert.Equal(("Harbour Systems GmbH", true), (renamed.GetProperty("name").GetString(), renamed.GetProperty("active").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, signInAgain);
        Assert.Equal(HttpStatusCode.Forbidden, byManager.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(("Manager", "Active"), await RoleAndStateAsync(admin, user));
    }

    [Fact]
    public async Task Pages_DisableAUser_AndAddAPartner_ThroughTheirForms_OthersAreRefused()
    {
        using var api = Server.NewClient(user: HeadwayServer.Admin);
        var id = await ActivatedUserAsync(api, "page.disable@centre.example", "Leadership");
        var (browser, _) = await Server.CookieClientAsync(HeadwayServer.Admin);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        var strings = UiStringFiles.Load("de");
        var (managerPage, _) = await Server.CookieClientAsync(HeadwayServer.Manager);

        var userPage = await browser.GetStringAsync($"/admin/users/{id}");
        var disable = await browser.PostAsync($"/admin/users/{id}?handler=Disable", Form(userPage));
        var disabledPage = WebUtility.HtmlDecode(await browser.GetStringAsync(disable.Headers.Location!.OriginalString));
        var withoutToken = await browser.PostAsync($"/admin/users/{id}?handler=Enable", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var partnersPage = await browser.GetStringAsync("/admin/partners");
        var addPartner = await browser.PostAsync("/admin/partners", Form(partnersPage, ("Form.Name", "Lighthouse Digital")));
        var addAgain = await browser.PostAsync("/admin/partners", Form(partnersPage, ("Form.Name", "Lighthouse Digital")));
        var byManager = await managerPage.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.GetCultureInfo("de"), strings["AdminUserDisabledNow"], "page.disable@centre.example"),
            disabledPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(("Leadership", "Disabled"), await RoleAndStateAsync(api, id));
        Assert.Equal(HttpStatusCode.Redirect, addPartner.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, addAgain.StatusCode);
        Assert.Contains(Refusal.ForField("name", RefusalCodes.PartnerExists, "Lighthouse Digital").Message("de"),
            WebUtility.HtmlDecode(await addAgain.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("/account/denied", byManager.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reassignment_TenTenantsAllOrNone_TheNewManagerSeesThemAndIsNotified()
    {
        using var admin = Server.NewClient(acceptLanguage: "de", user: HeadwayServer.Admin);
        await ActivatedUserAsync(admin, "bulk.manager@centre.example", "Manager");
        var all = (await JsonAsync(await admin.GetAsync("/api/v1/tenants?pageSize=200"))).GetProperty("items").EnumerateArray().ToList();
        var centre = all.Where(t => t.GetProperty("partner").ValueKind == JsonValueKind.Null).Select(t => t.GetProperty("id").GetInt64()).Take(10).ToList();
        var bluefield = all.First(t => t.GetProperty("partner").GetString() == "Bluefield Partners").GetProperty("id").GetInt64();
        Assert.Equal(10, centre.Count);
        var managersBefore = await ManagersAsync(admin, centre);
        using var bluefieldAdmin = Server.NewClient(user: BluefieldAdmin);
        using var manager = Server.NewClient(user: HeadwayServer.Manager);

        var mixed = await admin.PostAsJsonAsync("/api/v1/tenants/assignments", new { tenantIds = centre.Append(bluefield), manager = "bulk.manager@centre.example" });
        var unchanged = await ManagersAsync(admin, centre);
        var none = await admin.PostAsJsonAsync("/api/v1/tenants/assignments", new { tenantIds = Array.Empty<long>(), manager = "bulk.manager@centre.example" });
        var notManager = await admin.PostAsJsonAsync("/api/v1/tenants/assignments", new { tenantIds = centre, manager = HeadwayServer.Admin });
        var otherPartner = await bluefieldAdmin.PostAsJsonAsync("/api/v1/tenants/assignments", new { tenantIds = centre.Take(1), manager = "manager@bluefield.example" });
        var probe = await bluefieldAdmin.PostAsJsonAsync("/api/v1/tenants/assignments", new { tenantIds = new[] { bluefield }, manager = "manager@kestrel.example" });
        var byManager = await manager.PostAsJsonAsync("/api/v1/tenants/assignments", new { tenantIds = centre.Take(1), manager = HeadwayServer.Manager });
        var done = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/tenants/assignments", new { tenantIds = centre, manager = "bulk.manager@centre.example" }));
        using var newManager = Server.NewClient(user: null);
        newManager.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await IssueAsync("bulk.manager@centre.example"));
        var mine = await JsonAsync(await newManager.GetAsync("/api/v1/tenants?mine=true&pageSize=200"));
        var notices = await JsonAsync(await newManager.GetAsync("/api/v1/notifications?pageSize=200"));
        var trail = await JsonAsync(await admin.GetAsync($"/api/v1/audit?tenant={centre[0]}"));

        Assert.Equal(("ManagerOfAnotherPartner", "manager"), ((await ProblemAsync(mixed)).Code, (await ProblemAsync(mixed)).Field));
        Assert.Equal(managersBefore, unchanged);
        Assert.Equal("NoTenantsChosen", (await ProblemAsync(none)).Code);
        Assert.Equal("NotAManager", (await ProblemAsync(notManager)).Code);
        Assert.Equal(HttpStatusCode.NotFound, otherPartner.StatusCode);
        // Another partner's manager is "not a manager" to a partner's administrator, exactly like an unknown address.
        Assert.Equal("NotAManager", (await ProblemAsync(probe)).Code);
        Assert.Equal(HttpStatusCode.Forbidden, byManager.StatusCode);
        Assert.Equal(centre, done.GetProperty("tenantIds").EnumerateArray().Select(i => i.GetInt64()).ToList());
        Assert.Equal(centre.Order(), mine.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).Order());
        Assert.Equal(10, notices.GetProperty("items").EnumerateArray().Count(n => n.GetProperty("kind").GetString() == "TenantReassigned"));
        Assert.Contains(trail.GetProperty("items").EnumerateArray(), a => a.GetProperty("actor").GetString() == HeadwayServer.Admin
            && a.GetRawText().Contains("bulk.manager@centre.example", StringComparison.Ordinal));

        // Back through the tenant list's ticks, as an administrator does it in the portal.
        var (browser, _) = await Server.CookieClientAsync(HeadwayServer.Admin);
        var list = await browser.GetStringAsync("/tenants?manager=bulk.manager%40centre.example");
        var back = await browser.PostAsync("/tenants?handler=Reassign", new FormUrlEncodedContent(
            centre.Select(id => KeyValuePair.Create("Reassign.Ids", id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(KeyValuePair.Create("Reassign.Manager", HeadwayServer.Manager))
                .Append(KeyValuePair.Create("Reassign.Query", "manager=bulk.manager%40centre.example"))
                .Append(KeyValuePair.Create("__RequestVerificationToken", HeadwayServer.FormToken(list)))));
        var shown = WebUtility.HtmlDecode(await browser.GetStringAsync(back.Headers.Location!.OriginalString));

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Contains("reassigned=10", back.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, UiStringFiles.Load("en")["TenantListReassigned"], "10", HeadwayServer.Manager),
            shown, StringComparison.Ordinal);
        Assert.Equal(managersBefore, await ManagersAsync(admin, centre));
    }

    [Fact]
    public async Task AccountTeam_AnEngineerWhoWritesExoStatusNotes_ChangesExoOnTheirTeamsTenantOnly_AndThePagesShowTheTeam()
    {
        using var admin = Server.NewClient(acceptLanguage: "ja", user: HeadwayServer.Admin);
        var id = await ActivatedUserAsync(admin, "sme.exo@centre.example", "Engineer");
        var granted = await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { statusWorkloads = new[] { "exo" } });
        var all = (await JsonAsync(await admin.GetAsync("/api/v1/tenants?pageSize=200"))).GetProperty("items").EnumerateArray().ToList();
        var centre = all.Where(t => t.GetProperty("partner").ValueKind == JsonValueKind.Null).Select(t => t.GetProperty("id").GetInt64()).ToList();
        var (mine, other) = (centre[^1], centre[^2]);
        var teamed = await admin.PostAsJsonAsync("/api/v1/tenants/account-team", new { tenantIds = new[] { mine }, member = "sme.exo@centre.example" });
        var wrongRole = await admin.PostAsJsonAsync("/api/v1/tenants/account-team", new { tenantIds = new[] { mine }, member = HeadwayServer.Manager });
        using var engineer = Server.NewClient(user: null);
        engineer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await IssueAsync("sme.exo@centre.example"));

        async Task<HttpResponseMessage> PutAsync(long tenant, string workload)
        {
            var current = await JsonAsync(await engineer.GetAsync($"/api/v1/tenants/{tenant}"));
            var version = current.GetProperty("entitlements").EnumerateArray().FirstOrDefault(e => e.GetProperty("workload").GetString() == workload);
            var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant}/entitlements/{workload}")
            {
                Content = JsonContent.Create(new
                {
                    l1 = "InProgress",
                    l2 = "TechnicalOnboardingDeployment",
                    note = "Mail flow moved for 300 of 1,200 mailboxes; the remaining waves follow weekly.",
                    targetDate = DateTime.UtcNow.AddMonths(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    engagementStartDate = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                }),
            };
            put.Headers.TryAddWithoutValidation("If-Match", $"\"{(version.ValueKind == JsonValueKind.Object ? version.GetProperty("version").GetInt32() : 1)}\"");
            return await engineer.SendAsync(put);
        }

        var ownExo = await PutAsync(mine, "EXO");
        var otherTenantExo = await PutAsync(other, "EXO");
        var ownSpo = await PutAsync(mine, "SPO");
        var tenant = await JsonAsync(await engineer.GetAsync($"/api/v1/tenants/{mine}"));
        var listed = await JsonAsync(await engineer.GetAsync("/api/v1/tenants?mine=true"));

        Assert.Equal(["EXO"], (await JsonAsync(granted)).GetProperty("statusWorkloads").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(HttpStatusCode.OK, teamed.StatusCode);
        Assert.Equal("NotATeamMember", (await ProblemAsync(wrongRole)).Code);
        Assert.Equal(HttpStatusCode.OK, ownExo.StatusCode);
        Assert.Equal("NotAssigned", (await ProblemAsync(otherTenantExo)).Code);
        Assert.Equal(HttpStatusCode.Forbidden, ownSpo.StatusCode);
        Assert.Contains("sme.exo@centre.example", tenant.GetProperty("accountTeam").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("sme.exo@centre.example", tenant.GetProperty("entitlements").EnumerateArray().First(e => e.GetProperty("workload").GetString() == "EXO")
            .GetProperty("lastChangedBy").GetString());
        Assert.Equal([mine], listed.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));

        // The tenant page names the team and the administrator takes the engineer off it through the page's form.
        var (browser, _) = await Server.CookieClientAsync(HeadwayServer.Admin);
        var page = await browser.GetStringAsync($"/tenants/{mine}");
        var removed = await browser.PostAsync($"/tenants/{mine}?handler=Team", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["member"] = "sme.exo@centre.example",
            ["remove"] = "true",
            ["__RequestVerificationToken"] = HeadwayServer.FormToken(page),
        }));
        var after = await JsonAsync(await admin.GetAsync($"/api/v1/tenants/{mine}"));
        var refusedNow = await PutAsync(mine, "EXO");

        Assert.Contains("data-member=\"sme.exo@centre.example\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain("sme.exo@centre.example", after.GetProperty("accountTeam").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("NotAssigned", (await ProblemAsync(refusedNow)).Code);
    }

    [Fact]
    public async Task TaxonomyPage_AShippedWorkloadSavedUnchanged_KeepsItsTranslatedNames_AndANewNameIsSaved()
    {
        var (browser, _) = await Server.CookieClientAsync(HeadwayServer.Admin);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        using var api = Server.NewClient(acceptLanguage: "ja", user: HeadwayServer.Admin);
        var shipped = Domain.Taxonomy.WorkloadCatalogue.Default.Find("CORE")!.Name;
        async Task<HttpResponseMessage> RenameAsync(string name)
        {
            var page = await browser.GetStringAsync("/admin/taxonomy");
            return await browser.PostAsync("/admin/taxonomy?handler=WorkloadRename&code=CORE", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["name"] = name,
                ["shown"] = shipped.Get("de"),
                ["__RequestVerificationToken"] = HeadwayServer.FormToken(page),
            }));
        }

        async Task<string> JapaneseNameAsync() => (await JsonAsync(await api.GetAsync("/api/v1/taxonomy/workloads"))).EnumerateArray()
            .First(w => w.GetProperty("code").GetString() == "CORE").GetProperty("name").GetString()!;

        var unchanged = await RenameAsync(shipped.Get("de"));
        var unchangedName = await JapaneseNameAsync();
        var renamed = await RenameAsync("Core");
        var renamedName = await JapaneseNameAsync();

        Assert.Equal(HttpStatusCode.Redirect, unchanged.StatusCode);
        Assert.Equal(shipped.Get("ja"), unchangedName);
        Assert.NotEqual(shipped.Get("de"), unchangedName);
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Equal("Core", renamedName);
    }

    [Fact]
    public async Task SmeTeam_ItsMembersWriteItsWorkloadsOnTheirTeamsTenants_UntilTheTeamIsRemoved()
    {
        using var admin = Server.NewClient(acceptLanguage: "zh-Hans", user: HeadwayServer.Admin);
        await ActivatedUserAsync(admin, "sme.teams@centre.example", "Architect");
        var all = (await JsonAsync(await admin.GetAsync("/api/v1/tenants?pageSize=200"))).GetProperty("items").EnumerateArray().ToList();
        var centre = all.Where(t => t.GetProperty("partner").ValueKind == JsonValueKind.Null).Select(t => t.GetProperty("id").GetInt64()).ToList();
        long tenant = 0;
        foreach (var id in centre)
        {
            var found = await JsonAsync(await admin.GetAsync($"/api/v1/tenants/{id}"));
            if (!found.GetProperty("duplicate").GetBoolean() && found.GetProperty("entitlements").EnumerateArray().Any(e => e.GetProperty("workload").GetString() == "TEAMS"))
            {
                tenant = id;
                break;
            }
        }

        Assert.NotEqual(0, tenant);
        var team = await admin.PostAsJsonAsync("/api/v1/sme-teams", new { name = "Teams voice SMEs", workloads = new[] { "TEAMS" }, members = new[] { "sme.teams@centre.example" } });
        var notExpert = await admin.PostAsJsonAsync("/api/v1/sme-teams", new { name = "Managers", workloads = new[] { "TEAMS" }, members = new[] { HeadwayServer.Manager } });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/v1/tenants/account-team", new { tenantIds = new[] { tenant }, member = "sme.teams@centre.example" })).StatusCode);
        using var architect = Server.NewClient(user: null);
        architect.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await IssueAsync("sme.teams@centre.example"));

        async Task<HttpResponseMessage> PutAsync()
        {
            var current = (await JsonAsync(await architect.GetAsync($"/api/v1/tenants/{tenant}"))).GetProperty("entitlements").EnumerateArray()
                .First(e => e.GetProperty("workload").GetString() == "TEAMS");
            var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant}/entitlements/TEAMS")
            {
                Content = JsonContent.Create(new
                {
                    l1 = "Blocked",
                    l2 = "LegalRegulatory",
                    note = "The works council must approve recording of Teams calls; its hearing is on 12 March.",
                    projectedUnblockDate = DateTime.UtcNow.AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                }),
            };
            put.Headers.TryAddWithoutValidation("If-Match", $"\"{current.GetProperty("version").GetInt32()}\"");
            return await architect.SendAsync(put);
        }

        var created = await JsonAsync(team);
        var written = await PutAsync();
        var (browser, _) = await Server.CookieClientAsync(HeadwayServer.Admin);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/teams"));
        var removed = await admin.DeleteAsync($"/api/v1/sme-teams/{created.GetProperty("id").GetInt64()}");
        var refused = await PutAsync();

        Assert.Equal(HttpStatusCode.Created, team.StatusCode);
        Assert.Equal(("NotAnExpert", "members"), ((await ProblemAsync(notExpert)).Code, (await ProblemAsync(notExpert)).Field));
        Assert.True(written.StatusCode == HttpStatusCode.OK, await written.Content.ReadAsStringAsync());
        Assert.Contains("data-team=\"Teams voice SMEs\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task AuditTrail_ShowsNamesFieldsAndListsInTheReadersLanguage_AndExportsTheSameAsCsv()
    {
        using var admin = Server.NewClient(acceptLanguage: "de", user: HeadwayServer.Admin);
        var id = await ActivatedUserAsync(admin, "audit.reader@centre.example", "Engineer");
        await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "Architect" });
        using var manager = Server.NewClient(user: HeadwayServer.Manager);
        var tenant = (await JsonAsync(await manager.GetAsync("/api/v1/tenants?mine=true"))).GetProperty("items")[0];
        var written = await manager.PostAsJsonAsync($"/api/v1/tenants/{tenant.GetProperty("id").GetInt64()}/summaries", new
        {
            customerDescription = "Retailer with 400 stores.",
            engagementStatus = "Reactive",
            deploymentProgress = "NotDeployed",
            lines = new[] { new { workload = "EXO", state = "Deployed" }, new { workload = "SPO", state = "NotDeployed" } },
        });
        var strings = UiStringFiles.Load("de");
        var (browser, _) = await Server.CookieClientAsync(HeadwayServer.Admin);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");

        var users = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/audit?entity=HeadwayUser"));
        var summaries = WebUtility.HtmlDecode(await browser.GetStringAsync($"/admin/audit?entity=ExecutiveSummary&tenant={tenant.GetProperty("id").GetInt64()}"));
        var api = await JsonAsync(await admin.GetAsync("/api/v1/audit?entity=HeadwayUser"));
        var csv = await admin.GetAsync("/api/v1/audit/export?entity=HeadwayUser");
        var csvBytes = await csv.Content.ReadAsByteArrayAsync();
        var csvText = System.Text.Encoding.UTF8.GetString(csvBytes.AsSpan(3));

        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        // The user is named by email, the field and the role in German; no GUID and no CLR type name anywhere.
        Assert.Contains("audit.reader@centre.example", users, StringComparison.Ordinal);
        Assert.Contains($"<dt>{strings["AuditField_Role"]}</dt>", users, StringComparison.Ordinal);
        Assert.Contains($"<del>{strings["RoleEngineer"]}</del>", users, StringComparison.Ordinal);
        Assert.Contains($"<ins>{strings["RoleArchitect"]}</ins>", users, StringComparison.Ordinal);
        Assert.Contains(strings["AuditSecret"], users, StringComparison.Ordinal);
        Assert.DoesNotContain($">{id}<", users, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Collections", summaries, StringComparison.Ordinal);
        Assert.Matches("<li>Workload = EXO, State = Deployed[^<]*</li>\\s*<li>Workload = SPO, State = NotDeployed[^<]*</li>", summaries);
        Assert.Contains(api.GetProperty("items").EnumerateArray(), e => e.GetProperty("recordName").GetString() == "audit.reader@centre.example");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        // UTF-8 with a byte order mark, so that spreadsheets read it right.
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);
        Assert.StartsWith(strings["ColWhen"] + "," + strings["AuditActor"], csvText, StringComparison.Ordinal);
        Assert.Contains($"{strings["AuditField_Role"]},{strings["RoleEngineer"]},{strings["RoleArchitect"]}", csvText, StringComparison.Ordinal);
        Assert.Contains(",audit.reader@centre.example,", csvText, StringComparison.Ordinal);
    }

    private static async Task<List<string?>> ManagersAsync(HttpClient admin, IEnumerable<long> ids)
    {
        var managers = new List<string?>();
        foreach (var id in ids)
        {
            managers.Add((await JsonAsync(await admin.GetAsync($"/api/v1/tenants/{id}"))).GetProperty("manager").GetString());
        }

        return managers;
    }

    [Fact]
    public async Task PartnerAdministrator_AuditTrail_NamesNothingOfOtherPartners()
    {
        using var centre = Server.NewClient(user: HeadwayServer.Admin);
        var kestrelId = await PartnerIdAsync(centre, "Kestrel Consulting");
        var bluefieldId = await PartnerIdAsync(centre, "Bluefield Partners");
        var id = await ActivatedUserAsync(centre, "moving@kestrel.example", "Engineer", kestrelId);
        var moved = await centre.PatchAsJsonAsync($"/api/v1/users/{id}", new { partnerId = bluefieldId });
        var (browser, _) = await Server.CookieClientAsync(BluefieldAdmin);

        var trail = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/audit?entity=HeadwayUser"));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains("moving@kestrel.example", trail, StringComparison.Ordinal);
        Assert.Contains("Bluefield Partners", trail, StringComparison.Ordinal);
        Assert.DoesNotContain("Kestrel Consulting", trail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvitePage_APartnerThatDoesNotRead_IsRefusedNotTakenAsTheCentre()
    {
        var (browser, _) = await Server.CookieClientAsync(HeadwayServer.Admin);
        using var admin = Server.NewClient(user: HeadwayServer.Admin);
        var form = await browser.GetStringAsync("/admin/users/invite");

        var sent = await browser.PostAsync("/admin/users/invite", Form(form,
            ("Form.Email", "unread.partner@centre.example"), ("Form.Role", "Manager"), ("Form.Partner", "abc"), ("Form.Language", "en")));
        var found = await JsonAsync(await admin.GetAsync("/api/v1/users?q=unread.partner"));

        Assert.Equal(HttpStatusCode.BadRequest, sent.StatusCode);
        Assert.Contains(Refusal.ForField("partner", RefusalCodes.UnknownPartner, "abc").Message("en"),
            WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, found.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Invitation_WhenTheMailServerRefuses_GivesTheAdministratorTheLink()
    {
        // A mail server that is configured but not there: nothing listens on the port.
        var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var server = new HeadwayServer
        {
            DemoTenants = 1,
            Settings = new Dictionary<string, string>
            {
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email:Smtp:SecureSocket"] = "None",
                ["Email:Smtp:From"] = "Headway <headway@centre.example>",
                ["Email:PortalUrl"] = "https://headway.test/portal",
            },
        };
        await server.InitializeAsync();
        using var admin = server.NewClient(user: HeadwayServer.Admin);

        var invited = await admin.PostAsJsonAsync("/api/v1/users", new { email = "unmailed@centre.example", role = "Manager" });
        var body = await JsonAsync(invited);

        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        Assert.Equal((false, true), (body.GetProperty("mailed").GetBoolean(), body.GetProperty("mailFailed").GetBoolean()));
        Assert.Contains("/account/reset?email=unmailed%40centre.example&token=", body.GetProperty("link").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Invites a user through the API and sets their password through the link; returns the user's id.</summary>
    private async Task<string> ActivatedUserAsync(HttpClient admin, string email, string role, long? partnerId = null)
    {
        var invited = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/users", new { email, role, partnerId }));
        var token = Query(invited.GetProperty("link").GetString()!, "token");
        var accepted = await Anonymous().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { email, token, newPassword = Password, invitation = true });
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        return invited.GetProperty("user").GetProperty("id").GetString()!;
    }

    private static async Task<string> IdOfAsync(HttpClient admin, string email)
    {
        var found = await JsonAsync(await admin.GetAsync("/api/v1/users?q=" + Uri.EscapeDataString(email)));
        return found.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetString()!;
    }

    private static async Task<long> PartnerIdAsync(HttpClient admin, string name) =>
        (await JsonAsync(await admin.GetAsync("/api/v1/partners"))).EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();

    private static async Task<(string? Role, string? State)> RoleAndStateAsync(HttpClient admin, string id)
    {
        var user = await JsonAsync(await admin.GetAsync($"/api/v1/users/{id}"));
        return (user.GetProperty("role").GetString(), user.GetProperty("state").GetString());
    }

    private HttpClient Anonymous(string? language = null) => Server.NewClient(acceptLanguage: language, user: null);

    private async Task<HttpStatusCode> TokenAsync(string email, string password)
    {
        using var client = Anonymous();
        return (await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password })).StatusCode;
    }

    private async Task<string> IssueAsync(string email)
    {
        using var client = Anonymous();
        return (await JsonAsync(await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password }))).GetProperty("token").GetString()!;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<(string? Code, string? Field, string? Detail)> ProblemAsync(HttpResponseMessage response)
    {
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (problem.GetProperty("code").GetString(), problem.TryGetProperty("field", out var f) ? f.GetString() : null,
            problem.GetProperty("detail").GetString());
    }



    [GeneratedRegex("id=\"one-time-link\" value=\"([^\"]+)\"")]
    private static partial Regex OneTimeLink();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Headway.Domain.Results;
using Headway.Testing;
using static Headway.Web.Tests.FormPosts;

namespace Headway.Web.Tests;

/// <summary>
/// Passwords through the real portal and a real SMTP server on loopback: changing one's own on the profile page and
/// through the API, and a forgotten one reset through the mailed link (used once, expiring), both refusing short and
/// common passwords in the user's language.
/// </summary>
public sealed partial class PasswordTests(PasswordTests.Portal portal) : IClassFixture<PasswordTests.Portal>
{
    private const string PortalUrl = "https://headway.test/portal";
    private const string NewPassword = "Violet-Harbour-Lantern-7";

    /// <summary>A portal that mails through a local SMTP server and checks sign-in cookies on every request.</summary>
    public sealed class Portal : IAsyncLifetime, IDisposable
    {
        public SmtpSink Smtp { get; private set; } = null!;

        public HeadwayServer Server { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Smtp = await SmtpSink.StartAsync();
            var settings = DigestMailTests.MailSettings(Smtp);
            settings["Email:PortalUrl"] = PortalUrl;
            settings["Security:SessionCheckInterval"] = "00:00:00";
            Server = new HeadwayServer { DemoTenants = 5, Settings = settings };
            await Server.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Server.DisposeAsync();
            await Smtp.DisposeAsync();
        }

        public void Dispose() => Server?.Dispose();
    }

    private HeadwayServer Server => portal.Server;

    [Fact]
    public async Task ProfilePage_RefusesWrongShortCommonAndMismatchedInGerman_ThenChangesAndEndsOtherSessions()
    {
        const string user = "engineer@bluefield.example";
        var jar = new CookieContainer();
        var (browser, _) = await Server.CookieClientAsync(user, jar);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        var elsewhere = jar.GetCookieHeader(Server.BaseAddress);
        var strings = UiStringFiles.Load("de");

        var wrong = await PostPasswordAsync(browser, "not-the-password-at-all", NewPassword, NewPassword);
        var common = await PostPasswordAsync(browser, HeadwayServer.DemoPassword, "QwertyQwerty", "QwertyQwerty");
        var shortOne = await PostPasswordAsync(browser, HeadwayServer.DemoPassword, "Kurz-1", "Kurz-1");
        var mismatch = await PostPasswordAsync(browser, HeadwayServer.DemoPassword, NewPassword, NewPassword + "x");
        var stillOld = await TokenAsync(user, HeadwayServer.DemoPassword);
        var changed = await PostPasswordAsync(browser, HeadwayServer.DemoPassword, NewPassword, NewPassword);
        var profile = await browser.GetAsync("/account/profile?password=changed");
        var otherSession = await Server.GetWithCookiesAsync("/tenants", elsewhere);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest),
            (wrong.Status, common.Status, shortOne.Status, mismatch.Status));
        Assert.Contains(Refusal.Of(RefusalCodes.WrongPassword).Message("de"), Text(wrong.Body), StringComparison.Ordinal);
        Assert.Contains(Refusal.Of(RefusalCodes.PasswordTooCommon).Message("de"), Text(common.Body), StringComparison.Ordinal);
        Assert.Contains(Refusal.Of(RefusalCodes.PasswordTooShort, "12").Message("de"), Text(shortOne.Body), StringComparison.Ordinal);
        Assert.Contains(Refusal.Of(RefusalCodes.PasswordsDiffer).Message("de"), Text(mismatch.Body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillOld);
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        // This session goes on with a renewed cookie; a copy of the cookie from before the change does not.
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Contains(strings["PasswordChanged"], Text(await profile.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, otherSession.StatusCode);
        Assert.Contains("/account/login", otherSession.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenAsync(user, HeadwayServer.DemoPassword));
        Assert.Equal(HttpStatusCode.OK, await TokenAsync(user, NewPassword));
    }

    [Fact]
    public async Task Api_ChangesTheCallersPassword_WithCodesForWhatItRefuses()
    {
        const string user = "architect@bluefield.example";
        using var client = Server.NewClient(acceptLanguage: "ja", user: user);

        var wrong = await client.PostAsJsonAsync("/api/v1/profile/password", new { currentPassword = "wrong-wrong-wrong", newPassword = NewPassword });
        var common = await client.PostAsJsonAsync("/api/v1/profile/password", new { currentPassword = HeadwayServer.DemoPassword, newPassword = "1qaz2wsx3edc" });
        var missing = await client.PostAsJsonAsync("/api/v1/profile/password", new { currentPassword = HeadwayServer.DemoPassword });
        var changed = await client.PostAsJsonAsync("/api/v1/profile/password", new { currentPassword = HeadwayServer.DemoPassword, newPassword = NewPassword });

        Assert.Equal(("WrongPassword", "currentPassword", Refusal.Of(RefusalCodes.WrongPassword).Message("ja")), await ProblemAsync(wrong));
        Assert.Equal(("PasswordTooCommon", "newPassword", Refusal.Of(RefusalCodes.PasswordTooCommon).Message("ja")), await ProblemAsync(common));
        Assert.Equal("PasswordRequired", (await ProblemAsync(missing)).Code);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenAsync(user, HeadwayServer.DemoPassword));
        Assert.Equal(HttpStatusCode.OK, await TokenAsync(user, NewPassword));
    }

    [Fact]
    public async Task ForgottenPassword_TheMailedLinkInTheUsersLanguageSetsANewOneOnce()
    {
        const string user = "gateway@bluefield.example";
        using var anonymous = Server.NewClient(acceptLanguage: "ja", user: null);
        var strings = UiStringFiles.Load("ja");
        var before = portal.Smtp.Messages().Count;

        var form = await anonymous.GetStringAsync("/account/forgot");
        var asked = await anonymous.PostAsync("/account/forgot", Form(form, ("Email", user)));
        var unknown = await anonymous.PostAsync("/account/forgot", Form(form, ("Email", "nobody@bluefield.example")));
        var mail = Assert.Single(await portal.Smtp.WaitForAsync(before + 1, TimeSpan.FromSeconds(20)), m => m.To.Mailboxes.Single().Address == user);
        var link = ResetLink().Match(mail.TextBody ?? "").Value;
        var path = new Uri(link).PathAndQuery["/portal".Length..];

        var page = await anonymous.GetAsync(path);
        var pageHtml = await page.Content.ReadAsStringAsync();
        var set = await anonymous.PostAsync("/account/reset", Form(pageHtml, ("Email", user), ("Token", Query(link, "token")), ("NewPassword", NewPassword), ("Repeat", NewPassword)));
        var again = await anonymous.PostAsync("/account/reset", Form(pageHtml, ("Email", user), ("Token", Query(link, "token")), ("NewPassword", NewPassword + "!"), ("Repeat", NewPassword + "!")));
        var signIn = await anonymous.GetAsync("/account/login?reset=done");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        // The same answer for an address without an account, and no mail to it.
        Assert.Equal(StripEmail(await asked.Content.ReadAsStringAsync(), user), StripEmail(await unknown.Content.ReadAsStringAsync(), "nobody@bluefield.example"));
        Assert.DoesNotContain(portal.Smtp.Messages(), m => m.To.Mailboxes.Single().Address == "nobody@bluefield.example");
        Assert.Equal(strings["ResetMailSubject"], mail.Subject);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.GetCultureInfo("ja"), strings["ResetMailValidity"], 60), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(link, Text(mail.HtmlBody ?? ""), StringComparison.Ordinal);
        Assert.StartsWith(PortalUrl + "/account/reset?email=", link, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/account/login?reset=done", set.Headers.Location!.OriginalString);
        Assert.Contains(strings["ResetDone"], Text(await signIn.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await TokenAsync(user, NewPassword));
        // Used once, the link no longer works.
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains(Refusal.Of(RefusalCodes.ResetLinkInvalid).Message("ja"), Text(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenAsync(user, NewPassword + "!"));
    }

    [Fact]
    public async Task ResetApi_ALinkPastItsLifetimeIsRefused_AndAPortalWithoutMailSaysSo()
    {
        await using var smtp = await SmtpSink.StartAsync();
        var settings = DigestMailTests.MailSettings(smtp);
        settings["Security:PasswordResetLinkLifetime"] = "00:00:02";
        await using var shortLinks = new HeadwayServer { DemoTenants = 5, Settings = settings };
        await shortLinks.InitializeAsync();
        await using var noMail = new HeadwayServer { DemoTenants = 5 };
        await noMail.InitializeAsync();
        const string user = "product-analyst@kestrel.example";
        using var anonymous = shortLinks.NewClient(user: null);
        using var anonymousNoMail = noMail.NewClient(acceptLanguage: "zh-Hans", user: null);

        var asked = await anonymous.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = user, language = "de" });
        var mail = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        var token = Query(ResetLink().Match(mail.TextBody ?? "").Value, "token");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var late = await anonymous.PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { email = user, token, newPassword = NewPassword });
        var badEmail = await anonymous.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = "not an address" });
        var off = await anonymousNoMail.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = user });
        var offPage = await anonymousNoMail.GetStringAsync("/account/forgot");

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(UiStringFiles.Load("de")["ResetMailSubject"], mail.Subject);
        Assert.Equal(("ResetLinkInvalid", null, Refusal.Of(RefusalCodes.ResetLinkInvalid).Message("en")), await ProblemAsync(late));
        Assert.Equal(HttpStatusCode.OK, await TokenAsync(shortLinks, user, HeadwayServer.DemoPassword));
        Assert.Equal(("InvalidEmail", "email"), ((await ProblemAsync(badEmail)).Code, (await ProblemAsync(badEmail)).Field));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, off.StatusCode);
        Assert.Equal(Refusal.Of(RefusalCodes.MailNotConfigured).Message("zh-Hans"), (await ProblemAsync(off)).Detail);
        Assert.Contains(UiStringFiles.Load("zh-Hans")["ForgotUnavailable"], Text(offPage), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https://headway\.test/portal/account/reset\?\S+")]
    private static partial Regex ResetLink();


    private static string StripEmail(string html, string email) =>
        Regex.Replace(html.Replace(email, "", StringComparison.Ordinal), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "");

    /// <summary>A page's or a mail's HTML as its reader sees the text (the portal escapes what it must, and no more).</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(html);


    private static async Task<(HttpStatusCode Status, string Body)> PostPasswordAsync(HttpClient browser, string current, string next, string repeat)
    {
        var page = await browser.GetStringAsync("/account/profile");
        var response = await browser.PostAsync("/account/profile?handler=Password",
            Form(page, ("Password.CurrentPassword", current), ("Password.NewPassword", next), ("Password.Repeat", repeat)));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A problem answer's code, field (null when it names none) and localized message.</summary>
    private static async Task<(string? Code, string? Field, string? Detail)> ProblemAsync(HttpResponseMessage response)
    {
        await response.Content.LoadIntoBufferAsync();
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        return (body.GetProperty("code").GetString(),
            body.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.String ? field.GetString() : null,
            body.GetProperty("detail").GetString());
    }

    private Task<HttpStatusCode> TokenAsync(string user, string password) => TokenAsync(Server, user, password);

    private static async Task<HttpStatusCode> TokenAsync(HeadwayServer server, string user, string password)
    {
        using var anonymous = server.NewClient(user: null);
        return (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = user, password })).StatusCode;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>The digest settings through the API, the profile page and the language switch: one use case behind all three.</summary>
public class ProfileTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    [Fact]
    public async Task Api_PutThenGet_ChangesOnlyWhatWasSent()
    {
        using var client = server.NewClient(user: "engineer@centre.example");

        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/profile");
        var put = await client.PutAsJsonAsync("/api/v1/profile", new { digest = "Weekly" });
        var put2 = await client.PutAsJsonAsync("/api/v1/profile", new { language = "zh-hans" });
        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/profile");

        Assert.Equal(("en", "Daily", "Engineer"), (Str(before, "language"), Str(before, "digest"), Str(before, "role")));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (put.StatusCode, put2.StatusCode));
        Assert.Equal(("zh-Hans", "Weekly", "engineer@centre.example"), (Str(after, "language"), Str(after, "digest"), Str(after, "email")));
    }

    [Fact]
    public async Task Api_UnknownChoice_IsALocalizedProblemNamingTheField_AndChangesNothing()
    {
        using var client = server.NewClient(user: "architect@centre.example");

        var response = await client.PutAsJsonAsync("/api/v1/profile?lang=de", new { language = "fr", digest = "Off" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/profile");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("UnknownChoice", "language"), (Str(problem, "code"), Str(problem, "field")));
        Assert.Equal("„fr“ ist keine der Auswahlmöglichkeiten (en, zh-Hans, de, ja).", Str(problem, "title"));
        Assert.Equal("Daily", Str(after, "digest"));
    }

    [Fact]
    public async Task Api_WithTheCookieButNoFormToken_IsRefused()
    {
        var (client, _) = await server.CookieClientAsync("gateway@centre.example");
        using (client)
        {
            var response = await client.PutAsJsonAsync("/api/v1/profile", new { digest = "Off" });
            var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/profile");

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("Daily", Str(after, "digest"));
        }
    }

    [Fact]
    public async Task Page_PostedSettings_AreSavedThenShownAfterARedirect_InTheChosenLanguage()
    {
        var (client, _) = await server.CookieClientAsync("regional-manager@centre.example");
        using (client)
        {
            var form = await client.GetStringAsync("/account/profile");
            var post = await client.PostAsync("/account/profile?handler=Digest", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = HeadwayServer.FormToken(form),
                ["Form.Digest"] = "Off",
                ["Form.Language"] = "ja",
            }));
            var shown = await client.GetStringAsync(post.Headers.Location!.OriginalString);
            var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/profile");

            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            Assert.Equal("/account/profile?saved=True", post.Headers.Location!.OriginalString);
            // The portal follows the language chosen for the mail.
            Assert.Contains(UiStringFiles.Load("ja")["DigestSaved"], shown, StringComparison.Ordinal);
            Assert.Matches("value=\"Off\"[^>]*checked", shown);
            Assert.Equal(("ja", "Off"), (Str(api, "language"), Str(api, "digest")));
        }
    }

    [Fact]
    public async Task Page_UnknownChoice_IsShownInTheForm_AndChangesNothing()
    {
        var (client, _) = await server.CookieClientAsync("leadership@centre.example");
        using (client)
        {
            var form = await client.GetStringAsync("/account/profile");
            var post = await client.PostAsync("/account/profile?handler=Digest", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = HeadwayServer.FormToken(form),
                ["Form.Digest"] = "Hourly",
                ["Form.Language"] = "de",
            }));
            var page = await post.Content.ReadAsStringAsync();
            var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/profile");

            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.Contains("\"Hourly\" is not one of the choices (Off, Daily, Weekly).", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
            Assert.Equal(("en", "Daily"), (Str(api, "language"), Str(api, "digest")));
        }
    }

    [Fact]
    public async Task LanguageSwitch_SignedIn_StoresTheLanguageForTheMail()
    {
        var (client, _) = await server.CookieClientAsync("admin@bluefield.example");
        using (client)
        {
            var switched = await client.GetAsync("/culture/de?returnUrl=/tenants");
            var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/profile");

            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
            Assert.Equal("de", Str(api, "language"));
        }
    }

    private static string? Str(JsonElement e, string name) => e.GetProperty(name).GetString();
}

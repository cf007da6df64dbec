using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Headway.Application.WorkList;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>The work list over real HTTP: its API, the home page and the list of one group, and acting on a next action.</summary>
public partial class WorkListTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A tenant of the centre's demo manager (the n-th, so that tests do not share one) whose first workload gets a next
    /// action due on <paramref name="due"/>; its entitlement id comes back from the work list, where it now is.
    /// </summary>
    private async Task<(long Tenant, string Workload, long Entitlement, int Version)> ActionAsync(HttpClient client, int nth, DateOnly due)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200&sort=name");
        var id = list.GetProperty("items").EnumerateArray()
            .Where(t => t.GetProperty("manager").GetString() == HeadwayServer.Manager && !t.GetProperty("duplicate").GetBoolean())
            .Select(t => t.GetProperty("id").GetInt64()).ElementAt(nth);
        var current = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}");
        var e = current.GetProperty("entitlements")[0];
        var workload = e.GetProperty("workload").GetString()!;
        var body = System.Text.Json.Nodes.JsonNode.Parse(e.GetRawText())!.AsObject();
        body["nextAction"] = $"Call the IT lead ({nth})";
        body["nextActionDate"] = Iso(due);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{id}/entitlements/{workload}") { Content = JsonContent.Create(body) };
        put.Headers.TryAddWithoutValidation("If-Match", $"\"{e.GetProperty("version").GetInt32()}\"");
        var saved = await client.SendAsync(put);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        var version = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        var item = await FindAsync(client, Group(due), i => i.GetProperty("subject").GetString() == "entitlement" && i.GetProperty("tenantId").GetInt64() == id
            && i.GetProperty("workload").GetString() == workload);
        return (id, workload, item!.Value.GetProperty("id").GetInt64(), version);
    }

    private static string Group(DateOnly due) => due < Today ? "overdue" : due == Today ? "due-today" : "due-this-week";

    /// <summary>An item of a group's full list, or null.</summary>
    private static async Task<JsonElement?> FindAsync(HttpClient client, string group, Func<JsonElement, bool> match)
    {
        for (var page = 1; ; page++)
        {
            var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/worklist/{group}?page={page}&pageSize=200");
            foreach (var item in list.GetProperty("items").EnumerateArray().Where(match))
            {
                return item;
            }

            if (page * 200 >= list.GetProperty("total").GetInt32())
            {
                return null;
            }
        }
    }

    private static HttpRequestMessage Post(string path, int? version = null, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (version is { } v)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        }

        return request;
    }

    [Fact]
    public async Task GetWorkList_AManager_GetsEveryGroupInOrderWithItsTotalFirstItemsAndLinks()
    {
        using var client = server.NewClient();

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/worklist");

        Assert.Equal(HeadwayServer.Manager, list.GetProperty("manager").GetString());
        Assert.Equal(Iso(Today), list.GetProperty("today").GetString());
        Assert.Equal(30, list.GetProperty("staleDays").GetInt32());
        Assert.True(list.GetProperty("tenants").GetInt32() > 0);
        Assert.True(list.GetProperty("byL1").GetProperty("StatusUnknown").GetInt32() > 0);
        var groups = list.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(WorkGroups.Slugs, groups.Select(g => g.GetProperty("group").GetString()));
        foreach (var g in groups)
        {
            var slug = g.GetProperty("group").GetString();
            Assert.Equal($"/api/v1/worklist/{slug}", g.GetProperty("list").GetString());
            Assert.Equal($"/worklist/{slug}", g.GetProperty("page").GetString());
            Assert.InRange(g.GetProperty("items").GetArrayLength(), Math.Min(5, g.GetProperty("total").GetInt32()), 5);
            var full = await client.GetFromJsonAsync<JsonElement>(g.GetProperty("list").GetString());
            Assert.Equal(g.GetProperty("total").GetInt32(), full.GetProperty("total").GetInt32());
        }

        // The demo data gives the manager a day of work: due next actions and a summary to write.
        Assert.True(groups.Single(g => g.GetProperty("group").GetString() == "due-this-week").GetProperty("total").GetInt32() > 0);
        var request = groups.Single(g => g.GetProperty("group").GetString() == "summary-requested").GetProperty("items")[0];
        Assert.Equal(("summary-request", "regional-manager@centre.example"), (request.GetProperty("subject").GetString(), request.GetProperty("person").GetString()));
        var poor = groups.Single(g => g.GetProperty("group").GetString() == "poor-note").GetProperty("items").EnumerateArray().First();
        Assert.False(string.IsNullOrEmpty(poor.GetProperty("finding").GetProperty("message").GetString()));
    }

    [Fact]
    public async Task HomePage_AManager_ShowsTheSameCountsAsTheApiEachLinkingToItsFullList()
    {
        using var client = server.NewClient();
        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/worklist");

        var html = await client.GetStringAsync("/?lang=de");

        Assert.Contains("<h1>Meine Arbeitsliste</h1>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"by-l1\"", html, StringComparison.Ordinal);
        foreach (var g in api.GetProperty("groups").EnumerateArray())
        {
            var slug = g.GetProperty("group").GetString();
            Assert.Contains($"<a href=\"/worklist/{slug}\" id=\"count-{slug}\"><span class=\"count\">{g.GetProperty("total").GetInt32():N0}</span>", html, StringComparison.Ordinal);
        }

        Assert.Contains("/edit\"", html, StringComparison.Ordinal);
        Assert.Contains("?handler=Done", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupPage_FullList_IsPagedAndLinksBackToTheList()
    {
        using var client = server.NewClient();
        var total = (await client.GetFromJsonAsync<JsonElement>("/api/v1/worklist/insufficient-note")).GetProperty("total").GetInt32();

        var html = await client.GetStringAsync("/worklist/insufficient-note?lang=en");

        Assert.Contains("Notes graded insufficient", html, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"badge\" id=\"group-total\">{total:N0}</span>", html, StringComparison.Ordinal);
        Assert.Equal(Math.Min(total, 25), ItemId().Count(html));
        if (total > 25)
        {
            Assert.Contains("href=\"/worklist/insufficient-note?page=2\" rel=\"next\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/worklist/everything")).StatusCode);
    }

    [Theory]
    [InlineData("en", "The work list has no group 'tomorrow'.")]
    [InlineData("de", "Die Arbeitsliste hat keine Gruppe „tomorrow“.")]
    public async Task GetWorkListGroup_Unknown_IsA404ProblemInTheReadersLanguage(string lang, string message)
    {
        using var client = server.NewClient();

        var response = await client.GetAsync($"/api/v1/worklist/tomorrow?lang={lang}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("UnknownWorkListGroup", problem.GetProperty("code").GetString());
        Assert.StartsWith(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("due-this-week", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_EntitlementWithItsVersion_LeavesTheListAndTheHistoryKeepsIt()
    {
        using var client = server.NewClient();
        var (tenant, workload, entitlement, version) = await ActionAsync(client, 0, Today.AddDays(-2));

        using var stale = Post($"/api/v1/worklist/actions/entitlement/{entitlement}/done", version - 1);
        var conflict = await client.SendAsync(stale);
        using var missing = Post($"/api/v1/worklist/actions/entitlement/{entitlement}/done");
        var unversioned = await client.SendAsync(missing);
        using var done = Post($"/api/v1/worklist/actions/entitlement/{entitlement}/done", version);
        var response = await client.SendAsync(done);

        Assert.Equal(HttpStatusCode.PreconditionFailed, conflict.StatusCode);
        Assert.Equal($"\"{version}\"", conflict.Headers.ETag?.Tag);
        Assert.Equal((HttpStatusCode)428, unversioned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("entitlement", true, version + 1), (body.GetProperty("subject").GetString(), body.GetProperty("done").GetBoolean(), body.GetProperty("version").GetInt32()));
        Assert.Equal($"\"{version + 1}\"", response.Headers.ETag?.Tag);
        Assert.Null(await FindAsync(client, "overdue", i => i.GetProperty("id").GetInt64() == entitlement && i.GetProperty("subject").GetString() == "entitlement"));
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/history?pageSize=1");
        var entry = history.GetProperty("items")[0];
        Assert.Equal(("NextActionDone", workload, HeadwayServer.Manager), (entry.GetProperty("kind").GetString(), entry.GetProperty("workload").GetString(), entry.GetProperty("changedBy").GetString()));
        Assert.Contains(entry.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "NextAction" && c.GetProperty("before").GetString() == "Call the IT lead (0)");
        var page = await client.GetStringAsync($"/tenants/{tenant}/history");
        Assert.Contains("Next action done", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Move_Entitlement_ToAnotherDayMovesItBetweenGroups()
    {
        using var client = server.NewClient();
        var (_, _, entitlement, version) = await ActionAsync(client, 1, Today);

        using var past = Post($"/api/v1/worklist/actions/entitlement/{entitlement}/move", version, new { date = Iso(Today.AddDays(-1)) });
        var refused = await client.SendAsync(past);
        using var move = Post($"/api/v1/worklist/actions/entitlement/{entitlement}/move", version, new { date = Iso(Today.AddDays(3)) });
        var response = await client.SendAsync(move);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("NextActionDateInPast", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((Iso(Today.AddDays(3)), false), (body.GetProperty("nextActionDate").GetString(), body.GetProperty("done").GetBoolean()));
        Assert.NotNull(await FindAsync(client, "due-this-week", i => i.GetProperty("id").GetInt64() == entitlement && i.GetProperty("subject").GetString() == "entitlement"));
    }

    [Fact]
    public async Task Actions_NoteOfTheManagersTenant_DoneAndMovedWithoutAVersion()
    {
        using var client = server.NewClient();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200&sort=name&desc=true");
        var tenant = list.GetProperty("items").EnumerateArray()
            .First(t => t.GetProperty("manager").GetString() == HeadwayServer.Manager && !t.GetProperty("duplicate").GetBoolean()).GetProperty("id").GetInt64();
        var added = await client.PostAsJsonAsync($"/api/v1/tenants/{tenant}/notes", new
        {
            type = "EngagementManagement",
            text = "Workshop with the network team held.",
            nextAction = "Send the change request",
            nextActionDate = Iso(Today),
        });
        var note = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("note").GetProperty("id").GetInt64();
        using var engineer = server.NewClient(user: "engineer@centre.example");

        using var notAuthor = Post($"/api/v1/worklist/actions/note/{note}/done");
        var forbidden = await engineer.SendAsync(notAuthor);
        using var move = Post($"/api/v1/worklist/actions/note/{note}/move", body: new { date = Iso(Today.AddDays(2)) });
        var moved = await client.SendAsync(move);
        var inWeek = await FindAsync(client, "due-this-week", i => i.GetProperty("subject").GetString() == "note" && i.GetProperty("id").GetInt64() == note);
        using var done = Post($"/api/v1/worklist/actions/note/{note}/done");
        var finished = await client.SendAsync(done);
        using var again = Post($"/api/v1/worklist/actions/note/{note}/done");
        var twice = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("Forbidden", (await forbidden.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.NotNull(inWeek);
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.True((await finished.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("done").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal("NoNextAction", (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var timeline = await client.GetStringAsync($"/tenants/{tenant}?lang=en");
        Assert.Contains($"by {HeadwayServer.Manager}", timeline, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gateway@centre.example", HttpStatusCode.Forbidden, "Forbidden")]
    [InlineData("leadership@centre.example", HttpStatusCode.Forbidden, "Forbidden")]
    [InlineData("product-analyst@centre.example", HttpStatusCode.Forbidden, "Forbidden")]
    [InlineData("manager@kestrel.example", HttpStatusCode.NotFound, "EntitlementNotFound")]
    public async Task Done_SomeoneOtherThanTheTenantsManager_IsRefusedAndNothingChanges(string user, HttpStatusCode status, string code)
    {
        using var manager = server.NewClient();
        var (tenant, workload, entitlement, version) = await ActionAsync(manager, 2 + user.Length % 5, Today.AddDays(1));
        using var other = server.NewClient(user: user);

        using var done = Post($"/api/v1/worklist/actions/entitlement/{entitlement}/done", version);
        var response = await other.SendAsync(done);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var after = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/entitlements/{workload}");
        Assert.Equal(version, after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Actions_UnknownSubject_Is400()
    {
        using var client = server.NewClient();

        using var request = Post("/api/v1/worklist/actions/summary-request/1/done");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("UnknownChoice", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Actions_SignedInByTheCookie_NeedTheAntiforgeryToken()
    {
        var (client, token) = await server.CookieClientAsync();
        using (client)
        {
            using var bearer = server.NewClient();
            var (_, _, entitlement, version) = await ActionAsync(bearer, 8, Today.AddDays(2));

            using var forged = Post($"/api/v1/worklist/actions/entitlement/{entitlement}/move", version, new { date = Iso(Today.AddDays(5)) });
            var refused = await client.SendAsync(forged);
            using var genuine = Post($"/api/v1/worklist/actions/entitlement/{entitlement}/move", version, new { date = Iso(Today.AddDays(5)) });
            genuine.Headers.Add("RequestVerificationToken", token);
            var accepted = await client.SendAsync(genuine);

            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("AntiforgeryTokenInvalid", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
    }

    [Fact]
    public async Task HomePageForms_DoneThenAStaleRepeat_RedirectWithANoticeThenShowTheConflict()
    {
        using var client = server.NewClient();
        var (_, _, entitlement, version) = await ActionAsync(client, 9, Today.AddDays(-1));
        var html = await client.GetStringAsync("/");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HeadwayServer.FormToken(html),
            ["Form.Subject"] = "entitlement",
            ["Form.Id"] = entitlement.ToString(CultureInfo.InvariantCulture),
            ["Form.Version"] = version.ToString(CultureInfo.InvariantCulture),
        };

        var done = await client.PostAsync("/?handler=Done", new FormUrlEncodedContent(fields));
        var repeat = await client.PostAsync("/?handler=Done", new FormUrlEncodedContent(fields));
        var badDate = await client.PostAsync("/?handler=Move", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["Form.Date"] = "31.12.2030" }));
        var withoutToken = await client.PostAsync("/?handler=Done", new FormUrlEncodedContent(fields.Where(f => f.Key != "__RequestVerificationToken")));

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/?acted=done", done.Headers.Location!.OriginalString);
        Assert.Contains("id=\"worklist-notice\"", await client.GetStringAsync("/?acted=done"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Contains("id=\"worklist-error\"", await repeat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, badDate.StatusCode);
        Assert.Contains("31.12.2030", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
    }

    [GeneratedRegex("<li class=\"work-item\" id=\"item-")]
    private static partial Regex ItemId();
}

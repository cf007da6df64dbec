using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>
/// Paging by next links: a client that follows them reads every row of a list once while rows are added meanwhile (at
/// the top of a newest-first list, or in the middle of a sorted one), where paging by number would show a row twice.
/// </summary>
public class NextLinkTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private const string PartnerAdmin = "admin@kestrel.example", PartnerManager = "manager@kestrel.example";

    [Fact]
    public async Task FollowingTheTenantListsNextLinks_ReadsEachTenantOnce_WhileATenantIsRegisteredAtTheTop()
    {
        using var admin = server.NewClient(user: PartnerAdmin);
        var before = await IdsAsync(admin, "/api/v1/tenants?sort=name&pageSize=200");
        var first = await admin.GetAsync("/api/v1/tenants?sort=name&pageSize=5");
        var page = await first.Content.ReadFromJsonAsync<JsonElement>();
        var next = page.GetProperty("next").GetString()!;
        Assert.Equal($"<{next}>; rel=\"next\"", Assert.Single(first.Headers.GetValues("Link")));
        Assert.StartsWith("/api/v1/tenants?sort=name&pageSize=5&cursor=", next, StringComparison.Ordinal);

        // A tenant whose name sorts first arrives after the first page was read.
        var registered = await admin.PostAsJsonAsync("/api/v1/tenants", new { name = "AAA Next Link " + Guid.NewGuid().ToString("N")[..8], country = "DE" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var added = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        // By number, the second page now starts with the first page's last row: a reader would see it twice.
        var firstIds = Ids(page);
        var byNumber = Ids(await admin.GetFromJsonAsync<JsonElement>("/api/v1/tenants?sort=name&pageSize=5&page=2"));
        Assert.Equal(firstIds[^1], byNumber[0]);

        var read = new List<long>(firstIds);
        read.AddRange(await FollowAsync(admin, next));
        Assert.Equal(before, read);
        Assert.DoesNotContain(added, read);
    }

    [Fact]
    public async Task FollowingAHistorysNextLinks_ReadsEachEntryOnce_WhileNewChangesArriveAtTheTop()
    {
        using var admin = server.NewClient(user: PartnerManager);
        var tenant = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/tenants?sort=name&pageSize=200")).GetProperty("items").EnumerateArray()
            .First(t => t.GetProperty("manager").GetString() == PartnerManager).GetProperty("id").GetInt64();
        var before = await IdsAsync(admin, $"/api/v1/tenants/{tenant}/history?pageSize=200");
        Assert.True(before.Count > 3, "The demo tenant has a history of several changes.");

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/history?pageSize=2");
        var workload = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}")).GetProperty("entitlements")[0].GetProperty("workload").GetString()!;
        for (var i = 0; i < 2; i++)
        {
            await ApiCalls.ChangeAsync(admin, tenant, workload, new { l1 = "NoIntent", l2 = "ExecutiveSponsorship", note = $"The new CIO decides in the next quarter ({i})." });
        }

        var read = new List<long>(Ids(page));
        read.AddRange(await FollowAsync(admin, page.GetProperty("next").GetString()!));
        Assert.Equal(before, read);
    }

    [Fact]
    public async Task FollowingTheUsersNextLinks_ReadsEachUserOnce_WhileAUserIsInvitedBeforeTheCursor()
    {
        using var admin = server.NewClient(user: PartnerAdmin);
        var before = await IdsAsync<string>(admin, "/api/v1/users?pageSize=200", "id");
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users?pageSize=2");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/users",
            new { email = $"aaa-{Guid.NewGuid():N}@kestrel.example", role = "Engineer" })).StatusCode);

        static string Id(JsonElement user) => user.GetProperty("id").GetString()!;
        var read = new List<string>(page.GetProperty("items").EnumerateArray().Select(Id));
        read.AddRange(await FollowAsync(admin, page.GetProperty("next").GetString()!, Id));
        Assert.Equal(before, read);
    }

    [Fact]
    public async Task AWorkListGroupReadByNextLinks_IsTheGroupInOrder()
    {
        using var manager = server.NewClient(user: PartnerManager);
        var list = await manager.GetFromJsonAsync<JsonElement>("/api/v1/worklist?items=0");
        var group = list.GetProperty("groups").EnumerateArray().First(g => g.GetProperty("total").GetInt32() > 3).GetProperty("group").GetString();
        var whole = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/worklist/{group}?pageSize=200")).GetProperty("items").EnumerateArray()
            .Select(Key).ToList();

        var page = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/worklist/{group}?pageSize=2");
        var read = page.GetProperty("items").EnumerateArray().Select(Key).ToList();
        read.AddRange(await FollowAsync(manager, page.GetProperty("next").GetString()!, Key));
        Assert.Equal(whole, read);

        static string Key(JsonElement item) => item.GetProperty("subject").GetString() + ":" + item.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task ACursorThePortalDidNotGive_AndAFilterValueNoListKnows_AreRefusedInTheReadersLanguage()
    {
        using var admin = server.NewClient(acceptLanguage: "de", user: PartnerAdmin);
        foreach (var url in new[] { "/api/v1/tenants?cursor=bm9wZQ", "/api/v1/audit?cursor=%25%25", "/api/v1/imports?cursor=" + new string('A', 3000) })
        {
            var (status, code, detail) = await ApiCalls.ProblemAsync(await admin.GetAsync(url));
            Assert.Equal((HttpStatusCode.BadRequest, "InvalidPageCursor"), (status, code));
            Assert.StartsWith("Der Cursor stammt nicht aus einem Weiter-Link", detail, StringComparison.Ordinal);
        }

        foreach (var (url, parameter) in new[]
        {
            ("/api/v1/audit?entity=Tennant", "entity"), ("/api/v1/reports/rows?hygiene=Stale", "hygiene"), ("/api/v1/reports/rows?l1=Waiting", "l1"),
            ("/api/v1/users?role=Boss", "role"),
        })
        {
            var response = await admin.GetAsync(url);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((HttpStatusCode.BadRequest, parameter), (response.StatusCode, problem.GetProperty("field").GetString()));
            Assert.Contains(parameter == "role" ? "Wählen Sie" : "Erlaubt:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // The audit's entity values are the kinds of rows the trail holds: a real one filters.
        var tenants = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?entity=Tenant&pageSize=5");
        Assert.All(tenants.GetProperty("items").EnumerateArray(), e => Assert.Equal("Tenant", e.GetProperty("entity").GetString()));
    }

    /// <summary>Every id of a list read in one page (the list must fit it).</summary>
    private static async Task<List<T>> IdsAsync<T>(HttpClient client, string url, string property)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).Deserialize<T>()!)];
    }

    private static Task<List<long>> IdsAsync(HttpClient client, string url) => IdsAsync<long>(client, url, "id");

    private static List<long> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];

    private static Task<List<long>> FollowAsync(HttpClient client, string next) => FollowAsync(client, next, i => i.GetProperty("id").GetInt64());

    /// <summary>The items of every page from a next link to the last, checking that the Link header agrees with the body.</summary>
    private static async Task<List<T>> FollowAsync<T>(HttpClient client, string next, Func<JsonElement, T> item)
    {
        var read = new List<T>();
        for (string? link = next; link is not null;)
        {
            var response = await client.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            read.AddRange(page.GetProperty("items").EnumerateArray().Select(item));
            link = page.GetProperty("next").GetString();
            Assert.Equal(link is null ? [] : [$"<{link}>; rel=\"next\""], response.Headers.TryGetValues("Link", out var values) ? values : []);
        }

        return read;
    }
}

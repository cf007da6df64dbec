using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>
/// The entitlement feed an upstream licensing system pushes through (tenants and entitlements put by the source system's
/// id), and Idempotency-Key on state-changing requests: a retry gets the first answer and changes nothing.
/// </summary>
public class EntitlementFeedTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private const string PartnerAdmin = "admin@kestrel.example", PartnerManager = "manager@kestrel.example", PartnerReader = "leadership@kestrel.example";

    [Fact]
    public async Task PushingATenantTwiceRegistersItOnce_AndLeavesItsEntitlementsAsTheyAre()
    {
        using var feed = server.NewClient(user: PartnerAdmin);
        var externalId = "lic-" + Guid.NewGuid().ToString("N");
        var name = "Feed Push " + externalId[4..12];
        var body = new { name, country = "DE", seats = 250, manager = PartnerManager, workloads = new[] { "EXO", "SPO" } };

        var first = await feed.PutAsJsonAsync($"/api/v1/external-tenants/{externalId}", body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(externalId, created.GetProperty("externalId").GetString());
        var resolved = await feed.GetFromJsonAsync<JsonElement>(first.Headers.Location);
        Assert.Equal(id, resolved.GetProperty("id").GetInt64());
        Assert.All(resolved.GetProperty("entitlements").EnumerateArray(), e =>
            Assert.Equal(("StatusUnknown", "NewSubscriptionOrWorkload"), (e.GetProperty("l1").GetString(), e.GetProperty("l2").GetString())));

        // The manager works on EXO; the source system pushes the tenant again, with more seats and one more workload.
        await ApiCalls.ChangeAsync(server.NewClient(user: PartnerManager), id, "EXO", new
        {
            l1 = "InProgress",
            l2 = "Migration",
            note = "Mailboxes move in three waves; the first 80 are done.",
            targetDate = DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd"),
        });
        var again = await feed.PutAsJsonAsync($"/api/v1/external-tenants/{externalId}",
            new { name, country = "DE", seats = 310, workloads = new[] { "EXO", "SPO", "TEAMS" } });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var after = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, after.GetProperty("id").GetInt64());
        Assert.Equal(310, after.GetProperty("seats").GetInt32());
        var byWorkload = after.GetProperty("entitlements").EnumerateArray().ToDictionary(e => e.GetProperty("workload").GetString()!, e => e.GetProperty("l1").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["EXO"] = "InProgress", ["SPO"] = "StatusUnknown", ["TEAMS"] = "StatusUnknown" }, byWorkload);

        // The same push once more changes nothing: no second tenant of the name, no new history.
        var history = await feed.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/history");
        Assert.Equal(HttpStatusCode.OK, (await feed.PutAsJsonAsync($"/api/v1/external-tenants/{externalId}",
            new { name, country = "DE", seats = 310, workloads = new[] { "EXO", "SPO", "TEAMS" } })).StatusCode);
        Assert.Equal(history.GetProperty("total").GetInt32(), (await feed.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/history")).GetProperty("total").GetInt32());
        var named = await feed.GetFromJsonAsync<JsonElement>($"/api/v1/tenants?q={Uri.EscapeDataString(name)}");
        Assert.Equal(1, named.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AnEntitlementIsPutOnce_AndAnUnknownTenantOrWorkloadIsRefused()
    {
        using var feed = server.NewClient(acceptLanguage: "de", user: PartnerAdmin);
        var externalId = "lic-" + Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Created, (await feed.PutAsJsonAsync($"/api/v1/external-tenants/{externalId}",
            new { name = "Feed Entitlement " + externalId[4..12], country = "AT", workloads = Array.Empty<string>() })).StatusCode);

        var put = await feed.PutAsync($"/api/v1/external-tenants/{externalId}/entitlements/INTUNE", null);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var entitlement = await feed.GetFromJsonAsync<JsonElement>(put.Headers.Location);
        Assert.Equal(("INTUNE", "StatusUnknown"), (entitlement.GetProperty("workload").GetString(), entitlement.GetProperty("l1").GetString()));
        var again = await feed.PutAsync($"/api/v1/external-tenants/{externalId}/entitlements/INTUNE", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(entitlement.GetProperty("version").GetInt32(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var (status, code, detail) = await ApiCalls.ProblemAsync(await feed.PutAsync($"/api/v1/external-tenants/lic-nobody-{Guid.NewGuid():N}/entitlements/EXO", null));
        Assert.Equal((HttpStatusCode.NotFound, "TenantNotFound"), (status, code));
        (status, code, detail) = await ApiCalls.ProblemAsync(await feed.PutAsync($"/api/v1/external-tenants/{externalId}/entitlements/NOPE", null));
        Assert.Equal((HttpStatusCode.BadRequest, "UnknownWorkload"), (status, code));
        (status, code, detail) = await ApiCalls.ProblemAsync(await feed.PutAsJsonAsync("/api/v1/external-tenants/" + new string('x', 101), new { name = "Too Long Id", country = "DE" }));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidExternalId"), (status, code));
        Assert.Contains("externe ID", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExternalIdIsThePartnersOwn_AndConcurrentPushesMakeOneTenant()
    {
        using var partner = server.NewClient(user: PartnerAdmin);
        using var centre = server.NewClient(user: "gateway@centre.example");
        var externalId = "lic-" + Guid.NewGuid().ToString("N");

        // Ten pushes of one new tenant at once: one registers it, the others find it.
        var pushes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => partner.PutAsJsonAsync($"/api/v1/external-tenants/{externalId}",
            new { name = "Feed Race " + externalId[4..12], country = "DE", workloads = new[] { "EXO" } })));
        var answers = string.Join("\n", await Task.WhenAll(pushes.Select(async p => (int)p.StatusCode + " " + await p.Content.ReadAsStringAsync())));
        Assert.True(pushes.Count(p => p.StatusCode == HttpStatusCode.Created) == 1, answers);
        Assert.True(pushes.Count(p => p.StatusCode == HttpStatusCode.OK) == 9, answers);
        var ids = await Task.WhenAll(pushes.Select(async p => (await p.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64()));
        Assert.Single(ids.Distinct());

        // The centre's tenant with the same source id is another tenant, which the partner never sees.
        var centreTenant = await centre.PutAsJsonAsync($"/api/v1/external-tenants/{externalId}", new { name = "Centre Feed " + externalId[4..12], country = "FR" });
        Assert.Equal(HttpStatusCode.Created, centreTenant.StatusCode);
        var centreId = (await centreTenant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.NotEqual(ids[0], centreId);
        Assert.Equal(HttpStatusCode.NotFound, (await server.NewClient(user: PartnerReader).GetAsync($"/api/v1/tenants/{centreId}")).StatusCode);
        Assert.Equal(ids[0], (await (await partner.PutAsJsonAsync($"/api/v1/external-tenants/{externalId}", new { }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task ARetryWithTheSameKeyGetsTheFirstAnswer_AndChangesNothing()
    {
        using var manager = server.NewClient(user: PartnerManager);
        var tenant = await PartnerTenantAsync();
        var key = Guid.NewGuid().ToString();
        var text = "Pilot with 40 users agreed for May; " + key[..8];

        var first = await PostNoteAsync(manager, tenant, key, text);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        var retry = await PostNoteAsync(manager, tenant, key, text);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await NotesWithAsync(manager, tenant, text));
        using var read = await manager.GetAsync(first.Headers.Location);
        var note = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((text, "\"0\""), (note.GetProperty("text").GetString(), read.Headers.ETag?.Tag));

        // The key with another body is refused; another caller's key of the same name is their own.
        var (status, code, _) = await ApiCalls.ProblemAsync(await PostNoteAsync(manager, tenant, key, text + " (changed)"));
        Assert.Equal(((HttpStatusCode)422, "IdempotencyKeyReused"), (status, code));
        Assert.Equal(0, await NotesWithAsync(manager, tenant, text + " (changed)"));
        (status, code, _) = await ApiCalls.ProblemAsync(await PostNoteAsync(manager, tenant, "no spaces allowed", text));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidIdempotencyKey"), (status, code));

        // Five sends of one request at once: one note, and every answer is the note or "still running".
        var racedKey = Guid.NewGuid().ToString();
        var raced = "Workshop on retention labels held; " + racedKey[..8];
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostNoteAsync(manager, tenant, racedKey, raced)));
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await NotesWithAsync(manager, tenant, raced));
        Assert.Equal(HttpStatusCode.Created, (await PostNoteAsync(manager, tenant, racedKey, raced)).StatusCode);
        Assert.Equal(1, await NotesWithAsync(manager, tenant, raced));
    }

    [Fact]
    public async Task ARefusedRequestIsNotKept_SoItsCorrectionRunsUnderTheSameKey()
    {
        using var admin = server.NewClient(user: PartnerAdmin);
        var key = Guid.NewGuid().ToString();
        var name = "Keyed Registration " + key[..8];
        using (var refused = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tenants") { Content = JsonContent.Create(new { name, country = "ZZ" }) })
        {
            refused.Headers.Add("Idempotency-Key", key);
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(refused)).StatusCode);
        }

        HttpResponseMessage? last = null;
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tenants") { Content = JsonContent.Create(new { name, country = "DE" }) };
            request.Headers.Add("Idempotency-Key", key + "-fixed");
            last = await admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, last.StatusCode);
        }

        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tenants?q={Uri.EscapeDataString(name)}")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(last!.Headers.Location)).StatusCode);
    }

    private async Task<long> PartnerTenantAsync()
    {
        var list = await server.NewClient(user: PartnerManager).GetFromJsonAsync<JsonElement>("/api/v1/tenants?mine=true&pageSize=1");
        return list.GetProperty("items")[0].GetProperty("id").GetInt64();
    }

    private static async Task<HttpResponseMessage> PostNoteAsync(HttpClient client, long tenant, string key, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/{tenant}/notes")
        {
            Content = JsonContent.Create(new { type = "EngagementManagement", text }),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<int> NotesWithAsync(HttpClient client, long tenant, string text)
    {
        var notes = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/notes?pageSize=100");
        return notes.GetProperty("items").EnumerateArray().Count(n => n.GetProperty("text").GetString() == text);
    }
}

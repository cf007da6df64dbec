using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>Registering tenants, adding entitlements and correcting details through the API, over real HTTP.</summary>
public class TenantRegistrationApiTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private const string Gateway = "gateway@centre.example";

    [Fact]
    public async Task Register_AddEntitlements_Correct_ReadBack_AndTheHistoryNamesWhoDidWhat()
    {
        using var client = server.NewClient(user: Gateway);
        var name = "Northwind Traders " + Guid.NewGuid().ToString("N")[..8];

        var created = await client.PostAsJsonAsync("/api/v1/tenants", new
        {
            name,
            brandName = "Northwind",
            country = "nl",
            industry = "Retail",
            seats = 950,
            managed = true,
            priority = "High",
            manager = HeadwayServer.Manager,
            workloads = new[] { "EXO", "SPO" },
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tenant = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = tenant.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/tenants/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(("NL", "EMEA", 950, "High", HeadwayServer.Manager), (tenant.GetProperty("country").GetString(), tenant.GetProperty("region").GetString(),
            tenant.GetProperty("seats").GetInt32(), tenant.GetProperty("priority").GetString(), tenant.GetProperty("manager").GetString()));
        Assert.All(tenant.GetProperty("entitlements").EnumerateArray(), e =>
            Assert.Equal(("StatusUnknown", "NewSubscriptionOrWorkload"), (e.GetProperty("l1").GetString(), e.GetProperty("l2").GetString())));

        var again = await client.PostAsJsonAsync("/api/v1/tenants", new { name = name.ToUpperInvariant(), country = "NL" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("TenantExists", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var added = await client.PostAsJsonAsync($"/api/v1/tenants/{id}/entitlements", new { workloads = new[] { "TEAMS" } });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("TEAMS", (await client.GetFromJsonAsync<JsonElement>(added.Headers.Location)).GetProperty("workload").GetString());
        Assert.Equal(["EXO", "SPO", "TEAMS"], (await added.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(e => e.GetProperty("workload").GetString()).Order());

        var changed = await client.PatchAsJsonAsync($"/api/v1/tenants/{id}", new { seats = 1100, brandName = (string?)null });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1100, JsonValueKind.Null, "Retail"), (after.GetProperty("seats").GetInt32(), after.GetProperty("brandName").ValueKind, after.GetProperty("industry").GetString()));

        using var reader = server.NewClient();
        var history = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/detail-history");
        var entries = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Modified", "Added"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal(Gateway, e.GetProperty("changedBy").GetString()));
        Assert.Contains(entries[0].GetProperty("changes").EnumerateArray(), c =>
            c.GetProperty("field").GetString() == "Seats" && c.GetProperty("before").GetString() == "950" && c.GetProperty("after").GetString() == "1100");
        var statusHistory = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/history");
        Assert.Equal(3, statusHistory.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "Created"));
    }

    [Fact]
    public async Task Register_ByAManager_Is403_AndBadInputIsALocalizedProblem()
    {
        using var manager = server.NewClient(user: HeadwayServer.Manager);
        using var gateway = server.NewClient(user: Gateway);

        var forbidden = await manager.PostAsJsonAsync("/api/v1/tenants", new { name = "Anything", country = "DE" });
        var unknown = await gateway.PostAsJsonAsync("/api/v1/tenants?lang=de", new { name = "Anything", country = "ZZ" });
        var badPriority = await gateway.PostAsJsonAsync("/api/v1/tenants", new { name = "Anything", country = "DE", priority = "Urgent" });

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("UnknownCountry", "country"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Contains("Ländercode", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badPriority.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>
/// Service accounts through the real API: an administrator creates them, their clients get tokens with the OAuth 2
/// client-credentials grant or use API keys, their scopes decide what they may do (a read-only account is refused every
/// write), a partner's account sees only the partner's tenants, and its writes carry its client id in the history and the
/// audit trail.
/// </summary>
public class ServiceAccountTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private sealed record Client(string Id, string ClientId, string Secret);

    private async Task<Client> CreateAsync(string name, string[] scopes, long? partnerId = null)
    {
        using var admin = server.NewClient(user: HeadwayServer.Admin);
        var created = await admin.PostAsJsonAsync("/api/v1/service-accounts", new { name, scopes, partnerId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var account = body.GetProperty("account");
        Assert.Equal(created.Headers.Location!.OriginalString, "/api/v1/service-accounts/" + account.GetProperty("id").GetString());
        return new Client(account.GetProperty("id").GetString()!, account.GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString()!);
    }

    private async Task<HttpResponseMessage> TokenResponseAsync(string clientId, string secret, string grant = "client_credentials")
    {
        using var anonymous = server.NewClient(user: null);
        return await anonymous.PostAsync("/api/v1/auth/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = grant,
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
    }

    private async Task<HttpClient> SignedInAsync(Client client)
    {
        var response = await TokenResponseAsync(client.ClientId, client.Secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.InRange(token.GetProperty("expires_in").GetInt64(), 3500, 3600);
        return WithBearer(token.GetProperty("access_token").GetString()!);
    }

    private HttpClient WithBearer(string token)
    {
        var http = server.NewClient(user: null);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<(long Tenant, string Workload, string ETag)> EditableAsync(HttpClient http)
    {
        var list = await http.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=50");
        var tenant = list.GetProperty("items").EnumerateArray().First(t => !t.GetProperty("duplicate").GetBoolean()).GetProperty("id").GetInt64();
        var detail = await http.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}");
        var workload = detail.GetProperty("entitlements").EnumerateArray().First(e => e.GetProperty("l1").GetString() != "InProgress").GetProperty("workload").GetString()!;
        var current = await http.GetAsync($"/api/v1/tenants/{tenant}/entitlements/{workload}");
        return (tenant, workload, current.Headers.ETag!.Tag);
    }

    private static HttpRequestMessage Put(long tenant, string workload, string etag, string note)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant}/entitlements/{workload}")
        {
            Content = JsonContent.Create(new
            {
                l1 = "InProgress",
                l2 = "Migration",
                note,
                targetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40).ToString("yyyy-MM-dd"),
            }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    [Fact]
    public async Task ReadOnlyAccount_ReadsButEveryWriteIs403_AndChangesNothing()
    {
        var reader = await CreateAsync("Reporting warehouse", ["read"]);
        using var http = await SignedInAsync(reader);

        var tenants = await http.GetAsync("/api/v1/tenants");
        var (tenant, workload, etag) = await EditableAsync(http);
        var put = await http.SendAsync(Put(tenant, workload, etag, "Mailbox migration, wave 1 of 2, runs this week."));
        var note = await http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/notes", new { type = "EngagementManagement", text = "Kick-off call held." });
        var export = await http.GetAsync("/api/v1/export/tenants");
        var users = await http.GetAsync("/api/v1/users");
        var after = await http.GetAsync($"/api/v1/tenants/{tenant}/entitlements/{workload}");

        Assert.Equal(HttpStatusCode.OK, tenants.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, note.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
        Assert.Equal(etag, after.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task PartnersStatusWriter_SeesOnlyThePartner_AndItsWritesCarryItsClientId()
    {
        using var admin = server.NewClient(user: HeadwayServer.Admin);
        var partners = await admin.GetFromJsonAsync<JsonElement>("/api/v1/partners");
        var bluefield = partners.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Bluefield Partners");
        var partnerId = bluefield.GetProperty("id").GetInt64();
        var writer = await CreateAsync("Bluefield CRM sync", ["read", "statuses"], partnerId);
        using var http = await SignedInAsync(writer);

        var listed = await http.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200");
        var (tenant, workload, etag) = await EditableAsync(http);
        const string Note = "Mailbox migration, wave 1 of 2, is under way with the customer's IT team.";
        var put = await http.SendAsync(Put(tenant, workload, etag, Note));

        Assert.True(listed.GetProperty("total").GetInt32() > 0);
        Assert.All(listed.GetProperty("items").EnumerateArray(), t => Assert.Equal("Bluefield Partners", t.GetProperty("partner").GetString()));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.StartsWith("svc-bluefield-crm-sync-", writer.ClientId, StringComparison.Ordinal);
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/history?pageSize=1");
        Assert.Equal(writer.ClientId, history.GetProperty("items")[0].GetProperty("changedBy").GetString());
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?tenant={tenant}&entity=Entitlement&pageSize=1");
        Assert.Equal(writer.ClientId, audit.GetProperty("items")[0].GetProperty("actor").GetString());

        // Statuses are all it changes: no summary, no overall note, no profile (which would mint it longer-lived tokens).
        var summary = await http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/summaries",
            new { customerDescription = "Retailer with 400 stores.", engagementStatus = "Reactive", deploymentProgress = "NotDeployed" });
        Assert.Equal(HttpStatusCode.Forbidden, summary.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await http.GetAsync("/account/profile")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await http.GetAsync("/api/v1/profile")).StatusCode);

        // Another partner's tenant does not exist for it.
        var centreTenant = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200")).GetProperty("items").EnumerateArray()
            .First(t => t.GetProperty("partner").ValueKind == JsonValueKind.Null).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/v1/tenants/{centreTenant}")).StatusCode);
    }

    [Fact]
    public async Task Credentials_WrongSecretOrGrantIsRefused_BasicAuthWorks_AndANewSecretEndsTheOldOne()
    {
        var client = await CreateAsync("Nightly export", ["export"]);

        var wrong = await TokenResponseAsync(client.ClientId, client.Secret + "x");
        var password = await TokenResponseAsync(client.ClientId, client.Secret, grant: "password");
        using var anonymous = server.NewClient(user: null);
        using var basic = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{client.ClientId}:{client.Secret}")));
        var viaBasic = await anonymous.SendAsync(basic);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_client", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, password.StatusCode);
        Assert.Equal("unsupported_grant_type", (await password.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, viaBasic.StatusCode);
        using var exporter = WithBearer((await viaBasic.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await exporter.GetAsync("/api/v1/export/tenants?format=jsonl")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await exporter.GetAsync("/api/v1/tenants")).StatusCode);

        using var admin = server.NewClient(user: HeadwayServer.Admin);
        var renewed = await admin.PostAsync($"/api/v1/service-accounts/{client.Id}/secret", null);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var secret = (await renewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenResponseAsync(client.ClientId, client.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await exporter.GetAsync("/api/v1/export/tenants?format=jsonl")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenResponseAsync(client.ClientId, secret)).StatusCode);
    }

    [Fact]
    public async Task ApiKey_ActsWithTheAccountsScopes_AndDisablingTheAccountRevokesIt()
    {
        var client = await CreateAsync("Status board", ["read"]);
        using var admin = server.NewClient(user: HeadwayServer.Admin);

        var issued = await admin.PostAsJsonAsync($"/api/v1/service-accounts/{client.Id}/keys", new { name = "wallboard", days = 30 });
        var tooLong = await admin.PostAsJsonAsync($"/api/v1/service-accounts/{client.Id}/keys", new { days = 366 });
        var noScopes = await admin.PatchAsJsonAsync($"/api/v1/service-accounts/{client.Id}", new { scopes = Array.Empty<string>() });
        var unknownScope = await admin.PostAsJsonAsync("/api/v1/service-accounts", new { name = "Odd", scopes = new[] { "admin" } });

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var key = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        Assert.Equal("KeyLifetimeOutOfRange", (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal("NoScopes", (await noScopes.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal("UnknownChoice", (await unknownScope.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        using var http = WithBearer(key);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/tenants")).StatusCode);
        var (tenant, workload, etag) = await EditableAsync(http);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Put(tenant, workload, etag, "Mailbox migration, wave 1 of 2, runs this week."))).StatusCode);

        var disabled = await admin.PatchAsJsonAsync($"/api/v1/service-accounts/{client.Id}", new { disabled = true });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/tenants")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenResponseAsync(client.ClientId, client.Secret)).StatusCode);
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/service-accounts");
        var row = listed.EnumerateArray().Single(a => a.GetProperty("id").GetString() == client.Id);
        Assert.True(row.GetProperty("disabled").GetBoolean());
        Assert.Equal(0, row.GetProperty("activeKeys").GetInt32());
    }
}

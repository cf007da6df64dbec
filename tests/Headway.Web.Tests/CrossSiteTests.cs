using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>
/// Requests a page of another site can make a browser send: the cookie goes along, the antiforgery token cannot.
/// A state-changing API request signed in by the cookie needs the token; a bearer token needs none; every body
/// must be of a type its endpoint declares.
/// </summary>
public class CrossSiteTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private static readonly object Note = new { type = "EngagementManagement", text = "Kick-off call held with the customer's IT lead; the migration plan follows next week." };

    /// <summary>What a page of another site can send without a preflight: a simple content type, or none at all.</summary>
    public static TheoryData<string?> SimpleContentTypes => new() { null, "text/plain", "application/x-www-form-urlencoded", "application/json" };

    [Theory]
    [MemberData(nameof(SimpleContentTypes))]
    public async Task CookieApi_NoteWithoutTheToken_IsRefusedAndChangesNothing(string? contentType)
    {
        var (client, _) = await server.CookieClientAsync();
        using var _ = client;
        var id = await AssignedTenantAsync(client);
        var before = await NoteCountAsync(client, id);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/{id}/notes?lang=de")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(Note)),
        };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = new(contentType);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("AntiforgeryTokenInvalid", problem.GetProperty("code").GetString());
        Assert.StartsWith("Die Anfrage kam nicht von einer Headway-Seite", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await NoteCountAsync(client, id));
    }

    [Fact]
    public async Task CookieApi_NoteWithThePagesToken_IsAdded()
    {
        var (client, token) = await server.CookieClientAsync();
        using var _ = client;
        var id = await AssignedTenantAsync(client);
        var before = await NoteCountAsync(client, id);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/{id}/notes") { Content = JsonContent.Create(Note) };
        request.Headers.Add("RequestVerificationToken", token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(before + 1, await NoteCountAsync(client, id));
    }

    [Fact]
    public async Task CookieApi_ImportAndRevertWithoutTheToken_AreRefused()
    {
        var (client, _) = await server.CookieClientAsync("gateway@centre.example");
        using var _ = client;
        var imports = await client.GetFromJsonAsync<JsonElement>("/api/v1/imports");

        var import = await client.PostAsync("/api/v1/imports?fileName=t.csv",
            new StringContent("tenant,country,workload\nCross Site Ltd,GB,EXO\n", Encoding.UTF8, "text/csv"));
        var revert = await client.PostAsync("/api/v1/imports/1/revert", null);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (import.StatusCode, revert.StatusCode));
        Assert.Equal(imports.GetProperty("total").GetInt32(), (await client.GetFromJsonAsync<JsonElement>("/api/v1/imports")).GetProperty("total").GetInt32());
        Assert.DoesNotContain("Cross Site Ltd", await client.GetStringAsync("/api/v1/tenants?search=Cross%20Site"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerApi_NeedsNoAntiforgeryToken()
    {
        using var client = server.NewClient();
        var id = await AssignedTenantAsync(client);

        var response = await client.PostAsJsonAsync($"/api/v1/tenants/{id}/notes", Note);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/v1/tenants/{id}/notes", "text/plain", "{}")]
    [InlineData("POST", "/api/v1/tenants/{id}/notes", null, "{}")]
    [InlineData("POST", "/api/v1/notes/lint", "application/x-www-form-urlencoded", "text=x")]
    [InlineData("PUT", "/api/v1/tenants/{id}/entitlements/EXO", "text/plain", "{}")]
    [InlineData("POST", "/api/v1/imports", "application/json", "{}")]
    [InlineData("POST", "/api/v1/imports", null, "tenant,workload\n")]
    [InlineData("POST", "/api/v1/imports/1/revert", "application/json", "{}")]
    [InlineData("DELETE", "/api/v1/tenants/{id}/duplicate", "text/plain", "x")]
    public async Task Api_BodyOfATypeTheEndpointDoesNotTake_Is415WithItsCode(string method, string path, string? contentType, string body)
    {
        using var client = server.NewClient(user: path.Contains("imports", StringComparison.Ordinal) ? "gateway@centre.example" : HeadwayServer.Manager);
        using var reader = server.NewClient();
        var id = await AssignedTenantAsync(reader);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = new(contentType);
        }

        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UnsupportedMediaType", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private static async Task<long> AssignedTenantAsync(HttpClient client)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200");
        return list.GetProperty("items").EnumerateArray()
            .First(t => t.GetProperty("manager").GetString() == HeadwayServer.Manager && !t.GetProperty("duplicate").GetBoolean())
            .GetProperty("id").GetInt64();
    }

    private static async Task<int> NoteCountAsync(HttpClient client, long id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/notes?pageSize=1")).GetProperty("total").GetInt32();
}

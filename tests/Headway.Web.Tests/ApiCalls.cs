using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Headway.Web.Tests;

/// <summary>Calls the API tests make the way a client does, shared so each test says only what it is about.</summary>
internal static class ApiCalls
{
    /// <summary>The status, code and localized detail of a problem answer.</summary>
    public static async Task<(HttpStatusCode Status, string? Code, string Detail)> ProblemAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, problem.GetProperty("code").GetString(), problem.GetProperty("detail").GetString()!);
    }

    /// <summary>Changes one entitlement with the version just read; fails the test unless it is saved.</summary>
    public static async Task ChangeAsync(HttpClient client, long tenant, string workload, object body)
    {
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}");
        var entitlement = detail.GetProperty("entitlements").EnumerateArray().First(e => e.GetProperty("workload").GetString() == workload);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant}/entitlements/{workload}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{entitlement.GetProperty("version").GetInt32()}\"");
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}

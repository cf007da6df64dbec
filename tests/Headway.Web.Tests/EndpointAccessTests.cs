using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Application.Users;
using Headway.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Web.Tests;

/// <summary>
/// Every endpoint and page the app maps, taken from its own endpoint data source, against every role,
/// an anonymous caller and a user of another partner. A new endpoint without an expectation here
/// fails the test, so it cannot be forgotten.
/// </summary>
public class EndpointAccessTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private const int Challenge = -1; // 401 for the API, a redirect to the sign-in page for pages

    /// <summary>Who calls: a centre user of a role, nobody, or a manager of another partner.</summary>
    public sealed record Subject(string Name, string? Email, Role? Role);

    private static readonly Subject Anonymous = new("anonymous", null, null);
    private static readonly Subject OtherPartner = new("other partner's manager", "manager@kestrel.example", Role.Manager);

    private static IEnumerable<Subject> Subjects() =>
        Enum.GetValues<Role>().Select(r => new Subject(r.ToString(), DemoUsers.Email(r, null), r)).Append(Anonymous).Append(OtherPartner);

    private static bool Reads(Role? r) => r is not null and not Role.ProductAnalyst;

    private static int ReadOrForbid(Subject s) => s == Anonymous ? Challenge : s == OtherPartner ? 404 : Reads(s.Role) ? 200 : 403;

    /// <summary>The expected status per endpoint ("METHOD route") and subject.</summary>
    private static readonly Dictionary<string, Func<Subject, int>> Expected = new()
    {
        ["GET /api/v1/taxonomy"] = s => s == Anonymous ? Challenge : 200,
        ["GET /api/v1/tenants/"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET /api/v1/tenants/{id:long}"] = ReadOrForbid,
        // The tenant list's export and saved views: everyone who reads tenants, each in their own scope.
        ["GET /api/v1/tenants/export"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET tenants/views"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET /api/v1/saved-views"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        // A body without a name: readers reach validation (400).
        ["POST /api/v1/saved-views"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 400 : 403,
        // The id is a tenant's, no view's: readers are told there is no such view.
        ["PUT /api/v1/saved-views/{id:long}"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 404 : 403,
        ["DELETE /api/v1/saved-views/{id:long}"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 404 : 403,
        ["GET /api/v1/tenants/{id:long}/entitlements/{workload}"] = ReadOrForbid,
        ["GET /api/v1/tenants/{id:long}/history"] = ReadOrForbid,
        // The body repeats the entitlement as it is: allowed roles save nothing and get 200.
        ["PUT /api/v1/tenants/{id:long}/entitlements/{workload}"] = s =>
            s == Anonymous ? Challenge : s == OtherPartner ? 404 : s.Role is Role.Manager or Role.Gateway ? 200 : 403,
        // The bulk change sets one field to the value it has: allowed roles save nothing and get 200.
        ["PATCH /api/v1/tenants/{id:long}/entitlements"] = s =>
            s == Anonymous ? Challenge : s == OtherPartner ? 404 : s.Role is Role.Manager or Role.Gateway ? 200 : 403,
        // An empty reason: allowed roles reach the rules and get 400 (nothing is flagged).
        ["POST /api/v1/tenants/{id:long}/duplicate"] = s =>
            s == Anonymous ? Challenge : s == OtherPartner ? 404 : s.Role is Role.Manager or Role.Gateway or Role.Admin ? 400 : 403,
        // The tenant is not flagged: allowed roles get 400 (TenantNotDuplicate).
        ["DELETE /api/v1/tenants/{id:long}/duplicate"] = s =>
            s == Anonymous ? Challenge : s == OtherPartner ? 404 : s.Role is Role.Manager or Role.Gateway or Role.Admin ? 400 : 403,
        ["POST /api/v1/notes/lint"] = s => s == Anonymous ? Challenge : 200,
        ["GET /api/v1/notes"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET /api/v1/tenants/{id:long}/notes"] = ReadOrForbid,
        // No note type in the body: roles that write notes reach validation (400) before the tenant is
        // looked up, so another partner's manager learns nothing either.
        ["POST /api/v1/tenants/{id:long}/notes"] = s =>
            s == Anonymous ? Challenge : s.Role is Role.Manager or Role.Engineer or Role.Architect or Role.Gateway ? 400 : 403,
        ["GET /api/v1/summaries"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET /api/v1/summaries/{id:long}"] = ReadOrForbid,
        ["GET /api/v1/tenants/{id:long}/summaries"] = ReadOrForbid,
        // An empty body: the tenant's own manager reaches validation (400); any other manager is not assigned (403).
        ["POST /api/v1/tenants/{id:long}/summaries"] = s =>
            s == Anonymous ? Challenge : s == OtherPartner ? 404 : s.Role == Role.Manager ? 400 : 403,
        ["GET /api/v1/search"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET search"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        // Reports are for every role, product analysts included (without tenant names); scope decides the numbers.
        ["GET /api/v1/reports/{name}"] = s => s == Anonymous ? Challenge : 200,
        ["GET /api/v1/reports/rows"] = s => s == Anonymous ? Challenge : 200,
        ["GET reports"] = s => s == Anonymous ? Challenge : 200,
        ["GET reports/{name}"] = s => s == Anonymous ? Challenge : 200,
        ["GET reports/rows"] = s => s == Anonymous ? Challenge : 200,
        ["GET summaries"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET summaries/{id:long}"] = ReadOrForbid,
        ["GET tenants/{id:long}/summaries/new"] = s =>
            s == Anonymous ? Challenge : s == OtherPartner ? 404 : s.Role is Role.Manager ? 200 : 403,
        ["GET tags/{tag}"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET /api/v1/audit"] = s => s == Anonymous ? Challenge : s.Role == Role.Admin && s != OtherPartner ? 200 : 403,
        ["POST /api/v1/auth/token"] = _ => 401,
        ["GET /openapi/{documentName}.json"] = _ => 200,
        // Health answers anyone and says nothing about the data.
        ["GET healthz"] = _ => 200,
        ["GET readyz"] = _ => 200,
        ["GET /culture/{lang}"] = _ => 302,
        // The home page is a manager's own portfolio; everyone else is sent to the tenant list.
        ["GET "] = s => s == Anonymous ? Challenge : s.Role == Role.Manager ? 200 : 302,
        ["GET tenants"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET tenants/{id:long}"] = ReadOrForbid,
        ["GET tenants/{id:long}/history"] = ReadOrForbid,
        ["GET tenants/{id:long}/entitlements/{workload}/edit"] = s =>
            s == Anonymous ? Challenge : s == OtherPartner ? 404 : s.Role is Role.Manager or Role.Gateway ? 200 : 403,
        ["GET tenants/{id:long}/bulk"] = s =>
            s == Anonymous ? Challenge : s == OtherPartner ? 404 : s.Role is Role.Manager ? 200 : 403,
        ["GET admin/audit"] = s => s == Anonymous ? Challenge : s.Role == Role.Admin && s != OtherPartner ? 200 : 403,
        // Export: everyone who reads tenants, each their own scope.
        ["GET export"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET /api/v1/export/{dataset}"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        // Imports: administrators and gateway managers. The body here is no import file: its problems come back with 200, nothing changes.
        ["GET imports"] = s => s == Anonymous ? Challenge : s.Role is Role.Admin or Role.Gateway && s != OtherPartner ? 200 : 403,
        ["POST /api/v1/imports"] = s => s == Anonymous ? Challenge : s.Role is Role.Admin or Role.Gateway && s != OtherPartner ? 200 : 403,
        ["GET /api/v1/imports"] = s => s == Anonymous ? Challenge : s.Role is Role.Admin or Role.Gateway && s != OtherPartner ? 200 : 403,
        ["POST /api/v1/imports/{id:long}/revert"] = s => s == Anonymous ? Challenge : s.Role is Role.Admin or Role.Gateway && s != OtherPartner ? 404 : 403,
        ["GET account/login"] = _ => 200,
        // The error page answers anyone with the status it shows.
        ["GET error/{status:int?}"] = _ => 404,
        ["GET account/logout"] = s => s == Anonymous ? Challenge : 302,
        ["GET account/denied"] = s => s == Anonymous ? Challenge : 403,
        ["GET account/profile"] = s => s == Anonymous ? Challenge : 200,
    };

    [Fact]
    public async Task EveryEndpoint_EveryRoleAnonymousAndAnotherPartner_GetsTheExpectedAnswer()
    {
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => Methods(e).Select(m => $"{m} {e.RoutePattern.RawText?.TrimStart('/')}"))
            .Select(k => k.StartsWith("GET api", StringComparison.Ordinal) || k.Contains(" api/", StringComparison.Ordinal) || k.Contains(" openapi", StringComparison.Ordinal) || k.Contains(" culture", StringComparison.Ordinal)
                ? k.Replace(" ", " /", StringComparison.Ordinal)
                : k)
            .Distinct()
            .Order()
            .ToArray();
        var target = await AssignedTenantAsync();
        var failures = new List<string>();

        Assert.Contains("GET tenants/{id:long}", endpoints);
        Assert.Contains("PUT /api/v1/tenants/{id:long}/entitlements/{workload}", endpoints);
        var checkedCalls = 0;
        foreach (var endpoint in endpoints)
        {
            if (endpoint.StartsWith("POST ", StringComparison.Ordinal) && !endpoint.Contains("/api/", StringComparison.Ordinal))
            {
                continue; // page form posts: checked below for CSRF, their GET checks the rights
            }

            if (!Expected.TryGetValue(endpoint, out var expect))
            {
                failures.Add($"{endpoint}: no expectation in this test; add one");
                continue;
            }

            foreach (var subject in Subjects())
            {
                var status = await CallAsync(endpoint, subject, target);
                checkedCalls++;
                var wanted = expect(subject);
                if (wanted == Challenge ? !IsChallenge(endpoint, status) : (int)status.StatusCode != wanted)
                {
                    failures.Add($"{endpoint} as {subject.Name}: {(int)status.StatusCode} {status.Headers.Location}, expected {(wanted == Challenge ? "a challenge" : wanted)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedCalls >= Expected.Count * Subjects().Count(), $"only {checkedCalls} calls for {endpoints.Length} endpoints: {string.Join(", ", endpoints)}");
    }

    [Fact]
    public async Task PageFormPosts_WithoutAntiforgeryToken_AreRejected()
    {
        var target = await AssignedTenantAsync();
        using var client = server.NewClient();
        string[] forms = [$"/tenants/{target.Id}/entitlements/{target.Workload}/edit", $"/tenants/{target.Id}/bulk", $"/tenants/{target.Id}?handler=Note", "/tenants?handler=SaveView", "/tenants/views?handler=Delete", "/account/logout", "/account/profile?handler=Create", "/account/login", "/imports"];

        using var admin = server.NewClient(user: HeadwayServer.Admin);
        foreach (var form in forms)
        {
            // Only roles that may import get as far as the import form's token check; a manager is refused before.
            var response = await (form == "/imports" ? admin : client).PostAsync(form, new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.L1"] = "NoIntent", ["TokenName"] = "x", ["Email"] = "a@b.c" }));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{form}: {(int)response.StatusCode}");
        }
    }

    private sealed record Target(long Id, string Workload, JsonElement Entitlement, long SummaryId);

    private async Task<Target> AssignedTenantAsync()
    {
        using var client = server.NewClient();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200");
        var id = list.GetProperty("items").EnumerateArray()
            .First(t => t.GetProperty("manager").GetString() == HeadwayServer.Manager && !t.GetProperty("duplicate").GetBoolean())
            .GetProperty("id").GetInt64();
        var tenant = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}");
        var e = tenant.GetProperty("entitlements")[0];
        var written = await client.PostAsJsonAsync($"/api/v1/tenants/{id}/summaries", new
        {
            customerDescription = "Retailer with 400 stores.",
            engagementStatus = "Reactive",
            deploymentProgress = "NotDeployed",
        });
        written.EnsureSuccessStatusCode();
        var summary = await written.Content.ReadFromJsonAsync<JsonElement>();
        return new Target(id, e.GetProperty("workload").GetString()!, e, summary.GetProperty("id").GetInt64());
    }

    private async Task<HttpResponseMessage> CallAsync(string endpoint, Subject subject, Target target)
    {
        var space = endpoint.IndexOf(' ', StringComparison.Ordinal);
        var method = new HttpMethod(endpoint[..space]);
        var route = endpoint[(space + 1)..].TrimStart('/');
        var id = route.StartsWith("api/v1/summaries/", StringComparison.Ordinal) || route.StartsWith("summaries/", StringComparison.Ordinal) ? target.SummaryId : target.Id;
        var path = "/" + route
            .Replace("{id:long}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{workload}", target.Workload, StringComparison.Ordinal)
            .Replace("{lang}", "de", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{tag}", "covid", StringComparison.Ordinal)
            .Replace("{name}", "blockers", StringComparison.Ordinal)
            .Replace("{dataset}", "tenants", StringComparison.Ordinal)
            .Replace("{status:int?}", "404", StringComparison.Ordinal);
        Assert.DoesNotContain("{", path, StringComparison.Ordinal);
        using var client = server.NewClient(user: subject.Email);
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Put)
        {
            // Re-read: earlier subjects may have saved this entitlement (a no-op keeps its version).
            using var reader = server.NewClient();
            var current = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{target.Id}/entitlements/{target.Workload}");
            request.Content = new StringContent(current.GetRawText(), System.Text.Encoding.UTF8, "application/json");
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{current.GetProperty("version").GetInt32()}\"");
        }
        else if (method == HttpMethod.Patch)
        {
            using var reader = server.NewClient();
            var current = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{target.Id}/entitlements/{target.Workload}");
            request.Content = JsonContent.Create(new
            {
                targets = new[] { new { workload = target.Workload, version = current.GetProperty("version").GetInt32() } },
                changes = new { nextActionOwner = current.GetProperty("nextActionOwner").GetString() },
            });
        }
        else if (route == "api/v1/imports")
        {
            request.Content = new StringContent("not,an,import\n1,2,3\n", System.Text.Encoding.UTF8, "text/csv");
        }
        else if (method == HttpMethod.Post && !route.EndsWith("/revert", StringComparison.Ordinal))
        {
            request.Content = JsonContent.Create(new { reason = "", text = "Customer unresponsive." });
        }

        return await client.SendAsync(request);
    }

    private static bool IsChallenge(string endpoint, HttpResponseMessage response) =>
        endpoint.Contains("/api/", StringComparison.Ordinal)
            ? response.StatusCode == HttpStatusCode.Unauthorized
            : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.Ordinal);

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["GET", "POST"];
}

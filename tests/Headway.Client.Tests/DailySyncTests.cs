using Headway.Client.Models;
using Headway.Testing;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Headway.Client.Tests;

/// <summary>
/// A partner's daily sync written against the client Kiota generates from the committed OpenAPI document: the licensing
/// system pushes its tenants and entitlements, the integration reads what changed since its last cursor, updates statuses
/// with If-Match and recovers from a 412 when someone changed the entitlement in between. Typed all the way: a document
/// that misdescribes a body, a parameter or an answer breaks the build or one of these steps.
/// </summary>
public class DailySyncTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private const string PartnerAdmin = "admin@kestrel.example", PartnerManager = "manager@kestrel.example";

    [Fact]
    public async Task APartnersDailySync_RegistersReadsChangesAndUpdatesThroughTheGeneratedClient()
    {
        using var feedHttp = server.NewClient(user: PartnerAdmin);
        using var statusHttp = server.NewClient(user: PartnerManager);
        var feed = Client(feedHttp);
        var statuses = Client(statusHttp);

        // Yesterday's run ended here.
        var cursor = (await ReadSinceAsync(feed, null)).Cursor;

        // The licensing system's tenants of the day: registered once, however often they are pushed.
        var run = Guid.NewGuid().ToString("N")[..8];
        var ids = new Dictionary<string, long>();
        foreach (var n in Enumerable.Range(1, 3))
        {
            var externalId = $"lic-{run}-{n}";
            var body = new TenantRegistrationBody
            {
                Name = $"Daily Sync {run} {n}",
                Country = "DE",
                Seats = 100 * n,
                Priority = Priority.High,
                Manager = PartnerManager,
                Workloads = ["EXO"],
            };
            var tenant = await feed.Api.V1.ExternalTenants[externalId].PutAsync(body);
            var again = await feed.Api.V1.ExternalTenants[externalId].PutAsync(body);
            Assert.Equal(tenant!.Id, again!.Id);
            Assert.Equal(externalId, again.ExternalId);
            var teams = await feed.Api.V1.ExternalTenants[externalId].Entitlements["TEAMS"].PutAsync();
            Assert.Equal(("TEAMS", "StatusUnknown"), (teams!.Workload, teams.L1));
            ids[externalId] = tenant.Id!.Value;
        }

        // What changed since the cursor: the three tenants and their six entitlements, each once.
        var (changes, next) = await ReadSinceAsync(feed, cursor);
        var ours = changes.Where(c => c.TenantId is { } t && ids.ContainsValue(t)).ToList();
        Assert.Equal(3, ours.Count(c => c.Type == "tenant.created"));
        Assert.Equal(6, ours.Count(c => c.Type == "entitlement.created"));
        Assert.Equal(ours.Count, ours.Select(c => c.Id).Distinct().Count());
        cursor = next;

        // The status of each EXO entitlement moves on, with the version read.
        var target = ids.Values.First();
        var exo = (await statuses.Api.V1.Tenants[target].Entitlements["EXO"].GetAsync())!;
        var update = new EntitlementBody
        {
            L1 = "InProgress",
            L2 = "Migration",
            Note = "Mailbox migration of the first 120 users started; cut-over planned for the end of the month.",
            TargetDate = new Date(DateTime.UtcNow.AddDays(60)),
        };
        var changed = await statuses.Api.V1.Tenants[target].Entitlements["EXO"].PutAsync(update, c => c.Headers.Add("If-Match", $"\"{exo.Version}\""));
        Assert.Equal(("InProgress", exo.Version + 1), (changed!.L1, changed.Version));

        // Someone else changed it meanwhile: the stale version is 412 with the current one, and the retry with it lands.
        var stale = await Assert.ThrowsAsync<ProblemDetails>(() =>
            statuses.Api.V1.Tenants[target].Entitlements["EXO"].PutAsync(update, c => c.Headers.Add("If-Match", $"\"{exo.Version}\"")));
        Assert.Equal((412, "VersionMismatch", changed.Version), (stale.ResponseStatusCode, stale.Code, stale.CurrentVersion));
        update.Note = "Mailbox migration of the first 120 users started; cut-over moved to mid-month at the customer's request.";
        var retried = await statuses.Api.V1.Tenants[target].Entitlements["EXO"].PutAsync(update, c => c.Headers.Add("If-Match", $"\"{stale.CurrentVersion}\""));
        Assert.Equal(changed.Version + 1, retried!.Version);

        // Tomorrow's run reads exactly these two changes of the tenant, with the state after each.
        (changes, _) = await ReadSinceAsync(feed, cursor);
        var moved = changes.Where(c => c.TenantId == target).ToList();
        Assert.Equal(["entitlement.changed", "entitlement.changed"], moved.Select(c => c.Type!).ToArray());
        Assert.Equal(update.Note, moved[^1].Entitlement!.Note);
        Assert.Equal("InProgress", moved[^1].Entitlement!.L1);

        // A refusal arrives typed too, with its code.
        var refused = await Assert.ThrowsAsync<ProblemDetails>(() => feed.Api.V1.ExternalTenants["has spaces"].PutAsync(new TenantRegistrationBody { Name = "x", Country = "DE" }));
        Assert.Equal((400, "InvalidExternalId"), (refused.ResponseStatusCode, refused.Code));
    }

    private HeadwayClient Client(HttpClient http) =>
        new(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = server.BaseAddress.ToString().TrimEnd('/') });

    /// <summary>Every change after the cursor, page by page, and the cursor to start from next time.</summary>
    private static async Task<(List<Change> Changes, string? Cursor)> ReadSinceAsync(HeadwayClient client, string? cursor)
    {
        var changes = new List<Change>();
        while (true)
        {
            var page = await client.Api.V1.Changes.GetAsync(c =>
            {
                c.QueryParameters.Cursor = cursor;
                c.QueryParameters.Limit = 200;
            });
            changes.AddRange(page!.Items ?? []);
            cursor = page.Cursor;
            if (page.HasMore != true)
            {
                return (changes, cursor);
            }
        }
    }
}

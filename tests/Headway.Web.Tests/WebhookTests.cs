using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Application.Webhooks;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>
/// Webhooks delivered to a real HTTP listener on loopback: signed, retried until the receiver recovers and then not again,
/// delivered after a restart when the portal stopped between the change and the delivery, and once with two nodes.
/// </summary>
public class WebhookTests
{
    private const string PartnerAdmin = "admin@kestrel.example", PartnerManager = "manager@kestrel.example";

    /// <summary>Fast enough for a test: a pass every 100 ms, retries after 200 ms doubling to a second.</summary>
    private static Dictionary<string, string> Fast(bool enabled = true) => new()
    {
        ["Webhooks:Enabled"] = enabled ? "true" : "false",
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:RetryBase"] = "00:00:00.200",
        ["Webhooks:MaxBackoff"] = "00:00:01",
    };

    [Fact]
    public async Task EventsArriveSigned_AFailingReceiverGetsTheEventOnceMoreAfterRecovering_AndAnotherPartnersChangesNever()
    {
        await using var receiver = Receiver.Start(failFirst: 3);
        await using var server = new HeadwayServer { DemoTenants = 12, Settings = Fast() };
        await server.InitializeAsync();
        using var admin = server.NewClient(user: PartnerAdmin);

        var created = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, types = new[] { "entitlement.changed" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var webhook = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = webhook.GetProperty("secret").GetString()!;
        var (tenant, workload) = await ChangeSomethingAsync(server.NewClient(user: PartnerManager), "Licences move to the new parent company in April.");
        await ChangeSomethingAsync(server.NewClient(user: HeadwayServer.Manager), "The ministry keeps mail on premises until the audit.");

        var arrived = await receiver.WaitAsync(r => r.Status == 200, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2)); // Several more passes: nothing is posted again.

        var requests = receiver.Requests.ToList();
        Assert.Equal(4, requests.Count);
        Assert.Equal([500, 500, 500, 200], requests.Select(r => r.Status));
        Assert.All(requests, r => Assert.True(WebhookSignature.Verify(secret, r.Signature, r.Body), "signature"));
        Assert.False(WebhookSignature.Verify(secret + "x", arrived.Signature, arrived.Body));
        Assert.Single(requests.Select(r => r.EventId).Distinct());
        var body = JsonDocument.Parse(arrived.Body).RootElement;
        Assert.Equal(("entitlement.changed", tenant, workload), (body.GetProperty("type").GetString(), body.GetProperty("tenantId").GetInt64(), body.GetProperty("workload").GetString()));
        Assert.Equal(arrived.EventId, body.GetProperty("id").GetString());
        Assert.Equal("entitlement.changed", arrived.EventType);

        var deliveries = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{webhook.GetProperty("id").GetInt64()}/deliveries");
        var delivery = Assert.Single(deliveries.GetProperty("items").EnumerateArray());
        Assert.Equal(("Delivered", 4, 200), (delivery.GetProperty("state").GetString(), delivery.GetProperty("attempts").GetInt32(), delivery.GetProperty("lastStatus").GetInt32()));
        Assert.Equal("ok", delivery.GetProperty("lastResponse").GetString());
        var listed = Assert.Single((await admin.GetFromJsonAsync<JsonElement>("/api/v1/webhooks")).EnumerateArray());
        Assert.Equal((1, 0), (listed.GetProperty("delivered").GetInt32(), listed.GetProperty("pending").GetInt32()));
        Assert.False(listed.TryGetProperty("secret", out _));
        var one = await admin.GetFromJsonAsync<JsonElement>(created.Headers.Location);
        Assert.Equal((webhook.GetProperty("id").GetInt64(), 1), (one.GetProperty("id").GetInt64(), one.GetProperty("delivered").GetInt32()));
    }

    [Fact]
    public async Task BadSubscriptionsAreLocalizedProblems_AndOnlyAdministratorsAndReadingIntegrationsSubscribe()
    {
        await using var server = new HeadwayServer { DemoTenants = 4, Settings = Fast(enabled: false) };
        await server.InitializeAsync();
        using var admin = server.NewClient("de", PartnerAdmin);

        var type = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://crm.example/hooks", types = new[] { "entitlement.edited" } });
        var url = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "ftp://crm.example/hooks" });
        var manager = await server.NewClient(user: PartnerManager).PostAsJsonAsync("/api/v1/webhooks", new { url = "https://crm.example/hooks" });
        var other = await server.NewClient(user: "admin@centre.example").GetAsync("/api/v1/webhooks/1/deliveries");

        Assert.Equal(HttpStatusCode.BadRequest, type.StatusCode);
        var problem = await type.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("UnknownEventType", problem.GetProperty("code").GetString());
        Assert.Contains("„entitlement.edited“ ist keine Art von Änderung", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("WebhookUrlInvalid", (await url.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, manager.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/v1/webhooks")).EnumerateArray());
    }

    [Fact]
    public async Task APortalStoppedBetweenTheChangeAndTheDeliveryDeliversAfterItStartsAgain()
    {
        await using var receiver = Receiver.Start();
        await using var database = await TestDatabase.CreateAsync();
        string eventTenant;
        await using (var before = new HeadwayServer { SharedDatabase = database, DemoTenants = 8, Settings = Fast(enabled: false) })
        {
            await before.InitializeAsync();
            var created = await before.NewClient(user: PartnerAdmin).PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            eventTenant = (await ChangeSomethingAsync(before.NewClient(user: PartnerManager), "Rollout paused until the works council agrees.")).Tenant
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Empty(receiver.Requests);
        await using var after = new HeadwayServer { SharedDatabase = database, DemoTenants = 8, Settings = Fast() };
        await after.InitializeAsync();

        var arrived = await receiver.WaitAsync(r => r.Status == 200, TimeSpan.FromSeconds(30));
        Assert.Equal(eventTenant, JsonDocument.Parse(arrived.Body).RootElement.GetProperty("tenantId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task TwoNodesDeliverEachEventOnce()
    {
        await using var receiver = Receiver.Start();
        await using var database = await TestDatabase.CreateAsync();
        await using var a = new HeadwayServer { SharedDatabase = database, DemoTenants = 12, Settings = new Dictionary<string, string>(Fast()) { ["Webhooks:Node"] = "node-a" } };
        await a.InitializeAsync();
        await using var b = new HeadwayServer { SharedDatabase = database, DemoTenants = 12, Settings = new Dictionary<string, string>(Fast()) { ["Webhooks:Node"] = "node-b" } };
        await b.InitializeAsync();
        Assert.Equal(HttpStatusCode.Created, (await a.NewClient(user: PartnerAdmin).PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url })).StatusCode);

        // Edits through both nodes, while both nodes' jobs run.
        var targets = await EditableAsync(a.NewClient(user: PartnerManager));
        var edits = targets.Take(16).Select((t, i) => ChangeAsync((i % 2 == 0 ? a : b).NewClient(user: PartnerManager), t.Tenant, t.Workload,
            $"Wave {i} of the mailbox move is done; the next wave starts after the holidays.")).ToList();
        await Task.WhenAll(edits);

        await receiver.WaitAsync(_ => receiver.Requests.Count >= 16, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var ids = receiver.Requests.Select(r => r.EventId).ToList();
        Assert.Equal(16, ids.Count);
        Assert.Equal(16, ids.Distinct().Count());
    }

    private static async Task<(long Tenant, string Workload)> ChangeSomethingAsync(HttpClient client, string note)
    {
        var (tenant, workload) = (await EditableAsync(client, mine: true))[0];
        await ChangeAsync(client, tenant, workload, note);
        return (tenant, workload);
    }

    /// <summary>The entitlements in the caller's scope (or of the tenants assigned to them) that a status change can reach.</summary>
    private static async Task<List<(long Tenant, string Workload)>> EditableAsync(HttpClient client, bool mine = false)
    {
        var list = new List<(long, string)>();
        foreach (var t in (await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200")).GetProperty("items").EnumerateArray())
        {
            var id = t.GetProperty("id").GetInt64();
            var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}");
            if (mine && detail.GetProperty("manager").GetString() != (await client.GetFromJsonAsync<JsonElement>("/api/v1/profile")).GetProperty("email").GetString())
            {
                continue;
            }

            list.AddRange(detail.GetProperty("entitlements").EnumerateArray()
                .Where(e => e.GetProperty("l1").GetString() != "DuplicateInvalid").Select(e => (id, e.GetProperty("workload").GetString()!)));
        }

        return list;
    }

    private static Task ChangeAsync(HttpClient client, long tenant, string workload, string note) =>
        ApiCalls.ChangeAsync(client, tenant, workload, new { l1 = "NoIntent", l2 = "ExecutiveSponsorship", note });

    /// <summary>A webhook receiver on a loopback port: records every request, and answers 500 to the first few of each event.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        public sealed record Request(string EventId, string EventType, string Signature, string Body, int Status);

        private readonly ConcurrentDictionary<string, int> _seen = new();
        private readonly LoopbackListener _listener;

        private Receiver(int failFirst) => _listener = new LoopbackListener(async context =>
        {
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var id = context.Request.Headers["Headway-Event-Id"] ?? "";
            var status = _seen.AddOrUpdate(id, 1, (_, n) => n + 1) <= failFirst ? 500 : 200;
            Requests.Enqueue(new Request(id, context.Request.Headers["Headway-Event-Type"] ?? "", context.Request.Headers[WebhookSignature.Header] ?? "", body, status));
            context.Response.StatusCode = status;
            await using var writer = new StreamWriter(context.Response.OutputStream);
            await writer.WriteAsync(status == 200 ? "ok" : "try later");
        });

        public string Url => _listener.Address + "/hooks/";

        public ConcurrentQueue<Request> Requests { get; } = new();

        public static Receiver Start(int failFirst = 0) => new(failFirst);

        public async Task<Request> WaitAsync(Func<Request, bool> match, TimeSpan timeout)
        {
            var until = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < until)
            {
                if (Requests.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                await Task.Delay(50);
            }

            throw new TimeoutException($"No matching delivery within {timeout}; {Requests.Count} requests arrived.");
        }

        public ValueTask DisposeAsync() => _listener.DisposeAsync();
    }
}

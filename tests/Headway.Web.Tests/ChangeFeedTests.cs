using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>
/// The change feed as an integration reads it: from the start, page by page, while others write. Applying what it
/// reads reproduces the partner's entitlements, tenants, notes and summaries exactly, and nothing of another partner's.
/// </summary>
public class ChangeFeedTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private const string PartnerAdmin = "admin@kestrel.example", PartnerManager = "manager@kestrel.example", Reader = "leadership@kestrel.example";

    [Fact]
    public async Task AClientThatAppliesTheFeedHasThePartnersStateExactly_AndNothingOfAnotherPartner()
    {
        using var admin = server.NewClient(user: PartnerAdmin);
        using var manager = server.NewClient(user: PartnerManager);
        using var reader = server.NewClient(user: Reader);
        using var gateway = server.NewClient(user: "gateway@centre.example");
        var replica = new Replica();

        // What was there before, then the writes of a working day.
        var cursor = await replica.ReadToEndAsync(reader, null, limit: 50);
        var tenant = await CreatedIdAsync(await admin.PostAsJsonAsync("/api/v1/tenants", new
        {
            name = "Feed Test " + Guid.NewGuid().ToString("N")[..8],
            country = "DE",
            seats = 300,
            manager = PartnerManager,
            workloads = new[] { "EXO", "SPO" },
        }));
        var centreTenant = await CreatedIdAsync(await gateway.PostAsJsonAsync("/api/v1/tenants", new
        {
            name = "Centre Only " + Guid.NewGuid().ToString("N")[..8],
            country = "FR",
            manager = HeadwayServer.Manager,
            workloads = new[] { "EXO" },
        }));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/entitlements", new { workloads = new[] { "TEAMS" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/v1/tenants/{tenant}", new { seats = 420, brandName = "Feed" })).StatusCode);
        await ApiCalls.ChangeAsync(manager, tenant, "EXO", new
        {
            l1 = "Blocked",
            l2 = "ItChangeManagementResourcing",
            note = "The customer's only administrator left; the new one starts in March.",
            projectedUnblockDate = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd"),
        });
        await ApiCalls.ChangeAsync(manager, tenant, "SPO", new { l1 = "NoIntent", l2 = "UsingCompetitiveSolution", note = "Documents stay on the file servers of their parent company." });
        var kept = await CreatedIdAsync(await manager.PostAsJsonAsync($"/api/v1/tenants/{tenant}/notes", new { type = "EngagementManagement", text = "Kick-off held with the CIO; pilot of EXO agreed for May." }));
        var deleted = await CreatedIdAsync(await manager.PostAsJsonAsync($"/api/v1/tenants/{tenant}/notes", new { type = "EngagementManagement", text = "Workshop moved to next week at the customer's request." }));
        var note = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/notes");
        var keptVersion = note.GetProperty("items").EnumerateArray().First(n => n.GetProperty("id").GetInt64() == kept).GetProperty("version").GetInt32();
        var deletedVersion = note.GetProperty("items").EnumerateArray().First(n => n.GetProperty("id").GetInt64() == deleted).GetProperty("version").GetInt32();
        using (var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/notes/{kept}")
        {
            Content = JsonContent.Create(new { type = "EngagementManagement", text = "Kick-off held with the CIO; pilot of EXO agreed for June." }),
        })
        {
            edit.Headers.TryAddWithoutValidation("If-Match", $"\"{keptVersion}\"");
            Assert.Equal(HttpStatusCode.OK, (await manager.SendAsync(edit)).StatusCode);
        }

        using (var remove = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/notes/{deleted}"))
        {
            remove.Headers.TryAddWithoutValidation("If-Match", $"\"{deletedVersion}\"");
            Assert.Equal(HttpStatusCode.NoContent, (await manager.SendAsync(remove)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync($"/api/v1/tenants/{tenant}/summaries",
            new { customerDescription = "Machine builder with 300 seats in Bavaria.", engagementStatus = "Reactive", deploymentProgress = "NotDeployed" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsJsonAsync($"/api/v1/tenants/{tenant}/duplicate", new { reason = "Registered twice by mistake." })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/v1/tenants/{tenant}/duplicate")).StatusCode);
        await ApiCalls.ChangeAsync(server.NewClient(), centreTenant, "EXO", new { l1 = "NoIntent", l2 = "UsingCompetitiveSolution", note = "Mail stays on premises for the ministry." });

        // Read on while twenty more edits land, in pages of three: none is missed, none read twice.
        var targets = new List<(long Tenant, string Workload)>();
        foreach (var id in await TenantIdsAsync(reader))
        {
            targets.AddRange((await reader.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}")).GetProperty("entitlements").EnumerateArray()
                .Where(e => e.GetProperty("l1").GetString() != "DuplicateInvalid").Select(e => (id, e.GetProperty("workload").GetString()!)));
        }

        Assert.True(targets.Count >= 20, $"{targets.Count} entitlements to edit");
        var edits = targets.Take(20).Select((t, i) => ApiCalls.ChangeAsync(server.NewClient(user: PartnerManager), t.Tenant, t.Workload, new
        {
            l1 = "InProgress",
            l2 = "Migration",
            note = $"Pilot group {i} of 40 users is migrated; the rest follow by the end of the quarter.",
            targetDate = DateTime.UtcNow.AddDays(30 + i).ToString("yyyy-MM-dd"),
        })).ToList();
        while (!edits.All(e => e.IsCompleted))
        {
            cursor = await replica.ReadToEndAsync(reader, cursor, limit: 3);
        }

        await Task.WhenAll(edits);
        await replica.ReadToEndAsync(reader, cursor, limit: 3);

        // The replica equals the partner's state now, entitlement by entitlement, and holds no other partner's tenant.
        var tenantsInScope = await TenantIdsAsync(reader);
        Assert.DoesNotContain(centreTenant, replica.Tenants);
        Assert.All(replica.Tenants, t => Assert.Contains(t, tenantsInScope));
        var expected = new Dictionary<(long, string), string>();
        foreach (var id in tenantsInScope)
        {
            var detail = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}");
            foreach (var e in detail.GetProperty("entitlements").EnumerateArray())
            {
                expected[(id, e.GetProperty("workload").GetString()!)] = Replica.State(e);
            }
        }

        Assert.Equal(expected.OrderBy(p => p.Key).ToList(), replica.Entitlements.OrderBy(p => p.Key).ToList());

        var current = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}");
        var fields = replica.TenantFields[tenant];
        Assert.Equal((current.GetProperty("name").GetString(), "420", "Feed", "False"), (fields["Name"], fields["Seats"], fields["BrandName"], fields["IsDuplicate"]));
        var notes = (await reader.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/notes")).GetProperty("items").EnumerateArray()
            .ToDictionary(n => n.GetProperty("id").GetInt64(), n => n.GetProperty("text").GetString());
        Assert.Equal(notes, replica.Notes.Where(n => n.Value.Tenant == tenant).ToDictionary(n => n.Key, n => (string?)n.Value.Text));
        var summaries = (await reader.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/summaries")).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt64());
        Assert.Equal(summaries.Order(), replica.Summaries.Where(s => s.Value == tenant).Select(s => s.Key).Order());
        Assert.Equal(replica.Ids.Count, replica.Ids.Distinct().Count());
    }

    [Fact]
    public async Task AnImportedTenantIsCreatedInTheFeed_ItsRevertDeletesIt_AndLaterChangesAreStillRead()
    {
        using var admin = server.NewClient(user: PartnerAdmin);
        using var reader = server.NewClient(user: Reader);
        var replica = new Replica();
        var cursor = await replica.ReadToEndAsync(reader, null, limit: 200);
        var name = "Imported " + Guid.NewGuid().ToString("N")[..8];
        using var csv = new StringContent($"tenant,country,seats,workload\r\n{name},AT,75,EXO\r\n{name},AT,75,SPO\r\n", System.Text.Encoding.UTF8, "text/csv");

        var imported = await admin.PostAsync("/api/v1/imports?fileName=feed.csv&dryRun=false", csv);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var importId = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("importId").GetInt64();
        var afterImport = await replica.ReadToEndAsync(reader, cursor, limit: 200);
        var tenant = Assert.Single(replica.TenantFields, t => t.Value.GetValueOrDefault("Name") == name).Key;
        Assert.Equal(["EXO", "SPO"], replica.Entitlements.Keys.Where(k => k.Tenant == tenant).Select(k => k.Workload).Order());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/imports/{importId}/revert", null)).StatusCode);
        cursor = await replica.ReadToEndAsync(reader, afterImport, limit: 200);
        Assert.DoesNotContain(tenant, replica.Tenants);
        Assert.DoesNotContain(replica.Entitlements.Keys, k => k.Tenant == tenant);

        // The revert removed the newest history rows; the next change still gets an id the cursor has not passed.
        var (other, workload) = replica.Entitlements.First(e => !e.Value.StartsWith("DuplicateInvalid|", StringComparison.Ordinal)).Key;
        var note = "Licences reassigned after the merger; the new entity decides on " + Guid.NewGuid().ToString("N")[..6] + ".";
        await ApiCalls.ChangeAsync(server.NewClient(user: PartnerManager), other, workload, new { l1 = "NoIntent", l2 = "ExecutiveSponsorship", note });
        await replica.ReadToEndAsync(reader, cursor, limit: 200);
        Assert.Contains(note, replica.Entitlements[(other, workload)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadCursorAMisspeltParameterAndAnOutOfRangeLimitAreLocalizedProblems()
    {
        using var client = server.NewClient("de", Reader);

        var cursor = await client.GetAsync("/api/v1/changes?cursor=not-a-cursor");
        var misspelt = await client.GetAsync("/api/v1/changes?cursr=abc");
        var limit = await client.GetAsync("/api/v1/changes?limit=0");
        var analyst = await server.NewClient(user: "product-analyst@kestrel.example").GetAsync("/api/v1/changes");

        var (status, code, detail) = await ApiCalls.ProblemAsync(cursor);
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidCursor"), (status, code));
        (status, code, detail) = await ApiCalls.ProblemAsync(misspelt);
        Assert.Equal((HttpStatusCode.BadRequest, "UnknownParameter"), (status, code));
        Assert.Contains("„cursr“", detail, StringComparison.Ordinal);
        (status, code, detail) = await ApiCalls.ProblemAsync(limit);
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidLimit"), (status, code));
        Assert.Contains("ganze Zahl von 1 bis 1000", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
    }
    private static async Task<long> CreatedIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.TryGetProperty("note", out var note) ? note : created).GetProperty("id").GetInt64();
    }

    private static async Task<List<long>> TenantIdsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200")).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64())];
    /// <summary>What an integration keeps: built from the feed alone.</summary>
    private sealed class Replica
    {
        public Dictionary<(long Tenant, string Workload), string> Entitlements { get; } = [];

        public HashSet<long> Tenants { get; } = [];

        public Dictionary<long, Dictionary<string, string?>> TenantFields { get; } = [];

        public Dictionary<long, (long Tenant, string? Text)> Notes { get; } = [];

        public Dictionary<long, long> Summaries { get; } = [];

        public List<string> Ids { get; } = [];

        public static string State(JsonElement e) => string.Join("|", new[] { "l1", "l2", "l3", "note", "targetDate", "projectedUnblockDate", "noteGrade" }
            .Select(p => e.TryGetProperty(p, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : ""));

        public async Task<string> ReadToEndAsync(HttpClient client, string? cursor, int limit)
        {
            var next = cursor is null ? $"/api/v1/changes?limit={limit}" : $"/api/v1/changes?cursor={Uri.EscapeDataString(cursor)}&limit={limit}";
            while (true)
            {
                var page = await client.GetFromJsonAsync<JsonElement>(next);
                foreach (var change in page.GetProperty("items").EnumerateArray())
                {
                    Apply(change);
                }

                next = page.GetProperty("next").GetString()!;
                if (!page.GetProperty("hasMore").GetBoolean())
                {
                    return page.GetProperty("cursor").GetString()!;
                }
            }
        }

        private void Apply(JsonElement change)
        {
            Ids.Add(change.GetProperty("id").GetString()!);
            var type = change.GetProperty("type").GetString()!;
            var tenant = change.GetProperty("tenantId").GetInt64();
            var after = change.GetProperty("changes").EnumerateArray()
                .ToDictionary(c => c.GetProperty("field").GetString()!, c => c.GetProperty("after").ValueKind == JsonValueKind.Null ? null : c.GetProperty("after").GetString());
            switch (type.Split('.')[0])
            {
                case "entitlement" when type == "entitlement.deleted":
                    Entitlements.Remove((tenant, change.GetProperty("workload").GetString()!));
                    break;
                case "entitlement":
                    Tenants.Add(tenant);
                    Entitlements[(tenant, change.GetProperty("workload").GetString()!)] = State(change.GetProperty("entitlement"));
                    break;
                case "tenant" when type == "tenant.deleted":
                    // Its entitlements, notes and summaries go with it.
                    Tenants.Remove(tenant);
                    TenantFields.Remove(tenant);
                    foreach (var key in Entitlements.Keys.Where(k => k.Tenant == tenant).ToList())
                    {
                        Entitlements.Remove(key);
                    }

                    break;
                case "tenant":
                    Tenants.Add(tenant);
                    var fields = TenantFields.TryGetValue(tenant, out var known) ? known : TenantFields[tenant] = [];
                    foreach (var (field, value) in after)
                    {
                        fields[field] = value;
                    }

                    break;
                case "note" when type == "note.deleted":
                    Notes.Remove(change.GetProperty("noteId").GetInt64());
                    break;
                case "note":
                    var id = change.GetProperty("noteId").GetInt64();
                    Notes[id] = (tenant, after.TryGetValue("Text", out var text) ? text : Notes.GetValueOrDefault(id).Text);
                    break;
                case "summary" when type == "summary.deleted":
                    Summaries.Remove(change.GetProperty("summaryId").GetInt64());
                    break;
                case "summary":
                    Summaries[change.GetProperty("summaryId").GetInt64()] = tenant;
                    break;
                default:
                    throw new InvalidOperationException("Unknown change type " + type);
            }
        }
    }
}

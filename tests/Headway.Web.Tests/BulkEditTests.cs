using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>The bulk edit page and its API: only what is filled in or ticked to clear changes.</summary>
public partial class BulkEditTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private static readonly string[] Kept = ["nextAction", "nextActionDate", "nextActionOwner", "businessReason", "engagementScenario", "targetDate"];

    [Fact]
    public async Task BulkPage_StatusAndNote_ReviewListsTheChangesThenSavesKeepingEveryOtherField()
    {
        using var client = server.NewClient();
        var (id, workloads) = await TenantWithNextActionsAsync(client, 0);
        var before = await EntitlementsAsync(client, id, workloads);
        var url = $"/tenants/{id}/bulk?lang=de";
        var form = await client.GetStringAsync($"{url}&w={workloads[0]}&w={workloads[1]}");
        var mine = new List<KeyValuePair<string, string>>
        {
            new("Form.L1", "NoIntent"),
            new("Form.L2", "UsingCompetitiveSolution"),
            new("Form.Note", "Der Kunde nutzt konzernweit die Suite eines Wettbewerbers; ein Wechsel ist nicht geplant."),
        };

        var review = await client.PostAsync(url, Fields(form, mine));
        var reviewed = await review.Content.ReadAsStringAsync();
        var unchanged = await EntitlementsAsync(client, id, workloads);
        var save = await client.PostAsync(url, Fields(reviewed, [.. mine, new("ConfirmSameNote", "true"), new("Confirmed", "true"),
            new("Reviewed", Reviewed().Match(reviewed).Groups[1].Value)]));
        var after = await EntitlementsAsync(client, id, workloads);

        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Contains("id=\"bulk-confirm\"", reviewed, StringComparison.Ordinal);
        Assert.Contains("wird bei 2 von 2 gesetzt", reviewed, StringComparison.Ordinal);
        Assert.Contains("id=\"same-note-warning\"", reviewed, StringComparison.Ordinal);
        Assert.Equal(before.Select(e => e.GetProperty("version").GetInt32()), unchanged.Select(e => e.GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        for (var i = 0; i < workloads.Length; i++)
        {
            Assert.Equal(("NoIntent", before[i].GetProperty("version").GetInt32() + 1), (after[i].GetProperty("l1").GetString(), after[i].GetProperty("version").GetInt32()));
            foreach (var field in Kept.Where(f => f != "targetDate"))
            {
                Assert.Equal(before[i].GetProperty(field).ToString(), after[i].GetProperty(field).ToString());
            }
        }
    }

    [Fact]
    public async Task BulkPage_FormChangedAfterReview_IsReviewedAgainNotSaved()
    {
        using var client = server.NewClient();
        var (id, workloads) = await TenantWithNextActionsAsync(client, 1);
        var before = await EntitlementsAsync(client, id, workloads);
        var url = $"/tenants/{id}/bulk";
        var form = await client.GetStringAsync($"{url}?w={workloads[0]}&w={workloads[1]}");
        var reviewed = await (await client.PostAsync(url, Fields(form, [new("Form.NextActionOwner", "lead@example")]))).Content.ReadAsStringAsync();

        var response = await client.PostAsync(url, Fields(reviewed, [new("Form.NextActionOwner", "someone-else@example"), new("Confirmed", "true"),
            new("Reviewed", Reviewed().Match(reviewed).Groups[1].Value)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"bulk-confirm\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before.Select(e => e.GetProperty("version").GetInt32()), (await EntitlementsAsync(client, id, workloads)).Select(e => e.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task BulkPage_ClearBoxTicked_ClearsThatFieldOnAllAndNothingElse()
    {
        using var client = server.NewClient();
        var (id, workloads) = await TenantWithNextActionsAsync(client, 2);
        var before = await EntitlementsAsync(client, id, workloads);
        var url = $"/tenants/{id}/bulk?lang=en";
        var form = await client.GetStringAsync($"{url}&w={workloads[0]}&w={workloads[1]}");
        var reviewed = await (await client.PostAsync(url, Fields(form, [new("Clear", "NextActionDate")]))).Content.ReadAsStringAsync();

        var save = await client.PostAsync(url, Fields(reviewed, [new("Clear", "NextActionDate"), new("Confirmed", "true"),
            new("Reviewed", Reviewed().Match(reviewed).Groups[1].Value)]));
        var after = await EntitlementsAsync(client, id, workloads);

        Assert.Contains("cleared on 2 of 2", reviewed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        for (var i = 0; i < workloads.Length; i++)
        {
            Assert.Equal(JsonValueKind.Null, after[i].GetProperty("nextActionDate").ValueKind);
            Assert.Equal((before[i].GetProperty("l1").GetString(), before[i].GetProperty("note").ToString(), before[i].GetProperty("nextAction").ToString()),
                (after[i].GetProperty("l1").GetString(), after[i].GetProperty("note").ToString(), after[i].GetProperty("nextAction").ToString()));
        }
    }

    [Fact]
    public async Task BulkApi_OnlyThePropertiesSent_ChangeAndNullClears()
    {
        using var client = server.NewClient();
        var (id, workloads) = await TenantWithNextActionsAsync(client, 3);
        var before = await EntitlementsAsync(client, id, workloads);
        var targets = before.Select(e => new { workload = e.GetProperty("workload").GetString(), version = e.GetProperty("version").GetInt32() }).ToArray();

        var dry = await client.PatchAsJsonAsync($"/api/v1/tenants/{id}/entitlements",
            new { targets, changes = new { nextActionOwner = "lead@example", nextActionDate = (string?)null }, dryRun = true });
        var dryBody = await dry.Content.ReadFromJsonAsync<JsonElement>();
        var unchanged = await EntitlementsAsync(client, id, workloads);
        var saved = await client.PatchAsJsonAsync($"/api/v1/tenants/{id}/entitlements",
            new { targets, changes = new { nextActionOwner = "lead@example", nextActionDate = (string?)null } });
        var after = await EntitlementsAsync(client, id, workloads);

        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        Assert.False(dryBody.GetProperty("saved").GetBoolean());
        Assert.Equal("""[{"field":"nextActionDate","set":0,"cleared":2},{"field":"nextActionOwner","set":2,"cleared":0}]""",
            dryBody.GetProperty("changes").GetRawText());
        Assert.Equal(before.Select(e => e.GetProperty("version").GetInt32()), unchanged.Select(e => e.GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        for (var i = 0; i < workloads.Length; i++)
        {
            Assert.Equal(("lead@example", JsonValueKind.Null), (after[i].GetProperty("nextActionOwner").GetString(), after[i].GetProperty("nextActionDate").ValueKind));
            foreach (var field in new[] { "l1", "l2", "note", "nextAction", "businessReason", "engagementScenario", "targetDate" })
            {
                Assert.Equal(before[i].GetProperty(field).ToString(), after[i].GetProperty(field).ToString());
            }
        }
    }

    [Theory]
    [InlineData("""{"targets":[],"changes":{"bogus":1}}""", "UnknownChoice")]
    [InlineData("""{"targets":[{"workload":"EXO","version":1}],"changes":{"l2":"Migration"}}""", "L1RequiredForL2")]
    [InlineData("""{"targets":[{"workload":"EXO","version":1}],"changes":{}}""", "NothingToChange")]
    [InlineData("""{"targets":[{"workload":"EXO","version":1}],"changes":{"nextActionDate":"31.12.2026"}}""", "MalformedRequest")]
    [InlineData("""{"targets":[{"workload":"EXO","version":1}],"changes":{"note":"a\u0000b"}}""", "ForbiddenCharacter")]
    public async Task BulkApi_BadBody_Is400WithItsCode(string body, string code)
    {
        using var client = server.NewClient();
        var (id, _) = await TenantWithNextActionsAsync(client, 4);

        var response = await client.PatchAsync($"/api/v1/tenants/{id}/entitlements", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    /// <summary>A tenant of the demo manager whose first two workloads get distinct next actions, dates, owners and scenarios.</summary>
    private static async Task<(long Id, string[] Workloads)> TenantWithNextActionsAsync(HttpClient client, int index)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200&sort=seats&desc=true");
        var id = page.GetProperty("items").EnumerateArray()
            .Where(t => !t.GetProperty("duplicate").GetBoolean() && t.GetProperty("entitlements").GetInt32() >= 3 &&
                t.GetProperty("manager").GetString() == HeadwayServer.Manager)
            .Select(t => t.GetProperty("id").GetInt64()).ElementAt(index);
        var tenant = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}");
        var workloads = tenant.GetProperty("entitlements").EnumerateArray().Take(2).Select(e => e.GetProperty("workload").GetString()!).ToArray();
        var scenarios = new[] { "CustomerLed", "PartnerLed" };
        for (var i = 0; i < workloads.Length; i++)
        {
            var e = tenant.GetProperty("entitlements")[i];
            var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{id}/entitlements/{workloads[i]}")
            {
                Content = JsonContent.Create(new
                {
                    l1 = "InProgress",
                    l2 = "TechnicalOnboardingDeployment",
                    note = $"Pilot wave {i + 1} is being deployed to the finance department.",
                    targetDate = DateTime.UtcNow.AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    nextAction = $"Wave {i + 1} review",
                    nextActionDate = DateTime.UtcNow.AddDays(10 + i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    nextActionOwner = $"owner{i}@example",
                    businessReason = $"Reason {i}",
                    engagementScenario = scenarios[i],
                }),
            };
            put.Headers.TryAddWithoutValidation("If-Match", $"\"{e.GetProperty("version").GetInt32()}\"");
            var response = await client.SendAsync(put);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return (id, workloads);
    }

    private static async Task<JsonElement[]> EntitlementsAsync(HttpClient client, long id, string[] workloads)
    {
        var result = new JsonElement[workloads.Length];
        for (var i = 0; i < workloads.Length; i++)
        {
            result[i] = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/entitlements/{workloads[i]}");
        }

        return result;
    }

    /// <summary>The page's hidden fields (antiforgery token, selected workloads and versions) plus the given values.</summary>
    private static FormUrlEncodedContent Fields(string html, IEnumerable<KeyValuePair<string, string>> values)
    {
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value)) };
        fields.AddRange(Target().Matches(html).Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, m.Groups[2].Value)));
        fields.AddRange(values);
        return new FormUrlEncodedContent(fields);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"(Targets\\[\\d+\\]\\.(?:Workload|Version))\" value=\"([^\"]*)\"")]
    private static partial Regex Target();

    [GeneratedRegex("name=\"Reviewed\" value=\"([^\"]*)\"")]
    private static partial Regex Reviewed();
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>Summary requests and notifications over HTTP: the API's shape and problems, the pages' forms, and the bell.</summary>
public class RemindersApiTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private const string Regional = "regional-manager@centre.example";
    private const string Leader = "leadership@centre.example";

    private static string Day(int fromToday) => DateTime.UtcNow.Date.AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The centre manager's tenants that are not duplicates and of which the demo asked no summary, in list order; each
    /// test takes its own by index.
    /// </summary>
    private async Task<long> TenantAsync(int index)
    {
        using var client = server.NewClient();
        var requests = await client.GetFromJsonAsync<JsonElement>("/api/v1/summary-requests?pageSize=200");
        var requested = requests.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("tenantId").GetInt64()).ToHashSet();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200");
        return list.GetProperty("items").EnumerateArray()
            .Where(t => t.GetProperty("manager").GetString() == HeadwayServer.Manager && !t.GetProperty("duplicate").GetBoolean())
            .Where(t => !requested.Contains(t.GetProperty("id").GetInt64()))
            .Select(t => t.GetProperty("id").GetInt64())
            .ElementAt(index);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    [Fact]
    public async Task RequestSummary_ByTheRegionalManager_NotifiesTheManagerAndIsFulfilledByTheirSummary()
    {
        var id = await TenantAsync(0);
        using var regional = server.NewClient("de-DE", Regional);
        using var manager = server.NewClient("de-DE");
        var unreadBefore = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("unread").GetInt32();

        var response = await regional.PostAsJsonAsync($"/api/v1/tenants/{id}/summary-requests", new { dueDate = Day(5), message = "Für das Quartalsgespräch am Freitag." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(
            [
                "id", "tenantId", "tenantName", "region", "requestedBy", "requestedOf", "requestedAt", "dueDate", "message", "state", "fulfilledAt", "summaryId",
            ],
            created.EnumerateObject().Select(p => p.Name));
        Assert.Equal((id, Regional, HeadwayServer.Manager, Day(5), "Open", JsonValueKind.Null), (created.GetProperty("tenantId").GetInt64(),
            created.GetProperty("requestedBy").GetString(), created.GetProperty("requestedOf").GetString(), created.GetProperty("dueDate").GetString(),
            created.GetProperty("state").GetString(), created.GetProperty("summaryId").ValueKind));
        Assert.Equal($"/api/v1/summary-requests/{created.GetProperty("id").GetInt64()}", response.Headers.Location?.OriginalString);
        var resolved = await regional.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        Assert.Equal((created.GetProperty("id").GetInt64(), "Open"), (resolved.GetProperty("id").GetInt64(), resolved.GetProperty("state").GetString()));

        var notifications = await manager.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true");
        Assert.Equal(unreadBefore + 1, notifications.GetProperty("unread").GetInt32());
        var notice = notifications.GetProperty("items").EnumerateArray().First(n => n.GetProperty("tenantId").GetInt64() == id);
        Assert.Equal(("SummaryRequested", Regional, $"/tenants/{id}/summaries/new", JsonValueKind.Null),
            (notice.GetProperty("kind").GetString(), notice.GetProperty("actor").GetString(), notice.GetProperty("link").GetString(), notice.GetProperty("readAt").ValueKind));
        Assert.StartsWith($"{Regional} bittet um eine Management-Zusammenfassung zu {created.GetProperty("tenantName").GetString()}, fällig am ",
            notice.GetProperty("text").GetString(), StringComparison.Ordinal);
        var askedOfManager = await manager.GetFromJsonAsync<JsonElement>("/api/v1/summary-requests?requestedOfMe=true&state=open");
        Assert.Contains(askedOfManager.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetInt64() == created.GetProperty("id").GetInt64());

        var summary = await manager.PostAsJsonAsync($"/api/v1/tenants/{id}/summaries",
            new { customerDescription = "Handelskette mit 400 Filialen.", engagementStatus = "Reactive", deploymentProgress = "NotDeployed" });
        Assert.Equal(HttpStatusCode.Created, summary.StatusCode);
        var summaryId = (await summary.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var after = await regional.GetFromJsonAsync<JsonElement>($"/api/v1/summary-requests?tenantId={id}&state=fulfilled");
        var fulfilled = Assert.Single(after.GetProperty("items").EnumerateArray());
        Assert.Equal(("Fulfilled", summaryId), (fulfilled.GetProperty("state").GetString(), fulfilled.GetProperty("summaryId").GetInt64()));
        Assert.Equal(0, (await regional.GetFromJsonAsync<JsonElement>($"/api/v1/summary-requests?tenantId={id}&state=open")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task RequestSummary_BadRequests_AreLocalizedProblemsAndStoreNothing()
    {
        var id = await TenantAsync(1);
        using var regional = server.NewClient("ja-JP", Regional);
        using var manager = server.NewClient();
        using var otherPartner = server.NewClient(user: "regional-manager@kestrel.example");

        var past = await ProblemAsync(await regional.PostAsJsonAsync($"/api/v1/tenants/{id}/summary-requests", new { dueDate = Day(-1) }),
            HttpStatusCode.BadRequest, "DueDateInPast");
        Assert.Equal(("dueDate", $"期限日 {Day(-1)} は過去の日付です。今日以降の日付を選択してください。"),
            (past.GetProperty("field").GetString(), past.GetProperty("detail").GetString()));
        await ProblemAsync(await regional.PostAsJsonAsync($"/api/v1/tenants/{id}/summary-requests", new { message = "?" }), HttpStatusCode.BadRequest, "DueDateRequired");
        await ProblemAsync(await regional.PostAsJsonAsync($"/api/v1/tenants/{id}/summary-requests", new { dueDate = "2026-13-45" }), HttpStatusCode.BadRequest, "MalformedRequest");
        await ProblemAsync(await regional.PostAsync($"/api/v1/tenants/{id}/summary-requests", new StringContent("{}", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
        await ProblemAsync(await manager.PostAsJsonAsync($"/api/v1/tenants/{id}/summary-requests", new { dueDate = Day(3) }), HttpStatusCode.Forbidden, "Forbidden");
        await ProblemAsync(await regional.PostAsJsonAsync("/api/v1/tenants/999999999/summary-requests", new { dueDate = Day(3) }), HttpStatusCode.NotFound, "TenantNotFound");
        await ProblemAsync(await otherPartner.PostAsJsonAsync($"/api/v1/tenants/{id}/summary-requests", new { dueDate = Day(3) }), HttpStatusCode.NotFound, "TenantNotFound");
        var state = await ProblemAsync(await regional.GetAsync("/api/v1/summary-requests?state=late"), HttpStatusCode.BadRequest, "UnknownChoice");
        Assert.Equal("state", state.GetProperty("field").GetString());
        await ProblemAsync(await otherPartner.GetAsync($"/api/v1/summary-requests?tenantId={id}"), HttpStatusCode.NotFound, "TenantNotFound");

        Assert.Equal(0, (await regional.GetFromJsonAsync<JsonElement>($"/api/v1/summary-requests?tenantId={id}")).GetProperty("total").GetInt32());

        // The first request stands; the same requester asking again while it is open is told so.
        Assert.Equal(HttpStatusCode.Created, (await regional.PostAsJsonAsync($"/api/v1/tenants/{id}/summary-requests", new { dueDate = Day(0) })).StatusCode);
        await ProblemAsync(await regional.PostAsJsonAsync($"/api/v1/tenants/{id}/summary-requests", new { dueDate = Day(9) }), HttpStatusCode.BadRequest, "SummaryAlreadyRequested");
    }

    [Fact]
    public async Task Notifications_MarkOneAndAll_OnlyTheRecipientMayAndTheCountFollows()
    {
        using var leader = server.NewClient(user: Leader);
        using var manager = server.NewClient();
        using var regional = server.NewClient(user: Regional);
        foreach (var index in new[] { 2, 3 })
        {
            Assert.Equal(HttpStatusCode.Created, (await leader.PostAsJsonAsync($"/api/v1/tenants/{await TenantAsync(index)}/summary-requests", new { dueDate = Day(2) })).StatusCode);
        }

        var page = await manager.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=1");
        Assert.Equal(["items", "page", "pageSize", "total", "unread", "next"], page.EnumerateObject().Select(p => p.Name));
        var newest = Assert.Single(page.GetProperty("items").EnumerateArray());
        var unread = page.GetProperty("unread").GetInt32();
        Assert.True(unread >= 2, $"{unread} unread");
        var id = newest.GetProperty("id").GetInt64();

        await ProblemAsync(await regional.PostAsync($"/api/v1/notifications/{id}/read", null), HttpStatusCode.NotFound, "NotificationNotFound");
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsync($"/api/v1/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsync($"/api/v1/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(unread - 1, (await manager.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("unread").GetInt32());

        var all = await manager.PostAsync("/api/v1/notifications/read-all", null);

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(unread - 1, (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32());
        var after = await manager.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true");
        Assert.Equal((0, 0), (after.GetProperty("unread").GetInt32(), after.GetProperty("total").GetInt32()));
        Assert.NotEqual(JsonValueKind.Null, (await manager.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=1"))
            .GetProperty("items")[0].GetProperty("readAt").ValueKind);
    }

    [Fact]
    public async Task Notifications_CookiePostWithoutTheToken_IsRefusedAndWithItMarks()
    {
        using var leader = server.NewClient(user: Leader);
        Assert.Equal(HttpStatusCode.Created, (await leader.PostAsJsonAsync($"/api/v1/tenants/{await TenantAsync(4)}/summary-requests", new { dueDate = Day(2) })).StatusCode);
        var (client, token) = await server.CookieClientAsync();
        using var _ = client;
        var unread = (await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("unread").GetInt32();
        Assert.True(unread > 0);

        await ProblemAsync(await client.PostAsync("/api/v1/notifications/read-all", null), HttpStatusCode.Forbidden, "AntiforgeryTokenInvalid");
        Assert.Equal(unread, (await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("unread").GetInt32());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/notifications/read-all");
        request.Headers.Add("RequestVerificationToken", token);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task Pages_RequestFormAndBellAndNotifications_WorkWithoutScripts()
    {
        var id = await TenantAsync(5);
        var (regional, _) = await server.CookieClientAsync(Regional);
        using var r = regional;
        regional.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");

        var form = await regional.GetStringAsync($"/tenants/{id}/summaries/request");
        var past = await regional.PostAsync($"/tenants/{id}/summaries/request", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HeadwayServer.FormToken(form),
            ["Form.DueDate"] = Day(-3),
            ["Form.Message"] = "Bitte bis Monatsende.",
        }));
        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        Assert.Contains("liegt in der Vergangenheit; wählen Sie heute oder einen späteren Tag.", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await regional.GetFromJsonAsync<JsonElement>($"/api/v1/summary-requests?tenantId={id}")).GetProperty("total").GetInt32());

        var sent = await regional.PostAsync($"/tenants/{id}/summaries/request", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HeadwayServer.FormToken(form),
            ["Form.DueDate"] = Day(3),
            ["Form.Message"] = "Bitte bis Monatsende.",
        }));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/tenants/{id}?requested=1#summary-requests", sent.Headers.Location?.OriginalString);
        var tenantPage = await regional.GetStringAsync($"/tenants/{id}?requested=1");
        Assert.Contains("Die Zusammenfassung wurde bei manager@centre.example angefordert.", tenantPage, StringComparison.Ordinal);
        Assert.Contains("Bitte bis Monatsende.", tenantPage, StringComparison.Ordinal);

        var (manager, _) = await server.CookieClientAsync();
        using var m = manager;
        manager.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        var unread = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("unread").GetInt32();
        var home = await manager.GetStringAsync("/tenants");
        Assert.Contains($"<a href=\"/notifications\" id=\"bell\" class=\"bell\" aria-label=\"Benachrichtigungen: {unread} ungelesen\">", home, StringComparison.Ordinal);
        var notifications = await manager.GetStringAsync("/notifications");
        Assert.Contains($"href=\"/tenants/{id}/summaries/new\"", notifications, StringComparison.Ordinal);
        Assert.Contains($"{Regional} bittet um eine Management-Zusammenfassung zu ", notifications, StringComparison.Ordinal);

        var readAll = await manager.PostAsync("/notifications?handler=ReadAll", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HeadwayServer.FormToken(notifications),
        }));
        Assert.Equal((HttpStatusCode.Redirect, "/notifications?read=all"), (readAll.StatusCode, readAll.Headers.Location?.OriginalString));
        Assert.Contains("<a href=\"/notifications\" id=\"bell\" class=\"bell\" aria-label=\"Benachrichtigungen\">", await manager.GetStringAsync("/notifications?read=all"),
            StringComparison.Ordinal);
        var editor = await manager.GetStringAsync($"/tenants/{id}/summaries/new");
        Assert.Contains("Bitte bis Monatsende.", editor, StringComparison.Ordinal);
    }
}

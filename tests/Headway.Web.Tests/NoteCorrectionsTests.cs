using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Headway.Testing;
using Headway.Web.Infrastructure;

namespace Headway.Web.Tests;

/// <summary>Correcting and deleting overall notes over real HTTP: the API with its versions and problems, the pages, and post-redirect-get.</summary>
public partial class NoteCorrectionsTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private const string Paused = "Customer paused the Teams rollout until the merger closes. #covid";
    private const string Corrected = "Customer paused the Teams rollout until the merger closes; statuses updated.";

    private static int _nextTenant;

    /// <summary>A tenant of the centre's manager that no other test of this class uses.</summary>
    private async Task<long> TenantAsync()
    {
        using var client = server.NewClient();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200&sort=seats");
        var mine = list.GetProperty("items").EnumerateArray()
            .Where(t => t.GetProperty("manager").GetString() == HeadwayServer.Manager && !t.GetProperty("duplicate").GetBoolean())
            .Select(t => t.GetProperty("id").GetInt64()).ToList();
        return mine[Interlocked.Increment(ref _nextTenant) % mine.Count];
    }

    private static async Task<JsonElement> AddAsync(HttpClient client, long tenant, string text = Paused, string type = "ServiceIntent")
    {
        var response = await client.PostAsJsonAsync($"/api/v1/tenants/{tenant}/notes", new { type, text, nextAction = "Call the CIO", nextActionDate = "2026-12-01" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("note");
    }

    private static HttpRequestMessage Request(HttpMethod method, long note, string? ifMatch, object? body = null)
    {
        var request = new HttpRequestMessage(method, $"/api/v1/notes/{note}") { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    private static async Task<IReadOnlyList<JsonElement>> TimelineAsync(HttpClient client, long tenant) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/notes?pageSize=200")).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task PutNote_WithTheVersionRead_CorrectsItAndAnswersTheNewVersionAndAdvice()
    {
        using var client = server.NewClient();
        var tenant = await TenantAsync();
        var note = await AddAsync(client, tenant, Corrected);
        var id = note.GetProperty("id").GetInt64();
        Assert.Equal(0, note.GetProperty("version").GetInt32());

        var response = await client.SendAsync(Request(HttpMethod.Put, id, "\"0\"", new { type = "ServiceIntent", text = Paused, nextAction = "Call the CIO" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, Paused, HeadwayServer.Manager), (body.GetProperty("note").GetProperty("version").GetInt32(), body.GetProperty("note").GetProperty("text").GetString(),
            body.GetProperty("note").GetProperty("editedBy").GetString()));
        Assert.Equal(["covid"], body.GetProperty("note").GetProperty("hashtags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("CovidTagOnPause", Assert.Single(body.GetProperty("advice").EnumerateArray()).GetProperty("code").GetString());
        var stored = (await TimelineAsync(client, tenant)).Single(n => n.GetProperty("id").GetInt64() == id);
        Assert.Equal((1, JsonValueKind.Null), (stored.GetProperty("version").GetInt32(), stored.GetProperty("nextActionDate").ValueKind));
    }

    [Fact]
    public async Task PutNote_WithoutOrWithAStaleVersion_Is428Or412AndNothingChanges()
    {
        using var client = server.NewClient(acceptLanguage: "de-DE");
        var tenant = await TenantAsync();
        var id = (await AddAsync(client, tenant)).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Request(HttpMethod.Put, id, "\"0\"", new { type = "ServiceIntent", text = Corrected }))).StatusCode);

        await ProblemAsync(await client.SendAsync(Request(HttpMethod.Put, id, null, new { type = "ServiceIntent", text = "Without a version." })),
            HttpStatusCode.PreconditionRequired, "VersionRequired");
        var stale = await ProblemAsync(await client.SendAsync(Request(HttpMethod.Put, id, "\"0\"", new { type = "ServiceIntent", text = "On the first version." })),
            HttpStatusCode.PreconditionFailed, "NoteVersionMismatch");
        await ProblemAsync(await client.SendAsync(Request(HttpMethod.Delete, id, null)), HttpStatusCode.PreconditionRequired, "VersionRequired");
        await ProblemAsync(await client.SendAsync(Request(HttpMethod.Delete, id, "\"0\"")), HttpStatusCode.PreconditionFailed, "NoteVersionMismatch");

        Assert.StartsWith("Jemand anderes hat diese Notiz geändert", stale.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(Corrected, (await TimelineAsync(client, tenant)).Single(n => n.GetProperty("id").GetInt64() == id).GetProperty("text").GetString());
    }

    [Fact]
    public async Task PutNote_BadInputOrSomeoneElsesNote_IsALocalizedProblem()
    {
        using var manager = server.NewClient(acceptLanguage: "ja-JP");
        using var engineer = server.NewClient(acceptLanguage: "ja-JP", user: "engineer@centre.example");
        var tenant = await TenantAsync();
        var id = (await AddAsync(manager, tenant)).GetProperty("id").GetInt64();

        var empty = await ProblemAsync(await manager.SendAsync(Request(HttpMethod.Put, id, "\"0\"", new { type = "ServiceIntent", text = " " })),
            HttpStatusCode.BadRequest, "TextRequired");
        var kind = await ProblemAsync(await manager.SendAsync(Request(HttpMethod.Put, id, "\"0\"", new { type = "Gossip", text = Corrected })),
            HttpStatusCode.BadRequest, "UnknownNoteType");
        var notAuthor = await ProblemAsync(await engineer.SendAsync(Request(HttpMethod.Put, id, "\"0\"", new { type = "TechnicalEnablement", text = Corrected })),
            HttpStatusCode.Forbidden, "NotNoteAuthor");
        await ProblemAsync(await engineer.SendAsync(Request(HttpMethod.Delete, id, "\"0\"")), HttpStatusCode.Forbidden, "NotNoteAuthor");
        await ProblemAsync(await manager.SendAsync(Request(HttpMethod.Put, 999_999_999, "\"0\"", new { type = "ServiceIntent", text = Corrected })),
            HttpStatusCode.NotFound, "NoteNotFound");
        await ProblemAsync(await manager.SendAsync(Request(HttpMethod.Put, id, "\"zero\"", new { type = "ServiceIntent", text = Corrected })),
            HttpStatusCode.BadRequest, "MalformedRequest");

        Assert.Equal("text", empty.GetProperty("field").GetString());
        Assert.Equal("type", kind.GetProperty("field").GetString());
        Assert.Contains(notAuthor.GetProperty("detail").GetString()!, c => c is >= '\u3040' and <= '\u30ff');
        Assert.Equal(Paused, (await TimelineAsync(manager, tenant)).Single(n => n.GetProperty("id").GetInt64() == id).GetProperty("text").GetString());
    }

    [Fact]
    public async Task DeleteNote_ByAnAdministrator_LeavesTheTimelineAndShowsInTheRevisions()
    {
        using var manager = server.NewClient();
        using var admin = server.NewClient(user: HeadwayServer.Admin);
        var tenant = await TenantAsync();
        var id = (await AddAsync(manager, tenant)).GetProperty("id").GetInt64();

        var deleted = await admin.SendAsync(Request(HttpMethod.Delete, id, "W/\"0\""));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain(await TimelineAsync(manager, tenant), n => n.GetProperty("id").GetInt64() == id);
        await ProblemAsync(await admin.SendAsync(Request(HttpMethod.Delete, id, "\"1\"")), HttpStatusCode.NotFound, "NoteNotFound");
        var revisions = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/notes/revisions");
        var revision = revisions.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("noteId").GetInt64() == id);
        Assert.Equal(("Deleted", HeadwayServer.Admin, Paused), (revision.GetProperty("kind").GetString(), revision.GetProperty("changedBy").GetString(),
            revision.GetProperty("before").GetProperty("text").GetString()));
        Assert.Equal(JsonValueKind.Null, revision.GetProperty("after").ValueKind);
        var history = await manager.GetStringAsync($"/tenants/{tenant}/history?lang=en");
        Assert.Contains("id=\"note-revisions\"", history, StringComparison.Ordinal);
        Assert.Contains(Paused, history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookieApi_ChangesWithoutThePagesToken_AreRefusedAndWithItAccepted()
    {
        var (client, token) = await server.CookieClientAsync();
        using var _ = client;
        var tenant = await TenantAsync();
        var id = (await AddAsync(server.NewClient(), tenant)).GetProperty("id").GetInt64();

        await ProblemAsync(await client.SendAsync(Request(HttpMethod.Put, id, "\"0\"", new { type = "ServiceIntent", text = Corrected })),
            HttpStatusCode.Forbidden, "AntiforgeryTokenInvalid");
        await ProblemAsync(await client.SendAsync(Request(HttpMethod.Delete, id, "\"0\"")), HttpStatusCode.Forbidden, "AntiforgeryTokenInvalid");
        var put = Request(HttpMethod.Put, id, "\"0\"", new { type = "ServiceIntent", text = Corrected });
        put.Headers.Add(RequestGuard.TokenHeader, token);
        var delete = Request(HttpMethod.Delete, id, "\"1\"");
        delete.Headers.Add(RequestGuard.TokenHeader, token);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(put)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(delete)).StatusCode);
    }

    [Fact]
    public async Task AddNoteForm_PostThenRedirectThenReload_AddsOneNoteAndShowsTheAdviceAfterTheRedirect()
    {
        var (client, _) = await server.CookieClientAsync();
        using var __ = client;
        var tenant = await TenantAsync();
        var before = (await TimelineAsync(server.NewClient(), tenant)).Count;
        var page = await client.GetStringAsync($"/tenants/{tenant}?lang=en");

        var posted = await client.PostAsync($"/tenants/{tenant}?handler=Note", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HeadwayServer.FormToken(page),
            ["Note.Type"] = "ServiceIntent",
            ["Note.Text"] = Paused,
            ["Note.NextAction"] = "Call the CIO",
            ["Note.NextActionDate"] = "2026-12-01",
        }));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.Matches($"^/tenants/{tenant}\\?noted=(\\d+)#note-\\1$", location);
        var noteId = Regex.Match(location, "noted=(\\d+)").Groups[1].Value;
        var shown = await client.GetStringAsync(location);
        var reloaded = await client.GetStringAsync(location);
        Assert.Contains("id=\"note-advice\"", shown, StringComparison.Ordinal);
        Assert.Contains($"href=\"/notes/{noteId}/edit\" id=\"note-follow-advice\"", shown, StringComparison.Ordinal);
        Assert.Contains("#covid", shown, StringComparison.Ordinal);
        Assert.Contains("id=\"note-advice\"", reloaded, StringComparison.Ordinal);
        Assert.Equal(before + 1, (await TimelineAsync(server.NewClient(), tenant)).Count);
    }

    [Fact]
    public async Task AddNoteForm_BadDate_IsRefusedWithAMessageAndNothingIsAdded()
    {
        var (client, _) = await server.CookieClientAsync();
        using var __ = client;
        var tenant = await TenantAsync();
        var before = (await TimelineAsync(server.NewClient(), tenant)).Count;
        var page = await client.GetStringAsync($"/tenants/{tenant}?lang=en");

        var posted = await client.PostAsync($"/tenants/{tenant}?handler=Note&lang=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HeadwayServer.FormToken(page),
            ["Note.Type"] = "ServiceIntent",
            ["Note.Text"] = Corrected,
            ["Note.NextActionDate"] = "next Tuesday",
        }));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("id=\"note-error\"", html, StringComparison.Ordinal);
        Assert.Contains("is not a valid date", html, StringComparison.Ordinal);
        Assert.Contains(Corrected, html, StringComparison.Ordinal);
        Assert.Equal(before, (await TimelineAsync(server.NewClient(), tenant)).Count);
    }

    [Fact]
    public async Task EditPage_SaveThenStaleSave_RedirectsThenShowsBothVersions()
    {
        var (client, _) = await server.CookieClientAsync();
        using var __ = client;
        var tenant = await TenantAsync();
        var id = (await AddAsync(server.NewClient(), tenant)).GetProperty("id").GetInt64();
        var form = await client.GetStringAsync($"/notes/{id}/edit?lang=en");
        Assert.Contains("id=\"note-advice\"", form, StringComparison.Ordinal);
        Dictionary<string, string> Fields(string text, string version) => new()
        {
            ["__RequestVerificationToken"] = HeadwayServer.FormToken(form),
            ["Form.Version"] = version,
            ["Form.Type"] = "ServiceIntent",
            ["Form.Text"] = text,
        };

        var saved = await client.PostAsync($"/notes/{id}/edit", new FormUrlEncodedContent(Fields(Corrected, "0")));
        var stale = await client.PostAsync($"/notes/{id}/edit?lang=en", new FormUrlEncodedContent(Fields("A correction on the first version.", "0")));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/tenants/{tenant}?edited={id}#note-{id}", saved.Headers.Location!.OriginalString);
        var after = await client.GetStringAsync(saved.Headers.Location!.OriginalString + "&lang=en");
        Assert.Contains("The note was saved.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"note-advice\"", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var conflict = await stale.Content.ReadAsStringAsync();
        Assert.Contains("id=\"conflict-title\"", conflict, StringComparison.Ordinal);
        Assert.Contains($"<p data-testid=\"their-note\">{Corrected}</p>", conflict, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.Version\" value=\"1\"", conflict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletePage_Confirmed_RedirectsAndTheTimelineNoLongerShowsTheNote()
    {
        var (client, _) = await server.CookieClientAsync();
        using var __ = client;
        var tenant = await TenantAsync();
        var id = (await AddAsync(server.NewClient(), tenant)).GetProperty("id").GetInt64();
        var confirm = await client.GetStringAsync($"/notes/{id}/delete?lang=en");

        var deleted = await client.PostAsync($"/notes/{id}/delete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HeadwayServer.FormToken(confirm),
            ["Version"] = "0",
        }));

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var page = await client.GetStringAsync(deleted.Headers.Location!.OriginalString + "&lang=en");
        Assert.Contains("The note was deleted.", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"note-{id}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/notes/{id}/delete")).StatusCode);
    }

    [Fact]
    public async Task TenantPage_ManyNotes_PagesTheTimelineBackToTheFirstNote()
    {
        using var client = server.NewClient();
        var tenant = await TenantAsync();
        var existing = (await TimelineAsync(client, tenant)).Count;
        for (var i = 0; i < 41 - existing; i++)
        {
            await AddAsync(client, tenant, $"Weekly call {i} held with the customer.", "EngagementManagement");
        }

        var first = await client.GetStringAsync($"/tenants/{tenant}?lang=en");
        var last = await client.GetStringAsync($"/tenants/{tenant}?notes=3&lang=en");
        var oldest = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/notes?page=3&pageSize=20")).GetProperty("items")[0];

        Assert.Equal(20, TimelineItem().Count(first));
        Assert.Contains($"href=\"/tenants/{tenant}?notes=2#timeline\" rel=\"next\"", first, StringComparison.Ordinal);
        Assert.Contains($"href=\"/tenants/{tenant}?notes=3#timeline\" id=\"timeline-oldest\"", first, StringComparison.Ordinal);
        Assert.Equal(1, TimelineItem().Count(last));
        Assert.Contains($"id=\"note-{oldest.GetProperty("id").GetInt64()}\"", last, StringComparison.Ordinal);
        Assert.Contains("Page 3 of 3", last, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", last, StringComparison.Ordinal);
    }

    [GeneratedRegex("<li id=\"note-\\d+\">")]
    private static partial Regex TimelineItem();
}

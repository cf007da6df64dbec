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
/// an anonymous caller, a user of another partner and a user of the same partner limited to another region.
/// A new endpoint without an expectation here fails the test, so it cannot be forgotten.
/// </summary>
public class EndpointAccessTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private const int Challenge = -1; // 401 for the API, a redirect to the sign-in page for pages

    /// <summary>Who calls: a centre user of a role, nobody, or a manager of another partner.</summary>
    public sealed record Subject(string Name, string? Email, Role? Role);

    private static readonly Subject Anonymous = new("anonymous", null, null);
    private static readonly Subject OtherPartner = new("other partner's manager", "manager@kestrel.example", Role.Manager);

    /// <summary>
    /// A manager of the programme centre limited to a region the target tenant is not in: region scope is the same
    /// mechanism as partner scope, so this manager gets what the other partner's manager gets, everywhere.
    /// </summary>
    private static readonly Subject OtherRegion = new("manager of another region", "manager-elsewhere@centre.example", Role.Manager);

    private static IEnumerable<Subject> Subjects() =>
        Enum.GetValues<Role>().Select(r => new Subject(r.ToString(), DemoUsers.Email(r, null), r)).Append(Anonymous).Append(OtherPartner).Append(OtherRegion);

    private static bool Reads(Role? r) => r is not null and not Role.ProductAnalyst;

    private static int SignedIn(Subject s) => s == Anonymous ? Challenge : 200;

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
        ["GET /api/v1/saved-views/"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        // A body without a name: readers reach validation (400).
        ["POST /api/v1/saved-views/"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 400 : 403,
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
        ["GET /api/v1/summaries/export"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET /api/v1/summaries/{id:long}"] = ReadOrForbid,
        ["GET /api/v1/tenants/{id:long}/summaries"] = ReadOrForbid,
        // An empty body: the tenant's own manager reaches validation (400); any other manager is not assigned (403).
        ["POST /api/v1/tenants/{id:long}/summaries"] = s =>
            s == Anonymous ? Challenge : s == OtherPartner ? 404 : s.Role == Role.Manager ? 400 : 403,
        ["GET /api/v1/search"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        // Summary requests: regional managers and leadership ask (no due date in the body: 400), everyone who reads sees them.
        ["POST /api/v1/tenants/{id:long}/summary-requests"] = s =>
            s == Anonymous ? Challenge : s.Role is Role.RegionalManager or Role.Leadership && s != OtherPartner ? 400 : 403,
        ["GET /api/v1/summary-requests"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        // Nobody's request: readers get 404, the others 403.
        ["GET /api/v1/summary-requests/{id:long}"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 404 : 403,
        ["GET summaries/requests"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET tenants/{id:long}/summaries/request"] = s =>
            s == Anonymous ? Challenge : s.Role is Role.RegionalManager or Role.Leadership && s != OtherPartner ? 200 : 403,
        // Notifications: every signed-in user has their own; the id here is nobody's notification (404 for all).
        ["GET /api/v1/notifications/"] = s => s == Anonymous ? Challenge : 200,
        ["POST /api/v1/notifications/{id:long}/read"] = s => s == Anonymous ? Challenge : 404,
        ["POST /api/v1/notifications/read-all"] = s => s == Anonymous ? Challenge : 200,
        ["GET notifications"] = s => s == Anonymous ? Challenge : 200,
        ["GET search"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        // Reports are for every role, product analysts included (without tenant names); scope decides the numbers.
        ["GET /api/v1/reports/{name}"] = s => s == Anonymous ? Challenge : 200,
        ["GET /api/v1/reports/rows"] = s => s == Anonymous ? Challenge : 200,
        ["GET /api/v1/reports/filter-values"] = s => s == Anonymous ? Challenge : 200,
        ["GET reports"] = s => s == Anonymous ? Challenge : 200,
        ["GET reports/{name}"] = s => s == Anonymous ? Challenge : 200,
        ["GET reports/rows"] = s => s == Anonymous ? Challenge : 200,
        ["GET summaries"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET summaries/{id:long}"] = ReadOrForbid,
        ["GET tenants/{id:long}/summaries/new"] = s =>
            s == Anonymous ? Challenge : s == OtherPartner ? 404 : s.Role is Role.Manager ? 200 : 403,
        ["GET tags/{tag}"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        // The dashboard: every role that reads tenants, each over their own scope (another partner's manager sees theirs).
        ["GET /api/v1/dashboard"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET dashboard"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET /api/v1/tenants/{id:long}/notes/revisions"] = ReadOrForbid,
        // The note is the centre manager's: only its author corrects it (the body repeats it: nothing changes, 200); roles
        // that write no notes are refused before the note is looked up, another partner's manager does not find it.
        ["GET /api/v1/notes/{id:long}"] = ReadOrForbid,
        ["PUT /api/v1/notes/{id:long}"] = s => s == Anonymous ? Challenge : s == OtherPartner ? 404 : s.Role == Role.Manager ? 200 : 403,
        // A stale If-Match: its author and administrators reach the version check (412) and nothing is deleted.
        ["DELETE /api/v1/notes/{id:long}"] = s =>
            s == Anonymous ? Challenge : s == OtherPartner ? 404 : s.Role is Role.Manager or Role.Admin ? 412 : 403,
        ["GET notes/{id:long}/edit"] = s => s == Anonymous ? Challenge : s == OtherPartner ? 404 : s.Role == Role.Manager ? 200 : 403,
        ["GET notes/{id:long}/delete"] = s => s == Anonymous ? Challenge : s == OtherPartner ? 404 : s.Role is Role.Manager or Role.Admin ? 200 : 403,
        // The change feed: every role that reads tenants, each over its own scope.
        ["GET /api/v1/changes"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET /api/v1/audit"] = s => s == Anonymous ? Challenge : s.Role == Role.Admin && s != OtherPartner ? 200 : 403,
        ["GET /api/v1/audit/export"] = s => s == Anonymous ? Challenge : s.Role == Role.Admin && s != OtherPartner ? 200 : 403,
        ["POST /api/v1/auth/token"] = _ => 401,
        // Asking for a reset link: this portal sends no mail, which it says to anyone (503); a confirmation without a
        // new password is refused (400) for anyone, and changing one's own password needs the current one.
        ["POST /api/v1/auth/password-reset"] = _ => 503,
        ["POST /api/v1/auth/password-reset/confirm"] = _ => 400,
        ["POST /api/v1/profile/password"] = s => s == Anonymous ? Challenge : 400,
        ["GET account/forgot"] = _ => 200,
        ["GET account/reset"] = _ => 200,
        ["GET /openapi/{documentName}.json"] = _ => 200,
        // The API reference is for anyone signed in; its scripts and icon are the library's own files, public like the
        // portal's other static files.
        ["GET /api-reference/{documentName?}"] = SignedIn,
        ["GET /api-reference/favicon.svg"] = _ => 200,
        ["GET /api-reference/scalar.aspnetcore.js"] = _ => 200,
        ["GET /api-reference/scalar.js"] = _ => 200,
        // Health answers anyone and says nothing about the data.
        ["GET healthz"] = _ => 200,
        ["GET readyz"] = _ => 200,
        ["GET /culture/{lang}"] = _ => 302,
        // The home page is a manager's own work list; everyone else is sent to the tenant list.
        ["GET "] = s => s == Anonymous ? Challenge : s.Role == Role.Manager ? 200 : 302,
        // Everyone who reads tenants has a work list (their own; empty unless tenants are assigned to them).
        ["GET worklist/{group}"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET /api/v1/worklist/"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        ["GET /api/v1/worklist/{group}"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 200 : 403,
        // A note that is not there: roles that read tenants look it up (404), others are refused first.
        ["POST /api/v1/worklist/actions/{subject}/{id:long}/done"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 404 : 403,
        ["POST /api/v1/worklist/actions/{subject}/{id:long}/move"] = s => s == Anonymous ? Challenge : Reads(s.Role) ? 404 : 403,
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
        // The file has no import columns: who may import reaches the use case, whose real run did not apply (422).
        ["POST /api/v1/imports"] = s => s == Anonymous ? Challenge : s.Role is Role.Admin or Role.Gateway && s != OtherPartner ? 422 : 403,
        ["GET /api/v1/imports"] = s => s == Anonymous ? Challenge : s.Role is Role.Admin or Role.Gateway && s != OtherPartner ? 200 : 403,
        ["POST /api/v1/imports/{id:long}/revert"] = s => s == Anonymous ? Challenge : s.Role is Role.Admin or Role.Gateway && s != OtherPartner ? 404 : 403,
        ["GET account/login"] = _ => 200,
        // The error page answers anyone with the status it shows.
        ["GET error/{status:int?}"] = _ => 404,
        ["GET account/logout"] = s => s == Anonymous ? Challenge : 302,
        ["GET account/denied"] = s => s == Anonymous ? Challenge : 403,
        ["GET account/profile"] = s => s == Anonymous ? Challenge : 200,
        // Everyone signed in has their own settings; the body here names none of them, so nothing changes.
        ["GET /api/v1/profile"] = s => s == Anonymous ? Challenge : 200,
        ["PUT /api/v1/profile"] = s => s == Anonymous ? Challenge : 200,
        // User administration: administrators (a partner's: its own users). The id is nobody's (404); an invitation
        // without an address is refused (400). Nobody else gets past the permission check.
        ["GET /api/v1/users/"] = AdminOnly(200),
        ["GET /api/v1/users/{id}"] = AdminOnly(404),
        ["POST /api/v1/users/"] = AdminOnly(400),
        ["PATCH /api/v1/users/{id}"] = AdminOnly(404),
        ["POST /api/v1/users/{id}/password-link"] = AdminOnly(404),
        ["GET admin/users"] = AdminOnly(200),
        ["GET admin/users/invite"] = AdminOnly(200),
        ["GET admin/users/{id}"] = AdminOnly(404),
        // Partners: the programme centre's administrators only; the id is no partner's, a new one has no name.
        ["GET /api/v1/partners/"] = AdminOnly(200),
        ["GET /api/v1/partners/{id:long}"] = AdminOnly(404),
        ["POST /api/v1/partners/"] = AdminOnly(400),
        ["PATCH /api/v1/partners/{id:long}"] = AdminOnly(404),
        ["GET admin/partners"] = AdminOnly(200),
        ["GET /api/v1/service-accounts/"] = AdminOnly(200),
        ["POST /api/v1/service-accounts/"] = AdminOnly(400),
        ["GET /api/v1/service-accounts/{id}"] = AdminOnly(404),
        ["PATCH /api/v1/service-accounts/{id}"] = AdminOnly(404),
        ["POST /api/v1/service-accounts/{id}/secret"] = AdminOnly(404),
        ["POST /api/v1/service-accounts/{id}/keys"] = AdminOnly(404),
        ["GET admin/service-accounts"] = AdminOnly(200),
        // Single sign-on through a provider this portal does not have: not found, for anyone (the sign-in page's own links).
        ["GET account/external/{provider}"] = _ => 404,
        ["GET account/external/{provider}/done"] = _ => 404,
        // The token endpoint of service accounts takes a form; a JSON body is an invalid request, whoever sends it.
        ["POST /api/v1/auth/oauth/token"] = _ => 400,
        // Registering and correcting tenants: gateway managers and administrators. The bodies name no tenant, change nothing and
        // add no workload, so those who may reach validation (400); the page forms open for them.
        ["POST /api/v1/tenants/"] = s => s == Anonymous ? Challenge : s.Role is Role.Gateway or Role.Admin ? 400 : 403,
        ["PATCH /api/v1/tenants/{id:long}"] = s => s == Anonymous ? Challenge : s.Role is Role.Gateway or Role.Admin ? 400 : 403,
        ["PUT /api/v1/external-tenants/{externalId}"] = s => s == Anonymous ? Challenge : s.Role is Role.Gateway or Role.Admin ? 400 : 403,
        ["PUT /api/v1/external-tenants/{externalId}/entitlements/{workload}"] = s =>
            s == Anonymous ? Challenge : s.Role is Role.Gateway or Role.Admin ? 404 : 403,
        ["POST /api/v1/tenants/{id:long}/entitlements"] = s => s == Anonymous ? Challenge : s.Role is Role.Gateway or Role.Admin ? 400 : 403,
        ["GET /api/v1/tenants/{id:long}/detail-history"] = ReadOrForbid,
        ["GET tenants/new"] = s => s == Anonymous ? Challenge : s.Role is Role.Gateway or Role.Admin ? 200 : 403,
        ["GET tenants/{id:long}/details"] = s => s == Anonymous ? Challenge : s.Role is Role.Gateway or Role.Admin ? 200 : 403,
        // L3 values: everyone reads them; the programme centre's administrators add (no L2 in the body: 400) and change them
        // (no such value: 404).
        ["GET /api/v1/taxonomy/l3/"] = s => s == Anonymous ? Challenge : 200,
        ["POST /api/v1/taxonomy/l3/"] = AdminOnly(400),
        ["PATCH /api/v1/taxonomy/l3/{l2}/{code}"] = AdminOnly(404),
        ["GET admin/taxonomy"] = AdminOnly(200),
        // The workload catalogue likewise: a new workload without a code (400), a change of one there is not (404).
        ["GET /api/v1/taxonomy/workloads/"] = s => s == Anonymous ? Challenge : 200,
        ["POST /api/v1/taxonomy/workloads/"] = AdminOnly(400),
        ["PATCH /api/v1/taxonomy/workloads/{code}"] = AdminOnly(404),
        // The body names no tenants: administrators reach validation (400 NoTenantsChosen).
        ["POST /api/v1/tenants/assignments"] = AdminOnly(400),
        // The account team likewise: no tenants named (400 NoTenantsChosen).
        ["POST /api/v1/tenants/account-team"] = AdminOnly(400),
        // SME teams: administrators (a partner's: its own); a new team without a name (400), a change or removal of none (404).
        // Webhooks: administrators (and reading service accounts) in their own scope; an empty body has no URL (400), the id is nobody's webhook (404).
        ["POST /api/v1/webhooks/"] = AdminOnly(400),
        ["GET /api/v1/webhooks/"] = AdminOnly(200),
        ["GET /api/v1/webhooks/{id:long}"] = AdminOnly(404),
        ["DELETE /api/v1/webhooks/{id:long}"] = AdminOnly(404),
        ["GET /api/v1/webhooks/{id:long}/deliveries"] = AdminOnly(404),
        ["GET /api/v1/sme-teams/"] = AdminOnly(200),
        ["POST /api/v1/sme-teams/"] = AdminOnly(400),
        ["PATCH /api/v1/sme-teams/{id:long}"] = AdminOnly(404),
        ["DELETE /api/v1/sme-teams/{id:long}"] = AdminOnly(404),
        ["GET admin/teams"] = AdminOnly(200),
    };

    /// <summary>What an administrator of the programme centre gets; anyone else signed in is refused (403).</summary>
    private static Func<Subject, int> AdminOnly(int status) => s => s == Anonymous ? Challenge : s.Role == Role.Admin && s != OtherPartner ? status : 403;

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
        await LimitToAnotherRegionAsync(target);
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
                // Every answer of an API operation is one its OpenAPI description declares.
                var space = endpoint.IndexOf(' ', StringComparison.Ordinal);
                if (Contract.Undeclared(endpoint[..space], endpoint[(space + 1)..], (int)status.StatusCode) is { } undeclared)
                {
                    failures.Add($"{endpoint} as {subject.Name}: {undeclared}");
                }

                var wanted = expect(subject == OtherRegion ? OtherPartner : subject);
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
        string[] forms = [$"/tenants/{target.Id}/entitlements/{target.Workload}/edit", $"/tenants/{target.Id}/bulk", $"/tenants/{target.Id}?handler=Note", "/tenants?handler=SaveView", "/tenants/views?handler=Delete", "/account/logout", "/account/profile?handler=Create", "/account/profile?handler=Password", "/account/login", "/account/forgot", "/account/reset", "/imports",
            $"/tenants/{target.Id}/summaries/request", "/notifications?handler=ReadAll", "/notifications?handler=Read&id=1",
            $"/notes/{target.NoteId}/edit", $"/notes/{target.NoteId}/delete",
            "/?handler=Done", "/?handler=Move", "/worklist/overdue?handler=Done", "/worklist/due-today?handler=Move",
            "/admin/users/invite", "/admin/users/no-such-user", "/admin/users/no-such-user?handler=Disable", "/admin/users/no-such-user?handler=PasswordLink",
            "/admin/partners", "/admin/partners?handler=Rename&id=1", "/admin/partners?handler=Deactivate&id=1", "/admin/partners?handler=Passwords&id=1&on=false", "/tenants?handler=Reassign", "/tenants?handler=Team", "/admin/teams", "/admin/teams?handler=Change&id=1", "/admin/teams?handler=Remove&id=1",
            "/admin/service-accounts", "/admin/service-accounts?handler=Disable&id=x", "/admin/service-accounts?handler=Secret&id=x",
            "/admin/service-accounts?handler=Key&id=x", "/tenants/new", $"/tenants/{target.Id}/details", $"/tenants/{target.Id}?handler=Entitlements", $"/tenants/{target.Id}?handler=Team",
            "/admin/taxonomy", "/admin/taxonomy?handler=Rename&l2=LegalRegulatory&code=x", "/admin/taxonomy?handler=Retire&l2=LegalRegulatory&code=x&retired=true",
            "/admin/taxonomy?handler=Workload", "/admin/taxonomy?handler=WorkloadRename&code=EXO", "/admin/taxonomy?handler=WorkloadRetire&code=EXO&retired=true"];

        using var admin = server.NewClient(user: HeadwayServer.Admin);
        foreach (var form in forms)
        {
            // Only roles that may import get as far as the import form's token check; a manager is refused before.
            var response = await (form == "/imports" ? admin : client).PostAsync(form, new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.L1"] = "NoIntent", ["TokenName"] = "x", ["Email"] = "a@b.c" }));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{form}: {(int)response.StatusCode}");
        }
    }

    private sealed record Target(long Id, string Workload, JsonElement Entitlement, long SummaryId, long NoteId);

    /// <summary>Creates <see cref="OtherRegion"/>'s user, limited to every region but the target tenant's, once per server.</summary>
    private async Task LimitToAnotherRegionAsync(Target target)
    {
        using var client = server.NewClient();
        var region = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{target.Id}")).GetProperty("region").GetString();
        var elsewhere = Domain.Taxonomy.Geography.Default.Regions.Where(r => r != region).ToList();
        await server.Database.RunAsync(async sp =>
        {
            var manage = sp.GetRequiredService<ManageUsers>();
            if ((await manage.FindAsync(new ManageUsers.Query(OtherRegion.Email))).Value!.Items.Count == 0)
            {
                var added = await manage.AddUserAsync(OtherRegion.Email!, nameof(Role.Manager), null, HeadwayServer.DemoPassword);
                Assert.True(added.Succeeded, added.Refusal?.Code);
                var limited = await manage.UpdateAsync(added.Value!.Id, new ManageUsers.Change(Regions: elsewhere));
                Assert.True(limited.Succeeded, limited.Refusal?.Code);
            }

            return true;
        }, Application.Caller.System);
    }

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
        var noted = await client.PostAsJsonAsync($"/api/v1/tenants/{id}/notes", new { type = "EngagementManagement", text = "Kick-off call held with the customer's IT lead." });
        noted.EnsureSuccessStatusCode();
        var note = (await noted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("note");
        return new Target(id, e.GetProperty("workload").GetString()!, e, summary.GetProperty("id").GetInt64(), note.GetProperty("id").GetInt64());
    }

    private async Task<HttpResponseMessage> CallAsync(string endpoint, Subject subject, Target target)
    {
        var space = endpoint.IndexOf(' ', StringComparison.Ordinal);
        var method = new HttpMethod(endpoint[..space]);
        var route = endpoint[(space + 1)..].TrimStart('/');
        var id = route.StartsWith("api/v1/summaries/", StringComparison.Ordinal) || route.StartsWith("summaries/", StringComparison.Ordinal) ? target.SummaryId
            : route.StartsWith("api/v1/notes/{", StringComparison.Ordinal) || route.StartsWith("notes/", StringComparison.Ordinal) ? target.NoteId
            : route.StartsWith("api/v1/worklist/actions/", StringComparison.Ordinal) || route.StartsWith("api/v1/partners/", StringComparison.Ordinal)
                || route.StartsWith("api/v1/summary-requests/", StringComparison.Ordinal) ? 9_000_000_000
            : target.Id;
        var path = "/" + route
            .Replace("{id:long}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{externalId}", "no-such-source-id", StringComparison.Ordinal)
            .Replace("{workload}", target.Workload, StringComparison.Ordinal)
            .Replace("{lang}", "de", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{documentName?}", "v1", StringComparison.Ordinal)
            .Replace("{tag}", "covid", StringComparison.Ordinal)
            .Replace("{name}", "blockers", StringComparison.Ordinal)
            .Replace("{dataset}", "tenants", StringComparison.Ordinal)
            .Replace("{group}", "overdue", StringComparison.Ordinal)
            .Replace("{subject}", "note", StringComparison.Ordinal)
            .Replace("{status:int?}", "404", StringComparison.Ordinal)
            .Replace("{id}", "no-such-user", StringComparison.Ordinal)
            .Replace("{provider}", "no-such-provider", StringComparison.Ordinal)
            .Replace("{l2}", "LegalRegulatory", StringComparison.Ordinal)
            .Replace("{code}", "no-such-value", StringComparison.Ordinal);
        Assert.DoesNotContain("{", path, StringComparison.Ordinal);
        using var client = server.NewClient(user: subject.Email);
        using var request = new HttpRequestMessage(method, path);
        if (route.StartsWith("api/v1/notes/{", StringComparison.Ordinal))
        {
            // The note as it stands, with its version; a delete names a version it never had.
            using var reader = server.NewClient();
            var timeline = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{target.Id}/notes?pageSize=200");
            var current = timeline.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("id").GetInt64() == target.NoteId);
            if (method == HttpMethod.Put)
            {
                request.Content = new StringContent(current.GetRawText(), System.Text.Encoding.UTF8, "application/json");
            }

            request.Headers.TryAddWithoutValidation("If-Match", method == HttpMethod.Put ? $"\"{current.GetProperty("version").GetInt32()}\"" : "\"999\"");
        }
        else if (route.StartsWith("api/v1/external-tenants/", StringComparison.Ordinal))
        {
            // An id no tenant has: a registration without a name, or an entitlement of no tenant.
            request.Content = route.EndsWith("{workload}", StringComparison.Ordinal) ? null : JsonContent.Create(new { });
        }
        else if (method == HttpMethod.Put)
        {
            // Re-read: earlier subjects may have saved this entitlement (a no-op keeps its version).
            using var reader = server.NewClient();
            var current = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{target.Id}/entitlements/{target.Workload}");
            request.Content = new StringContent(current.GetRawText(), System.Text.Encoding.UTF8, "application/json");
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{current.GetProperty("version").GetInt32()}\"");
        }
        else if (method == HttpMethod.Patch && route == "api/v1/tenants/{id:long}")
        {
            request.Content = JsonContent.Create(new { });
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
        else if (route.StartsWith("api/v1/worklist/actions/", StringComparison.Ordinal))
        {
            // Done takes no body; a move takes its date.
            request.Content = route.EndsWith("/move", StringComparison.Ordinal) ? JsonContent.Create(new { date = "2030-01-01" }) : null;
        }
        else if (route == "api/v1/imports")
        {
            request.Content = new StringContent("not,an,import\n1,2,3\n", System.Text.Encoding.UTF8, "text/csv");
        }
        else if (method == HttpMethod.Post && !route.EndsWith("/revert", StringComparison.Ordinal) && !route.EndsWith("/read", StringComparison.Ordinal)
            && !route.EndsWith("/read-all", StringComparison.Ordinal) && !route.EndsWith("/password-link", StringComparison.Ordinal)
            && !route.EndsWith("/secret", StringComparison.Ordinal) && !route.EndsWith("/keys", StringComparison.Ordinal))
        {
            request.Content = JsonContent.Create(new { reason = "", text = "Customer unresponsive." });
        }
        else if (route.EndsWith("/keys", StringComparison.Ordinal))
        {
            request.Content = JsonContent.Create(new { });
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

using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Headway.Application.Data;
using Headway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Web.Tests;

/// <summary>
/// Random requests against every write endpoint of the API and every form the pages post: random bodies (JSON
/// with the endpoint's own fields and others, any JSON, bytes that are no JSON or no UTF-8 at all), content types,
/// dates, numbers, unicode (NUL, direction overrides, lone surrogates, CJK, text far too long), ids and headers.
/// No answer may be a 5xx, and no refused answer (4xx) may change anything in the database. The run is bounded
/// by a number of requests, not by time; its seed is in every failure message (HEADWAY_FUZZ_SEED repeats a run).
/// </summary>
public sealed class WriteFuzzTests : IAsyncLifetime, IDisposable
{
    private const int RequestsPerEndpoint = 120;
    private readonly int _seed = int.TryParse(Environment.GetEnvironmentVariable("HEADWAY_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s)
        ? s : Random.Shared.Next();

    // A mail server, so that asking for a password-reset link is answered (without one it is 503 by design).
    private SmtpSink _smtp = null!;
    private HeadwayServer _server = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpSink.StartAsync();
        _server = new HeadwayServer { DemoTenants = 12, Settings = DigestMailTests.MailSettings(_smtp) };
        await ((IAsyncLifetime)_server).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_server).DisposeAsync();
        await _smtp.DisposeAsync();
    }

    public void Dispose() => _server?.Dispose();

    /// <summary>One endpoint: its method, path (with {id}, {workload}, {import}, {note}) and the JSON fields it knows.</summary>
    private sealed record Endpoint(string Method, string Path, string[] Fields, string[] Query, string? User = null);

    private static readonly Endpoint[] Api =
    [
        new("PUT", "/api/v1/tenants/{id}/entitlements/{workload}",
            ["l1", "l2", "l3", "note", "targetDate", "engagementStartDate", "projectedUnblockDate", "nextAction", "nextActionDate", "nextActionOwner",
             "businessReason", "engagementScenario", "engagementStartDateReason"], ["lang"]),
        new("PATCH", "/api/v1/tenants/{id}/entitlements", ["targets", "changes", "confirmSameNote", "dryRun", "engagementStartDateReason"], ["lang"]),
        new("POST", "/api/v1/tenants/{id}/duplicate", ["reason"], ["lang"]),
        new("DELETE", "/api/v1/tenants/{id}/duplicate", [], ["lang"]),
        new("POST", "/api/v1/tenants/{id}/notes", ["type", "text", "nextAction", "nextActionDate", "nextActionOwner"], ["lang"]),
        new("POST", "/api/v1/tenants/{id}/summaries",
            ["customerDescription", "engagementStatus", "deploymentProgress", "relationship", "lines", "supportRequests", "risks"], ["lang"]),
        new("POST", "/api/v1/notes/lint", ["text", "l1", "l2", "lang", "uiLang"], ["lang"]),
        new("PUT", "/api/v1/notes/{note}", ["type", "text", "nextAction", "nextActionDate", "nextActionOwner"], ["lang"]),
        new("DELETE", "/api/v1/notes/{note}", [], ["lang"]),
        new("POST", "/api/v1/imports", [], ["fileName", "dryRun", "encoding", "lang"], "gateway@centre.example"),
        new("POST", "/api/v1/imports/{import}/revert", [], ["lang"], "gateway@centre.example"),
        new("POST", "/api/v1/auth/token", ["email", "password"], ["lang"], ""),
        new("POST", "/api/v1/auth/password-reset", ["email", "language"], ["lang"], ""),
        new("POST", "/api/v1/auth/password-reset/confirm", ["email", "token", "newPassword"], ["lang"], ""),
        new("POST", "/api/v1/profile/password", ["currentPassword", "newPassword"], ["lang"]),
        new("POST", "/api/v1/tenants/{id}/summary-requests", ["dueDate", "message"], ["lang"], "regional-manager@centre.example"),
        new("POST", "/api/v1/notifications/{id}/read", [], ["lang"]),
        new("POST", "/api/v1/notifications/read-all", [], ["lang"]),
        new("POST", "/api/v1/worklist/actions/{subject}/{id}/done", [], ["lang"]),
        new("POST", "/api/v1/worklist/actions/{subject}/{id}/move", ["date"], ["lang"]),
        new("POST", "/api/v1/users", ["email", "displayName", "role", "partnerId", "language"], ["lang"], HeadwayServer.Admin),
        new("PATCH", "/api/v1/users/{id}", ["role", "partnerId", "disabled", "displayName", "statusWorkloads"], ["lang"], HeadwayServer.Admin),
        new("POST", "/api/v1/users/{id}/password-link", [], ["lang"], HeadwayServer.Admin),
        new("POST", "/api/v1/partners", ["name"], ["lang"], HeadwayServer.Admin),
        new("PATCH", "/api/v1/partners/{id}", ["name", "active", "passwordSignIn"], ["lang"], HeadwayServer.Admin),
        new("POST", "/api/v1/tenants/assignments", ["tenantIds", "manager"], ["lang"], HeadwayServer.Admin),
        new("POST", "/api/v1/tenants/account-team", ["tenantIds", "member", "remove"], ["lang"], HeadwayServer.Admin),
        new("POST", "/api/v1/sme-teams", ["name", "workloads", "members", "partnerId"], ["lang"], HeadwayServer.Admin),
        new("POST", "/api/v1/webhooks", ["url", "types"], ["lang"], HeadwayServer.Admin),
        new("POST", "/api/v1/service-accounts", ["name", "scopes", "partnerId"], ["lang"], HeadwayServer.Admin),
        new("PATCH", "/api/v1/service-accounts/{id}", ["scopes", "disabled"], ["lang"], HeadwayServer.Admin),
        new("POST", "/api/v1/service-accounts/{id}/secret", [], ["lang"], HeadwayServer.Admin),
        new("POST", "/api/v1/service-accounts/{id}/keys", ["name", "days"], ["lang"], HeadwayServer.Admin),
        new("POST", "/api/v1/auth/oauth/token", ["grant_type", "client_id", "client_secret"], ["lang"], ""),
        new("POST", "/api/v1/tenants", ["name", "brandName", "country", "industry", "seats", "managed", "priority", "enterprise", "partnerId", "manager", "workloads",
            "externalId"], ["lang"], "gateway@centre.example"),
        new("PUT", "/api/v1/external-tenants/{workload}", ["name", "brandName", "country", "industry", "seats", "managed", "priority", "enterprise",
            "partnerId", "manager", "workloads"], ["lang"], "gateway@centre.example"),
        new("PUT", "/api/v1/external-tenants/{workload}/entitlements/{workload}", [], ["lang", "partnerId"], "gateway@centre.example"),
        new("PATCH", "/api/v1/tenants/{id}", ["name", "brandName", "country", "industry", "seats", "managed", "priority", "enterprise"], ["lang"], "gateway@centre.example"),
        new("POST", "/api/v1/tenants/{id}/entitlements", ["workloads"], ["lang"], "gateway@centre.example"),
        new("POST", "/api/v1/taxonomy/l3", ["l2", "code", "name"], ["lang"], HeadwayServer.Admin),
        new("PATCH", "/api/v1/taxonomy/l3/LegalRegulatory/{workload}", ["name", "retired"], ["lang"], HeadwayServer.Admin),
        new("POST", "/api/v1/taxonomy/workloads", ["code", "name"], ["lang"], HeadwayServer.Admin),
        new("PATCH", "/api/v1/taxonomy/workloads/{workload}", ["name", "retired"], ["lang"], HeadwayServer.Admin),
    ];

    [Fact]
    public async Task ApiWrites_RandomRequests_NeverAnswer5xxAndRefusalsChangeNothing()
    {
        var random = new Random(_seed);
        var failures = new List<string>();
        var (tenant, workload, note) = await TargetAsync();
        foreach (var endpoint in Api)
        {
            // Signing in issues a token (a write of its own) before the fingerprint is taken.
            using var client = endpoint.User == "" ? _server.NewClient(user: null) : _server.NewClient(user: endpoint.User ?? HeadwayServer.Manager);
            var before = await FingerprintAsync();
            for (var i = 0; i < RequestsPerEndpoint; i++)
            {
                using var request = NewRequest(random, endpoint, tenant, workload, note);
                var described = $"{request.Method} {request.RequestUri} [{request.Content?.Headers.ContentType}]";
                var response = await client.SendAsync(request);
                var after = await FingerprintAsync();
                var status = (int)response.StatusCode;
                if (status >= 500)
                {
                    failures.Add($"{described}: {status} {Truncate(await response.Content.ReadAsStringAsync())}");
                }
                else if (Contract.Undeclared(endpoint.Method, request.RequestUri!.OriginalString, status, mustBeDescribed: false) is { } undeclared)
                {
                    failures.Add($"{described}: {undeclared}");
                }
                else if (status >= 400 && after != before)
                {
                    failures.Add($"{described}: refused with {status} but changed {before} → {after}");
                }

                before = after;
                if (failures.Count > 10)
                {
                    break;
                }
            }
        }

        Assert.True(failures.Count == 0, $"seed {_seed}:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task PageForms_RandomFields_NeverAnswer5xxAndRefusalsChangeNothing()
    {
        var random = new Random(_seed);
        var failures = new List<string>();
        var (tenant, workload, note) = await TargetAsync();
        using var client = _server.NewClient();
        // Pages answer a refusal with the form again (200) or an error page (4xx); the edit and bulk pages and the work list's
        // actions answer a save with a redirect.
        var pages = new (string Path, string[] Fields)[]
        {
            ($"/tenants/{tenant}/entitlements/{workload}/edit",
                ["Form.L1", "Form.L2", "Form.L3", "Form.Note", "Form.TargetDate", "Form.EngagementStartDate", "Form.ProjectedUnblockDate", "Form.NextAction",
                 "Form.NextActionDate", "Form.NextActionOwner", "Form.BusinessReason", "Form.EngagementScenario", "Form.EngagementStartDateReason", "Form.Version"]),
            ($"/tenants/{tenant}/bulk",
                ["Form.L1", "Form.L2", "Form.Note", "Form.NextActionDate", "Form.EngagementScenario", "Clear", "Targets[0].Workload", "Targets[0].Version",
                 "Targets[1].Workload", "Targets[1].Version", "ConfirmSameNote", "Confirmed", "Reviewed"]),
            ($"/tenants/{tenant}?handler=Note", ["Note.Type", "Note.Text", "Note.NextAction", "Note.NextActionDate", "Note.NextActionOwner"]),
            ($"/notes/{note}/edit", ["Form.Type", "Form.Text", "Form.NextAction", "Form.NextActionDate", "Form.NextActionOwner", "Form.Version"]),
            ($"/notes/{note}/delete", ["Version"]),
            ("/?handler=Done", ["Form.Subject", "Form.Id", "Form.Version"]),
            ("/worklist/overdue?handler=Move", ["Form.Subject", "Form.Id", "Form.Version", "Form.Date"]),
            ($"/tenants/{tenant}/summaries/new",
                ["Form.CustomerDescription", "Form.EngagementStatus", "Form.DeploymentProgress", "Form.Relationship", "Form.Lines[0].Workload",
                 "Form.Lines[0].State", "Form.Lines[0].Include", "Form.SupportRequests", "Form.Risks"]),
            ($"/tenants/{tenant}/summaries/request", ["Form.DueDate", "Form.Message"]),
            ("/notifications?handler=Read", ["id", "p", "unread"]),
            ("/notifications?handler=ReadAll", []),
            ("/account/profile?handler=Password", ["Password.CurrentPassword", "Password.NewPassword", "Password.Repeat"]),
            ("/account/forgot", ["Email"]),
            ("/account/reset", ["Email", "Token", "NewPassword", "Repeat"]),
            ("/tenants/new", ["Form.Name", "Form.BrandName", "Form.Country", "Form.Industry", "Form.Seats", "Form.Managed", "Form.Priority", "Form.Enterprise",
                "Form.PartnerId", "Form.Manager", "Form.Workloads"]),
            ($"/tenants/{tenant}/details", ["Form.Name", "Form.BrandName", "Form.Country", "Form.Industry", "Form.Seats", "Form.Managed", "Form.Priority",
                "Form.Enterprise", "Original.Name", "Original.Country", "Original.Seats", "Original.Priority"]),
            ($"/tenants/{tenant}?handler=Entitlements", ["workload"]),
            ("/admin/taxonomy", ["Form.L2", "Form.Code", "Form.Name"]),
            ("/admin/taxonomy?handler=Workload", ["Workload.Code", "Workload.Name"]),
            ("/admin/taxonomy?handler=WorkloadRename&code=OLM", ["name"]),
            ("/admin/taxonomy?handler=Rename&l2=LegalRegulatory&code=WorksCouncil", ["name"]),
            ("/admin/taxonomy?handler=Retire&l2=LegalRegulatory&code=WorksCouncil", ["retired"]),
            ("/admin/teams", ["Form.Name", "Form.Partner", "Form.Workloads", "Form.Members"]),
            ($"/tenants/{tenant}?handler=Team", ["member", "remove"]),
        };
        // Summary requests are asked by regional managers and leadership.
        using var regional = _server.NewClient(user: "regional-manager@centre.example");
        // Tenants are registered and corrected by gateway managers.
        using var gateway = _server.NewClient(user: "gateway@centre.example");
        using var admin = _server.NewClient(user: HeadwayServer.Admin);
        var before = await FingerprintAsync();
        foreach (var (path, fields) in pages)
        {
            var poster = path.EndsWith("/summaries/request", StringComparison.Ordinal) ? regional
                : path.EndsWith("/tenants/new", StringComparison.Ordinal) || path.EndsWith("/details", StringComparison.Ordinal)
                    || path.Contains("handler=Entitlements", StringComparison.Ordinal) ? gateway
                : path.StartsWith("/admin/", StringComparison.Ordinal) || path.Contains("handler=Team", StringComparison.Ordinal) ? admin : client;
            var token = HeadwayServer.FormToken(await poster.GetStringAsync(path.Split('?')[0]));
            for (var i = 0; i < RequestsPerEndpoint / 2; i++)
            {
                var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
                foreach (var field in fields.Where(_ => random.Next(3) > 0))
                {
                    form.Add(new(field, field.EndsWith("Version", StringComparison.Ordinal) ? Number(random) : field.Contains("Date", StringComparison.Ordinal) ? Date(random) : Text(random)));
                }

                var response = await poster.PostAsync(path, new FormUrlEncodedContent(form));
                var after = await FingerprintAsync();
                var status = (int)response.StatusCode;
                var refused = status >= 400 || (status == 200 && (path.EndsWith("/edit", StringComparison.Ordinal) || path.EndsWith("/bulk", StringComparison.Ordinal)
                    || path.EndsWith("/delete", StringComparison.Ordinal)
                    || path.Contains("handler=Done", StringComparison.Ordinal) || path.Contains("handler=Move", StringComparison.Ordinal)));
                if (status >= 500 || (refused && after != before))
                {
                    failures.Add($"POST {path} {string.Join("&", form.Skip(1).Select(f => f.Key + "=" + Truncate(f.Value)))}: {status}{(after != before ? $", changed {before} → {after}" : "")}");
                }

                before = after;
            }
        }

        Assert.True(failures.Count == 0, $"seed {_seed}:\n" + string.Join("\n", failures.Take(12)));
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private HttpRequestMessage NewRequest(Random random, Endpoint endpoint, long tenant, string workload, long note)
    {
        var id = random.Next(6) switch
        {
            0 => "0",
            1 => "-1",
            2 => "9223372036854775807",
            _ => tenant.ToString(CultureInfo.InvariantCulture),
        };
        var path = endpoint.Path
            .Replace("{id}", id, StringComparison.Ordinal)
            .Replace("{workload}", random.Next(5) == 0 ? Uri.EscapeDataString(Printable(Text(random))) : workload, StringComparison.Ordinal)
            .Replace("{import}", random.Next(3) == 0 ? "1" : Number(random), StringComparison.Ordinal)
            .Replace("{note}", id == tenant.ToString(CultureInfo.InvariantCulture) ? note.ToString(CultureInfo.InvariantCulture) : id, StringComparison.Ordinal)
            .Replace("{subject}", new[] { "entitlement", "note", "summary-request", Uri.EscapeDataString(Printable(Text(random))) }[random.Next(4)], StringComparison.Ordinal);
        var query = string.Join("&", endpoint.Query.Where(_ => random.Next(2) == 0)
            .Select(q => q + "=" + Uri.EscapeDataString(q switch
            {
                "dryRun" => random.Next(4) == 0 ? Text(random) : random.Next(2) == 0 ? "true" : "false",
                "lang" => new[] { "de", "ja", "zh-Hans", "xx", "" }[random.Next(5)],
                _ => Printable(Text(random)),
            })));
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path + (query.Length > 0 ? "?" + query : ""));
        var body = endpoint.Path == "/api/v1/imports" ? ImportBody(random) : Body(random, endpoint.Fields);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            var type = ContentType(random, endpoint);
            if (type is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        if (random.Next(3) > 0)
        {
            // Headers carry ASCII only (a client cannot send anything else).
            var ifMatch = random.Next(4) switch { 0 => "\"1\"", 1 => "W/\"2\"", 2 => Number(random), _ => "\"" + new string('9', random.Next(1, 30)) + "\"" };
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    private static string? ContentType(Random random, Endpoint endpoint)
    {
        string[] types = ["application/json", "application/json; charset=utf-8", "text/plain", "text/csv", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream", "application/xml",
            "application/json; charset=utf-16", "garbage/;;=", ""];
        // Mostly the type the endpoint takes, so requests get past the door and reach the use cases.
        if (random.Next(3) > 0)
        {
            return endpoint.Path == "/api/v1/imports" ? new[] { "text/csv", "application/octet-stream", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }[random.Next(3)]
                : endpoint.Fields.Length > 0 ? "application/json" : null;
        }

        var pick = random.Next(types.Length + 1);
        return pick == types.Length ? null : types[pick];
    }

    private static byte[]? Body(Random random, string[] fields)
    {
        switch (random.Next(10))
        {
            case 0:
                return null;
            case 1:
                var bytes = new byte[random.Next(0, 300)];
                random.NextBytes(bytes);
                return bytes;
            case 2:
                return Encoding.UTF8.GetBytes(Json(random, 3));
            default:
                var sb = new StringBuilder("{");
                var names = fields.Where(_ => random.Next(3) > 0).ToList();
                if (random.Next(4) == 0)
                {
                    names.Add(Text(random));
                }

                for (var i = 0; i < names.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ",").Append(JsonString(names[i])).Append(':').Append(FieldValue(random, names[i]));
                }

                return Encoding.UTF8.GetBytes(sb.Append(random.Next(20) == 0 ? "" : "}").ToString());
        }
    }

    /// <summary>A value for a known field: mostly of its kind, sometimes anything at all.</summary>
    private static string FieldValue(Random random, string field)
    {
        if (random.Next(5) == 0)
        {
            return Json(random, 2);
        }

        return field switch
        {
            "l1" => JsonString(new[] { "InProgress", "Blocked", "NoIntent", "StatusUnknown", "DuplicateInvalid", "inprogress", Text(random) }[random.Next(7)]),
            "l2" => JsonString(new[] { "Migration", "LegalRegulatory", "CustomerUnresponsive", "UsingCompetitiveSolution", "", Text(random) }[random.Next(6)]),
            "engagementScenario" => JsonString(new[] { "CustomerLed", "PartnerLed", "CentreLed", "1", Text(random) }[random.Next(5)]),
            "type" => JsonString(new[] { "EngagementManagement", "TechnicalEnablement", "Lifecycle", Text(random) }[random.Next(4)]),
            "engagementStatus" or "deploymentProgress" => JsonString(new[] { "Reactive", "FullyEngaged", "NotDeployed", "PartiallyDeployed", Text(random) }[random.Next(5)]),
            "targets" => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(4) == 0 ? Json(random, 1)
                : $"{{\"workload\":{JsonString(new[] { "EXO", "SPO", "TEAMS", "OPP", Text(random) }[random.Next(5)])},\"version\":{Number(random)}}}")) + "]",
            "changes" => "{" + string.Join(",", new[] { "l1", "l2", "note", "nextActionDate", "nextActionOwner", "engagementScenario", "targetDate" }
                .Where(_ => random.Next(2) == 0).Select(f => JsonString(f) + ":" + (random.Next(4) == 0 ? "null" : FieldValue(random, f)))) + "}",
            "lines" => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(4) == 0 ? Json(random, 1)
                : $"{{\"workload\":{JsonString(new[] { "EXO", "CORE", "SPO", Text(random) }[random.Next(4)])},\"state\":{JsonString(Text(random))},\"nextAction\":{JsonString(Text(random))}}}")) + "]",
            "confirmSameNote" or "dryRun" => random.Next(2) == 0 ? "true" : "false",
            _ when field.Contains("Date", StringComparison.Ordinal) => JsonString(Date(random)),
            _ => JsonString(Text(random)),
        };
    }

    private static byte[] ImportBody(Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                var bytes = new byte[random.Next(0, 2000)];
                random.NextBytes(bytes);
                if (random.Next(2) == 0 && bytes.Length > 4)
                {
                    "PK\u0003\u0004"u8.CopyTo(bytes);
                }

                return bytes;
            case 1:
                return Zip(random);
            default:
                var sb = new StringBuilder(random.Next(2) == 0 ? "tenant,country,workload,l1,l2,note,targetDate\n" : Text(random) + "," + Text(random) + "\n");
                for (var r = 0; r < random.Next(0, 6); r++)
                {
                    sb.Append(Csv(Text(random))).Append(',').Append(new[] { "GB", "DE", "JP", "XX", "" }[random.Next(5)]).Append(',')
                        .Append(new[] { "EXO", "SPO", "CORE", Text(random) }[random.Next(4)]).Append(',')
                        .Append(new[] { "Blocked", "InProgress", "" }[random.Next(3)]).Append(',').Append(new[] { "LegalRegulatory", "Migration", "" }[random.Next(3)])
                        .Append(',').Append(Csv(Text(random))).Append(',').Append(Date(random)).Append('\n');
                }

                var encoding = random.Next(4) switch
                {
                    0 => Encoding.Unicode,
                    1 => (Encoding)Encoding.Latin1,
                    _ => new UTF8Encoding(random.Next(2) == 0),
                };
                return encoding.GetPreamble().Concat(encoding.GetBytes(Printable(sb.ToString()))).ToArray();
        }
    }

    /// <summary>Text a URL can carry: lone surrogates have no UTF-8 form, so they are dropped.</summary>
    private static string Printable(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(value, i++, 2);
            }
            else if (!char.IsSurrogate(value[i]))
            {
                sb.Append(value[i]);
            }
        }

        return sb.ToString();
    }

    private static string Csv(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A zip file with random entries, sometimes named like a workbook's parts.</summary>
    private static byte[] Zip(Random random)
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            string[] names = ["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/_rels/workbook.xml.rels", "other.txt"];
            foreach (var name in names.Where(_ => random.Next(2) == 0))
            {
                using var entry = new StreamWriter(zip.CreateEntry(name).Open());
                entry.Write(Printable(random.Next(2) == 0 ? "<?xml version=\"1.0\"?><" + Text(random) : Text(random)));
            }
        }

        return stream.ToArray();
    }

    private static readonly string[] Pieces =
    [
        "", " ", "Customer is blocked by the firewall.", "防火墙", "ファイアウォール", "Größe", "\u0000", "\u202e", "\u2066", "\ud800", "\udfff", "\U0001F600",
        "\u0007", "\t", "\r\n", "'", "\"", "\\", "=HYPERLINK(\"x\")", "<script>alert(1)</script>", "#covid", "null", "-1", "2026-02-30", "١٢٣",
        "\uFFFF", "\u00A0", "%00", "../../etc/passwd", "Robert'); DROP TABLE Tenants;--",
    ];

    private static string Text(Random random)
    {
        if (random.Next(25) == 0)
        {
            return new string('x', random.Next(1000, 9000));
        }

        var sb = new StringBuilder();
        for (var i = random.Next(0, 5); i > 0; i--)
        {
            sb.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return sb.ToString();
    }

    private static string Date(Random random) => random.Next(8) switch
    {
        0 => "0001-01-01",
        1 => "9999-12-31",
        2 => "2026-02-30",
        3 => "31.12.2026",
        4 => Text(random),
        _ => new DateOnly(2020, 1, 1).AddDays(random.Next(0, 4000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static string Number(Random random) => random.Next(6) switch
    {
        0 => "0",
        1 => "-1",
        2 => "2147483648",
        3 => "1e309",
        4 => "1.5",
        _ => random.Next(1, 5).ToString(CultureInfo.InvariantCulture),
    };

    private static string Json(Random random, int depth) => random.Next(depth <= 0 ? 5 : 7) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => Number(random),
        3 or 4 => JsonString(Text(random)),
        5 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => Json(random, depth - 1))) + "]",
        _ => "{" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => JsonString(Text(random)) + ":" + Json(random, depth - 1))) + "}",
    };

    /// <summary>A JSON string literal; control characters and lone surrogates as \u escapes, which a parser turns back into them.</summary>
    private static string JsonString(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c < ' ' || char.IsSurrogate(c) || c is >= '\u007f' and <= '\u009f')
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('"').ToString();
    }

    private async Task<(long Tenant, string Workload, long Note)> TargetAsync()
    {
        using var client = _server.NewClient();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=50");
        var id = list.GetProperty("items").EnumerateArray()
            .First(t => t.GetProperty("manager").GetString() == HeadwayServer.Manager && !t.GetProperty("duplicate").GetBoolean())
            .GetProperty("id").GetInt64();
        var tenant = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}");
        // A note of the manager's, for its correction and deletion.
        var noted = await client.PostAsJsonAsync($"/api/v1/tenants/{id}/notes", new { type = "ServiceIntent", text = "Workshop held with the customer's IT lead." });
        var note = (await noted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("note").GetProperty("id").GetInt64();
        return (id, tenant.GetProperty("entitlements")[0].GetProperty("workload").GetString()!, note);
    }

    /// <summary>
    /// Everything a write could change: rows of every table a request writes and every entitlement's version. Sign-in
    /// failure counters are left out: counting a failed sign-in is the point of a refused one.
    /// </summary>
    private Task<string> FingerprintAsync() => _server.Database.RunAsync(async sp =>
    {
        var db = sp.GetRequiredService<HeadwayDbContext>();
        return string.Join("/",
            await db.Tenants.CountAsync(), await db.Tenants.CountAsync(t => t.IsDuplicate), await db.Entitlements.SumAsync(e => (long)e.Version),
            await db.Entitlements.CountAsync(), await db.StatusChanges.CountAsync(), await db.OverallNotes.CountAsync(), await db.OverallNoteRevisions.CountAsync(),
            await db.ExecutiveSummaries.CountAsync(),
            await db.ImportBatches.CountAsync(), await db.ImportBatches.CountAsync(b => b.RevertedAt != null),
            await db.OverallNotes.CountAsync(n => n.NextActionDoneAt != null),
            // A stale edit is refused (412) and, by design, leaves its author a notice to redo it: notices are not counted.
            await db.AuditEntries.CountAsync(a => a.Entity != nameof(SignInThrottle) && a.Entity != nameof(Headway.Application.Users.HeadwayUser)
                && a.Entity != nameof(Headway.Application.Notifications.Notification)),
            await db.ApiTokens.CountAsync());
    });
}

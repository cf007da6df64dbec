using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Headway.Web.Infrastructure;

/// <summary>
/// What the OpenAPI document says of every operation, so that it describes the API as it behaves: how to authenticate
/// (a bearer token; the sign-in operations need none), that a call without one is 401 and a caller past its budget 429,
/// both as problems, where the API is served, and what each tag holds.
/// </summary>
public static class OpenApiConventions
{
    public const string Scheme = "bearer";

    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Auth"] = "Signing in for a token: a user's email and password, or a service account's client credentials; password resets.",
        ["Profile"] = "The caller's own profile: language, digest, password.",
        ["Taxonomy"] = "The L1/L2/L3 status taxonomy and the workload catalogue; administrators of the programme centre add and retire values.",
        ["Tenants"] = "Customer tenants and their entitlements: the list with its filters, registration, details, statuses, history.",
        ["Notes"] = "Overall status notes on a tenant's timeline, and the note coach's check of any note.",
        ["Summaries"] = "Executive summaries, and the requests for them that regional managers and leadership make.",
        ["Search"] = "One search over tenants, notes and summaries in the caller's scope.",
        ["Reports"] = "The programme's aggregate reports and the rows behind each figure.",
        ["Dashboard"] = "The scope's status mix, blockers and hygiene, as regional managers and leadership land on it.",
        ["Audit"] = "Every write to the database: who, when, which row, each field before and after (administrators).",
        ["Imports"] = "Tenants and entitlements from a CSV or Excel file, with a dry run, and the revert of an import.",
        ["Export"] = "Whole datasets as CSV or Excel.",
        ["Changes"] = "The change feed: every change in the caller's scope since a cursor, for integrations that keep a copy.",
        ["Saved views"] = "Named filters of the tenant list, the caller's own or shared within its scope.",
        ["Notifications"] = "The caller's notifications and their read state.",
        ["Work list"] = "What needs the caller today, and marking next actions done or moving them.",
        ["Users"] = "Users, their roles, scopes and invitations (administrators).",
        ["Service accounts"] = "Accounts for integrations, their secrets and keys (administrators).",
        ["Partners"] = "The programme's partners (administrators of the programme centre).",
        ["SME teams"] = "Teams of subject-matter experts per workload.",
        ["Webhooks"] = "URLs subscribed to the change feed's events, signed deliveries with retries, and what became of each.",
    };

    public static OpenApiOptions AddHeadwayConventions(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers = [new OpenApiServer { Url = "/", Description = "The portal that serves this document." }];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A token from POST /api/v1/auth/token (a user) or POST /api/v1/auth/oauth/token (a service account's client " +
                    "credentials), sent as Authorization: Bearer <token>.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] }];
            foreach (var tag in (IEnumerable<OpenApiTag>?)document.Tags ?? [])
            {
                if (tag.Name is { } name && Tags.TryGetValue(name, out var description))
                {
                    tag.Description = description;
                }
            }

            if (document.Components.Schemas?.TryGetValue("ProblemDetails", out var problem) == true && problem is OpenApiSchema schema)
            {
                // What every refusal carries besides RFC 9457's members.
                schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                schema.Properties["code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "The refusal's stable code (for example TenantNotFound, VersionMismatch); title and detail are in the caller's language.",
                };
                schema.Properties["field"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String | JsonSchemaType.Null,
                    Description = "The request's field the refusal is about, when it is about one.",
                };
                schema.Properties["traceId"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String | JsonSchemaType.Null,
                    Description = "The request's trace id, to find it in the server's logs.",
                };
                schema.Properties["currentVersion"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer | JsonSchemaType.Null,
                    Format = "int32",
                    Description = "On 412 (a stale If-Match): the version the resource has now.",
                };
            }

            return Task.CompletedTask;
        });
        // A request body's fields may each be left out: the API answers a missing one with its own localized problem (or,
        // in a change, keeps or clears the field as the operation says), never with a schema error.
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type.Name.EndsWith("Body", StringComparison.Ordinal))
            {
                schema.Required?.Clear();
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            operation.Responses ??= [];
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                // Signing in needs no token.
                operation.Security = [];
            }
            else
            {
                operation.Responses.TryAdd("401", Problem(context, "No token, or one that expired or was revoked (WWW-Authenticate: Bearer)."));
                operation.Responses.TryAdd("429", Problem(context, "Past the caller's request budget; Retry-After says when to try again."));
            }

            if (context.Description.HttpMethod is { } method && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
            {
                // The request guard refuses a body of another type, and any body where the operation takes none.
                operation.Responses.TryAdd("415", Problem(context, "The body is not of the type the operation takes (or the operation takes no body)."));
            }

            if (operation.OperationId is { } id && Examples.TryGetValue(id, out var example)
                && operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true)
            {
                json.Example = JsonNode.Parse(example);
            }

            foreach (var parameter in (IEnumerable<IOpenApiParameter>?)operation.Parameters ?? [])
            {
                if (parameter is OpenApiParameter { Description: null or "" } plain && plain.Name is { } name)
                {
                    plain.Description = Describe(name, context.Description.RelativePath ?? "");
                }
            }

            return Task.CompletedTask;
        });
        return options;
    }

    /// <summary>A request body of each main operation, as a partner's integration would send it.</summary>
    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["IssueToken"] = """{ "email": "integration@partner.example", "password": "…" }""",
        ["PutTenantByExternalId"] = """
            { "name": "Contoso Maschinenbau GmbH", "country": "DE", "industry": "Manufacturing", "seats": 1200, "priority": "High",
              "manager": "manager@partner.example", "workloads": ["EXO", "TEAMS", "SPO"] }
            """,
        ["RegisterTenant"] = """
            { "name": "Contoso Maschinenbau GmbH", "country": "DE", "seats": 1200, "manager": "manager@partner.example",
              "workloads": ["EXO", "TEAMS"], "externalId": "lic-4711" }
            """,
        ["ChangeEntitlement"] = """
            { "l1": "InProgress", "l2": "Migration", "note": "Mailboxes of the first 300 users moved; the rest follow by the end of May.",
              "targetDate": "2027-05-31", "nextAction": "Move the second wave", "nextActionDate": "2027-04-15", "nextActionOwner": "manager@partner.example" }
            """,
        ["ChangeEntitlements"] = """
            { "targets": [ { "workload": "EXO", "version": 4 }, { "workload": "SPO", "version": 2 } ],
              "changes": { "nextAction": "Workshop with the customer's IT", "nextActionDate": "2027-03-02" }, "dryRun": true }
            """,
        ["AddTenantNote"] = """
            { "type": "EngagementManagement", "text": "Kick-off held with the CIO; a Teams pilot for 40 users is agreed for May. #pilot",
              "nextAction": "Send the pilot plan", "nextActionDate": "2027-03-10" }
            """,
        ["WriteSummary"] = """
            { "customerDescription": "Machine builder with 1,200 seats in Bavaria.", "engagementStatus": "Reactive", "deploymentProgress": "NotDeployed" }
            """,
        ["RequestSummary"] = """{ "dueDate": "2027-03-15", "message": "For the quarterly review with the partner." }""",
        ["CreateWebhook"] = """{ "url": "https://crm.partner.example/hooks/headway", "types": ["entitlement.changed", "tenant.created"] }""",
    };

    /// <summary>What the parameters the handlers take by name mean, so that no parameter of the document goes undescribed.</summary>
    private static readonly Dictionary<string, string> Parameters = new(StringComparer.Ordinal)
    {
        ["page"] = "The page to answer, from 1 (default 1).",
        ["pageSize"] = $"How many rows a page holds, 1 to {Application.Paging.MaxPageSize} (default {Application.Paging.DefaultPageSize}).",
        ["workload"] = "A workload's code in the catalogue (GET /api/v1/taxonomy lists them), for example EXO.",
        ["externalId"] = "The tenant's id in the system that licenses it: 1 to 100 characters without spaces.",
        ["partnerId"] = "A partner's id. A programme-wide caller names the partner; a partner's own staff always act for their own.",
        ["region"] = "Only this region (a region of the programme's geography, for example EMEA).",
        ["state"] = "Only rows in this state (the values are listed).",
        ["q"] = "Words to look for; every word must occur.",
        ["format"] = "The file's format: csv (the default), or another one the operation names.",
        ["actor"] = "Only writes by this user name.",
        ["tenant"] = "Only writes about this tenant (its id).",
        ["tenantId"] = "Only this tenant's (its id).",
        ["entity"] = "Only writes to rows of this kind (Tenant, Entitlement, OverallNote, ExecutiveSummary, and so on).",
        ["from"] = "From this day on (yyyy-MM-dd, UTC).",
        ["to"] = "Up to and including this day (yyyy-MM-dd, UTC).",
        ["code"] = "The value's code.",
        ["l1"] = "Only this status (an L1 code).",
        ["l2"] = "Only this sub-status (an L2 code).",
        ["hygiene"] = "Only entitlements with this hygiene reason (as the hygiene report names them).",
        ["hashtag"] = "Only notes with this hashtag, with or without #.",
        ["tag"] = "A hashtag, with or without #.",
        ["name"] = "The report (the values are listed).",
        ["subject"] = "Whose next action: an entitlement's or an overall note's.",
        ["requestedByMe"] = "true: only the requests the caller made.",
        ["requestedOfMe"] = "true: only the requests made of the caller.",
        ["fileName"] = "The file's name, which tells CSV from Excel when the content type does not.",
        ["dryRun"] = "true: check every row and answer what would change, saving nothing.",
        ["encoding"] = "A CSV file's encoding, when it should not be detected: UTF-8, UTF-16, UTF-16BE, GB18030 or Shift_JIS.",
        ["confirmSameNote"] = "true: confirms that rows give several workloads of a tenant the same note.",
        ["dataset"] = "What to export: entitlements, tenants, notes or history.",
        ["cursor"] = "Where the last read ended (the cursor of its answer); none to start from the beginning.",
        ["limit"] = "At most this many changes, 1 to 1,000 (default 100).",
        ["asOf"] = "The statuses as they stood at the end of this day (yyyy-MM-dd), instead of today's.",
        ["unread"] = "true: only the unread ones.",
        ["items"] = "How many items of each group to show (the counts are always whole).",
        ["group"] = "The work list's group (the values are listed).",
        ["role"] = "Only users of this role.",
        ["changedBy"] = "Only changes made by this person (their email, any case).",
        ["field"] = "Only changes of this field of the entitlement: " + string.Join(", ", Domain.Entitlements.FieldChange.Fields) + ".",
    };

    /// <summary>Ids by the collection they are in: a path's {id} is the id of what the segment before it names.</summary>
    private static readonly Dictionary<string, string> Ids = new(StringComparer.Ordinal)
    {
        ["tenants"] = "The tenant's id.",
        ["notes"] = "The overall note's id.",
        ["summaries"] = "The executive summary's id.",
        ["webhooks"] = "The webhook's id.",
        ["users"] = "The user's id.",
        ["partners"] = "The partner's id.",
        ["imports"] = "The import's id.",
        ["notifications"] = "The notification's id.",
        ["service-accounts"] = "The service account's id.",
        ["sme-teams"] = "The SME team's id.",
        ["summary-requests"] = "The summary request's id.",
        ["saved-views"] = "The saved view's id.",
        ["{subject}"] = "The id of the entitlement or overall note.",
    };

    private static string? Describe(string name, string path)
    {
        if (name == PageLinks.Parameter && !path.StartsWith("api/v1/changes", StringComparison.Ordinal))
        {
            return PageLinks.Description;
        }

        if (name != "id")
        {
            return Parameters.GetValueOrDefault(name);
        }

        var segments = path.Split('/');
        var at = Array.FindIndex(segments, s => s.StartsWith("{id", StringComparison.Ordinal));
        return at > 0 ? Ids.GetValueOrDefault(segments[at - 1]) : null;
    }

    private static OpenApiResponse Problem(OpenApiOperationTransformerContext context, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
        },
    };
}

/// <summary>
/// The values a query or path parameter takes, listed in the document as an enum, so clients offer them and generated
/// clients type them. The handler still refuses another value with a 400 problem naming the list.
/// </summary>
public static class OpenApiChoices
{
    public static RouteHandlerBuilder WithChoices(this RouteHandlerBuilder builder, string parameter, Func<IServiceProvider, IEnumerable<string>> values) =>
        builder.AddOpenApiOperationTransformer((operation, context, _) => Enumerate(operation, parameter, values(context.ApplicationServices)));

    /// <summary>Lists a parameter's values in an operation (used by transformers that describe more than one thing).</summary>
    public static Task Enumerate(OpenApiOperation operation, string parameter, IEnumerable<string> values)
    {
        if (operation.Parameters?.FirstOrDefault(p => p.Name == parameter) is OpenApiParameter found)
        {
            found.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] };
        }

        return Task.CompletedTask;
    }

    public static RouteHandlerBuilder WithChoices(this RouteHandlerBuilder builder, string parameter, IEnumerable<string> values) =>
        builder.WithChoices(parameter, _ => values);
}

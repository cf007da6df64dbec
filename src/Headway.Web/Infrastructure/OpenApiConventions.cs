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

            return Task.CompletedTask;
        });
        return options;
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

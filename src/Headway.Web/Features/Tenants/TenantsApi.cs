using System.Text.Json.Nodes;
using Headway.Application.Tenants;
using Headway.Web.Features.Entitlements;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Headway.Web.Features.Tenants;

public static class TenantsApi
{
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/tenants").WithTags("Tenants");

        api.MapGet("/", ListTenants)
            .WithName("ListTenants")
            .WithSummary("Tenants in the caller's scope, filtered, sorted and paged on the server: the tenant list of the portal, with the same parameters. " +
                "Several values of one filter are alternatives; different filters all apply; the entitlement filters (l1, l2, workload, grade, hygiene) " +
                "are met by one entitlement of the tenant. An unknown parameter or value is a 400 problem that names it.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                TenantListParameters.Describe(operation, TenantListParameters.Paging());
                return Task.CompletedTask;
            });
        api.MapGet("/export", ExportTenants)
            .WithName("ExportTenantList")
            .WithSummary("Every tenant of the list with the same filters and sort, all pages, as format=csv (default) or xlsx: the columns the list shows, " +
                "the status mix as one column per L1.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                TenantListParameters.Describe(operation, TenantListParameters.Query("format", new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [.. TenantListExport.Formats.Select(f => (JsonNode)JsonValue.Create(f))],
                }, "csv (default) or xlsx."));
                operation.Responses ??= [];
                operation.Responses["200"] = new OpenApiResponse
                {
                    Description = "The file, as an attachment: CSV in UTF-8 with a byte-order mark, or an Excel workbook.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [TenantListExport.CsvType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                        [TenantListExport.XlsxType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                    },
                };
                return Task.CompletedTask;
            });
        api.MapGet("/{id:long}", GetTenant)
            .WithName("GetTenant")
            .WithSummary("One tenant with its entitlements; each entitlement carries the version an update must present. asOf=yyyy-MM-dd shows the statuses as they stood at the end of that day.");
        // A tenant's entitlements are read and changed under its path, by the entitlements feature.
        api.MapEntitlementEndpoints();
        api.MapGet("/{id:long}/history", GetHistory)
            .WithName("GetTenantHistory")
            .WithSummary("Every change of the tenant's entitlements, newest first, with each field before and after.");
        api.MapPost("/{id:long}/duplicate", MarkDuplicate)
            .WithName("MarkTenantDuplicate")
            .WithSummary("Flags the tenant duplicate/invalid: all its entitlements move to DuplicateInvalid.")
            .Accepts<DuplicateBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{id:long}/duplicate", ClearDuplicate)
            .WithName("ClearTenantDuplicate")
            .WithSummary("Clears the duplicate/invalid flag; every entitlement gets back the status it had.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        // Saved views are the tenant list's, so this feature maps them too.
        app.MapSavedViewsApi();
        return app;
    }

    private static async Task<Results<Ok<TenantListDto>, ProblemHttpResult>> ListTenants(HttpRequest request, ListTenants.Handler handler, CancellationToken ct)
    {
        var filter = TenantListParameters.Filter(request.Query, "page", "pageSize");
        var page = TenantListParameters.Number(request.Query, "page", 1);
        var size = TenantListParameters.Number(request.Query, "pageSize", Application.Paging.DefaultPageSize);
        if ((filter.Refusal ?? page.Refusal ?? size.Refusal) is { } refusal)
        {
            return Problems.From(refusal);
        }

        var found = await handler.HandleAsync(new ListTenants.Request(filter.Value, page.Value, size.Value), ct);
        if (!found.Succeeded)
        {
            return Problems.From(found.Refusal);
        }

        var rows = found.Value.Rows;
        return TypedResults.Ok(new TenantListDto(rows.Items.Select(TenantSummaryDto.From).ToArray(), rows.PageNumber, rows.PageSize, rows.Total,
            found.Value.TotalIsAtLeast));
    }

    private static async Task<IResult> ExportTenants(HttpContext http, Application.Exports.ExportData.Handler handler, TimeProvider clock, CancellationToken ct)
    {
        var filter = TenantListParameters.Filter(http.Request.Query, "format");
        if (!filter.Succeeded)
        {
            return Problems.From(filter.Refusal);
        }

        return await TenantListExport.WriteAsync(http, handler, filter.Value, http.Request.Query["format"].ToString(), clock, ct);
    }

    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> GetTenant(long id, DateOnly? asOf, GetTenant.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new GetTenant.Request(id, asOf), ct);
        return result.Succeeded
            ? TypedResults.Ok(TenantDto.From(result.Value.Tenant, result.Value.Entitlements))
            : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<PageDto<HistoryEntryDto>>, ProblemHttpResult>> GetHistory(
        long id, int? page, int? pageSize, GetHistory.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new GetHistory.Request(id, page, pageSize), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var p = result.Value;
        return TypedResults.Ok(new PageDto<HistoryEntryDto>(p.Items.Select(HistoryEntryDto.From).ToArray(), p.PageNumber, p.PageSize, p.Total));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkDuplicate(
        long id, HttpRequest request, MarkDuplicate.Handler handler, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<DuplicateBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await handler.HandleAsync(new MarkDuplicate.Request(id, body!.Reason ?? ""), ct);
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result.Refusal);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ClearDuplicate(long id, ClearDuplicate.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new ClearDuplicate.Request(id), ct);
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result.Refusal);
    }
}

using System.Globalization;
using Headway.Application.Entitlements;
using Headway.Application.Tenants;
using Headway.Domain.Results;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Headway.Web.Features.Tenants;

public static class TenantsApi
{
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/tenants").WithTags("Tenants");

        api.MapGet("/", ListTenants)
            .WithName("ListTenants")
            .WithSummary("Tenants in the caller's scope, searched by name or brand name, sorted and paged on the server.");
        api.MapGet("/{id:long}", GetTenant)
            .WithName("GetTenant")
            .WithSummary("One tenant with its entitlements; each entitlement carries the version an update must present. asOf=yyyy-MM-dd shows the statuses as they stood at the end of that day.");
        api.MapGet("/{id:long}/entitlements/{workload}", GetEntitlement)
            .WithName("GetEntitlement")
            .WithSummary("One entitlement; its version is also sent as the ETag.");
        api.MapPut("/{id:long}/entitlements/{workload}", PutEntitlement)
            .WithName("ChangeEntitlement")
            .WithSummary("Changes status, note and next action. Send the version read in If-Match: 428 without it, 409 when it is stale.")
            .Accepts<EntitlementBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
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
        return app;
    }

    private static async Task<Results<Ok<PageDto<TenantSummaryDto>>, ProblemHttpResult>> ListTenants(
        ListTenants.Handler handler, string? search, int? page, int? pageSize, string? sort, bool? desc, CancellationToken ct)
    {
        var found = await handler.HandleAsync(new ListTenants.Request(search, page, pageSize, sort, desc ?? false), ct);
        if (!found.Succeeded)
        {
            return Problems.From(found.Refusal);
        }

        var result = found.Value;
        return TypedResults.Ok(new PageDto<TenantSummaryDto>(result.Items.Select(TenantSummaryDto.From).ToArray(),
            result.PageNumber, result.PageSize, result.Total));
    }

    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> GetTenant(long id, DateOnly? asOf, GetTenant.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new GetTenant.Request(id, asOf), ct);
        return result.Succeeded
            ? TypedResults.Ok(TenantDto.From(result.Value.Tenant, result.Value.Entitlements))
            : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<EntitlementDto>, ProblemHttpResult>> GetEntitlement(
        long id, string workload, GetTenant.Handler handler, HttpResponse response, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new GetTenant.Request(id), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var entitlement = result.Value.Entitlements.FirstOrDefault(e => string.Equals(e.Workload, workload, StringComparison.OrdinalIgnoreCase));
        if (entitlement is null)
        {
            return Problems.From(Refusal.ForField("workload", RefusalCodes.EntitlementNotFound, workload));
        }

        response.Headers.ETag = ETag(entitlement.Version);
        return TypedResults.Ok(EntitlementDto.From(entitlement));
    }

    private static async Task<Results<Ok<EntitlementDto>, ProblemHttpResult>> PutEntitlement(
        long id, string workload, HttpRequest request, ChangeStatus.Handler handler, CancellationToken ct)
    {
        var (body, bodyRefusal) = await ApiBodies.ReadAsync<EntitlementBody>(request, ct);
        if (bodyRefusal is not null)
        {
            return Problems.From(bodyRefusal);
        }

        var (version, versionRefusal) = ParseIfMatch(request);
        if (versionRefusal is not null)
        {
            return Problems.From(versionRefusal);
        }

        var result = await handler.HandleAsync(new ChangeStatus.Request(id, workload, version, body!.ToUpdate(), body.EngagementStartDateReason), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        request.HttpContext.Response.Headers.ETag = ETag(result.Value.Version);
        return TypedResults.Ok(EntitlementDto.From(result.Value));
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

    /// <summary>The version in If-Match: <c>"3"</c>, <c>W/"3"</c> or <c>3</c>.</summary>
    internal static (int? Version, Refusal? Refusal) ParseIfMatch(HttpRequest request)
    {
        var raw = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(raw))
        {
            return (null, Refusal.Of(RefusalCodes.VersionRequired));
        }

        var value = raw.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        value = value.Trim('"');
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (version, null)
            : (null, Refusal.ForField("If-Match", RefusalCodes.MalformedRequest, "If-Match"));
    }

    internal static string ETag(int version) => new EntityTagHeaderValue($"\"{version.ToString(CultureInfo.InvariantCulture)}\"").ToString();
}

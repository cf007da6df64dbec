using Headway.Application.Tenants;
using Headway.Web.Features.Entitlements;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

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

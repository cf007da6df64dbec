using Headway.Application.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Tenants;

/// <summary>Tenants reassigned to an onboarding manager, one or many at once (the tenant list's "Reassign").</summary>
public static class AssignmentsApi
{
    /// <summary>The tenants and the manager's email; a tenant goes only to a manager of its own partner.</summary>
    public sealed record AssignmentBody(IReadOnlyList<long>? TenantIds, string? Manager);

    public sealed record AssignedDto(string Manager, IReadOnlyList<long> TenantIds);

    public static IEndpointRouteBuilder MapAssignmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/tenants/assignments", AssignAsync)
            .WithName("AssignTenants")
            .WithTags("Tenants")
            .WithSummary($"Assigns up to {AssignTenant.MaxTenants} tenants to an onboarding manager, all or none. Administrators only (a partner's: " +
                "its own tenants). Another partner's tenant is 404; a manager of another partner than a tenant's is refused " +
                "(ManagerOfAnotherPartner). The new manager is notified of each tenant; the audit trail records who reassigned it.")
            .Accepts<AssignmentBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<AssignedDto>, ProblemHttpResult>> AssignAsync(HttpRequest request, AssignTenant.Handler handler, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<AssignmentBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await handler.HandleAsync(new AssignTenant.BulkRequest(body!.TenantIds ?? [], body.Manager), ct);
        return result.Succeeded
            ? TypedResults.Ok(new AssignedDto(result.Value[0].ManagerName!, result.Value.Select(t => t.Id).ToList()))
            : Problems.From(result.Refusal);
    }
}

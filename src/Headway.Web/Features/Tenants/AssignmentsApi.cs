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

    /// <summary>The tenants, the person's email, and whether they leave the teams (true) or join them (false or absent).</summary>
    public sealed record AccountTeamBody(IReadOnlyList<long>? TenantIds, string? Member, bool? Remove);

    /// <summary>Each tenant's account team after the change (the onboarding manager aside).</summary>
    public sealed record AccountTeamDto(long TenantId, IReadOnlyList<string> AccountTeam);

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
        app.MapPost("/api/v1/tenants/account-team", ChangeTeamAsync)
            .WithName("ChangeAccountTeams")
            .WithTags("Tenants")
            .WithSummary($"Puts an engineer, architect or gateway manager on the account team of up to {AssignTenant.MaxTenants} tenants, or takes them " +
                "off (remove: true), all or none. Administrators only (a partner's: its own tenants and people). A member comes from the tenant's " +
                "own partner (TeamMemberOfAnotherPartner) and must be an enabled engineer, architect or gateway manager (NotATeamMember); a team " +
                $"holds at most {Domain.Tenants.Tenant.MaxAccountTeam} people besides the onboarding manager (AccountTeamFull). A new member is notified; " +
                "the tenant's history and the audit trail record who changed the team.")
            .Accepts<AccountTeamBody>("application/json")
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

    private static async Task<Results<Ok<IReadOnlyList<AccountTeamDto>>, ProblemHttpResult>> ChangeTeamAsync(HttpRequest request, ChangeAccountTeam.Handler handler,
        CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<AccountTeamBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await handler.HandleAsync(new ChangeAccountTeam.Request(body!.TenantIds ?? [], body.Member, body.Remove ?? false), ct);
        return result.Succeeded
            ? TypedResults.Ok<IReadOnlyList<AccountTeamDto>>(result.Value.Select(t => new AccountTeamDto(t.Id, t.AccountTeam)).ToList())
            : Problems.From(result.Refusal);
    }
}

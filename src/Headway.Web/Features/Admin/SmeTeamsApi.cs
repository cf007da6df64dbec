using Headway.Application.Users;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Admin;

/// <summary>
/// SME teams (<see cref="ManageSmeTeams"/>, the use case of the SME teams page): engineers and architects who keep the status
/// notes of some workloads on the tenants of their account teams. Administrators only; a partner's, the partner's own.
/// </summary>
public static class SmeTeamsApi
{
    /// <summary>A team: <c>partnerId</c> null for the programme centre; <c>members</c> are user emails.</summary>
    public sealed record SmeTeamDto(long Id, string Name, long? PartnerId, string? Partner, IReadOnlyList<string> Workloads, IReadOnlyList<string> Members)
    {
        public static SmeTeamDto From(ManageSmeTeams.Row r) => new(r.Id, r.Name, r.PartnerId, r.Partner, r.Workloads, r.Members);
    }

    /// <summary>
    /// A new team, or what changes (a field left out stays as it is). <c>partnerId</c> counts for a new team only: left out,
    /// the caller's own partner (the centre for the centre's administrators).
    /// </summary>
    public sealed record SmeTeamBody(string? Name, IReadOnlyList<string>? Workloads, IReadOnlyList<string>? Members, long? PartnerId = null);

    public static IEndpointRouteBuilder MapSmeTeamsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/sme-teams").WithTags("Users");
        api.MapGet("/", ListAsync)
            .WithName("ListSmeTeams")
            .WithSummary("The SME teams in the caller's scope, by name. Administrators only.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RejectUnknownQuery();
        api.MapPost("/", AddAsync)
            .WithName("AddSmeTeam")
            .WithSummary($"Adds an SME team: a name unique within its partner (at most {ManageSmeTeams.MaxNameLength} characters), the workloads whose " +
                "status notes its members write, and its members, enabled engineers and architects of the team's partner (NotAnExpert). 201 with its Location.")
            .Accepts<SmeTeamBody>("application/json")
            .Produces<SmeTeamDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPatch("/{id:long}", ChangeAsync)
            .WithName("ChangeSmeTeam")
            .WithSummary("Renames a team or replaces its workloads or members; the members' sessions pick up what they now write.")
            .Accepts<SmeTeamBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{id:long}", RemoveAsync)
            .WithName("RemoveSmeTeam")
            .WithSummary("Removes a team: its members no longer write its workloads' status notes (unless marked on their own user).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<List<SmeTeamDto>>, ProblemHttpResult>> ListAsync(ManageSmeTeams manage, CancellationToken ct)
    {
        var result = await manage.ListAsync(ct);
        return result.Succeeded ? TypedResults.Ok(result.Value.Select(SmeTeamDto.From).ToList()) : Problems.From(result.Refusal);
    }

    private static async Task<Results<Created<SmeTeamDto>, ProblemHttpResult>> AddAsync(HttpRequest request, ManageSmeTeams manage, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<SmeTeamBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await manage.AddAsync(new ManageSmeTeams.Input(body!.Name, body.Workloads, body.Members, body.PartnerId), ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/sme-teams/{result.Value.Id}", SmeTeamDto.From(result.Value))
            : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<SmeTeamDto>, ProblemHttpResult>> ChangeAsync(long id, HttpRequest request, ManageSmeTeams manage, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<SmeTeamBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await manage.ChangeAsync(id, new ManageSmeTeams.Input(body!.Name, body.Workloads, body.Members), ct);
        return result.Succeeded ? TypedResults.Ok(SmeTeamDto.From(result.Value)) : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<SmeTeamDto>, ProblemHttpResult>> RemoveAsync(long id, ManageSmeTeams manage, CancellationToken ct)
    {
        var result = await manage.RemoveAsync(id, ct);
        return result.Succeeded ? TypedResults.Ok(SmeTeamDto.From(result.Value)) : Problems.From(result.Refusal);
    }
}

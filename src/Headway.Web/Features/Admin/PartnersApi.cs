using Headway.Application.Users;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Admin;

/// <summary>
/// The partners (<see cref="ManagePartners"/>, the use case of the partners page and <c>headway partners</c>): list, add,
/// rename, deactivate and reactivate. The programme centre's administrators only.
/// </summary>
public static class PartnersApi
{
    public sealed record PartnerDto(long Id, string Name, bool Active, DateTimeOffset? DeactivatedAt, int Users, int Tenants, bool PasswordSignIn)
    {
        public static PartnerDto From(ManagePartners.PartnerRow r) => new(r.Id, r.Name, r.Active, r.DeactivatedAt, r.Users, r.Tenants, !r.PasswordSignInDisabled);
    }

    public sealed record PartnerBody(string? Name);

    /// <summary>A new name, and/or <c>active</c> false to deactivate (its users can no longer sign in) or true to reactivate.</summary>
    public sealed record PartnerChangeBody(string? Name, bool? Active, bool? PasswordSignIn = null);

    public static IEndpointRouteBuilder MapPartnersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/partners").WithTags("Partners");
        api.MapGet("/", ListAsync)
            .WithName("ListPartners")
            .WithSummary("Every partner by name, with its number of users and tenants and whether it is active. Programme-wide administrators only.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RejectUnknownQuery();
        api.MapGet("/{id:long}", GetAsync)
            .WithName("GetPartner")
            .WithSummary("One partner.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RejectUnknownQuery();
        api.MapPost("/", AddAsync)
            .WithName("AddPartner")
            .WithSummary("Adds a partner with a unique name (at most 200 characters). 201 with its Location.")
            .Accepts<PartnerBody>("application/json")
            .Produces<PartnerDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPatch("/{id:long}", UpdateAsync)
            .WithName("UpdatePartner")
            .WithSummary("Renames a partner, or deactivates it (active=false: its users can no longer sign in or use tokens, their sessions end; " +
                "its data stays) or reactivates it; passwordSignIn=false lets its users sign in only through an identity provider.")
            .Accepts<PartnerChangeBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<List<PartnerDto>>, ProblemHttpResult>> ListAsync(ManagePartners manage, CancellationToken ct)
    {
        var result = await manage.ListAsync(ct);
        return result.Succeeded ? TypedResults.Ok(result.Value.Select(PartnerDto.From).ToList()) : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<PartnerDto>, ProblemHttpResult>> GetAsync(long id, ManagePartners manage, CancellationToken ct)
    {
        var result = await manage.GetAsync(id, ct);
        return result.Succeeded ? TypedResults.Ok(PartnerDto.From(result.Value)) : Problems.From(result.Refusal);
    }

    private static async Task<Results<Created<PartnerDto>, ProblemHttpResult>> AddAsync(HttpRequest request, ManagePartners manage, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<PartnerBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await manage.AddAsync(body!.Name, ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/partners/{result.Value.Id}", PartnerDto.From(result.Value))
            : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<PartnerDto>, ProblemHttpResult>> UpdateAsync(long id, HttpRequest request, ManagePartners manage, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<PartnerChangeBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await manage.UpdateAsync(id, new ManagePartners.Change(body!.Name, body.Active, body.PasswordSignIn), ct);
        return result.Succeeded ? TypedResults.Ok(PartnerDto.From(result.Value)) : Problems.From(result.Refusal);
    }
}

using Headway.Application.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Tenants;

/// <summary>
/// Saved views of the tenant list. A view is the list's query string under a name: open it at its <c>url</c>. Everyone
/// sees their own views and the views others in their scope shared; only the owner changes or deletes one.
/// </summary>
public static class SavedViewsApi
{
    /// <summary>A saved view as the API shows it.</summary>
    public sealed record SavedViewDto(long Id, string Name, string Query, string Url, bool Shared, string Owner, bool Mine, DateTimeOffset CreatedAt)
    {
        public static SavedViewDto From(ListSavedViews.View v) =>
            new(v.Id, v.Name, v.Query, SavedViewsApi.Url(v.Query), v.IsShared, v.Owner, v.IsMine, v.CreatedAt);
    }

    /// <summary>A view to save, or the fields of one to change: its name, the tenant list's query string (without '?'), whether it is shared.</summary>
    public sealed record SavedViewBody(string? Name, string? Query, bool? Shared);

    /// <summary>Where a view opens: the tenant list with its query.</summary>
    public static string Url(string query) => query.Length == 0 ? "/tenants" : "/tenants?" + query;

    public static IEndpointRouteBuilder MapSavedViewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/saved-views").WithTags("Saved views");
        api.MapGet("/", ListAsync)
            .WithName("ListSavedViews")
            .WithSummary("The caller's saved views of the tenant list, then the views others in the caller's scope shared.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/", SaveAsync)
            .WithName("SaveView")
            .WithSummary("Saves a tenant list query under a name of the caller's own (unique per user). The query must be one GET /api/v1/tenants accepts " +
                "(its filters and sort, no page); it is stored in its canonical form.")
            .Accepts<SavedViewBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPut("/{id:long}", ChangeAsync)
            .WithName("ChangeSavedView")
            .WithSummary("Changes a saved view: the fields given (name, query, shared) replace the view's, the others stay. Only its owner may.")
            .Accepts<SavedViewBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{id:long}", DeleteAsync)
            .WithName("DeleteSavedView")
            .WithSummary("Deletes a saved view. Only its owner may.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<SavedViewDto[]>, ProblemHttpResult>> ListAsync(ListSavedViews.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(ct);
        return result.Succeeded ? TypedResults.Ok(result.Value.Select(SavedViewDto.From).ToArray()) : Problems.From(result.Refusal);
    }

    private static async Task<Results<Created<SavedViewDto>, ProblemHttpResult>> SaveAsync(HttpRequest request, SaveView.Handler handler, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<SavedViewBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await handler.HandleAsync(new SaveView.Request(body!.Name, body.Query, body.Shared ?? false), ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/saved-views/{result.Value.Id}", SavedViewDto.From(result.Value))
            : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<SavedViewDto>, ProblemHttpResult>> ChangeAsync(long id, HttpRequest request, ChangeSavedView.Handler handler, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<SavedViewBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await handler.HandleAsync(new ChangeSavedView.Request(id, body!.Name, body.Shared, body.Query), ct);
        return result.Succeeded ? TypedResults.Ok(SavedViewDto.From(result.Value)) : Problems.From(result.Refusal);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, DeleteSavedView.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new DeleteSavedView.Request(id), ct);
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result.Refusal);
    }
}

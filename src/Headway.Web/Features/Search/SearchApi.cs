using Headway.Application.Search;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Search;

public static class SearchApi
{
    public sealed record HitDto(string Kind, long Id, long TenantId, string TenantName, string? Workload, string? L1, string Text, DateTimeOffset At);

    public sealed record SearchDto(PageDto<HitDto> Hits, IReadOnlyList<string> Terms, bool TotalIsAtLeast);

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/search", SearchAsync)
            .WithName("Search")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Tenants, status notes and overall notes containing every word of q, in any language (防火墙, ファイアウォール, Firewall), newest first. Totals are counted up to 1,000.")
            .WithTags("Search")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithNextLinks()
            .RejectUnknownQuery();
        return app;
    }

    private static async Task<Results<Ok<SearchDto>, ProblemHttpResult>> SearchAsync(
        string? q, int? page, int? pageSize, string? cursor, HttpContext http, SearchAll.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new SearchAll.Request(q, PageLinks.Read(cursor, page).Page, pageSize), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var r = result.Value;
        var hits = PageLinks.Dto(http, r.Hits, h => new HitDto(h.Kind.ToString(), h.Id, h.TenantId, h.TenantName, h.Workload, h.L1, h.Text, h.At));
        return TypedResults.Ok(new SearchDto(hits, r.Terms, r.TotalIsAtLeast));
    }
}

using Headway.Application.Summaries;
using Headway.Domain.Tenants;
using Headway.Web.Features.Exports;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Headway.Web.Features.Summaries;

public static class SummariesApi
{
    public sealed record SummaryDto(long Id, long TenantId, string TenantName, string Region, string Author, DateTimeOffset CreatedAt,
        string CustomerDescription, string EngagementStatus, string DeploymentProgress, string? Relationship,
        IReadOnlyList<SummaryLine> Lines, string? SupportRequests, string? Risks);

    public sealed record SummaryBody(string? CustomerDescription, string? EngagementStatus, string? DeploymentProgress, string? Relationship,
        IReadOnlyList<SummaryLine>? Lines, string? SupportRequests, string? Risks);

    public static IEndpointRouteBuilder MapSummariesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/summaries", ListAsync)
            .WithName("ListSummaries")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The latest executive summary of each tenant in the caller's scope, newest first; region=EMEA narrows to one region.")
            .WithTags("Summaries")
            .WithNextLinks()
            .RejectUnknownQuery();
        app.MapGet("/api/v1/summaries/export", ExportAsync)
            .WithName("ExportSummaries")
            .WithSummary("The summaries list as a file, every page: each tenant's latest executive summary in the caller's scope, newest first, " +
                "region=EMEA narrowing to one region; format=csv (default) or xlsx. Every field of each summary, its workload lines in one cell.")
            .WithTags("Summaries")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.Parameters?.FirstOrDefault(p => p.Name == "format") is OpenApiParameter format)
                {
                    format.Schema = TableDownload.FormatSchema();
                    format.Description = "csv (default) or xlsx.";
                }

                TableDownload.DescribeFile(operation);
                return Task.CompletedTask;
            })
            .RejectUnknownQuery();
        app.MapGet("/api/v1/summaries/{id:long}", GetAsync)
            .WithName("GetSummary")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("One executive summary.")
            .WithTags("Summaries")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RejectUnknownQuery();
        app.MapGet("/api/v1/tenants/{id:long}/summaries", TenantAsync)
            .WithName("GetTenantSummaries")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Every executive summary of a tenant, newest first.")
            .WithTags("Summaries")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithNextLinks()
            .RejectUnknownQuery();
        app.MapPost("/api/v1/tenants/{id:long}/summaries", WriteAsync)
            .WithName("WriteSummary")
            .WithSummary("Writes an executive summary: customer description, engagement status (OnHold, Reactive, FullyEngaged), deployment progress (NotDeployed, PartiallyDeployed, FullyDeployed), relationship, key workload lines (code or CORE, state, next action), support requests, risks.")
            .WithTags("Summaries")
            .Accepts<SummaryBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static SummaryDto Dto(ExecutiveSummary s, string tenantName) => new(s.Id, s.TenantId, tenantName, s.Region, s.Author, s.CreatedAt,
        s.CustomerDescription, s.EngagementStatus.ToString(), s.DeploymentProgress.ToString(), s.Relationship, s.Lines, s.SupportRequests, s.Risks);

    private static async Task<IResult> ExportAsync(string? region, string? format, HttpContext http, Application.Exports.ExportData.Handler handler,
        TimeProvider clock, CancellationToken ct) =>
        await TableDownload.WriteAsync(http, () => handler.OpenSummaries(string.IsNullOrWhiteSpace(region) ? null : region.Trim()), format, clock, ct);

    private static async Task<Results<Ok<PageDto<SummaryDto>>, ProblemHttpResult>> ListAsync(
        string? region, int? page, int? pageSize, string? cursor, HttpContext http, ListSummaries.Handler handler, CancellationToken ct)
    {
        var at = PageLinks.Read(cursor, page);
        return Paged(http, await handler.HandleAsync(new ListSummaries.Request(region, null, at.Page, pageSize, at.Mark), ct));
    }

    private static async Task<Results<Ok<PageDto<SummaryDto>>, ProblemHttpResult>> TenantAsync(
        long id, int? page, int? pageSize, string? cursor, HttpContext http, ListSummaries.Handler handler, CancellationToken ct)
    {
        var at = PageLinks.Read(cursor, page);
        return Paged(http, await handler.HandleAsync(new ListSummaries.Request(null, id, at.Page, pageSize, at.Mark), ct));
    }

    private static Results<Ok<PageDto<SummaryDto>>, ProblemHttpResult> Paged(HttpContext http, Domain.Results.Result<Application.Page<ListSummaries.Row>> result) =>
        result.Succeeded ? TypedResults.Ok(PageLinks.Dto(http, result.Value, r => Dto(r.Summary, r.TenantName))) : Problems.From(result.Refusal);

    private static async Task<Results<Ok<SummaryDto>, ProblemHttpResult>> GetAsync(long id, GetSummary.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, ct);
        return result.Succeeded ? TypedResults.Ok(Dto(result.Value.Summary, result.Value.Tenant.Name)) : Problems.From(result.Refusal);
    }

    private static async Task<Results<Created<SummaryDto>, ProblemHttpResult>> WriteAsync(
        long id, HttpRequest request, WriteSummary.Handler handler, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<SummaryBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await handler.HandleAsync(new WriteSummary.Request(id, body!.CustomerDescription, body.EngagementStatus, body.DeploymentProgress,
            body.Relationship, body.Lines ?? [], body.SupportRequests, body.Risks), ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/summaries/{result.Value.Id}", Dto(result.Value, ""))
            : Problems.From(result.Refusal);
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Headway.Application.Dashboard;
using Headway.Application.Reports;
using Headway.Domain.Taxonomy;
using Headway.Web.Features.Summaries;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Headway.Web.Features.Dashboard;

/// <summary>The dashboard of regional managers and leadership as JSON, from the use case its page shows.</summary>
public static class DashboardApi
{
    public sealed record StatusCountDto(string L1, string Name, int Entitlements);

    public sealed record ManagerHygieneDto(string? Manager, int Entitlements, IReadOnlyDictionary<string, int> Counts);

    public sealed record SummaryRequestsDto(int Open, int Overdue, IReadOnlyList<GetDashboard.OverdueRequest> LongestOverdue);

    public sealed record DashboardDto(string? Partner, string? Region, DateOnly Today, IReadOnlyList<StatusCountDto> StatusMix, Trend Blockers,
        int StaleDays, IReadOnlyList<ManagerHygieneDto> Hygiene, SummaryRequestsDto SummaryRequests, IReadOnlyList<SummariesApi.SummaryDto> LatestSummaries);

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/dashboard", GetAsync)
            .WithName("GetDashboard")
            .WithSummary("The caller's scope at a glance (the portal's /dashboard): entitlements per status, blocked entitlements per " +
                "sub-status at the end of each of the last twelve months, each manager's hygiene counts (keyed by the hygiene report's " +
                "reasons), open and overdue executive summary requests with the longest overdue, and the latest executive summaries. " +
                "region narrows everything to one region.")
            .WithTags("Dashboard")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The regions are a closed list: clients can offer them, and an unknown one is refused with the list (400).
                if (operation.Parameters?.FirstOrDefault(p => p.Name == "region") is OpenApiParameter region)
                {
                    region.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Enum = Geography.Default.Regions.Select(r => (JsonNode)JsonValue.Create(r)).ToList(),
                    };
                }

                return Task.CompletedTask;
            })
            .RejectUnknownQuery();
        return app;
    }

    private static async Task<Results<Ok<DashboardDto>, ProblemHttpResult>> GetAsync(string? region, GetDashboard.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new GetDashboard.Request(region), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var d = result.Value;
        var lang = SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name);
        return TypedResults.Ok(new DashboardDto(d.Partner, d.Region, d.Today,
            d.StatusMix.Select(s => new StatusCountDto(s.L1, StatusTaxonomy.Default.FindL1(s.L1)?.Name.Get(lang) ?? s.L1, s.Entitlements)).ToArray(),
            d.Blockers, d.StaleDays,
            d.Hygiene.Select(m => new ManagerHygieneDto(m.Manager, m.Entitlements, m.Counts)).ToArray(),
            new SummaryRequestsDto(d.Requests.Open, d.Requests.Overdue, d.Requests.LongestOverdue),
            d.LatestSummaries.Select(r => SummariesApi.Dto(r.Summary, r.TenantName)).ToArray()));
    }
}

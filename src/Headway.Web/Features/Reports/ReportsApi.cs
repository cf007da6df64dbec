using System.Text.Json.Nodes;
using Headway.Application.Reports;
using Headway.Domain.Taxonomy;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Headway.Web.Features.Reports;

public static class ReportsApi
{
    public sealed record LineDto(IReadOnlyList<string?> Keys, IReadOnlyList<string> Labels, IReadOnlyList<double> Values, string Drill);

    public sealed record ReportDto(string Report, string Title, IReadOnlyList<string> KeyColumns, IReadOnlyList<string> ValueColumns,
        IReadOnlyList<LineDto> Lines, Trend? Trend, DateOnly? AsOf);

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reports/rows", RowsAsync)
            .WithName("ReportRows")
            .WithSummary("The entitlements and notes behind a report's number: the report's filters plus l1, l2, hygiene (a hygiene reason) and hashtag (a tag in the status note). Product analysts get no tenant names.")
            .WithTags("Reports")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithChoices("l1", StatusTaxonomy.Default.L1s.Select(l => l.Code))
            .WithChoices("l2", StatusTaxonomy.Default.L2s.Select(l => l.Code))
            .WithChoices("hygiene", HygieneReport.Filters)
            .WithNextLinks();
        app.MapGet("/api/v1/reports/{name}", ReportAsync)
            .WithName("Report")
            .WithSummary(Summary())
            .WithTags("Reports")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The names are a closed list: clients can offer them and generated clients get an enum. An unknown
                // name still reaches the handler, which refuses it with the list (400, not a 404 from the route).
                if (operation.Parameters?.FirstOrDefault(p => p.Name == "name") is OpenApiParameter name)
                {
                    name.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Enum = ReportCatalogue.All.Select(r => (JsonNode)JsonValue.Create(r.Name)).ToList(),
                    };
                }

                return Task.CompletedTask;
            });
        app.MapGet("/api/v1/reports/filter-values", FilterValuesAsync)
            .WithName("ReportFilterValues")
            .WithSummary("The managers and the hashtags of overall notes (the most used, without #) that a report's manager and tag filters can take in the caller's scope.")
            .WithTags("Reports")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Results<Ok<ReportFilterValues.Values>, ProblemHttpResult>> FilterValuesAsync(ReportFilterValues.Handler handler,
        CancellationToken ct)
    {
        var result = await handler.HandleAsync(ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : Problems.From(result.Refusal);
    }

    /// <summary>The endpoint's summary, naming the reports of the catalogue.</summary>
    private static string Summary()
    {
        var names = ReportCatalogue.All.Select(r => r.Name).ToList();
        return $"A report: {string.Join(", ", names[..^1])} or {names[^1]}. Filters: workload and region (each repeatable), country, partner (id or centre), " +
            "manager, priority, tag, from, to, asOf, staleDays; format=json|csv|xlsx, or svg for the report's bar chart (its largest lines) as an image.";
    }

    private static async Task<Results<Ok<ReportDto>, FileContentHttpResult, ProblemHttpResult>> ReportAsync(
        string name, string? format, HttpRequest request, RunReport.Handler handler, ReportText text, TimeProvider clock, CancellationToken ct)
    {
        var (filter, refusal) = ReportQuery.Parse(request.Query);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        if (format is not (null or "json" or "csv" or "xlsx" or "svg"))
        {
            return Problems.From(Domain.Results.Refusal.ForField("format", Domain.Results.RefusalCodes.UnknownChoice, format, "json, csv, xlsx, svg"));
        }

        var result = await handler.HandleAsync(new RunReport.Request(name, filter!), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var r = result.Value;
        var file = $"{r.Report}-{clock.GetUtcNow():yyyy-MM-dd}";
        return format switch
        {
            "csv" => TypedResults.File(ReportExport.Csv(r, text), "text/csv; charset=utf-8", file + ".csv"),
            "xlsx" => TypedResults.File(ReportExport.Xlsx(r, text), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file + ".xlsx"),
            "svg" => TypedResults.File(ReportChart.Svg(r, text), "image/svg+xml", file + ".svg"),
            _ => TypedResults.Ok(new ReportDto(r.Report, text.Title(r.Report), r.KeyColumns, r.ValueColumns,
                r.Lines.Select(l => new LineDto(l.Keys, r.KeyColumns.Select((c, i) => text.Cell(c, l.Keys[i])).ToArray(), l.Values,
                    "/api/v1/reports/rows?" + ReportQuery.DrillQuery(filter!, l.Drill))).ToArray(), r.Trend, r.AsOf)),
        };
    }

    private static async Task<Results<Ok<PageDto<DrillDown.Row>>, ProblemHttpResult>> RowsAsync(
        string? l1, string? l2, string? hygiene, string? hashtag, int? page, int? pageSize, string? cursor, HttpRequest request, DrillDown.Handler handler,
        CancellationToken ct)
    {
        var (filter, refusal) = ReportQuery.Parse(request.Query);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var at = PageLinks.Read(cursor, page);
        var result = await handler.HandleAsync(new DrillDown.Request(filter!, l1, request.Query.ContainsKey("l2") ? l2 ?? "" : null, hygiene, at.Page, pageSize,
            hashtag, at.Mark), ct);
        return result.Succeeded ? TypedResults.Ok(PageLinks.Dto(request.HttpContext, result.Value, r => r)) : Problems.From(result.Refusal);
    }
}
